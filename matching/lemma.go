package matching

import (
	"fmt"
	"strings"
	"sync"

	"duijie/matching/internal/lemma"
)

// Buyers writing English inflect the words a supplier or the vocabulary writes once: "the belts
// keep breaking", "belt broke twice", "broken belts" for a scene written "belt breaks"; "moving
// pallets" for "move pallets"; "children's shoes" for "child shoes". Every Latin word of a
// profile, a lead and a vocabulary surface is read as its lemma (data/lemmas.txt, from WordNet),
// so the three meet whatever the inflection: one index term and one vocabulary symbol a word.

var lemmas = sync.OnceValue(func() *lemma.Table {
	data, err := dataFS.ReadFile("data/lemmas.txt")
	if err == nil {
		var t *lemma.Table
		if t, err = lemma.Parse(string(data)); err == nil {
			return t
		}
	}
	// Embedded at build time and checked by the tests: a broken file is a programming error.
	panic(fmt.Sprintf("matching: embedded lemma table: %v", err))
})

// lemmaOf returns the lemma of a lower-case Latin word (plurals and -ing/-ed forms folded,
// irregular forms to their base); a model number is returned as it is.
func lemmaOf(w string) string { return lemmas().Lemma(w) }

// aspect is the inflection a word was written in, where it changes what a phrase says: "damaged
// goods" are goods in a state, "damaging goods" something done to them; "burnt motors" and
// "burning motors" are two events.
type aspect uint8

const (
	aspectNone aspect = iota // a base form, a plural, or a word that is no verb
	aspectIng                // a present participle or gerund: damaging, moving
	aspectPast               // a past form: damaged, broken, worn, lost
)

// wordTok reads a Latin word (letters only) as its lemma and the aspect it was written in.
func wordTok(w string, start, end int) latinTok {
	l, how := lemmas().Fold(w)
	t := latinTok{text: l, kind: latinWord, start: start, end: end}
	switch {
	case how == lemma.Ing:
		t.aspect = aspectIng
	case how == lemma.Inflected && !strings.HasSuffix(w, "s") && lemmas().IsVerb(l):
		t.aspect = aspectPast
	}
	return t
}

// noteLatinApp records, for the trie node a Latin scene phrase ends at, the positions before its
// last word written as a past form ("damaged" of "damaged goods": a node keeps a position only
// while every phrase ending there has a past form at it), and whether phrases written apart end
// there ("running on diesel", "runs on diesel"): their products then count once (foldedNodes).
func (v *Vocabulary) noteLatinApp(form string, syms []int32) {
	n := int32(0)
	for _, s := range syms {
		var ok bool
		if n, ok = v.latinApps.step(n, s); !ok {
			return
		}
	}
	written := strings.Join(strings.Fields(strings.ToLower(form)), " ")
	var mask uint32
	toks := latinTokens(written)
	for k, t := range toks {
		if k < len(syms)-1 && k < 32 && t.aspect == aspectPast {
			mask |= 1 << k
		}
	}
	lastPast := len(toks) == len(syms) && toks[len(toks)-1].aspect == aspectPast
	if v.latinAppNodes == nil {
		v.latinAppNodes = map[int32]latinAppNode{}
	}
	node, seen := v.latinAppNodes[n]
	if !seen {
		node = latinAppNode{written: written, past: mask, lastPast: lastPast}
	} else {
		node.past &= mask
		node.lastPast = node.lastPast || lastPast
		node.folded = node.folded || node.written != written
	}
	v.latinAppNodes[n] = node
}

// latinAppNode is what the lemma layer knows of the phrases ending at a node of the Latin
// application trie.
type latinAppNode struct {
	written string // the first phrase, as written
	past    uint32 // positions every phrase writes as a past form
	folded  bool   // phrases written apart end here
	// lastPast: a phrase ending here writes its last word as a past form ("goods damaged")
	lastPast bool
}

// aspectClash reports whether the lead's words lat, matched to the first words of the scene
// phrase ending at node n of the Latin application trie, write a present participle where every
// phrase of the node writes a past form before a noun: "humidity is damaging goods" is no
// "damaged goods".
func (v *Vocabulary) aspectClash(n int32, lat []latinTok) bool {
	mask := v.latinAppNodes[n].past
	for k := 0; mask != 0 && k < len(lat) && k < 32; k++ {
		if mask&(1<<k) != 0 && lat[k].aspect == aspectIng {
			return true
		}
	}
	return false
}
