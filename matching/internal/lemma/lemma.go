// Package lemma folds English word forms to one form per word, so that "the belts keep
// breaking", "belt broke twice" and "broken belts" all read belt and break. It is dictionary
// based, not a stemmer: a form is cut to a base only when the base is a known verb (WordNet's
// verb lemmas) or listed as the form's irregular base (WordNet's exception lists), so words that
// merely end like an inflection (seed, string, hundred) stay as they are. The table is data
// (matching/data/lemmas.txt, written by matching/internal/genlemmas); this package holds the
// rules both the generator and the analyser apply.
package lemma

import (
	"fmt"
	"slices"
	"strings"
)

// Table is a parsed lemma file.
type Table struct {
	verbs []string         // verb lemmas, sorted: what -ing and -ed forms may be cut to
	words map[string]entry // irregular forms, words of their own and British spellings: one probe a word
}

// entry is what the table says of one word.
type entry struct {
	to   string // the lemma of a form, the American spelling of a British one
	kind uint8
}

const (
	kindForm  uint8 = iota + 1 // an irregular form (broke → break, children → child)
	kindOwn                    // a word of its own (coating is no coat, limited no limit)
	kindSpell                  // a British spelling (colour → color, fibre → fiber)
)

// Inflection says how Fold reached a lemma.
type Inflection uint8

const (
	NotInflected Inflection = iota // the word, its plural folded, or another spelling
	Ing                            // an -ing form cut to its verb
	Inflected                      // an -ed form or an irregular form (broke, broken, children)
)

// Parse reads the sections [verbs] (words separated by spaces), [forms] ("form lemma" a line),
// [own] (words separated by spaces) and [spellings] ("british american" a line); # starts a
// comment line. A word listed twice keeps its first reading, forms before the rest.
func Parse(data string) (*Table, error) {
	t := &Table{words: map[string]entry{}}
	put := func(w string, e entry) {
		if old, ok := t.words[w]; !ok || e.kind == kindForm && old.kind != kindForm {
			t.words[w] = e
		}
	}
	section := ""
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		f := strings.Fields(line)
		switch section {
		case "verbs":
			t.verbs = append(t.verbs, f...)
		case "forms", "spellings":
			if len(f) != 2 {
				return nil, fmt.Errorf("lemmas:%d: want two words", n+1)
			}
			k := kindForm
			if section == "spellings" {
				k = kindSpell
			}
			put(f[0], entry{f[1], k})
		case "own":
			for _, w := range f {
				put(w, entry{w, kindOwn})
			}
		default:
			return nil, fmt.Errorf("lemmas:%d: line outside a known section", n+1)
		}
	}
	slices.Sort(t.verbs)
	t.verbs = slices.Clip(slices.Compact(t.verbs))
	return t, nil
}

// Lemma returns the lemma of a lower-case word: its irregular base if listed, else its plural
// folded (Plural) and an -ing or -ed form cut to a known verb; British spellings end American
// (colours, coloured → color). A word with anything but letters a-z is returned as it is (model
// numbers are matched exactly).
func (t *Table) Lemma(w string) string {
	l, _ := t.Fold(w)
	return l
}

// Fold is Lemma, also saying whether the word was an inflected form of its lemma.
func (t *Table) Fold(w string) (string, Inflection) {
	e, ok := t.words[w]
	if ok && e.kind == kindForm {
		return e.to, Inflected
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w, NotInflected
		}
	}
	s := Plural(w)
	if s != w {
		if e, ok = t.words[s]; ok && e.kind == kindForm {
			return e.to, Inflected
		}
	}
	how := NotInflected
	if !ok || e.kind != kindOwn {
		if r := t.Regular(s); r != s {
			how = Inflected
			if strings.HasSuffix(s, "ing") {
				how = Ing
			}
			s = r
			e, ok = t.words[s]
		}
	}
	if ok && e.kind == kindSpell {
		return e.to, how
	}
	return s, how
}

// Regular cuts a regular -ing or -ed form (no plural) to the verb it comes from, or returns w.
// The base with a silent e is preferred where English would have doubled the consonant of the
// other (hoping is hope's, hopping hop's; piping is pipe's, not pip's).
func (t *Table) Regular(w string) string {
	var b string
	n := len(w)
	switch {
	case n >= 5 && strings.HasSuffix(w, "ing"):
		b = w[:n-3]
	case n >= 4 && strings.HasSuffix(w, "ed"):
		if n >= 5 && strings.HasSuffix(w, "ied") && t.verb(w[:n-3]+"y") {
			return w[:n-3] + "y" // dried → dry
		}
		b = w[:n-2]
	default:
		return w
	}
	// dying is die's (and dyeing dye's): a verb in -ie turns it into y before -ing.
	if len(b) == 2 && b[1] == 'y' && strings.HasSuffix(w, "ing") && t.verb(b[:1]+"ie") {
		return b[:1] + "ie"
	}
	withE := b + "e"
	if OneSyllableCVC(b) && t.verb(withE) {
		return withE
	}
	if len(b) >= 2 && t.verb(b) {
		return b
	}
	if t.verb(withE) {
		return withE
	}
	if m := len(b); m >= 3 && b[m-1] == b[m-2] && !isVowel(b[m-1]) && t.verb(b[:m-1]) {
		return b[:m-1] // mapping → map, stopped → stop
	}
	return w
}

// IsVerb reports whether w is a verb lemma of the table.
func (t *Table) IsVerb(w string) bool { return t.verb(w) }

func (t *Table) verb(w string) bool {
	_, ok := slices.BinarySearch(t.verbs, w)
	return ok
}

// Verbs reports the number of verb lemmas, for tests.
func (t *Table) Verbs() int { return len(t.verbs) }

// OneSyllableCVC reports a word of one syllable ending consonant-vowel-consonant (w, x, y not
// counted as the last): its last consonant doubles before -ing and -ed (cut → cutting).
func OneSyllableCVC(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	a, b, c := w[n-3], w[n-2], w[n-1]
	if isVowel(a) || !isVowel(b) || isVowel(c) || strings.IndexByte("wxy", c) >= 0 {
		return false
	}
	groups, in := 0, false
	for i := 0; i < n; i++ {
		v := isVowel(w[i])
		if v && !in {
			groups++
		}
		in = v
	}
	return groups == 1
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// Plural folds an English plural to its singular without a dictionary ("batteries" → battery,
// "modules" → module); irregular plurals come from the table's forms.
func Plural(w string) string {
	n := len(w)
	if n <= 3 {
		return w
	}
	if s, ok := sesPlurals[w]; ok {
		return s
	}
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:n-1]
	}
	return w
}

// sesPlurals are plurals of words ending in s, which the rule above would cut to a word that
// does not exist (buses → buse): "electric buses" must meet "electric bus". Words in -se (fuses,
// houses, cases) keep the rule.
var sesPlurals = map[string]string{
	"buses": "bus", "gases": "gas", "lenses": "lens", "viruses": "virus", "campuses": "campus",
	"bonuses": "bonus", "canvases": "canvas", "biases": "bias", "statuses": "status",
	"trolleybuses": "trolleybus", "minibuses": "minibus", "atlases": "atlas",
}
