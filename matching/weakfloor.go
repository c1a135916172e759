package matching

// A match list is read from the top, and one line that makes no sense costs the buyer's trust in
// the lines above it: the demo's cold-store lead listed, tenth at 0.02, a forklift maker whose
// only reason was "冷库里的货老坏 ≈ 叉车". A candidate is left out of a list when all three hold:
//
//   - the list has a real answer: its best candidate shares with the lead something other than
//     scene bag guesses and a cluster (a product the lead names or a scene phrase calls for, a
//     word a person would call evidence, a specific code);
//   - the candidate's score is below Tuning.WeakFloor of the best one's;
//   - its evidence is faint: the lead has a cluster and the candidate does not share it, no
//     specific code, and nothing in the text but lone
//     characters, generic words and faint guesses of the scene bag — guesses below the likeness
//     the buyer is shown (Tuning.ShownBagMinScore), read from one clause only.
//
// A low score alone is no reason to drop a line (a lead with one rare supplier of the right
// product scores it low, and it is the answer), and neither are guesses alone (a lead understood
// only through the bag has only guesses, and the best of them are its list; a guess two clauses
// of the lead agree on is read twice). Cut rather than folded: a buyer acts on the lines above the
// cut, and a fold of lines whose only reason is a faint likeness of words would still be read as
// the platform's suggestion. The same rule cuts a supplier's "leads for you" list.

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

// pairWeakness is what floorWeak asks of one candidate.
type pairWeakness struct {
	guessOnly bool // nothing but bag guesses and a cluster: no real answer
	faint     bool // nothing but faint guesses: no cluster either
}

// weakness tells floorWeak of one candidate. A lead with no cluster is never floored: the
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

// floorWeak drops from rs (best first) the faint candidates below share of the best score, when
// the best is a real answer; weak(i) tells of rs[i]. A share of 0 keeps every candidate.
func floorWeak(rs []Result, share float64, weak func(i int) pairWeakness) []Result {
	if share <= 0 || len(rs) < 2 || weak(0).guessOnly {
		return rs
	}
	min := share * rs[0].Score
	kept := rs[:0]
	for i, r := range rs {
		if r.Score < min && weak(i).faint {
			continue
		}
		kept = append(kept, r)
	}
	return kept
}
