package matching

import (
	"math/bits"
	"sort"
	"sync"
)

// walkWindow is how many consecutive slots the walk gathers at once. The postings of the
// proposing terms are read term by term into a table of the window's candidates (Lucene's bulk
// scorers work this way), then the candidates are bounded and scored in slot order. A power of
// two; 4096 slots keep the table in the first cache levels.
const walkWindow = 4096

// seekCost is what one galloping probe costs in postings read straight through: a term whose
// probes in a window cost more than reading its postings there is read into the window table
// for the next window instead (its frequencies are then looked up, not searched).
const seekCost = 8

// walkScratch is the memory one walk reuses from window to window and, through the pool, from
// ranking to ranking.
type walkScratch struct {
	cand  [walkWindow / 64]uint64 // the window's candidates
	part  [walkWindow]float64     // their relevance from the proposing terms
	brief [walkWindow]slotBrief   // their briefs
	// tfs holds, per term and window offset, epoch<<8 | tf; an entry written for an earlier
	// window has an older epoch, so nothing is ever cleared between windows.
	tfs   []uint32
	epoch uint32

	ubNorm, prefixNorm []float64 // see walk
}

var scratchPool = sync.Pool{New: func() any { return new(walkScratch) }}

func getScratch(n int) *walkScratch {
	s := scratchPool.Get().(*walkScratch)
	if need := n * walkWindow; cap(s.tfs) < need {
		s.tfs = make([]uint32, need)
	} else {
		s.tfs = s.tfs[:need]
	}
	s.ubNorm = grow(s.ubNorm, 256*n)
	s.prefixNorm = grow(s.prefixNorm, 256*(n+1))
	return s
}

// grow returns s resized to n, reusing its array when it is large enough; the contents are not
// kept.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// nextEpoch starts a window.
func (s *walkScratch) nextEpoch() uint32 {
	s.epoch++
	if s.epoch >= 1<<24 {
		clear(s.tfs[:cap(s.tfs)])
		s.epoch = 1
	}
	return s.epoch
}

// walk is the state of one ranking by rank.
type walk struct {
	e   *Engine
	ix  *index
	q   *query
	s   *walkScratch
	f   *slotFilter
	top *topK

	cur    []cursor
	ub     []float64 // per term: the most it adds to any profile
	ubNorm []float64 // per encoded length and term: the most it adds to a profile of that length
	groups []termGroup
	broad  int // broad terms: they never propose

	// order lists the terms: the broad ones, the other probed ones by ascending bound, then the
	// proposing ones, order[essential:]. pos[t] is term t's place in order, prefix[i] what the
	// terms order[:i] can add at most, and prefixNorm the same per encoded length (n+1 each).
	order      []int
	pos        []int
	prefix     []float64
	prefixNorm []float64
	essential  int
	propose    []bool  // per term: proposes candidates (order[essential:])
	splitAt    float64 // the heap minimum the split was made for
	slack      float64

	theta float64 // the heap's minimum once it is full
	full  bool

	stamped []bool    // per term: read into the window table rather than probed
	asks    []int     // per term: probes asked for in the current window
	density []float64 // per term: postings expected in a window

	tf        []uint32 // per term: the frequencies probed for the candidate being scored
	seeded    []uint32 // slots the seed scored, ascending, still ahead of the walk
	evaluated []uint32 // slots scored while the heap was not full, for the broad fallback
}

