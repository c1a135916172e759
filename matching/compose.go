package matching

import "slices"

// The scenario files name a need as an object and a pain: 人工封箱, 封箱忙不过来, 打包全靠人;
// 仓库被偷, 货被偷, 电缆被偷. They enumerate such pairs by hand, and a buyer writes one nobody
// listed (封箱全靠人手, 电瓶被盗). Composition reads the vocabulary's own phrases as halves: every
// Han phrase split into a first half (the object: 封箱, 精度) and a second half (the pain:
// 全靠人, 被偷, 稳定). A half that several phrases share with different partners is a word of its
// own; a second half that ends phrases far more often than it opens them is a pain. Each half
// carries the products of the phrases it is in. An object followed, in the same clause, by a
// pain it was never written with calls for the products both halves call for: 封箱 (人工封箱,
// 封箱忙不过来 → 包装机械) with 全靠人 (打包全靠人 → 包装机械, 搬东西全靠人 → 搬运机器人) is
// 包装机械, and 楼道 with 冒烟 is nothing unless a product answers both. An expansion at
// Tuning.Compose of an exact one; leads only (scenes are read from leads only).

// Limits of composition, in runes and products.
const (
	composeMinHalf  = 2 // a half of one character is a character, not a word (烂, 漏)
	composeMaxHalf  = 6
	composeMinPairs = 2 // distinct partners that make a half a word of its own
	// composePainRatio: a pain ends phrases at least this many times as often as it opens one
	// (全靠人 ends 打包全靠人 and never opens a phrase; 车间 does both).
	composePainRatio = 2
	// composeMaxObject bounds the products an object's phrases call for: 车间 or 晚上 says where
	// or when, not what.
	composeMaxObject = 8
	// composeMaxOut bounds the products a composition calls for: more say the two halves meet
	// in too many phrases to tell what the buyer needs.
	composeMaxOut = 3
	// composeMaxList bounds the stretch of a list written between an object and its pain
	// (封箱、贴面单、打带全靠人手), and composeMaxItem each item of it.
	composeMaxList = 12
	composeMaxItem = 3
)

// composer holds the halves of the scene phrases.
type composer struct {
	objs, pains *trie     // half → its index in objProducts or painProducts
	objProducts [][]int32 // sorted concept ids
	painProds   [][]int32
}

// buildComposer splits every written Han scene form into halves and keeps the objects and pains
// that read as words: none is a stop word, a word of no evidence (方案, 整体) or an everyday word
// of the scene bag (每天, 一年), and none starts or ends with a function character (出了, 的水).
// A pain or an object holding a word of a family (被偷) is kept under its siblings too (被盗).
func (v *Vocabulary) buildComposer(written []pendingForms) {
	type half struct {
		partners map[string]bool
		products map[int32]bool
	}
	first, second := map[string]*half{}, map[string]*half{}
	note := func(m map[string]*half, h, partner string, cs []int32) {
		x := m[h]
		if x == nil {
			x = &half{partners: map[string]bool{}, products: map[int32]bool{}}
			m[h] = x
		}
		x.partners[partner] = true
		for _, c := range cs {
			x.products[c] = true
		}
	}
	for _, p := range written {
		cs := v.apps[p.app]
		for _, f := range p.forms {
			rs := []rune(f)
			if len(rs) < 2*composeMinHalf || !allHan(rs) {
				continue
			}
			for k := composeMinHalf; k+composeMinHalf <= len(rs); k++ {
				l, r := string(rs[:k]), string(rs[k:])
				note(first, l, r, cs)
				note(second, r, l, cs)
			}
		}
	}
	opens := func(h string) int {
		if x := first[h]; x != nil {
			return len(x.partners)
		}
		return 0
	}
	c := &composer{objs: newTrie(), pains: newTrie()}
	add := func(t *trie, lists *[][]int32, index map[string]int32, h string, products map[int32]bool) {
		for _, g := range append([]string{h}, familySiblings(h)...) {
			rs := []rune(g)
			if len(rs) > composeMaxHalf {
				continue
			}
			id, ok := index[g]
			if !ok {
				id = int32(len(*lists))
				index[g] = id
				*lists = append(*lists, nil)
				t.add(runeSyms(rs), id)
			}
			for p := range products {
				if !slices.Contains((*lists)[id], p) {
					(*lists)[id] = append((*lists)[id], p)
				}
			}
		}
	}
	objIndex, painIndex := map[string]int32{}, map[string]int32{}
	for _, h := range sortedKeysOf(first) {
		x := first[h]
		if len(x.partners) >= composeMinPairs && len(x.products) <= composeMaxObject && v.composeWord(h, false) {
			add(c.objs, &c.objProducts, objIndex, h, x.products)
		}
	}
	for _, h := range sortedKeysOf(second) {
		x := second[h]
		if n := len(x.partners); n >= composeMinPairs && n >= composePainRatio*opens(h) && v.composeWord(h, true) && !v.endsWithProduct(h) {
			add(c.pains, &c.painProds, painIndex, h, x.products)
		}
	}
	for _, l := range c.objProducts {
		slices.Sort(l)
	}
	for _, l := range c.painProds {
		slices.Sort(l)
	}
	v.compose = c
}

