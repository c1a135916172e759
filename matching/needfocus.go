package matching

import (
	"slices"
	"strings"
)

// Real posts state the need in one or two clauses and wrap it in a story: who the buyer is,
// what happened, what it cost, who complained. "订单压着发不出去。想把封箱、贴面单做成不用人的"; "电瓶车电瓶
// 被盗 … 希望实现：夜间有人逗留时保安手机能实时收到提醒并看到画面". The story's words name things too
// (the stolen batteries, the warehouse), and weighed like the wish they outrank it. So the
// clauses that state the need are found by their wish or request markers, and the terms inside
// them weigh Tuning.NeedWeight, the story's Tuning.StoryWeight. When the need clauses name
// nothing of their own ("有没有做过这块的老板", "谁做过这个的 帮忙介绍下") the story is the best
// clue and nothing changes. A buyer's introduction of itself (owntrade.go) is never a need.

// zhWish are the wish and request words that end a self-introduction (owntrade.go) and open a
// need clause.
var zhWish = []string{"需要", "想找", "想要", "想把", "想让", "想做", "想换", "想上", "求购", "寻找",
	"采购", "急需", "希望", "打算", "准备", "有没有", "计划", "要求"}

// zhWishMore open a need clause too; they are too loose to end a self-introduction ("我司主要
// 为客户寻求…" is still the trade).
var zhWishMore = []string{"想弄", "想搞", "想请", "想一次", "想先", "想能", "想", "寻求", "能不能", "求推荐", "有没有办法",
	"找", "求", "寻", "需",
	"推荐", "请有", "帮忙找", "找人", "找个", "找一家", "找家", "找能", "找做", "需求", "采购内容", "招标内容",
	"建设内容", "项目内容", "要能", "最好能"}

// zhNotWishBefore are the characters that, written right before a wish word, undo it: 不想,
// 没想到, 理想, 思想 …
const zhNotWishBefore = "不没理思感设联回猜构梦妄"

// zhNotWishAfter are the characters that, written right after 想 or 要求, make it something
// other than a wish: 想到, 想法, 想象, 想起; 要求高 is a story about a customer.
const zhNotWishAfter = "到法象起不过通"

// enWish open an English need clause (whole words, anywhere in a sentence): what the buyer asks
// for.
var enWish = slices.Concat(enWishTurn, []string{"needs", "requires", "required", "requirement", "wants",
	"please quote", "please offer", "quote for", "rfq", "inquiry for", "tender for", "scope of supply"})

// enWishTurn are the English wish words that also end a self-introduction (owntrade.go).
var enWishTurn = []string{"looking for", "look for", "need", "seeking", "searching", "require", "interested in",
	"would like", "want", "plan to", "planning", "sourcing", "to source"}

// needSpans returns the rune spans of a field's normalised text that state the need: from a
// wish marker to the end of its sentence (a phone post without punctuation is one sentence;
// commas and colons do not end one, so 希望实现：… and 需求：… run on into what they introduce).
// After a colon the need runs on over semicolons too, to the line's end: a tender's list.
func needSpans(rs []rune) [][2]int32 {
	var out [][2]int32
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && !sentenceEnd(rs, end) {
			end++
		}
		if at := wishAt(rs, start, end); at >= 0 {
			if colonAfter(rs, at, end) {
				for end < len(rs) && rs[end] == ';' {
					end++
					for end < len(rs) && !sentenceEnd(rs, end) {
						end++
					}
				}
			}
			out = append(out, [2]int32{int32(at), int32(end)})
		}
		start = end + 1
	}
	return out
}

func colonAfter(rs []rune, from, to int) bool {
	for i := from; i < to; i++ {
		if rs[i] == ':' {
			return true
		}
	}
	return false
}

// sentenceEnd reports whether rs[i] ends a sentence: a full stop, a question or exclamation
// mark, a semicolon or a line break; not a comma, a colon or a space.
func sentenceEnd(rs []rune, i int) bool {
	switch rs[i] {
	case ',', ':', '、', ' ':
		return false
	}
	return clauseEnd(rs, i)
}

// wishAt returns the rune offset of the first wish marker within rs[start:end], -1 if none.
// One pass over the runes, trying only the markers that begin with each one.
func wishAt(rs []rune, start, end int) int {
	for i := start; i < end; i++ {
		if r := rs[i]; r >= 1<<16 || wishFirst[r>>6]&(1<<(r&63)) == 0 {
			continue
		}
		for _, w := range wishByRune[rs[i]] {
			if isWish(rs, start, end, i, w) {
				return i
			}
		}
	}
	return -1
}

// wishByRune indexes the wish markers of both languages by their first rune.
var wishByRune = func() map[rune][][]rune {
	m := map[rune][][]rune{}
	for _, ws := range [][]string{zhWish, zhWishMore, enWish} {
		for _, w := range ws {
			r := []rune(w)
			m[r[0]] = append(m[r[0]], r)
		}
	}
	return m
}()

// wishFirst marks the first runes of the wish markers (all in the Basic Multilingual Plane), so
// that wishAt looks up wishByRune only for the few runes that may open one.
var wishFirst = func() (set [1 << 10]uint64) {
	for r := range wishByRune {
		set[r>>6] |= 1 << (r & 63)
	}
	return set
}()