// rank returns the exact top k for q with the MaxScore strategy. Once the heap is full, only
// some terms propose candidates: enough of them that the others together cannot lift a profile
// to the heap's minimum (see split); the others are only probed for the candidates. A candidate
// is dropped as soon as its bound falls below the minimum: its known relevance plus what the
// unprobed terms can add to a profile of its length, scaled by its own pair evidence (read from
// the slot's brief, so a service firm for a goods lead or a firm without the required
// certificate costs no probe). A surviving candidate's relevance is summed in the query's own
// term order, so its score is bit-for-bit the brute-force one. The caller holds e.mu.
func (e *Engine) rank(q *query, k int) []hit {
	n := len(q.terms)
	s := getScratch(n)
	defer scratchPool.Put(s)
	w := &walk{e: e, ix: e.ix, q: q, s: s, top: newTopK(k),
		cur: make([]cursor, n), ub: make([]float64, n), ubNorm: s.ubNorm, prefixNorm: s.prefixNorm,
		order: make([]int, n), pos: make([]int, n), prefix: make([]float64, n+1),
		stamped: make([]bool, n), asks: make([]int, n), density: make([]float64, n), tf: make([]uint32, n)}
	slots := max(1, len(w.ix.ids))
	for t := range q.terms {
		p := w.ix.posts[q.terms[t].id]
		w.ub[t] = w.ix.bound(q, t)
		w.cur[t] = cursor{p: p, term: t}
		w.density[t] = float64(len(p)) * walkWindow / float64(slots)
		if q.terms[t].broad {
			w.broad++
		}
	}
	w.bounds()
	// The relevance is a float32 sum in query order, the bounds float64 sums in another order:
	// slack covers the rounding of up to n float32 additions (and, with room to spare, of the
	// float64 ones and of the evidence factors), so a bound below the heap's minimum proves the
	// profile cannot enter.
	w.slack = 1 + float64(n+2)*0x1p-23
	w.f = e.newSlotFilter(q)
	w.split()

	// Seed the heap with the profiles of the most selective strong term, scored exactly, so that
	// the threshold is high from the start and the weak terms stop proposing candidates early.
	byID := make([]int, n)
	for t := range byID {
		byID[t] = t
	}
	sort.Slice(byID, func(a, b int) bool { return q.terms[byID[a]].id < q.terms[byID[b]].id })
	w.seeded = e.seed(q, w.top, w.f, byID, w.tf)
	seeded := w.seeded
	w.raise()

	for {
		if w.full && w.theta > w.splitAt {
			w.split()
		}
		// The next window holding a posting of a proposing term.
		next := uint32(noSlot)
		for _, t := range w.order[w.essential:] {
			if c := &w.cur[t]; c.i < len(c.p) {
				next = min(next, c.p[c.i]>>8)
			}
		}
		if next == noSlot {
			break
		}
		w.window(next &^ (walkWindow - 1))
	}
	out := w.top.sorted()
	if len(out) < k && w.broad > 0 {
		out = append(out, e.rankBroad(q, k-len(out), w.cur, w.order[:w.broad], append(w.evaluated, seeded...))...)
	}
	return out
}

// raise follows the heap's minimum.
func (w *walk) raise() {
	if w.top.full() {
		w.full, w.theta = true, w.top.min()
	}
}

// window ranks the candidates of the window starting at base.
func (w *walk) window(base uint32) {
	s, ix, q := w.s, w.ix, w.q
	ess, epoch := w.essential, s.nextEpoch()
	for _, t := range w.order[ess:] {
		s.gather(q, &w.cur[t], base, epoch, ix.norm)
	}
	for _, t := range w.order[:ess] {
		if w.stamped[t] {
			s.stamp(&w.cur[t], base, epoch)
		}
	}
	// Load the candidates' briefs in a loop of their own: the loads are independent, so their
	// cache misses overlap instead of stalling the scoring one by one.
	for i, word := range s.cand {
		for word != 0 {
			o := i*64 + bits.TrailingZeros64(word)
			word &= word - 1
			s.brief[o] = ix.brief[base+uint32(o)]
		}
	}
	for i := range s.cand {
		word := s.cand[i]
		s.cand[i] = 0
		for word != 0 {
			o := uint32(i*64 + bits.TrailingZeros64(word))
			word &= word - 1
			w.candidate(base, o, ess, epoch)
		}
	}
	// Read next window's postings of the terms whose probes cost more than reading them.
	for _, t := range w.order[:ess] {
		w.stamped[t] = float64(w.asks[t]*seekCost) > w.density[t]
		w.asks[t] = 0
	}
}