// composeWord reports whether a half reads as a word that can carry a need: no stop word, no
// word of no evidence (方案, 整体), no everyday word of the scene bag (每天, 一年). An object
// neither starts nor ends with a function character (出了, 的水); a pain does not start with a
// joining one (的, 和), though 被偷 and 坏了 are pains.
func (v *Vocabulary) composeWord(h string, pain bool) bool {
	rs := []rune(h)
	if pain && painJoiners[rs[0]] || !pain && (v.stopChars[rs[0]] || v.stopChars[rs[len(rs)-1]]) ||
		v.generic(h) || v.stopHan.longestRunes(rs, 0) == len(rs) {
		return false
	}
	for i := 0; i+1 < len(rs); i++ {
		if !v.bagStop[bigram{rs[i], rs[i+1]}] {
			return true
		}
	}
	return false
}

var painJoiners = map[rune]bool{'的': true, '和': true, '与': true, '或': true, '及': true, '等': true, '之': true, '在': true, '是': true}

// endsWithProduct reports whether a half ends with the name of a product: 光伏逆变器 or 储能变流器
// is a product named, not 光伏 or 储能 in pain.
func (v *Vocabulary) endsWithProduct(h string) bool {
	rs := []rune(h)
	for i := range rs {
		if v.hanConcepts.longestRunes(rs, i) == len(rs) {
			return true
		}
	}
	return false
}

func sortedKeysOf[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !isHan(r) {
			return false
		}
	}
	return true
}

func runeSyms(rs []rune) []int32 {
	out := make([]int32, len(rs))
	for i, r := range rs {
		out[i] = int32(r)
	}
	return out
}

// composeScenes adds the products of the objects and pains of the field rs written together
// that no phrase joins: one term per product, over the first pair that calls for it, unless a
// phrase already read it over those words. It weighs as a phrase's product does (a negation over
// its words cuts it), but it is no phrase the buyer matched: it is explained as a likeness, as
// the scene bag's guesses are (term.composed).
func (a *analyzer) composeScenes(rs []rune, w float32, out []term, n0 int) []term {
	c := a.v.compose
	if c == nil {
		return out
	}
	found := out[n0:len(out):len(out)]
	var added map[string]bool
	for s := 0; s < len(rs); {
		if !isHan(rs[s]) {
			s++
			continue
		}
		e := s
		for e < len(rs) && (isHan(rs[e]) || rs[e] == '、') {
			e++
		}
		clause := rs[s:e]
		var starts [composeMaxList + 2]int
		for i := range clause {
			c.objs.matchRunes(clause[:min(len(clause), i+composeMaxHalf)], i, func(j int, objs []int32) {
				for _, at := range painStarts(starts[:0], clause, i, j) {
					c.pains.matchRunes(clause[:min(len(clause), at+composeMaxHalf)], at, func(end int, pains []int32) {
						for _, o := range objs {
							for _, p := range pains {
								both := intersectSorted(c.objProducts[o], c.painProds[p])
								if len(both) == 0 || len(both) > composeMaxOut {
									continue
								}
								ts, te := int32(s+i), int32(s+end)
								if coveredByPhrase(found, ts, te) || namesProduct(found, int32(s+at), te) {
									continue
								}
								for _, id := range both {
									name := a.v.concepts[id].term
									if added[name] || readOver(found, name, ts, te) {
										continue
									}
									if added == nil {
										added = map[string]bool{}
									}
									added[name] = true
									out = append(out, term{text: name, kind: kExpansion, composed: true,
										w: w * a.lw.expansion * a.lw.compose, start: ts, end: te})
								}
							}
						}
					})
				}
			})
		}
		s = e
	}
	return out
}

// painStarts returns where a pain may start after an object clause[i:j]: right after it, after
// a frequency adverb or a degree word (封箱老是…, 精度很…), or, when the object is a whole item
// of a list, after the rest of the list (封箱、贴面单、打带全靠人手: the pain is every item's;
// in 设备远程监控、能耗监测 监控 is no item of its own).
func painStarts(starts []int, clause []rune, i, j int) []int {
	if j >= len(clause) {
		return starts
	}
	starts = append(starts, j)
	if k := adverbAt(clause, j); k > 0 {
		starts = append(starts, j+k)
	} else if k := degreeAt(clause, j); k > 0 {
		starts = append(starts, j+k)
	}
	if clause[j] != '、' || i > 0 && clause[i-1] != '、' {
		return starts
	}
	item := 0
	for k := j + 1; k < len(clause) && k-j <= composeMaxList; k++ {
		if clause[k] == '、' {
			if item == 0 {
				break
			}
			item = 0
			continue
		}
		item++
		if item > composeMaxItem+1 {
			break
		}
		// The last item runs into the pain: any of its characters after the first may start it.
		if item >= 2 {
			starts = append(starts, k)
		}
	}
	return starts
}

// readOver reports whether some term of ts names the product over words overlapping [s, e).
func readOver(ts []term, name string, s, e int32) bool {
	for _, t := range ts {
		if t.text == name && t.start < e && s < t.end && !t.bag {
			return true
		}
	}
	return false
}

// coveredByPhrase reports whether a phrase read [s, e) whole: what a person wrote wins over
// what the halves imply (电瓶车电瓶被盗 is written for 定位追踪).
func coveredByPhrase(ts []term, s, e int32) bool {
	for _, t := range ts {
		if t.kind == kExpansion && !t.bag && t.start <= s && e <= t.end {
			return true
		}
	}
	return false
}

// namesProduct reports whether a product is named over [s, e): a pain that is part of a product's
// name (能耗监测, 人脸识别) is the product asked for, read as such already.
func namesProduct(ts []term, s, e int32) bool {
	for _, t := range ts {
		if t.kind == kConcept && t.start < e && s < t.end {
			return true
		}
	}
	return false
}

func intersectSorted(x, y []int32) []int32 {
	var out []int32
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			out = append(out, x[i])
			i++
			j++
		}
	}
	return out
}
