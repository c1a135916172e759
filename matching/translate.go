package matching

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"
)

// Supplier profiles are Chinese; an overseas buyer writes English. The vocabulary bridges the two
// for the words someone wrote down (concepts, scene phrases, the scene bag's English bags), and
// every other English content word of a lead used to meet only the few profiles that happen to
// write it in English. The bridge reads those words in a dictionary (data/bridge/en_zh.tsv, a
// filtered reverse extract of CC-CEDICT written by internal/gencedict) and adds the Chinese
// headwords as extra terms of the lead, split across translations. Only leads are translated: a
// profile is indexed as its supplier wrote it.

// Tuned on the development sets, each also read with the vocabulary of before it was written
// (BENCHMARKS.md, issue 9, "Session 7, helper T").
const (
	// bridgeWeight scales a translation's terms against the words the buyer wrote. They are
	// broad evidence (compile) left out of the lead's normalisation (normSum): they order the
	// suppliers that share something specific with the lead, or its cluster, never bring in one
	// on their own and never weaken the buyer's own words.
	bridgeWeight = 2
	// bridgeMaxHeads: a key with more headwords than this is too ambiguous to translate.
	bridgeMaxHeads = 4
	// bridgeMaxWords is the longest phrase looked up (the table holds up to this many words).
	bridgeMaxWords = 3
	// bridgeGate: a lead whose phrases already name or call for more products than this is
	// explained by them; its other English words would add noise.
	bridgeGate = 3
)

// named counts the distinct products a lead's fields name or call for (concepts and scene
// expansions, not the scene bag's guesses).
func (v *Vocabulary) named(fields ...[]term) int {
	seen := map[string]bool{}
	for _, occ := range fields {
		for _, t := range occ {
			if (t.kind == kConcept || t.kind == kExpansion) && !t.bag {
				seen[t.text] = true
			}
		}
	}
	return len(seen)
}

// BridgeArrow joins the buyer's English words and the Chinese word they were read as in a
// matched term: "leachate ≈ 渗滤液".
const BridgeArrow = " ≈ "

//go:embed data/bridge/en_zh.tsv
var enZhData string

// bridge is the table, read in place: the sorted lines of the embedded file and where each
// starts, so a lookup is a binary search and the table costs 4 bytes a key of heap.
type bridge struct {
	data  string
	lines []int32
}

var enZh = sync.OnceValue(func() *bridge { return newBridge(enZhData) })

func newBridge(data string) *bridge {
	b := &bridge{data: data}
	for i := 0; i < len(data); {
		j := strings.IndexByte(data[i:], '\n')
		if j < 0 {
			j = len(data) - i
		}
		if j > 0 && data[i] != '#' {
			b.lines = append(b.lines, int32(i))
		}
		i += j + 1
	}
	return b
}

// line returns the key and headwords of line k.
func (b *bridge) line(k int) (key, heads string) {
	s := b.data[b.lines[k]:]
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	key, heads, _ = strings.Cut(s, "\t")
	return key, heads
}

// lookup returns the headwords of key, separated by spaces.
func (b *bridge) lookup(key string) (string, bool) {
	k, ok := slices.BinarySearchFunc(b.lines, key, func(at int32, key string) int {
		s := b.data[at:]
		if j := strings.IndexByte(s, '\t'); j >= 0 {
			s = s[:j]
		}
		return strings.Compare(s, key)
	})
	if !ok {
		return "", false
	}
	_, heads := b.line(k)
	return heads, true
}

// translate adds to occ (a lead field's terms, rs its normalised text, w its weight) the Chinese
// terms of the field's English words and phrases that nothing in occ read as a concept or a
// scene, longest phrase first. Each headword's terms are kTrans terms over the English words,
// weighted w·bridgeWeight/n for a key of n headwords; heads collects the headwords, and a term's
// via is its headword's place in heads plus one.
func (a *analyzer) translate(rs, orig []rune, w float32, occ []term, heads *[]string, only [][2]int32) []term {
	if !a.bridge || !hasLatinLetter(rs) {
		return occ
	}
	lat, brk := latinStream(rs)
	ok := make([]bool, len(lat)) // a word the bridge may read
	for i, t := range lat {
		ok[i] = t.kind == latinWord && len(t.text) >= 2 && !resolved(occ, t) && !acronym(orig, t) &&
			(only == nil || spanHolds(only, t.start, t.end))
	}
	b := enZh()
	var key strings.Builder
	for i := 0; i < len(lat); {
		n := 0
		if only == nil || !afterVerbMarker(lat, brk, i) {
			n = a.translateAt(b, lat, brk, ok, i, w, &key, &occ, heads)
		}
		i += max(n, 1)
	}
	return occ
}