// candidate bounds, and if it can still enter the heap scores, the profile at base+o, proposed
// by the terms order[ess:].
func (w *walk) candidate(base, o uint32, ess int, epoch uint32) {
	s, ix, q := w.s, w.ix, w.q
	slot := base + o
	if len(w.seeded) > 0 && w.seeded[0] <= slot {
		for len(w.seeded) > 0 && w.seeded[0] < slot {
			w.seeded = w.seeded[1:]
		}
		if len(w.seeded) > 0 && w.seeded[0] == slot { // already offered
			return
		}
	}
	partial := s.part[o]
	prefix := w.prefixNorm[int(ix.norm[slot])*len(w.prefix):]
	if w.full && (partial+prefix[ess])*w.slack*q.maxBoost < w.theta {
		return
	}
	factor, ok := w.f.bound(s.brief[o])
	if !ok || w.full && (partial+prefix[ess])*w.slack*factor < w.theta {
		return
	}
	// Probe the non-proposing terms, strongest first, while the profile can still make it.
	nk := q.normK[ix.norm[slot]]
	tf := w.tf
	for j := ess - 1; j >= 0; j-- {
		t := w.order[j]
		w.asks[t]++
		tf[t] = 0
		if w.stamped[t] {
			if x := s.tfs[t*walkWindow+int(o)]; x>>8 == epoch {
				tf[t] = x & maxTF
			}
		} else if c := &w.cur[t]; c.seek(slot) {
			tf[t] = c.p[c.i] & maxTF
		}
		if tf[t] != 0 {
			partial += q.termScore(t, tf[t], nk)
		}
		if w.full && (partial+prefix[j])*w.slack*factor < w.theta {
			return
		}
	}
	m := &ix.meta[slot]
	if !w.f.allowed(slot, m) {
		return
	}
	ev := w.f.evidence(m)
	if !w.full {
		w.evaluated = append(w.evaluated, slot)
	}
	var acc float32
	var cl clusterCredit
	for t, f := range tf {
		if w.pos[t] >= ess {
			f = 0
			if x := s.tfs[t*walkWindow+int(o)]; x>>8 == epoch {
				f = x & maxTF
			}
		}
		tf[t] = f
		if f == 0 {
			continue
		}
		cl.evidence = cl.evidence || q.terms[t].evidence
		if q.terms[t].cluster {
			cl.add(q.terms[t].w)
		} else {
			acc += q.contribution(t, f, nk)
		}
	}
	acc = q.withCluster(acc, cl)
	if q.hasPeer {
		acc *= q.peerFactor(tf)
	}
	if acc <= 0 {
		return
	}
	if sc := ev.score(acc); sc > 0 {
		w.top.offer(hit{slot: slot, score: sc, id: ix.ids[slot]})
		w.raise()
	}
}

// gather reads the postings of a proposing term that fall in the window starting at base: it
// marks the candidates, adds the term's contribution to their relevance and stamps each
// frequency with the window's epoch.
func (s *walkScratch) gather(q *query, c *cursor, base, epoch uint32, norm []uint8) {
	c.seek(base) // a term that proposes again after a split may lag behind
	end := base + walkWindow
	p, i := c.p, c.i
	qt := &q.terms[c.term]
	row := s.tfs[c.term*walkWindow : (c.term+1)*walkWindow]
	stamp := epoch << 8
	for ; i < len(p); i++ {
		x := p[i]
		slot := x >> 8
		if slot >= end {
			break
		}
		o := (slot - base) & (walkWindow - 1)
		tf := x & maxTF
		var sc float64
		if qt.key {
			sc = float64(qt.w)
		} else {
			sc = float64(contribution(qt.w, float32(tf), q.normK[norm[slot]]))
		}
		bit := uint64(1) << (o & 63)
		if w := &s.cand[o>>6]; *w&bit == 0 {
			*w |= bit
			s.part[o] = sc
		} else {
			s.part[o] += sc
		}
		row[o] = stamp | tf
	}
	c.i = i
}

// stamp reads the postings of a probed term that fall in the window starting at base into the
// window table, so its probes there are lookups.
func (s *walkScratch) stamp(c *cursor, base, epoch uint32) {
	c.seek(base)
	end := base + walkWindow
	p, i := c.p, c.i
	row := s.tfs[c.term*walkWindow : (c.term+1)*walkWindow]
	stamp := epoch << 8
	for ; i < len(p); i++ {
		x := p[i]
		if x>>8 >= end {
			break
		}
		row[(x>>8-base)&(walkWindow-1)] = stamp | x&maxTF
	}
	c.i = i
}
