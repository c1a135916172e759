package matching

import (
	"slices"
	"sort"
)

// Relative costs in the choice of proposing terms: a candidate costs about as much as reading
// candidateCost postings.
const candidateCost = 16

// termGroup is a set of query terms whose postings look identical (the bigrams and the concept
// of one product name: 碳化, 化硅, 硅, #碳化硅): proposing all of them costs one set of
// candidates, and together they bound what a candidate can miss by much more than any one.
type termGroup struct {
	terms []int
	ub    float64 // what the terms together add at most
	cost  float64 // candidates and postings read when they propose
}

// bounds works out the per-length bounds of the terms and groups the specific ones.
func (w *walk) bounds() {
	q, ix := w.q, w.ix
	n := len(q.terms)
	for t := range q.terms {
		qt := &q.terms[t]
		pk := ix.peak[qt.id]
		for b := range 256 {
			ub := w.ub[t]
			if !qt.key && pk.maxTF > 0 {
				// A profile of length b adds at most the peak frequency's share at that length.
				ub = min(ub, float64(contribution(qt.w, float32(pk.maxTF), q.normK[b])))
			}
			w.ubNorm[b*n+t] = ub
		}
	}
	type sig struct{ n, first, mid, last uint32 }
	bySig := map[sig]int{}
	for t := range q.terms {
		if q.terms[t].broad {
			continue
		}
		p := w.cur[t].p
		k := sig{n: uint32(len(p))}
		if len(p) > 0 {
			k.first, k.mid, k.last = p[0]>>8, p[len(p)/2]>>8, p[len(p)-1]>>8
		}
		g, ok := bySig[k]
		if !ok {
			g = len(w.groups)
			bySig[k] = g
			w.groups = append(w.groups, termGroup{})
		}
		w.groups[g].terms = append(w.groups[g].terms, t)
		w.groups[g].ub += w.ub[t]
		w.groups[g].cost += float64(len(p))
	}
	for i := range w.groups {
		g := &w.groups[i]
		g.cost += float64(candidateCost * len(w.cur[g.terms[0]].p))
	}
	// Best bound per cost first: the order split takes groups in.
	sort.SliceStable(w.groups, func(a, b int) bool {
		ga, gb := &w.groups[a], &w.groups[b]
		return ga.ub*gb.cost > gb.ub*ga.cost
	})
}

// split chooses the proposing terms for the heap's current minimum and orders the terms. Any
// set will do whose complement's bounds, scaled by the largest evidence boost, stay below the
// minimum: a profile none of them proposes cannot enter. Among those, split looks for few
// candidates to score: it takes groups by bound per cost until their bounds suffice, then drops
// the costliest ones the others can do without. Before the heap is full every specific term
// proposes.
func (w *walk) split() {
	q := w.q
	n := len(q.terms)
	w.splitAt = w.theta
	propose := make([]bool, n)
	all := func() {
		for t := range propose {
			propose[t] = !q.terms[t].broad
		}
	}
	if !w.full {
		all()
	} else {
		total := 0.0
		for _, ub := range w.ub {
			total += ub
		}
		need := total - w.theta/(w.slack*q.maxBoost) // what the proposing terms must exceed
		var chosen []int
		sum := 0.0
		for g := 0; g < len(w.groups) && sum <= need; g++ {
			chosen = append(chosen, g)
			sum += w.groups[g].ub
		}
		sort.Slice(chosen, func(a, b int) bool { return w.groups[chosen[a]].cost > w.groups[chosen[b]].cost })
		for _, g := range chosen {
			if sum-w.groups[g].ub > need {
				sum -= w.groups[g].ub
				continue
			}
			for _, t := range w.groups[g].terms {
				propose[t] = true
			}
		}
	}
	if w.propose != nil && slices.Equal(propose, w.propose) {
		return
	}
	w.propose = propose
	for {
		w.arrange(propose)
		// The check that makes the split safe, on the sums the walk itself uses; rounding in
		// the choice above can only make it fail by a hair, and then every term proposes.
		if w.essential == w.broad || w.prefix[w.essential]*w.slack*q.maxBoost < w.theta {
			return
		}
		all()
	}
}

// arrange orders the terms for the proposing set and sums their bounds.
func (w *walk) arrange(propose []bool) {
	q := w.q
	n := len(q.terms)
	for t := range w.order {
		w.order[t] = t
	}
	rank := func(t int) int {
		switch {
		case q.terms[t].broad:
			return 0
		case !propose[t]:
			return 1
		}
		return 2
	}
	sort.SliceStable(w.order, func(a, b int) bool {
		ta, tb := w.order[a], w.order[b]
		if ra, rb := rank(ta), rank(tb); ra != rb {
			return ra < rb
		}
		return w.ub[ta] < w.ub[tb]
	})
	// With Config.ClusterOnce a prefix's cluster keys add only the largest of their bounds.
	w.essential = n
	top := 0.0
	for i, t := range w.order {
		w.pos[t] = i
		ub := w.ub[t]
		if q.once && q.terms[t].cluster {
			ub = onceBound(ub, &top)
		}
		w.prefix[i+1] = w.prefix[i] + ub
		if propose[t] && w.essential == n {
			w.essential = i
		}
	}
	for b := range 256 {
		row := w.prefixNorm[b*(n+1) : (b+1)*(n+1)]
		ubs := w.ubNorm[b*n : (b+1)*n]
		row[0] = 0 // the scratch is reused
		top := 0.0
		for i, t := range w.order {
			ub := ubs[t]
			if q.once && q.terms[t].cluster {
				ub = onceBound(ub, &top)
			}
			row[i+1] = row[i] + ub
		}
	}
}
