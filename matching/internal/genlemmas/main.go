// Command genlemmas writes matching/data/lemmas.txt, the English lemma table of the analyser,
// from WordNet 3.0 as Debian ships it (package wordnet-base): the verb lemmas of index.verb, and
// the irregular forms of verb.exc and noun.exc. Run:
//
//	apt-get install -y wordnet-base
//	go run ./matching/internal/genlemmas -wordnet /usr/share/wordnet > matching/data/lemmas.txt
//
// Adjective exceptions (better → good, worse → bad) are left out: comparatives carry meaning in
// a specification and are rare in leads. The hand-kept lists below say why each entry is there.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"duijie/matching/internal/lemma"
)

// ownWords are forms that the rules would fold into a word of another meaning in this field:
// they keep their own form (and their plurals fold to it).
var ownWords = map[string]string{
	"coating":       "a coating is no coat (garment)",
	"coated":        "coated fabric, coated steel: see coating",
	"dressing":      "a wound dressing is no dress",
	"training":      "staff training is no train (railway)",
	"marketing":     "marketing services are no market (\"for the EU market\" is in many leads)",
	"timing":        "a timing belt is no time (a stop word: lead time)",
	"plating":       "electroplating is no steel plate",
	"lining":        "a brake lining is no production line",
	"facing":        "facing is no face (face recognition)",
	"casing":        "a well casing is no case",
	"shipping":      "shipping (labels, containers) is kept apart from ship (vessels) by the vocabulary",
	"setting":       "setting is no set (a stop word: sets of)",
	"parking":       "parking is no park (industrial park)",
	"printed":       "a printed circuit board is no printing service",
	"tired":         "tired drivers are no tyres",
	"limited":       "Co., Limited is no limit",
	"united":        "United is a name",
	"advanced":      "advanced is a quality, not advancing",
	"based":         "Wuxi-based is no base",
	"interested":    "interested is a stop word; interest is not",
	"concerned":     "concerned is no concern",
	"sized":         "sized is a quality",
	"spoiled":       "spoiled is a state",
	"webbing":       "webbing straps are no web (website)",
	"accounting":    "accounting services are no account",
	"bedding":       "bedding (home textiles) is no bed",
	"damping":       "vibration damping is no damp store",
	"driving":       "driving (vehicles) is no drive (motor drives)",
	"fitting":       "pipe fittings are no fit",
	"machining":     "machining is a trade; machine is any machine",
	"media":         "filter media are no medium (medium voltage)",
	"meeting":       "meeting rooms are no meet",
	"sampling":      "sampling is no sample (a stop word: send a sample)",
	"screening":     "screening (medical, sieving) is no screen (display)",
	"shedding":      "shedding is no shed (building)",
	"tooling":       "tooling (moulds, dies) is no tools",
	"camping":       "camping is no (mining) camp",
	"hiking":        "hiking is no (price) hike",
	"bearing":       "a bearing is no bear (a load)",
	"potting":       "potting compound is no pot",
	"pilling":       "pilling (fabric) is no pill",
	"legging":       "leggings are no leg",
	"bridging":      "solder bridging is no bridge",
	"trading":       "a trading firm is no trade (trade show, trade name)",
	"clad":          "steel-clad is no clothing",
	"warehousing":   "warehousing (a logistics service) is no warehouse (the buyer's own)",
	"flooring":      "flooring (a product) is no floor (the factory floor)",
	"bonding":       "adhesive bonding is no bond (bid bond)",
	"drying":        "drying (equipment) is no dry (dry season, dry-type transformer)",
	"reversing":     "a reversing camera is no reverse (reverse osmosis)",
	"grounding":     "electrical grounding is no ground (ground floor, ground source)",
	"milling":       "CNC milling is no mill (textile mill, paper mill)",
	"turning":       "CNC turning is no turn (turn off the lights)",
	"siding":        "vinyl siding is no side (left side panel)",
	"waterproofing": "roof waterproofing (a trade) is no waterproof (jackets, labels)",
}

// foldAnyway are irregular forms that are lemmas of their own in WordNet but in leads are
// nearly always the inflection.
var foldAnyway = map[string]bool{
	"broke": true, "worn": true, "built": true, "sold": true, "kept": true, "caught": true,
	"went": true, "ran": true, "lost": true, "children": true, "teeth": true, "feet": true,
	"mice": true, "men": true, "women": true, "made": true, "done": true, "taken": true,
	"thrown": true, "shaken": true, "frozen": true, "stolen": true, "fallen": true,
	"woven": true, "bent": true, "spent": true, "shrunk": true, "stuck": true, "torn": true,
	"leaves": true, "knives": true, "shelves": true, "halves": true, "lives": true, "wives": true,
	"drew": true, "drove": true, "chosen": true, "given": true, "sent": true, "thought": true,
	"won": true, "tore": true, "dug": true, "ate": true, "fed": true, "fell": true, "left": true,
	"lit": true, "sat": true, "shook": true, "stole": true, "sang": true, "sung": true, "drunk": true,
}

