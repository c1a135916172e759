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
	for i := range run {
		a.v.dict.matchRunes(run, i, func(end int, _ []int32) {
			n := end - i
			if n < 2 {
				return
			}
			marks[i] |= starts
			marks[end] |= ends
			if n <= maxHoldingWord {
				for k := i; k+2 <= end; k++ {
					marks[k] |= held
				}
			}
		})
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
