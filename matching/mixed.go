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

// Buyers also cut an English phrase apart with a Chinese function word: 我们warehouse的roof,
// 需要一个smart的access control, PCBA要做conformal coating. Between two Latin words, a Han
// stretch made only of such words (and spaces) joins them as a space would, so "warehouse roof"
// is read as the phrase it is; any other Han character (下雨 in roof一下雨就leak) still breaks it.
var latinGlue = []string{"的话", "一下", "的", "要", "做", "就", "和", "与", "及", "或"}

// latinGlueEnd returns where the Han stretch starting at rs[i] ends when it is made only of
// latinGlue words and spaces and a Latin word follows it, else i.
func latinGlueEnd(rs []rune, i int) int {
	j := i
	for j < len(rs) {
		if rs[j] == ' ' {
			j++
			continue
		}
		n := 0
		for _, g := range latinGlue {
			if hasRunesAt(rs, j, g) {
				n = len([]rune(g))
				break
			}
		}
		if n == 0 {
			break
		}
		j += n
	}
	if j == i || j >= len(rs) || !isAlnum(rs[j]) {
		return i
	}
	return j
}

// hasRunesAt reports whether rs holds the runes of s at i.
func hasRunesAt(rs []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}