// Kept as they are although WordNet lists them as forms (each a word of the field): bit (drill
// bit), bore, bound, felt, found, ground, lay, led (LED), rent, rose, saw, shot (shot blasting),
// smelt, spoke, stove, wound, and every Latin plural that is a word of its own (data, media).

// shortForms are the irregular forms of three letters or fewer that are folded: the others are
// too often codes here (GaN is gallium nitride, not gin; ATE automatic test equipment; HID a
// lamp).
var shortForms = map[string]bool{"ran": true, "got": true, "sat": true, "met": true, "fed": true,
	"dug": true, "lit": true, "men": true, "did": true, "had": true, "has": true, "was": true, "is": true}

// overrides choose the lemma where WordNet lists several or the rules pick another word.
var overrides = map[string]string{
	"axes":    "axis",                     // a 5-axis machine, not an axe
	"leaves":  "leaf",                     // tea leaves; the rules would say leave
	"routing": "route", "routed": "route", // not rout
	"trained": "training", "shipped": "shipping", "machined": "machining",
	"colored": "color", // WordNet lists colored as a noun of its own; here it is the colour
}

// spellingPairs are the British endings and their American twins, tried last first in a word.
var spellingPairs = [][2]string{{"isation", "ization"}, {"ise", "ize"}, {"iser", "izer"}, {"yse", "yze"},
	{"yser", "yzer"}, {"our", "or"}, {"tre", "ter"}, {"bre", "ber"}, {"ould", "old"}, {"ium", "um"}}

// notSpellings look like British spellings of another word but are words of their own.
var notSpellings = map[string]bool{
	"bourn": true, "course": true, "fourth": true, "floury": true, "mourn": true, "mourning": true,
	"outre": true, "prise": true, "scourer": true, "scouring": true, "timbre": true, "vaccinium": true,
	"littre": true, "amour": true, "apprise": true, "reprise": true,
}

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet dictionary directory")
	report := flag.Bool("report", false, "list the decisions on stderr")
	flag.Parse()
	logf := func(string, ...any) {}
	if *report {
		logf = func(format string, a ...any) { fmt.Fprintf(os.Stderr, format+"\n", a...) }
	}
	generate(*dir, os.Stdout, logf)
}

