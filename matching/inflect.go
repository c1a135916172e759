package matching

import (
	"slices"
	"strings"
)

// Every Latin word is read as its lemma (lemma.go): "moving pallets" is "move pallet", whatever
// the vocabulary, the supplier or the buyer wrote. What the lemma table does not know (words
// outside WordNet: "dehumidify", "electrolyser", trade coinages) is still met here, where the
// vocabulary's phrases are matched: each word of a surface lends its symbol to its inflected and
// respelt forms, unless that form is a word of the vocabulary itself or the lemma table reads it
// as another word.

// addInflections gives the inflections of every surface word the word's symbol. It runs once,
// after every file is loaded, so a form that is a surface word in its own right keeps its own
// symbol whatever the order of the files.
func (v *Vocabulary) addInflections() {
	words := make([]string, 0, len(v.latinSyms))
	for w := range v.latinSyms {
		words = append(words, w)
	}
	slices.Sort(words) // the same aliases on every load, whatever the map order
	alias := map[string]int32{}
	for _, w := range words {
		sym := v.latinSyms[w]
		for _, f := range inflections(w) {
			if _, own := v.latinSyms[f]; own || lemmaOf(f) != f {
				continue // the text never holds f as such: it is read as its lemma
			}
			if _, taken := alias[f]; !taken {
				alias[f] = sym
			}
		}
	}
	for f, sym := range alias {
		v.latinSyms[f] = sym
	}
}

// wordsOfTheirOwn look like inflections but are words with another meaning: tired drivers are
// no tyres, a Co., Limited no limit.
var wordsOfTheirOwn = map[string]bool{
	"tired": true, "limited": true, "united": true, "advanced": true, "based": true,
	"interested": true, "concerned": true, "sized": true, "spoiled": true,
}

// inflections returns the forms of a (plural-folded, lower-case) word a buyer may write
// instead: -ing and -ed forms, and British and American spellings.
func inflections(w string) []string {
	if len(w) < 3 || !isLetter(w[0]) {
		return nil
	}
	for i := 0; i < len(w); i++ {
		if !isLetter(w[i]) {
			return nil // model numbers and quantities are matched exactly
		}
	}
	var out []string
	add := func(s string) {
		if s != w && !wordsOfTheirOwn[s] && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, base := range spellings(w) {
		add(base)
		n := len(base)
		switch {
		case strings.HasSuffix(base, "ie"):
			add(base[:n-2] + "ying")
			add(base + "d")
		case strings.HasSuffix(base, "ee"):
			add(base + "ing")
			add(base + "d")
		case strings.HasSuffix(base, "e"):
			add(base[:n-1] + "ing")
			add(base + "d")
		case strings.HasSuffix(base, "y") && n > 3 && !isVowel(base[n-2]):
			add(base + "ing")
			add(base[:n-1] + "ied")
		case strings.HasSuffix(base, "ing") || strings.HasSuffix(base, "ed"):
			// already inflected: a surface "cooking fumes" is met by "cooking fumes" only
		default:
			// A word of one syllable ending consonant-vowel-consonant doubles its last letter
			// (tap → tapped); its undoubled forms belong to another word (taped is tape's).
			oneSyllable := shortCVC(base) && vowelGroups(base) == 1
			if !oneSyllable {
				add(base + "ing")
				add(base + "ed")
			}
			if shortCVC(base) {
				d := base + base[n-1:]
				add(d + "ing")
				add(d + "ed")
			}
		}
	}
	return out
}

// spellings returns w and its other spelling, British or American (colour/color,
// optimise/optimize, electrolyser/electrolyzer, centre/center, fibre/fiber).
func spellings(w string) []string {
	out := []string{w}
	for _, p := range [][2]string{{"our", "or"}, {"ise", "ize"}, {"isation", "ization"}, {"yse", "yze"}, {"yser", "yzer"},
		{"tre", "ter"}, {"bre", "ber"}, {"ould", "old"}, {"ium", "um"}} {
		for _, pair := range [][2]string{p, {p[1], p[0]}} {
			if i := strings.LastIndex(w, pair[0]); i > 0 {
				alt := w[:i] + pair[1] + w[i+len(pair[0]):]
				if !slices.Contains(out, alt) {
					out = append(out, alt)
				}
			}
		}
	}
	return out
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// shortCVC reports a word ending consonant-vowel-consonant whose last consonant doubles before
// -ing ("cut" → cutting, "weld" does not).
// vowelGroups counts the runs of vowels in w: about its syllables.
func vowelGroups(w string) int {
	n, in := 0, false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i])
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

func shortCVC(w string) bool {
	n := len(w)
	if n < 3 || n > 5 {
		return false
	}
	a, b, c := w[n-3], w[n-2], w[n-1]
	return !isVowel(a) && isVowel(b) && !isVowel(c) && strings.IndexByte("wxy", c) < 0
}
