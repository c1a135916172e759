package matching

import "slices"

// Buyers who describe a scene rarely write it the way the vocabulary lists it: "仓库的货想让车
// 自己搬" for 货让车自己搬, "油烟实在太大" for 油烟太大. A scene phrase of three or more
// characters also matches with up to maxGap characters written into it, once its first two
// characters have matched: an expansion at Tuning.Gapped of an exact one. Leads only (scenes are
// read from leads only), so the index is unchanged.

const maxGap = 2

// Buyers also write a whole clause into a scene: "车间夏天特别闷热" for 车间闷热, "老人在卫生间
// 摔倒" for 老人摔倒. A scene phrase of four or more characters also matches with one longer
// stretch (up to maxLongGap characters) written into it, within one clause (a run of Han
// characters: punctuation ends it), when at least two of its characters are matched on each
// side of the stretch: both halves of the phrase are there, in order. Weaker again than a short
// gap, by Tuning.LongGap.
const maxLongGap = 8

// frequencyAdverbs are what buyers write into a pain to say it keeps happening: 老, 总是,
// 动不动就. Longest first.
var frequencyAdverbs = [][]rune{
	[]rune("动不动就"), []rune("隔三差五"), []rune("三天两头"), []rune("隔几天就"), []rune("时不时"), []rune("隔几天"),
	[]rune("老是"), []rune("总是"), []rune("经常"), []rune("常常"), []rune("一直"), []rune("天天"), []rune("每次"), []rune("动辄"),
	[]rune("老"), []rune("总"), []rune("又"), []rune("常"), []rune("都"), []rune("也"), []rune("还"),
}

// adverbAt returns the length of the frequency adverb starting at run[j], or 0.
func adverbAt(run []rune, j int) int { return listedAt(run, j, frequencyAdverbs, adverbStarts) }

// listedAt returns the length of the first of words (longest first) starting at run[j], or 0;
// starts holds their first characters, so most positions are refused at once.
func listedAt(run []rune, j int, words [][]rune, starts *runeSet) int {
	if !starts.has(run[j]) {
		return 0
	}
	for _, w := range words {
		if j+len(w) <= len(run) && slices.Equal(run[j:j+len(w)], w) {
			return len(w)
		}
	}
	return 0
}

// degreeWords may open a short gap right after a scene phrase's first character when at least
// two of its characters follow: 浪有多大 for 浪多大, 车太多停不下 for 车停不下. Only these
// (existence, degree and amount words) and the frequency adverbs: a noun or a verb written in
// after one character (水果太脏 against 水太脏) is another scene. Longest first.
var degreeWords = [][]rune{
	[]rune("越来越"), []rune("特别"), []rune("非常"), []rune("实在"), []rune("这么"), []rune("那么"),
	[]rune("有点"), []rune("有些"), []rune("比较"), []rune("太多"), []rune("好多"), []rune("很多"),
	[]rune("有"), []rune("太"), []rune("很"), []rune("好"), []rune("真"), []rune("挺"), []rune("超"),
}

// degreeAt returns the length of the degree word starting at run[j], or 0.
func degreeAt(run []rune, j int) int { return listedAt(run, j, degreeWords, degreeStarts) }

// runeSet holds the first characters of a word list: most characters start none of them, and one
// bit says so faster than comparing every word (the walk asks at every character it reaches).
type runeSet [rootSpan / 64]uint64

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < rootSpan && s[r/64]&(1<<(r%64)) != 0
}

func firstRunes(words [][]rune) *runeSet {
	var s runeSet
	for _, w := range words {
		if r := w[0]; r < rootSpan {
			s[r/64] |= 1 << (r % 64)
		}
	}
	return &s
}

var adverbStarts, degreeStarts = firstRunes(frequencyAdverbs), firstRunes(degreeWords)

// A long gap may also end in a one-character pain (仓库一到梅雨天就潮 for 仓库潮, 屋顶好多地方漏
// for 屋顶漏) when that character closes its clause or only a particle follows it (潮得不行,
// 漏了): in the middle of a clause one character more often starts another word (潮州, 漏斗).
// Nor across a conjunction: in "阻燃防护服和防静电工作服" the 服 after 和 is another product's.
var painClosers = map[rune]bool{'了': true, '的': true, '得': true, '啊': true, '呀': true, '吧': true, '呢': true, '啦': true, '嘛': true, '死': true}

// closesPain reports whether a one-character pain ending at run[end-1] closes its clause.
func closesPain(run []rune, end int) bool {
	return end == len(run) || painClosers[run[end]]
}

func isConjunction(r rune) bool { return r == '和' || r == '与' || r == '或' }

