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
	tf    []uint32 // per term, the frequencies probed for the candidate being scored
}

var scratchPool = sync.Pool{New: func() any { return new(walkScratch) }}

func getScratch(n int) *walkScratch {
	s := scratchPool.Get().(*walkScratch)
	if need := n * walkWindow; cap(s.tfs) < need {
		s.tfs = make([]uint32, need)
	} else {
		s.tfs = s.tfs[:need]
	}
	if cap(s.tf) < n {
		s.tf = make([]uint32, n)
	}
	s.tf = s.tf[:n]
	return s
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

// rank returns the exact top k for q with the MaxScore strategy. The query's terms are ordered
// by the most each can add (the peak of its postings); once the heap is full, the weakest terms,
// whose bounds together cannot lift a profile to the heap's minimum, stop proposing candidates
// and are only probed (galloping search) for the candidates the others propose. A candidate is
// dropped as soon as its bound falls below the minimum: its known relevance plus what the
// unprobed terms can add, scaled by its own pair evidence (read from the slot's brief, so a
// service firm for a goods lead or a firm without the required certificate costs no probe).
// A surviving candidate's relevance is summed in the query's own term order, so its score is
// bit-for-bit the brute-force one. The caller holds e.mu.
func (e *Engine) rank(q *query, k int) []hit {
	ix := e.ix
	n := len(q.terms)
	s := getScratch(n)
	defer scratchPool.Put(s)
	cur := make([]cursor, n)
	for i := range q.terms {
		cur[i] = cursor{p: ix.posts[q.terms[i].id], term: i, ub: ix.bound(q, i)}
	}
	// Broad terms first (they never propose), then ascending bounds; prefix[i] is what terms
	// order[:i] can add at most, pos[t] is term t's place in order.
	order := make([]int, n)
	broad := 0
	for i := range order {
		order[i] = i
		if q.terms[i].broad {
			broad++
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		ta, tb := &q.terms[order[a]], &q.terms[order[b]]
		if ta.broad != tb.broad {
			return ta.broad
		}
		return cur[order[a]].ub < cur[order[b]].ub
	})
	prefix := make([]float64, n+1)
	pos := make([]int, n)
	for i, t := range order {
		prefix[i+1] = prefix[i] + cur[t].ub
		pos[t] = i
	}
	// The relevance is a float32 sum in query order, the bounds float64 sums in another order:
	// slack covers the rounding of up to n float32 additions (and, with room to spare, of the
	// float64 ones), so a bound below the heap's minimum proves the profile cannot enter.
	slack := 1 + float64(n+2)*0x1p-23
	top := newTopK(k)
	theta, full := 0.0, false
	raise := func() {
		if top.full() {
			full, theta = true, top.min()
		}
	}
	essential := broad // order[essential:] propose candidates; order[:essential] are only probed

	// Seed the heap with the profiles of the most selective strong term, scored exactly, so that
	// the threshold is high from the start and the weak terms stop proposing candidates early.
	f := e.newSlotFilter(q)
	byID := make([]int, n)
	copy(byID, order)
	sort.Slice(byID, func(a, b int) bool { return q.terms[byID[a]].id < q.terms[byID[b]].id })
	seeded := e.seed(q, top, f, byID, s.tf)
	seededAll := seeded
	raise()
	var evaluated []uint32 // slots scored while the heap was not full, for the broad fallback

	norm, normK, brief := ix.norm, q.normK, ix.brief
	tfv := s.tf
	for {
		for full && essential < n && prefix[essential+1]*slack*q.maxBoost < theta {
			essential++
		}
		// The next window holding a posting of a proposing term.
		next := uint32(noSlot)
		for _, t := range order[essential:] {
			if c := &cur[t]; c.i < len(c.p) {
				next = min(next, c.p[c.i]>>8)
			}
		}
		if next == noSlot {
			break
		}
		base := next &^ (walkWindow - 1)
		ess, epoch := essential, s.nextEpoch()
		s.gather(q, cur, order[ess:], base, epoch, norm)
		// Load the candidates' briefs in a loop of their own: the loads are independent, so their
		// cache misses overlap instead of stalling the scoring one by one.
		for w, word := range s.cand {
			for word != 0 {
				o := w*64 + bits.TrailingZeros64(word)
				word &= word - 1
				s.brief[o] = brief[base+uint32(o)]
			}
		}

		for w := range s.cand {
			word := s.cand[w]
			s.cand[w] = 0
			for word != 0 {
				o := uint32(w*64 + bits.TrailingZeros64(word))
				word &= word - 1
				slot := base + o
				if len(seeded) > 0 && seeded[0] <= slot {
					for len(seeded) > 0 && seeded[0] < slot {
						seeded = seeded[1:]
					}
					if len(seeded) > 0 && seeded[0] == slot { // already offered
						continue
					}
				}
				partial := s.part[o]
				if full && (partial+prefix[ess])*slack*q.maxBoost < theta {
					continue
				}
				factor, ok := f.bound(s.brief[o])
				if !ok || full && (partial+prefix[ess])*slack*factor < theta {
					continue
				}
				// Probe the non-proposing terms, strongest first, while the profile can still make it.
				nk := normK[norm[slot]]
				for j := ess - 1; j >= 0; j-- {
					t := order[j]
					tfv[t] = 0
					if c := &cur[t]; c.seek(slot) {
						tfv[t] = c.p[c.i] & maxTF
						partial += q.termScore(t, tfv[t], nk)
					}
					if full && (partial+prefix[j])*slack*factor < theta {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				m := &ix.meta[slot]
				if !f.allowed(slot, m) {
					continue
				}
				ev := f.evidence(m)
				if !full {
					evaluated = append(evaluated, slot)
				}
				var acc float32
				for t := range n {
					tf := tfv[t]
					if pos[t] >= ess {
						tf = 0
						if x := s.tfs[t*walkWindow+int(o)]; x>>8 == epoch {
							tf = x & maxTF
						}
					}
					if tf != 0 {
						acc += q.contribution(t, tf, nk)
					}
				}
				if acc <= 0 {
					continue
				}
				if sc := ev.score(acc); sc > 0 {
					top.offer(hit{slot: slot, score: sc, id: ix.ids[slot]})
					raise()
				}
			}
		}
	}
	out := top.sorted()
	if len(out) < k && broad > 0 {
		out = append(out, e.rankBroad(q, k-len(out), cur, order[:broad], append(evaluated, seededAll...))...)
	}
	return out
}

// gather reads the postings of the proposing terms that fall in the window starting at base:
// it marks the candidates, sums their relevance from these terms and stamps each frequency
// with the window's epoch.
func (s *walkScratch) gather(q *query, cur []cursor, terms []int, base, epoch uint32, norm []uint8) {
	end := base + walkWindow
	normK := q.normK
	for _, t := range terms {
		c := &cur[t]
		p, i := c.p, c.i
		qt := &q.terms[t]
		row := s.tfs[t*walkWindow : (t+1)*walkWindow]
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
				sc = float64(contribution(qt.w, float32(tf), normK[norm[slot]]))
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
}
