package matching

import "slices"

// Buyers who describe a scene rarely write it the way the vocabulary lists it: "仓库的货想让车
// 自己搬" for 货让车自己搬, "油烟实在太大" for 油烟太大. A scene phrase of three or more
// characters also matches with up to maxGap characters written into it, once its first two
// characters have matched: an expansion at gappedWeight of an exact one. Leads only (scenes are
// read from leads only), so the index is unchanged.

const (
	maxGap       = 2
	gappedWeight = 0.8
)

// Buyers also write a whole clause into a scene: "车间夏天特别闷热" for 车间闷热, "老人在卫生间
// 摔倒" for 老人摔倒. A scene phrase of four or more characters also matches with one longer
// stretch (up to maxLongGap characters) written into it, within one clause (a run of Han
// characters: punctuation ends it), when at least two of its characters are matched on each
// side of the stretch: both halves of the phrase are there, in order. Weaker again than a short
// gap, by longGapWeight.
const (
	maxLongGap    = 8
	longGapWeight = 0.75
)

// frequencyAdverbs are what buyers write into a pain to say it keeps happening: 老, 总是,
// 动不动就. Longest first.
var frequencyAdverbs = [][]rune{
	[]rune("动不动就"), []rune("隔三差五"), []rune("三天两头"), []rune("隔几天就"), []rune("时不时"), []rune("隔几天"),
	[]rune("老是"), []rune("总是"), []rune("经常"), []rune("常常"), []rune("一直"), []rune("天天"), []rune("每次"), []rune("动辄"),
	[]rune("老"), []rune("总"), []rune("又"), []rune("常"), []rune("都"), []rune("也"), []rune("还"),
}

// adverbAt returns the length of the frequency adverb starting at run[j], or 0.
func adverbAt(run []rune, j int) int {
	for _, a := range frequencyAdverbs {
		if j+len(a) <= len(run) && slices.Equal(run[j:j+len(a)], a) {
			return len(a)
		}
	}
	return 0
}

// hanGapped adds the scene expansions found in run with characters written into them, for the
// scenes not already found exactly over the same start (out[from:] holds the exact ones).
func (a *analyzer) hanGapped(run []rune, base int, w float32, out []term, from int) []term {
	t := a.v.hanApps
	type hit struct {
		app  int32
		end  int
		long bool
	}
	for i := range run {
		var hits []hit
		var walk func(n int32, j, depth, gaps, tail int, long bool)
		walk = func(n int32, j, depth, gaps, tail int, long bool) {
			if j >= len(run) {
				return
			}
			if c, ok := t.step(n, run[j]); ok {
				if long {
					tail++
				}
				if p := t.pay[c]; p != 0 && (gaps > 0 || long && tail >= 2) {
					for _, id := range t.lists[p-1] {
						hits = append(hits, hit{app: id, end: j + 1, long: long})
					}
				}
				walk(c, j+1, depth+1, gaps, tail, long)
			}
			// A frequency adverb after the phrase's first character (货老被偷 for 货被偷, 电梯
			// 又坏 for 电梯坏): a short gap allowed one character earlier than others, and
			// longer adverbs (动不动就) at any depth.
			if !long && depth >= 1 && gaps < maxGap {
				if k := adverbAt(run, j); k > 0 && (depth < 2 || k > maxGap) {
					walk(n, j+k, depth, gaps+1, tail, false)
				}
			}
			if depth < 2 || long {
				return
			}
			if gaps < maxGap {
				walk(n, j+1, depth, gaps+1, tail, false)
			}
			if gaps == 0 {
				for k := maxGap + 1; k <= maxLongGap && j+k < len(run); k++ {
					walk(n, j+k, depth, 0, 0, true)
				}
			}
		}
		walk(0, i, 0, 0, 0, false)
		if len(hits) == 0 {
			continue
		}
		// A scene found both ways counts once, at the weight of the closer match.
		slices.SortStableFunc(hits, func(x, y hit) int {
			if x.long == y.long {
				return 0
			}
			if !x.long {
				return -1
			}
			return 1
		})
		seen := map[int32]bool{}
		for _, h := range hits {
			if seen[h.app] || a.foundAt(out[from:], h.app, int32(base+i)) {
				continue
			}
			seen[h.app] = true
			f := float32(expansionWeight * gappedWeight)
			if h.long {
				f *= longGapWeight
			}
			out = a.conceptTerms(out, h.app, kExpansion, w*f, int32(base+i), int32(base+h.end))
		}
	}
	return out
}

// foundAt reports whether the application's first concept was already added from start.
func (a *analyzer) foundAt(ts []term, app int32, start int32) bool {
	cs := a.v.apps[app]
	if len(cs) == 0 {
		return true
	}
	name := a.v.concepts[cs[0]].term
	for _, t := range ts {
		if t.start == start && t.text == name {
			return true
		}
	}
	return false
}

// maxLatinSkip bounds the words, small or not, written into an English scene phrase.
const maxLatinSkip = 5

// latinGapped is hanGapped for English scene phrases: "move the pallets" and "move heavy
// pallets" meet "move pallets". Words may be written in after the phrase's first word, up to
// maxGap, within one stretch of text (not across punctuation).
func (a *analyzer) latinGapped(lat []latinTok, brk []bool, w float32, out []term, from int) []term {
	t := a.v.latinApps
	for i := range lat {
		first, ok := a.v.latinSyms[lat[i].text]
		if !ok {
			continue
		}
		n0, ok := t.step(0, first)
		if !ok {
			continue
		}
		type hit struct {
			app int32
			end int
		}
		var hits []hit
		// gaps counts the words written in; small words (of, our, the, is) are free, up to
		// maxLatinSkip words in all: "the roof of our supermarket is leaking" meets "roof leaking".
		var walk func(n int32, j, gaps, skipped int)
		walk = func(n int32, j, gaps, skipped int) {
			if j >= len(lat) || brk[j] {
				return
			}
			if sym, ok := a.v.latinSyms[lat[j].text]; ok {
				if c, ok := t.step(n, sym); ok {
					if p := t.pay[c]; p != 0 && skipped > 0 {
						for _, id := range t.lists[p-1] {
							hits = append(hits, hit{id, j})
						}
					}
					walk(c, j+1, gaps, skipped)
				}
			}
			if skipped >= maxLatinSkip {
				return
			}
			if a.v.stopEn[lat[j].text] {
				walk(n, j+1, gaps, skipped+1)
			} else if gaps < maxGap {
				walk(n, j+1, gaps+1, skipped+1)
			}
		}
		walk(n0, i+1, 0, 0)
		seen := map[int32]bool{}
		for _, h := range hits {
			if seen[h.app] || a.foundAt(out[from:], h.app, int32(lat[i].start)) {
				continue
			}
			seen[h.app] = true
			out = a.conceptTerms(out, h.app, kExpansion, w*expansionWeight*gappedWeight, int32(lat[i].start), int32(lat[h.end].end))
		}
	}
	return out
}
