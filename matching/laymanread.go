package matching

import (
	"slices"
	"strings"
)

// Reading is what the vocabulary reads from a short text (a dictionary headword, or an English
// gloss of one), for the generator of the everyday-name table (internal/gencedict -layman).
type Reading struct {
	// Whole are the products of the readings (concept surfaces and scene phrases) that span
	// every word of the text: "magnet" → 稀土永磁. Empty when no reading covers it all.
	Whole []string
	// Any reports whether the vocabulary read anything in the text at all, whole or in part.
	Any bool
}

// Read reads text as the analyser reads a lead's title: concepts and scene phrases, English
// words folded to their lemmas, without the scene bag and the bridges.
func (v *Vocabulary) Read(text string) Reading {
	a := analyzer{v: v, seg: SegBigram, vocab: true, maxRunes: 256, lw: newLeadWeights(DefaultTuning())}
	rs := a.normalize(text)
	first, last := -1, -1
	for i, r := range rs {
		if isAlnum(r) || isHan(r) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	var out Reading
	if first < 0 {
		return out
	}
	for _, t := range a.field(rs, 1, true, nil) {
		if t.kind != kConcept && t.kind != kExpansion || t.bag {
			continue
		}
		out.Any = true
		if int(t.start) <= first && last < int(t.end) {
			if name := strings.TrimPrefix(t.text, "#"); !slices.Contains(out.Whole, name) {
				out.Whole = append(out.Whole, name)
			}
		}
	}
	return out
}
