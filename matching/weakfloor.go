package matching

// A match list is read from the top, and one line that makes no sense costs the buyer's trust in
// the lines above it: the demo's cold-store lead listed, tenth at 0.02, a forklift maker whose
// only reason was "冷库里的货老坏 ≈ 叉车". A candidate is a weaker match (Result.Weak) when all
// three hold:
//
//   - the list has a real answer: its best candidate shares with the lead something other than
//     scene bag guesses and a cluster (a product the lead names or a scene phrase calls for, a
//     word a person would call evidence, a specific code);
//   - the candidate's score is below Tuning.WeakFloor of the best one's;
//   - its evidence is faint: the lead has a cluster and the candidate does not share it, no
//     specific code, and nothing in the text but lone characters, generic words and faint
//     guesses of the scene bag — guesses below the likeness the buyer is shown
//     (Tuning.ShownBagMinScore), read from one clause only.
//
// A low score alone makes no weak line (a lead with one rare supplier of the right product scores
// it low, and it is the answer), and neither do guesses alone (a lead understood only through the
// bag has only guesses, and the best of them are its list; a guess two clauses of the lead agree
// on is read twice).
//
// Folded, not cut. Cut, the weak lines left the development sets' rankings without one graded
// supplier lost (909 of 8,546 listed candidates, 207 of them in a top 10), but the gate set lost
// 0.009 nDCG@10 (colloquial 0.025): where the inferred cluster is wrong (60 % of the gate's
// colloquial leads have it first), a faint guess outside it is sometimes the supplier the buyer
// needs. So a weak line keeps its place in the ranking and the pages list it last, under a fold
// ("weaker matches"), where the buyer sees it as a guess and not as a recommendation. The same
// rule marks a supplier's "leads for you".

// guessed returns the lead terms read only as scene bag guesses (every occurrence is a bag
// expansion) and, of those, the faint ones (see above).
func (lt *leadText) guessed() (guess, faint map[string]bool) {
	guess, faint = map[string]bool{}, map[string]bool{}
	sure, clear := map[string]bool{}, map[string]bool{}
	clauses := map[string]int{}
	for f := range lt.occ {
		for _, t := range lt.occ[f] {
			if !t.bag {
				sure[t.text] = true
				continue
			}
			guess[t.text] = true
			faint[t.text] = true
			clauses[t.text]++
			if !t.faint {
				clear[t.text] = true
			}
		}
	}
	for t := range guess {
		if sure[t] {
			delete(guess, t)
			delete(faint, t)
		} else if clear[t] || clauses[t] > 1 {
			delete(faint, t)
		}
	}
	return guess, faint
}

// weakPair reports whether a profile shares with the lead nothing that is evidence but the
// terms of weak and, when cluster is false, cluster keys.
func weakPair(q *query, weak map[string]bool, v *docView, cluster bool) bool {
	for _, t := range q.terms {
		if !(t.evidence || t.cluster && cluster) || tfOf(v.fwd, t.id) == 0 {
			continue
		}
		if t.key || !weak[t.text] {
			return false
		}
	}
	return true
}

// pairWeakness is what markWeak asks of one candidate.
type pairWeakness struct {
	guessOnly bool // nothing but bag guesses and a cluster: no real answer
	faint     bool // nothing but faint guesses: no cluster either
}

// weakness tells markWeak of one candidate. A lead with no cluster has no weak line: the
// cluster is what tells a faint guess in the lead's field from one outside it (a lead is given
// its inferred clusters when it is opened; the development sets' intake leads ranked without
// them lose graded suppliers to the floor).
func (e *Engine) weakness(q *query, guess, faint map[string]bool, v *docView) pairWeakness {
	w := pairWeakness{guessOnly: weakPair(q, guess, v, false)}
	for _, t := range q.terms {
		if t.cluster {
			w.faint = weakPair(q, faint, v, true)
			break
		}
	}
	return w
}

// markWeak marks in rs (best first) the faint candidates below share of the best score as weak,
// when the best is a real answer; weak(i) tells of rs[i]. A share of 0 marks none.
func markWeak(rs []Result, share float64, weak func(i int) pairWeakness) []Result {
	if share <= 0 || len(rs) < 2 || weak(0).guessOnly {
		return rs
	}
	min := share * rs[0].Score
	for i := range rs {
		rs[i].Weak = rs[i].Score < min && weak(i).faint
	}
	return rs
}