// gapKind says how a scene phrase was met; the looser the reading, the lower its weight.
type gapKind uint8

const (
	gapShort    gapKind = iota // up to maxGap characters (or an adverb) written in
	gapLong                    // one longer stretch, two characters or more after it
	gapLongOne                 // one longer stretch ending in a one-character pain
	gapReversed                // the phrase's two parts written the other way round (reorder.go)
)

// hanGapped adds the scene expansions found in run with characters written into them, or with
// their two parts the other way round, for the scenes not already found over the same words
// (out[from:] holds the exact ones).
func (a *analyzer) hanGapped(run []rune, base int, w float32, out []term, from int) []term {
	a.v.looseScenes(run, func(app int32, s, e int, k gapKind) {
		s, e = s+base, e+base
		if k == gapReversed && a.foundOver(out[from:], app, int32(s), int32(e)) || a.foundAt(out[from:], app, int32(s)) {
			return
		}
		out = a.conceptTerms(out, app, kExpansion, w*a.lw.expansion*a.lw.gap[k], int32(s), int32(e))
	})
	return out
}

// looseScenes calls emit for every scene phrase met in run (one clause) with characters
// written into it, each scene once per start at its closest reading, then for those met with
// their parts the other way round (reorder.go).
func (v *Vocabulary) looseScenes(run []rune, emit func(app int32, start, end int, k gapKind)) {
	t := v.hanApps
	type hit struct {
		app  int32
		end  int
		kind gapKind
	}
	var hits []hit
	// depth counts the phrase's characters matched, tail those matched since the last gap.
	// early marks a gap a degree word opened after the first character (two must follow);
	// listed a long gap with a conjunction in it (no one-character pain after it).
	var walk func(n int32, j, depth, gaps, tail int, long, early, listed bool)
	walk = func(n int32, j, depth, gaps, tail int, long, early, listed bool) {
		if j >= len(run) {
			return
		}
		if c, ok := t.step(n, run[j]); ok {
			tail++
			if p := t.pay[c]; p != 0 {
				k, ok := gapShort, gaps > 0 && (!early || tail >= 2)
				if long {
					k, ok = gapLong, tail >= 2
					if tail == 1 && !listed && closesPain(run, j+1) {
						k, ok = gapLongOne, true
					}
				}
				if ok {
					for _, id := range t.lists[p-1] {
						hits = append(hits, hit{app: id, end: j + 1, kind: k})
					}
				}
			}
			walk(c, j+1, depth+1, gaps, tail, long, early, listed)
		}
		// A frequency adverb after the phrase's first character (货老被偷 for 货被偷, 电梯
		// 又坏 for 电梯坏): a short gap allowed one character earlier than others, and
		// longer adverbs (动不动就) at any depth. A degree word there too, if two follow.
		if !long && depth >= 1 && gaps < maxGap {
			if k := adverbAt(run, j); k > 0 && (depth < 2 || k > maxGap) {
				walk(n, j+k, depth, gaps+1, 0, false, early, false)
			} else if depth == 1 {
				if k := degreeAt(run, j); k > 0 {
					walk(n, j+k, depth, gaps+1, 0, false, true, false)
				}
			}
		}
		if depth < 2 || long {
			return
		}
		if gaps < maxGap {
			walk(n, j+1, depth, gaps+1, 0, false, early, false)
		}
		if gaps == 0 {
			for k := maxGap + 1; k <= maxLongGap && j+k < len(run); k++ {
				walk(n, j+k, depth, 0, 0, true, false, slices.ContainsFunc(run[j:j+k], isConjunction))
			}
		}
	}
	var seen map[int32]bool
	for i := range run {
		hits = hits[:0]
		walk(0, i, 0, 0, 0, false, false, false)
		if len(hits) == 0 {
			continue
		}
		// A scene found several ways counts once, at the weight of the closest match.
		slices.SortStableFunc(hits, func(x, y hit) int { return int(x.kind) - int(y.kind) })
		if seen == nil {
			seen = map[int32]bool{}
		}
		clear(seen)
		for _, h := range hits {
			if !seen[h.app] {
				seen[h.app] = true
				emit(h.app, i, h.end, h.kind)
			}
		}
	}
	v.reversedScenes(run, emit)
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
					if p := t.pay[c]; p != 0 && skipped > 0 && !a.v.aspectClash(c, lat[i:i+1]) {
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
			out = a.conceptTerms(out, h.app, kExpansion, w*a.lw.expansion*a.lw.gap[gapShort], int32(lat[i].start), int32(lat[h.end].end))
		}
	}
	return out
}
