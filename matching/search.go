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
	if lt.empty() || e.unreadLead(&l, lt) {
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
	return e.markWeakSuppliers(q, lt, hits, out), nil
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
// so the walk skips them. byID lists the query's terms by term ID; tf is scratch, one per term.
func (e *Engine) seed(q *query, top *topK, f *slotFilter, byID []int, tf []uint32) []uint32 {
	ix := e.ix
	best, bestVal := -1, 0.0
	for i, t := range q.terms {
		df := len(ix.posts[t.id])
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
	p := ix.posts[q.terms[best].id]
	p = p[:min(len(p), seedCap)]
	out := make([]uint32, 0, len(p))
	for _, x := range p {
		s := x >> 8
		out = append(out, s)
		q.frequencies(byID, ix.fwd[s], tf)
		a := q.relevance(tf, q.normK[ix.norm[s]])
		m := &ix.meta[s]
		if a <= 0 || !f.allowed(s, m) {
			continue
		}
		ev := f.evidence(m)
		if sc := ev.score(a); sc > 0 {
			top.offer(hit{slot: s, score: sc, id: ix.ids[s]})
		}
	}
	return out
}

// frequencies sets tf[t] to the frequency of each query term t in a profile's forward list,
// in one merge of the two ID-ordered lists; byID lists the query's terms by term ID.
func (q *query) frequencies(byID []int, fwd []uint32, tf []uint32) {
	j := 0
	for _, t := range byID {
		id := q.terms[t].id
		for j < len(fwd) && fwd[j]>>8 < id {
			j++
		}
		tf[t] = 0
		if j < len(fwd) && fwd[j]>>8 == id {
			tf[t] = fwd[j] & maxTF
		}
	}
}

// relevance is accumulate over frequencies already looked up: the same float32 additions in
// the same order.
func (q *query) relevance(tf []uint32, nk float32) float32 {
	var a float32
	var cl clusterCredit
	specific := false
	for t, f := range tf {
		if f == 0 {
			continue
		}
		specific = specific || !q.terms[t].broad
		cl.evidence = cl.evidence || q.terms[t].evidence
		if q.terms[t].cluster {
			cl.add(q.terms[t].w)
			continue
		}
		a += q.contribution(t, f, nk)
	}
	if !specific {
		return 0
	}
	a = q.withCluster(a, cl)
	if q.hasPeer {
		a *= q.peerFactor(tf)
	}
	return a
}

// cursor walks one term's postings.
type cursor struct {
	p    []uint32
	i    int
	term int
}

// seek moves the cursor to the first posting at or after slot (galloping, then binary search)
// and reports whether it is slot.
func (c *cursor) seek(slot uint32) bool {
	p, i := c.p, c.i
	if i >= len(p) || p[i]>>8 >= slot {
		return i < len(p) && p[i]>>8 == slot
	}
	// p[lo] < slot; p[hi] >= slot or hi is the end.
	lo, hi, step := i, i+1, 1
	for hi < len(p) && p[hi]>>8 < slot {
		lo = hi
		step *= 2
		hi = lo + step
	}
	hi = min(hi, len(p))
	for lo+1 < hi {
		mid := int(uint(lo+hi) >> 1)
		if p[mid]>>8 < slot {
			lo = mid
		} else {
			hi = mid
		}
	}
	c.i = hi
	return hi < len(p) && p[hi]>>8 == slot
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
	if lt.empty() || e.unreadLead(&l, lt) {
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
	return e.markWeakSuppliers(q, lt, hits, out), nil
}

// markWeakSuppliers marks the weak candidates of a lead's ranking (weakfloor.go); out[i] is
// hits[i]. The caller holds e.mu.
func (e *Engine) markWeakSuppliers(q *query, lt *leadText, hits []hit, out []Result) []Result {
	if e.cfg.Tuning.WeakFloor <= 0 || len(out) == 0 {
		return out
	}
	guess, faint := lt.guessed()
	return markWeak(out, e.cfg.Tuning.WeakFloor, func(i int) pairWeakness {
		v := e.ix.view(hits[i].slot)
		return e.weakness(q, guess, faint, &v)
	})
}