// isWish reports whether the marker w, found at rs[i] in the sentence rs[start:end], is used
// as a wish there: an English one as whole words; a Chinese one not undone by the character
// before it (不想, 理想) or, for 想 and 要求, after it (想到, 想法).
func isWish(rs []rune, start, end, i int, w []rune) bool {
	j := i + len(w)
	if j > end || !slices.Equal(rs[i:j], w) {
		return false
	}
	if isAlnum(w[0]) {
		return (i == 0 || !isAlnum(rs[i-1])) && (j == len(rs) || !isAlnum(rs[j]))
	}
	if i > start && strings.ContainsRune(zhNotWishBefore, rs[i-1]) {
		return false
	}
	switch k := string(w); {
	case (k == "想" || k == "要求") && j < end && strings.ContainsRune(zhNotWishAfter, rs[j]):
		// 想不用人下水 is a wish; 想不到, 想不出 are not.
		if !(k == "想" && rs[j] == '不' && j+1 < end && !strings.ContainsRune("到出通起开了", rs[j+1])) {
			return false
		}
	case k == "找" && j < end && strings.ContainsRune("不到回过着", rs[j]):
		return false // 找不到, 找到 (the story's search), not a request
	case (k == "求" || k == "寻" || k == "需") && i > start && isHan(rs[i-1]):
		return false // alone they ask only at a sentence's or a phrase's start: 求 RTO …, 需支持 …
	}
	// 有没有破 is a question about the story; 有没有又透气、又不起静电的 asks for a thing.
	return string(w) != "有没有" || slices.Contains(rs[j:end], '的')
}

// focusNeed weighs, in a lead's fields, the terms inside the need clauses at need and the
// story's at story, when a need clause names a product or a scene of its own and the story
// names one too. The story is what the description tells before its first need clause: what
// follows a wish (sizes, budget, "能来现场看看") is neither. A buyer's introduction of itself
// (t.own, owntrade.go) keeps its own weight and is never a need; the title is a summary, not
// a story; a guess of the scene bag is neither (it spans a whole clause, whatever the clause
// says). Two readings of the story are not incidental and keep their weight: a product the need
// calls for too (访客进门都要人工登记 before 想让员工刷个脸就能进), and everything when the need
// replaces what the story is about (床单…起球发黄 before 想换一批耐洗的): the story names what is
// bought.
func focusNeed(fields [2][]rune, occ *[2][]term, need, story float32) {
	if need == 1 && story == 1 {
		return
	}
	var spans [2][][2]int32
	for f := range fields {
		spans[f] = needSpans(fields[f])
	}
	if len(spans[0])+len(spans[1]) == 0 {
		return
	}
	var storyEnd int32 = -1 // the description's story ends where its first need clause starts
	if len(spans[1]) > 0 && tellsStory(fields[1][:spans[1][0][0]]) {
		storyEnd = spans[1][0][0]
	}
	named := func(t term) bool { return (t.kind == kConcept || t.kind == kExpansion) && !t.own && !t.bag }
	var called []string // few: a slice is cheaper than a map
	told := false
	for f := range occ {
		for _, t := range occ[f] {
			switch {
			case !named(t):
			case within(spans[f], t):
				if !slices.Contains(called, t.text) {
					called = append(called, t.text)
				}
			case f == 1 && t.end <= storyEnd:
				told = true
			}
		}
	}
	if len(called) == 0 || !told {
		return
	}
	if replacing(fields, spans) {
		story = 1
	}
	for f := range occ {
		for i := range occ[f] {
			t := &occ[f][i]
			switch {
			case t.own || t.bag:
			case within(spans[f], *t):
				t.w *= need
				t.need = true
			case f == 1 && t.end <= storyEnd && !slices.Contains(called, t.text):
				t.w *= story
			}
		}
	}
}

// minStory is the shortest opening, in runes, that tells a story without ending a sentence.
const minStory = 16

// tellsStory reports whether the description's opening before its first need clause is a story
// (a sentence, or a long run of clauses) rather than the spec line of a request ("用于车身控制，需
// IATF16949，型号 GP30KL"), where what the thing is for is part of the need.
func tellsStory(opening []rune) bool {
	if len(opening) >= minStory {
		return true
	}
	for i := range opening {
		if sentenceEnd(opening, i) {
			return true
		}
	}
	return false
}

// zhReplace and enReplace mark a need that replaces the thing the story is about ("想换一批耐洗的",
// "希望换成更耐洗的", "replace the steel side panels"): the story names what is bought.
var zhReplace = []string{"换", "替换", "替代", "升级"}
var enReplace = []string{"replace", "replacement", "upgrade", "substitute"}

// replacing reports whether a need clause replaces something.
func replacing(fields [2][]rune, spans [2][][2]int32) bool {
	for f := range fields {
		for _, sp := range spans[f] {
			s := string(fields[f][sp[0]:sp[1]])
			for _, w := range zhReplace {
				if strings.Contains(s, w) {
					return true
				}
			}
			for _, w := range enReplace {
				if indexAfter(s, w, 0) >= 0 {
					return true
				}
			}
		}
	}
	return false
}