// translateAt translates the longest phrase starting at lat[i] the table knows, and returns
// how many words it took (0: none).
func (a *analyzer) translateAt(b *bridge, lat []latinTok, brk, ok []bool, i int, w float32, key *strings.Builder, occ *[]term, heads *[]string) int {
	if !ok[i] || a.v.stopEn[lat[i].text] {
		return 0
	}
	longest := 1
	for longest < bridgeMaxWords && i+longest < len(lat) && ok[i+longest] && !brk[i+longest] {
		longest++
	}
	for n := longest; n >= 1; n-- {
		if n == 1 && !a.translatable(lat[i].text) {
			return 0
		}
		if a.v.stopEn[lat[i+n-1].text] {
			continue
		}
		key.Reset()
		for k := i; k < i+n; k++ {
			if k > i {
				key.WriteByte(' ')
			}
			key.WriteString(lat[k].text)
		}
		hs, found := b.lookup(key.String())
		if !found {
			continue
		}
		words := strings.Fields(hs)
		words = slices.DeleteFunc(words, a.v.generic)
		if len(words) == 0 || len(words) > bridgeMaxHeads {
			continue
		}
		s, e := int32(lat[i].start), int32(lat[i+n-1].end)
		for _, h := range words {
			if len(*heads) == math.MaxUint8 { // term.via is a byte: later words stay untranslated
				return n
			}
			*heads = append(*heads, h)
			via := uint8(len(*heads))
			n0 := len(*occ)
			hr := []rune(h)
			*occ = a.han(hr, 0, len(hr), w*bridgeWeight/float32(len(words)), false, *occ)
			for k := n0; k < len(*occ); k++ {
				t := &(*occ)[k]
				t.kind, t.start, t.end, t.via = kTrans, s, e, via
			}
		}
		return n
	}
	return 0
}

// enVerbMarkers are the words after which an English word is a verb ("won't pill", "to cut",
// "can fade"): the dictionary's senses are nouns (pill → 药丸), so a need clause's verbs are not
// read through the bridge.
var enVerbMarkers = []string{"to", "will", "would", "can", "could", "should", "must", "may", "might", "shall",
	"not", "never", "t", "don", "doesn", "didn", "won", "cannot", "isn", "aren", "wasn", "weren"}

// afterVerbMarker reports whether lat[i] follows, in the same phrase, a word that makes it a verb.
func afterVerbMarker(lat []latinTok, brk []bool, i int) bool {
	return i > 0 && !brk[i] && slices.Contains(enVerbMarkers, lat[i-1].text)
}

// spanHolds reports whether [s, e) lies within one of spans.
func spanHolds(spans [][2]int32, s, e int) bool {
	for _, sp := range spans {
		if int(sp[0]) <= s && e <= int(sp[1]) {
			return true
		}
	}
	return false
}

// needBridgeSpans are the parts of a long English post the bridge still reads when its phrases
// already name more than bridgeGate products: the description's need clauses, less the buyer's
// introduction of itself. There the buyer's words name what is bought; the story's and the
// title's everyday words (fuel, electricity, battery) read through a dictionary only add noise.
func needBridgeSpans(rs []rune) [][2]int32 {
	need := needSpans(rs)
	if len(need) == 0 {
		return [][2]int32{}
	}
	own := ownTradeSpans(rs)
	out := make([][2]int32, 0, len(need))
	for _, sp := range need {
		if !slices.ContainsFunc(own, func(o [2]int32) bool { return o[0] < sp[1] && sp[0] < o[1] }) {
			out = append(out, sp)
		}
	}
	if len(out) == 0 {
		return [][2]int32{}
	}
	return out
}

// translatable reports whether a single English word may be read through the bridge: no stop
// word, no everyday word of any buyer's sentence, no word too generic to be evidence.
func (a *analyzer) translatable(w string) bool {
	v := a.v
	return len(w) >= 3 && !v.stopEn[w] && !v.generic(w) && !slices.Contains(v.bagStopEn, w)
}

// resolved reports whether the vocabulary already read the word t as a concept or a scene (a
// guess of the scene bag, which spans a whole clause, does not count).
func resolved(occ []term, t latinTok) bool {
	for _, o := range occ {
		if (o.kind == kConcept || o.kind == kExpansion) && !o.bag && int(o.start) <= t.start && t.end <= int(o.end) {
			return true
		}
	}
	return false
}

// acronym reports whether the word t was written in capitals (COD, OEM, PLC): an abbreviation
// of the trade, which the dictionary would read as a word (cod, the fish). A longer word in
// capitals is a title written loud (BAMBOO CHOPSTICKS).
func acronym(orig []rune, t latinTok) bool {
	if t.end > len(orig) || t.end-t.start > 5 {
		return false
	}
	for _, r := range orig[t.start:t.end] {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// english reports whether a lead is written in English more than in Chinese (more Latin
// letters than Han characters): a Chinese lead naming a code or a brand in Latin letters (COD,
// PLC) is read as its buyer wrote it.
func english(fields ...[]rune) bool {
	latin, han := 0, 0
	for _, rs := range fields {
		for _, r := range rs {
			switch {
			case r >= 'a' && r <= 'z':
				latin++
			case isHan(r):
				han++
			}
		}
	}
	return latin > 0 && latin >= han
}

func hasLatinLetter(rs []rune) bool {
	for _, r := range rs {
		if r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}
