package matching

// Buyers write Latin letters and Han characters together: B超, O型圈, 4S店, MOS管烧, APP控制.
// The analyser reads the two scripts in separate runs, so such a word is cut into pieces too short
// to mean anything (b, 超). Surfaces written in both scripts without a space are kept in tries of
// their own and looked for in every stretch of text that joins the two scripts without a space.

// mixedRuns adds the concept (and, for leads, scene) terms of mixed surfaces found in rs.
func (a *analyzer) mixedRuns(rs []rune, w float32, query bool, out []term) []term {
	v := a.v
	if v.mixedConcepts.empty() && v.mixedApps.empty() {
		return out
	}
	for i := 0; i < len(rs); {
		if !inMixedRun(rs[i]) {
			i++
			continue
		}
		j, han, other := i, false, false
		for j < len(rs) && inMixedRun(rs[j]) {
			if isHan(rs[j]) {
				han = true
			} else {
				other = true
			}
			j++
		}
		if han && other {
			run := rs[i:j]
			out = a.hanConceptHits(run, i, w, out, v.mixedConcepts, kConcept, 1)
			if query {
				out = a.hanConceptHits(run, i, w, out, v.mixedApps, kExpansion, a.lw.expansion)
			}
		}
		i = j
	}
	return out
}

func inMixedRun(r rune) bool {
	return isHan(r) || isAlnum(r) || isJoiner(r) || r == '/'
}

// empty reports whether nothing was added to t.
func (t *trie) empty() bool { return len(t.pay) == 1 }
