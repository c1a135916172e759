package matching

import (
	"math"
	"sort"

	"duijie/domain"
)

// ErrNothingToMatch is the message key of the validation error returned for a lead with no
// usable text and no codes (empty, or punctuation only).
const ErrNothingToMatch = "no_match_terms"

// SuppliersFor ranks the suppliers for a lead: the best k (clamped to the configured bounds) with
// their scores and explanations. A lead with nothing to match on is a *domain.ValidationError on
// "description".
func (e *Engine) SuppliersFor(l domain.Lead, k int, opts Options) ([]Result, error) {
	k = e.cfg.clampK(k)
	lt := e.analyzeLead(&l, true)
	if lt.empty() {
		return nil, domain.Invalid("description", ErrNothingToMatch)
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	q := e.compile(lt, &l, opts)
	hits := e.rank(q, k)
	out := make([]Result, len(hits))
	for i, h := range hits {
		v := e.ix.view(h.slot)
		out[i] = Result{ID: h.id, Score: h.score, Explanation: e.explain(q, lt, &v)}
	}
	return out, nil
}

// rank returns the exact top k for q. It walks the postings document by document with the
// MaxScore strategy: the query's terms are ordered by the most each can add; once the heap is
// full, the terms whose bounds together cannot lift a profile to the heap's minimum stop
// proposing candidates and are only probed (by galloping search) for profiles the other terms
// propose. Each surviving profile's relevance is then summed in the query's own term order, so
// the score is bit-for-bit the brute-force one. The caller holds e.mu.
func (e *Engine) rank(q *query, k int) []hit {
	ix := e.ix
	n := len(q.terms)
	cur := make([]cursor, n)
	for i := range q.terms {
		cur[i] = cursor{p: ix.posts[q.terms[i].id], term: i, ub: float64(q.terms[i].w)}
	}
	// Broad terms first (they never propose), then ascending bounds; prefix[i] is what terms
	// order[:i] can add at most.
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
	for i, t := range order {
		prefix[i+1] = prefix[i] + cur[t].ub
	}
	tf := make([]uint32, n) // tf of the current profile per term, 0 when absent
	top := newTopK(k)
	theta := 0.0
	essential := broad // order[essential:] propose candidates; order[:essential] are only probed
	beats := func(bound float64) bool { return bound*q.maxBoost*(1+1e-5)+1e-9 >= theta }
	norm := ix.norm
	raise := func() {
		if top.full() && top.min() > theta {
			theta = top.min()
			for essential < n && !beats(prefix[essential+1]) {
				essential++
			}
		}
	}

	// Seed the heap with the profiles of the most selective strong term, scored exactly, so that
	// the threshold is high from the start and the broad terms stop proposing candidates early.
	seeded := e.seed(q, k, top)
	seededAll := seeded
	raise()
	var evaluated []uint32 // slots scored while the heap was not full, for the broad fallback

	for {
		// The next candidate: the smallest slot any proposing cursor points at.
		slot := uint32(math.MaxUint32)
		for _, t := range order[essential:] {
			if c := &cur[t]; c.i < len(c.p) {
				if s := c.p[c.i] >> 8; s < slot {
					slot = s
				}
			}
		}
		if slot == math.MaxUint32 {
			break
		}
		if len(seeded) > 0 && seeded[0] <= slot {
			for len(seeded) > 0 && seeded[0] < slot {
				seeded = seeded[1:]
			}
			if len(seeded) > 0 && seeded[0] == slot { // already offered: move on
				seeded = seeded[1:]
				for _, t := range order[essential:] {
					if c := &cur[t]; c.i < len(c.p) && c.p[c.i]>>8 == slot {
						c.i++
					}
				}
				continue
			}
		}
		dCand++
		nk := q.normK[norm[slot]]
		partial := 0.0
		for _, t := range order[essential:] {
			c := &cur[t]
			if c.i < len(c.p) && c.p[c.i]>>8 == slot {
				tf[t] = c.p[c.i] & maxTF
				partial += q.termScore(t, tf[t], nk)
				c.i++
			}
		}
		// Probe the non-proposing terms, strongest first, while the profile can still make it.
		ok := top.full() == false || beats(partial+prefix[essential])
		for j := essential - 1; ok && j >= 0; j-- {
			t := order[j]
			dProbe++
			if c := &cur[t]; c.seek(slot) {
				tf[t] = c.p[c.i] & maxTF
				partial += q.termScore(t, tf[t], nk)
			}
			ok = !top.full() || beats(partial+prefix[j])
		}
		if ok {
			dFull++
			if !top.full() {
				evaluated = append(evaluated, slot)
			}
			var acc float32
			for t, f := range tf {
				if f != 0 {
					acc += q.contribution(t, f, nk)
				}
			}
			if acc > 0 && beats(float64(acc)) {
				v := ix.view(slot)
				dView++
				if e.allowed(q, &v) {
					ev := e.pairEvidence(q, &v)
					if sc := ev.score(acc); sc > 0 {
						top.offer(hit{slot: slot, score: sc, id: v.id})
						raise()
					}
				}
			}
		}
		clear(tf)
	}
	dEss = n - essential
	out := top.sorted()
	if len(out) < k && broad > 0 {
		out = append(out, e.rankBroad(q, k-len(out), cur, order[:broad], append(evaluated, seededAll...))...)
	}
	return out
}

// rankBroad ranks the profiles that share only broad evidence with the lead (a cluster, an HS
// chapter, an industry division), to fill the places specific matches left empty. done lists
// the profiles already ranked. The caller holds e.mu.
func (e *Engine) rankBroad(q *query, k int, cur []cursor, broad []int, done []uint32) []hit {
	sortUint32(done)
	for _, t := range broad {
		cur[t].i = 0
	}
	tf := make([]uint32, len(q.terms))
	top := newTopK(k)
	for {
		slot := uint32(math.MaxUint32)
		for _, t := range broad {
			if c := &cur[t]; c.i < len(c.p) && c.p[c.i]>>8 < slot {
				slot = c.p[c.i] >> 8
			}
		}
		if slot == math.MaxUint32 {
			break
		}
		for _, t := range broad {
			if c := &cur[t]; c.i < len(c.p) && c.p[c.i]>>8 == slot {
				tf[t] = c.p[c.i] & maxTF
				c.i++
			}
		}
		i := sort.Search(len(done), func(i int) bool { return done[i] >= slot })
		if i == len(done) || done[i] != slot {
			v := e.ix.view(slot)
			if a := q.broadAccumulate(&v); a > 0 && e.allowed(q, &v) {
				ev := e.pairEvidence(q, &v)
				if sc := ev.score(a); sc > 0 {
					top.offer(hit{slot: slot, score: sc, id: v.id})
				}
			}
		}
		clear(tf)
	}
	return top.sorted()
}

// seedCap bounds the profiles scored while seeding.
const seedCap = 256

// seed offers to top the first profiles of the specific query term with the best bound per
// posting, each scored exactly as brute force would, and returns their slots in ascending order
// so the main walk skips them.
func (e *Engine) seed(q *query, k int, top *topK) []uint32 {
	best, bestVal := -1, 0.0
	for i, t := range q.terms {
		df := len(e.ix.posts[t.id])
		if df == 0 || t.broad {
			continue
		}
		if v := float64(t.w) / math.Sqrt(float64(df)); v > bestVal {
			best, bestVal = i, v
		}
	}
	if best < 0 {
		return nil
	}
	p := e.ix.posts[q.terms[best].id]
	p = p[:min(len(p), seedCap)]
	out := make([]uint32, 0, len(p))
	for _, x := range p {
		s := x >> 8
		out = append(out, s)
		v := e.ix.view(s)
		a := q.accumulate(&v)
		if a <= 0 || !e.allowed(q, &v) {
			continue
		}
		ev := e.pairEvidence(q, &v)
		if sc := ev.score(a); sc > 0 {
			top.offer(hit{slot: s, score: sc, id: v.id})
		}
	}
	return out
}

// cursor walks one term's postings.
type cursor struct {
	p    []uint32
	i    int
	term int
	ub   float64
}

// seek moves the cursor to the first posting at or after slot (galloping, then binary search)
// and reports whether it is slot.
func (c *cursor) seek(slot uint32) bool {
	p, i := c.p, c.i
	if i >= len(p) {
		return false
	}
	if p[i]>>8 < slot {
		step := 1
		lo := i
		for i+step < len(p) && p[i+step]>>8 < slot {
			lo = i + step
			step *= 2
		}
		hi := min(i+step, len(p))
		i = lo + sort.Search(hi-lo, func(j int) bool { return p[lo+j]>>8 >= slot })
		c.i = i
	}
	return i < len(p) && p[i]>>8 == slot
}

// contribution is term t's share of the relevance for a profile with frequency tf.
func (q *query) contribution(t int, tf uint32, nk float32) float32 {
	if q.terms[t].key {
		return q.terms[t].w
	}
	return contribution(q.terms[t].w, float32(tf), nk)
}

// termScore is contribution in float64, for bounds.
func (q *query) termScore(t int, tf uint32, nk float32) float64 {
	return float64(q.contribution(t, tf, nk))
}

// BruteForce ranks like SuppliersFor by scoring every indexed profile one by one, without the
// inverted index or pruning. It exists to check the engine (same results) and to measure what
// the index buys; it is not for serving.
func (e *Engine) BruteForce(l domain.Lead, k int, opts Options) ([]Result, error) {
	k = e.cfg.clampK(k)
	lt := e.analyzeLead(&l, false)
	if lt.empty() {
		return nil, domain.Invalid("description", ErrNothingToMatch)
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	q := e.compile(lt, &l, opts)
	top, fill := newTopK(k), newTopK(k)
	for s, id := range e.ix.ids {
		if id == "" {
			continue
		}
		v := e.ix.view(uint32(s))
		heap, a := top, q.accumulate(&v)
		if a <= 0 {
			heap, a = fill, q.broadAccumulate(&v)
		}
		if a <= 0 || !e.allowed(q, &v) {
			continue
		}
		ev := e.pairEvidence(q, &v)
		if sc := ev.score(a); sc > 0 {
			heap.offer(hit{slot: uint32(s), score: sc, id: id})
		}
	}
	hits := top.sorted()
	if len(hits) < k {
		f := fill.sorted()
		hits = append(hits, f[:min(len(f), k-len(hits))]...)
	}
	out := make([]Result, len(hits))
	for i, h := range hits {
		out[i] = Result{ID: h.id, Score: h.score}
	}
	return out, nil
}

var dCand, dProbe, dFull, dView, dEss int