// generate writes the lemma table from the WordNet files in dir to out.
func generate(dir string, out io.Writer, logf func(string, ...any)) {
	verbs := lemmas(filepath.Join(dir, "index.verb"))
	nouns := lemmas(filepath.Join(dir, "index.noun"))
	lexicon := map[string]bool{}
	for _, w := range verbs {
		lexicon[w] = true
	}
	adjAdv := map[string]bool{}
	for _, f := range []string{"index.adj", "index.adv"} {
		for _, w := range lemmas(filepath.Join(dir, f)) {
			adjAdv[w] = true
		}
	}
	allWords := append(append([]string{}, verbs...), nouns...)
	for w := range adjAdv {
		allWords = append(allWords, w)
	}
	slices.Sort(allWords)
	allWords = slices.Compact(allWords)
	nounSet := map[string]bool{}
	for _, w := range nouns {
		lexicon[w] = true
		nounSet[w] = true
	}
	var vb strings.Builder
	vb.WriteString("[verbs]\n")
	for _, w := range verbs {
		vb.WriteString(w + "\n")
	}
	rules, err := lemma.Parse(vb.String())
	check(err)

	// Lemmas ending like an inflection whose cut is another word (seed is no see, wed): kept.
	own := map[string]bool{}
	for w := range ownWords {
		own[w] = true
	}
	for w := range lexicon {
		if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") && slices.Contains(verbs, w) {
			if r := rules.Regular(w); r != w {
				if _, over := overrides[w]; !over {
					own[w] = true
					logf("own %s (not %s)", w, r)
				}
			}
		}
	}

	forms := map[string]string{}
	for _, file := range []string{"verb.exc", "noun.exc"} {
		f, err := os.Open(filepath.Join(dir, file))
		check(err)
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fs := strings.Fields(sc.Text())
			if len(fs) < 2 || !plain(fs[0]) {
				continue
			}
			form := fs[0]
			if len(form) <= 3 && !shortForms[form] {
				continue // too often a code in this field: GaN, HID, ATE
			}
			var bases []string
			for _, b := range fs[1:] {
				if plain(b) {
					bases = append(bases, b)
				}
			}
			if len(bases) == 0 || slices.Contains(bases, form) || own[form] {
				continue
			}
			if lexicon[form] && !foldAnyway[form] {
				logf("kept %s (a word of its own, not %s)", form, bases[0])
				continue
			}
			base := bases[0]
			if o, ok := overrides[form]; ok {
				base = o
			} else if r := rules.Regular(lemma.Plural(form)); slices.Contains(bases, r) {
				continue // the rules already say so
			} else if p := lemma.Plural(form); file == "noun.exc" && p != form && nounSet[p] {
				// The regular plural is of a noun too, the usual one here: syringes are
				// syringe's (not syrinx's), lures lure's. Verb exceptions are WordNet's word.
				logf("regular %s → %s (not %s)", form, p, base)
				continue
			}
			if prev, ok := forms[form]; ok {
				if prev != base {
					logf("conflict %s: %s (kept) / %s", form, prev, base)
				}
				continue
			}
			forms[form] = base
		}
		check(sc.Err())
		f.Close()
	}
	for form, base := range overrides {
		forms[form] = base
	}

	// British spellings of a lemma whose American spelling is a lemma too, by the endings that
	// differ (colour/color, fibre/fiber, centre/center, optimise/optimize, analyser/analyzer,
	// mould/mold, aluminium/aluminum).
	spell := map[string]string{}
	for _, w := range allWords {
		if notSpellings[w] {
			continue
		}
		for _, p := range spellingPairs {
			i := strings.LastIndex(w, p[0])
			if i <= 0 {
				continue
			}
			alt := w[:i] + p[1] + w[i+len(p[0]):]
			if lexicon[alt] || adjAdv[alt] {
				spell[w] = alt
				break
			}
		}
	}

	for b, a := range spell { // colourise → colourize → colorize
		for i := 0; i < 3 && spell[a] != ""; i++ {
			a = spell[a]
		}
		spell[b] = a
	}

	// Every lemma must be its own lemma, or a word read twice would change again.
	var all strings.Builder
	all.WriteString("[verbs]\n" + strings.Join(verbs, " ") + "\n[forms]\n")
	for f, b := range forms {
		all.WriteString(f + " " + b + "\n")
	}
	all.WriteString("[own]\n")
	for o := range own {
		all.WriteString(o + "\n")
	}
	all.WriteString("[spellings]\n")
	for b, a := range spell {
		all.WriteString(b + " " + a + "\n")
	}
	table, err := lemma.Parse(all.String())
	check(err)
	for w := range lexicon {
		if l := table.Lemma(w); table.Lemma(l) != l {
			logf("unstable %s → %s → %s", w, l, table.Lemma(l))
		}
	}

	w := bufio.NewWriter(out)
	defer w.Flush()
	fmt.Fprint(w, header)
	fmt.Fprintln(w, "[verbs]")
	wrap(w, verbs)
	fmt.Fprintln(w, "[forms]")
	keys := make([]string, 0, len(forms))
	for k := range forms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%s %s\n", k, forms[k])
	}
	fmt.Fprintln(w, "[own]")
	ownList := make([]string, 0, len(own))
	for k := range own {
		ownList = append(ownList, k)
	}
	slices.Sort(ownList)
	wrap(w, ownList)
	fmt.Fprintln(w, "[spellings]")
	keys = keys[:0]
	for k := range spell {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%s %s\n", k, spell[k])
	}
	logf("%d verbs, %d forms, %d own, %d spellings", len(verbs), len(forms), len(own), len(spell))
}

// lemmas returns the single-word, letters-only lemmas of a WordNet index file, sorted.
func lemmas(path string) []string {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue // licence header
		}
		w, _, _ := strings.Cut(line, " ")
		if len(w) >= 2 && plain(w) {
			out = append(out, w)
		}
	}
	check(sc.Err())
	slices.Sort(out)
	return slices.Compact(out)
}

func plain(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

func wrap(w *bufio.Writer, words []string) {
	n := 0
	for _, s := range words {
		if n > 0 && n+1+len(s) > 100 {
			w.WriteString("\n")
			n = 0
		}
		if n > 0 {
			w.WriteString(" ")
			n++
		}
		w.WriteString(s)
		n += len(s)
	}
	if n > 0 {
		w.WriteString("\n")
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlemmas:", err)
		os.Exit(1)
	}
}

const header = `# English lemmas of the analyser (matching/lemma.go, rules in matching/internal/lemma).
# Generated by matching/internal/genlemmas from WordNet 3.0 (Debian package wordnet-base): the
# verb lemmas of index.verb, the irregular forms of verb.exc and noun.exc, and the hand-kept
# lists of the generator. Do not edit by hand: change the generator and run it again.
#
# WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by
# Princeton University under the following license. By obtaining, using and/or copying this
# software and database, you agree that you have read, understood, and will comply with these
# terms and conditions.: Permission to use, copy, modify and distribute this software and
# database and its documentation for any purpose and without fee or royalty is hereby granted,
# provided that you agree to comply with the following copyright notice and statements,
# including the disclaimer, and that the same appear on ALL copies of the software, database
# and documentation, including modifications that you make for internal use or for
# distribution. WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database. Title to copyright in
# this software, database and any associated documentation shall at all times remain with
# Princeton University and LICENSEE agrees to preserve same.
`
