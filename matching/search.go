package matching

import (
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

// rank walks the postings of the query's terms into the accumulator, then scores the touched
// profiles whose upper bound can still enter the heap. The caller holds e.mu.
func (e *Engine) rank(q *query, k int) []hit {
	ix := e.ix
	acc, _ := e.accs.Get().(*accum)
	if acc == nil {
		acc = &accum{}
	}
	defer e.accs.Put(acc)
	acc.reset(len(ix.ids))
	cells, ep := acc.cells, acc.epoch
	for _, t := range q.terms {
		p := ix.posts[t.id]
		if t.key {
			for _, x := range p {
				s := x >> 8
				c := &cells[s]
				if c.epoch != ep {
					c.epoch, c.score = ep, 0
					acc.touched = append(acc.touched, s)
				}
				c.score += t.w
			}
			continue
		}
		norm := ix.norm
		for _, x := range p {
			s := x >> 8
			c := &cells[s]
			if c.epoch != ep {
				c.epoch, c.score = ep, 0
				acc.touched = append(acc.touched, s)
			}
			c.score += contribution(t.w, float32(x&maxTF), q.normK[norm[s]])
		}
	}

	top := newTopK(k)
	const eps = 1e-9
	for _, s := range acc.touched {
		a := cells[s].score
		if a <= 0 {
			continue
		}
		if top.full() && float64(a)+q.maxBonus+eps < top.min() {
			continue // even every bonus would not lift it into the top k
		}
		v := ix.view(s)
		if !e.allowed(q, &v) {
			continue
		}
		ev := e.pairEvidence(q, &v)
		if sc := ev.score(a); sc > 0 {
			top.offer(hit{slot: s, score: sc, id: v.id})
		}
	}
	return top.sorted()
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
	top := newTopK(k)
	for s, id := range e.ix.ids {
		if id == "" {
			continue
		}
		v := e.ix.view(uint32(s))
		a := q.accumulate(&v)
		if a <= 0 || !e.allowed(q, &v) {
			continue
		}
		ev := e.pairEvidence(q, &v)
		if sc := ev.score(a); sc > 0 {
			top.offer(hit{slot: uint32(s), score: sc, id: id})
		}
	}
	hits := top.sorted()
	out := make([]Result, len(hits))
	for i, h := range hits {
		out[i] = Result{ID: h.id, Score: h.score}
	}
	return out, nil
}
