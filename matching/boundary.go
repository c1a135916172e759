package matching

// A character bigram is evidence of the buyer's meaning only when it lies within a word. In
// 电镀车间废气味道大 the bigram 气味 spans the boundary of 废气 and 味道 and means nothing the buyer
// said, yet an odour-sensor maker shares it; in 电动车电池 车电 is no 汽车电子. The dictionary
// (field words, concept, application and scene surfaces, stop words) knows where words end: a
// lead's bigram whose first character ends a known word and whose second starts one straddles
// that boundary and is dropped, unless a product name or a short word holds both characters
// (智能电表 keeps 能电: a supplier writing the product writes the same characters side by side).
// Leads only, so the supplier index and the bytes per profile are unchanged.

// maxHoldingWord is the longest dictionary entry that keeps a bigram it holds: longer entries
// are phrases (scene surfaces such as 车间废气味道) whose inner boundaries still count.
const maxHoldingWord = 3

// dropStraddlers removes, among out[n0:], the bigrams of run (at rune offset base) that
// straddle a word boundary. out[c0:n0] are the run's concept terms.
func (a *analyzer) dropStraddlers(run []rune, base int, out []term, c0, n0 int) []term {
	if len(out) == n0 {
		return out
	}
	var buf [64]uint8
	var marks []uint8
	if len(run)+1 <= len(buf) {
		marks = buf[:len(run)+1]
	} else {
		marks = make([]uint8, len(run)+1)
	}
	const (
		starts = 1 << iota // a word of two or more characters starts before this rune
		ends               // one ends before this rune
		held               // the bigram starting at this rune lies inside a product name or a short word
	)
	dict := a.v.dict
	for i := range run {
		node := int32(0)
		for j := i; j < len(run); j++ {
			var ok bool
			if node, ok = dict.step(node, run[j]); !ok {
				break
			}
			if j == i || dict.pay[node] == 0 {
				continue
			}
			end := j + 1
			marks[i] |= starts
			marks[end] |= ends
			if end-i <= maxHoldingWord {
				for k := i; k+2 <= end; k++ {
					marks[k] |= held
				}
			}
		}
	}
	for _, c := range out[c0:n0] {
		if c.kind == kConcept {
			for k := int(c.start) - base; k+2 <= int(c.end)-base; k++ {
				marks[k] |= held
			}
		}
	}
	kept := out[:n0]
	for _, t := range out[n0:] {
		if t.kind == kHan && t.end-t.start == 2 {
			k := int(t.start) - base + 1 // the boundary the bigram would straddle
			if marks[k-1]&held == 0 && marks[k]&ends != 0 && marks[k]&starts != 0 {
				continue
			}
			if marks[k-1]&held == 0 && (isQuantity(run[k-1], run[k]) || run[k-1] == run[k] && marks[k]&ends != 0) {
				continue
			}
		}
		if t.kind == kHan && t.end-t.start == 1 && !a.cutOff(run, int(t.start)-base) {
			continue
		}
		kept = append(kept, t)
	}
	return kept
}

// cutOff reports whether the character run[p], a term on its own, stands alone in the text
// (between punctuation, spaces or function characters) or is a material of the unigram list. A
// character that a stop word cut from its neighbours is not a word: in 想找能把水弄干净 the stop
// word 想找 leaves 能 at the edge of a piece, and 能 alone is no need.
func (a *analyzer) cutOff(run []rune, p int) bool {
	stop := a.v.stopChars
	return a.v.unigrams[run[p]] || (p == 0 || stop[run[p-1]]) && (p == len(run)-1 || stop[run[p+1]])
}

// A numeral with a measure word or another numeral (一次, 三天, 十年, 几百, 两台) says how much or
// how often, never what: 盘点一次三天 is no lead for the maker of 一次性 syringes. The adverbs
// written with 一 (一直, 一般, 一起, 一下, 一些) are the same. Words that begin with a numeral
// and name a thing (五金, 三防漆, 二维码, 六轴, 一体机) are not of these characters, and a short
// dictionary word (一次性) holds its bigrams anyway. A character doubled right after a word that
// ends with it (电动车车主 → 车车) is two words meeting, while 娃娃, 宝宝 and 天天 stand on their own.
var (
	numerals = charSet("一二三四五六七八九十百千万亿两几俩仨")
	measures = charSet("次个天年月日周台套件批吨辆家条只张块位名倍层座栋颗根斤趟遍步段下些点般直起样定共旦")
)

func charSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

func isQuantity(a, b rune) bool { return numerals[a] && (numerals[b] || measures[b]) }
