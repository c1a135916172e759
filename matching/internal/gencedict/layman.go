package main

// With -layman the command writes matching/data/bridge/zh_layman.tsv instead: the everyday
// Chinese names a buyer writes for a product whose trade name the vocabulary knows (电瓶 for
// 蓄电池, 吸铁石 for 稀土永磁), read through their dictionary glosses:
//
//	go run ./matching/internal/gencedict -layman -in /tmp/cedict/package/tests/cedict_ts.u8 \
//		> matching/data/bridge/zh_layman.tsv
//
// A headword the vocabulary reads nothing in is kept when its glosses lead to one or two
// products of the vocabulary, by either of two roads: the engine reads the gloss itself as a
// whole ("magnet" is a scene phrase of 稀土永磁), or another headword of the same gloss is read by
// the vocabulary as a whole (电瓶 and 蓄电池 are both "accumulator"), and either way the headword
// shares a character with the Chinese that vouches for it (海豹 and 密封 are both "seal" and share
// none). A headword one of whose senses leads elsewhere or nowhere is ambiguous and dropped; the
// glosses no product is named by alone (machine, device, system, thing) are not read.

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"duijie/matching"
	"duijie/matching/internal/lemma"
)

const (
	// laymanMaxProducts: a headword leading to more products than this names none of them.
	laymanMaxProducts = 2
	// laymanSenses: only the first senses of a headword are read (a word's later senses are
	// rarer, and a buyer means its first).
	laymanSenses = 3
)

// laymanDropMarks are dropMarks less the colloquial label: a colloquial sense is what a buyer
// who does not know the trade's word writes.
var laymanDropMarks = slices.DeleteFunc(slices.Clone(dropMarks), func(m string) bool { return m == "(coll.)" })

// genericGlosses name no product alone, whatever the vocabulary says of them.
var genericGlosses = strings.Fields(`
machine machinery device apparatus appliance equipment system thing tool instrument implement
material product part unit component set board plate piece item article object stuff goods
facility installation plant work works service process method technique technology
`)

// laymanRow is one row of the table.
type laymanRow struct {
	head     string
	products []string
	gloss    string // the gloss that justified it, with its road: "accumulator = 蓄电池", "magnet"
}

// reader is what the generator asks of the engine's vocabulary (matching.Vocabulary.Read).
type reader func(text string) matching.Reading

// generateLayman writes the everyday-name table.
func generateLayman(entries []entry, t *lemma.Table, stop map[string]bool, read reader, data []string, w io.Writer) {
	rows, blockers := laymanRows(entries, t, stop, read, writtenForms(data, t), insideProducts(data))
	fmt.Fprint(w, laymanHeader)
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\n", r.head, strings.Join(r.products, ","), r.gloss)
	}
	for _, b := range blockers {
		fmt.Fprintf(w, "%s\t-\n", b)
	}
}

// laymanRows returns the table's rows sorted by headword, and its blockers: longer headwords
// that hold a row's headword inside them and lead nowhere (电瓶车 holds 电瓶), so that the
// runtime's longest match reads them as the words they are. written maps each English form of
// the vocabulary (as lemmas) to the Han characters written on the same lines (writtenForms);
// inside gives the products whose Han forms hold a word (insideProducts).
//
// A headword is kept only when every sense read (the first laymanSenses glosses, less verbs and
// generic words) leads to the same one or two products, and the vocabulary names no more than
// those with forms holding it: 电池 sits inside 锂电池, 铅酸蓄电池 and 钠离子电池 and names none of
// them; 冷盘 is a cold plate (热管理) and cold meats; 调门 is a valve and, read diao4, a melody.
func laymanRows(entries []entry, t *lemma.Table, stop map[string]bool, read reader, written map[string]string, inside func(string) []string) ([]laymanRow, []string) {
	senses := make([][]sense, len(entries))
	df := map[string]int{}
	for i, e := range entries {
		if !hanWord(e.simp, 1, maxHan) || !named(e) {
			continue
		}
		senses[i] = laymanSensesOf(e, t)
		for _, s := range senses[i] {
			for _, word := range strings.Fields(s.key) {
				df[word]++
			}
		}
	}
	generic := func(key string) bool {
		words := strings.Fields(key)
		if stop[words[0]] || stop[words[len(words)-1]] {
			return true
		}
		for _, w := range words {
			if !slices.Contains(genericGlosses, w) && !stop[w] && !slices.Contains(functionWords, w) {
				return len(words) == 1 && (df[w] > maxGlossDF || len(w) < 3 || notNames[w])
			}
		}
		return true
	}
	readCache := map[string]matching.Reading{}
	readOf := func(s string) matching.Reading {
		r, ok := readCache[s]
		if !ok {
			r = read(s)
			readCache[s] = r
		}
		return r
	}
	// The second road: the headwords of each gloss (as written) the vocabulary reads as a whole.
	pivot := map[string][]string{}
	for i, e := range entries {
		if len(senses[i]) == 0 || len(readOf(e.simp).Whole) == 0 {
			continue
		}
		for _, s := range senses[i] {
			if !slices.Contains(pivot[s.exact], e.simp) {
				pivot[s.exact] = append(pivot[s.exact], e.simp)
			}
		}
	}
	// resolve returns the products a sense of headword h leads to, and why.
	resolve := func(h string, s sense) ([]string, string) {
		if r := readOf(s.key); !s.aside && len(r.Whole) > 0 && sharesChar(h, written[s.key]) {
			return r.Whole, s.key
		}
		for _, p := range pivot[s.exact] {
			if sharesChar(h, p) {
				return readOf(p).Whole, s.exact + " = " + p
			}
		}
		return nil, ""
	}
	entriesOf := map[string][]int{}
	var heads []string
	for i, e := range entries {
		if len(senses[i]) == 0 || !hanWord(e.simp, minHan, maxHan) {
			continue
		}
		if entriesOf[e.simp] == nil {
			heads = append(heads, e.simp)
		}
		entriesOf[e.simp] = append(entriesOf[e.simp], i)
	}
	var rows []laymanRow
	kept := map[string]bool{}
	for _, h := range heads {
		if readOf(h).Any {
			continue
		}
		row, ok := laymanRow{head: h}, true
		for _, i := range entriesOf[h] {
			for _, s := range senses[i] {
				if generic(s.key) {
					continue
				}
				ps, why := resolve(h, s)
				if len(ps) == 0 && s.aside {
					continue // "battery (for storing electricity)": the aside says which sense, not another
				}
				if len(ps) == 0 {
					ok = false // a sense leading nowhere: the word means more than the product
					break
				}
				for _, p := range ps {
					if !slices.Contains(row.products, p) {
						row.products = append(row.products, p)
					}
				}
				if row.gloss == "" {
					row.gloss = why
				}
			}
		}
		if !ok || len(row.products) == 0 || len(row.products) > laymanMaxProducts {
			continue
		}
		if named := inside(h); len(named) > laymanMaxProducts {
			continue
		}
		rows = append(rows, row)
		kept[h] = true
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].head < rows[j].head })
	var blockers []string
	for _, h := range heads {
		if kept[h] || utf8.RuneCountInString(h) <= minHan {
			continue
		}
		for _, r := range rows {
			if strings.Contains(h, r.head) && !readOf(h).Any {
				blockers = append(blockers, h)
				break
			}
		}
	}
	sort.Strings(blockers)
	return rows, blockers
}

// sense is one gloss of a headword as the table reads it.
type sense struct {
	key   string // as the analyser reads English: parentheticals stripped, lemmas (readGloss)
	exact string // as written, in lower case: the second road's key ("crown of a tooth")
	aside bool   // it carries a parenthesised aside other than a technical label ("seat (at a banquet)")
}

// laymanSensesOf returns the senses of e's first laymanSenses glosses that name a thing: no verb
// sense (权衡 "to weigh" names an act, not a thing a buyer orders), no dropped label. A word whose
// first sense is a verb is a verb (中介 "to act as intermediary", then "intermediate"; 分发 "to
// distribute", then "distribution"): none.
func laymanSensesOf(e entry, t *lemma.Table) []sense {
	var out []sense
	for k, g := range e.glosses {
		if k >= laymanSenses {
			break
		}
		for _, part := range strings.Split(g, ";") {
			key, rank := readGloss(part, t, laymanDropMarks)
			if rank == rankVerbFirst && k == 0 {
				return nil
			}
			if key == "" || rank == rankVerbFirst {
				continue
			}
			low := strings.ToLower(strings.TrimSpace(part))
			exact := strings.Join(strings.Fields(low), " ")
			for _, p := range []string{"a ", "an ", "the "} {
				exact = strings.TrimPrefix(exact, p)
			}
			// An aside follows the words it qualifies ("seat (at a banquet)"); a label leads
			// ("(coll.) pushover") and is no aside.
			aside := strings.Contains(low, "(") && !strings.HasPrefix(low, "(") && !labelled(low)
			out = append(out, sense{key: key, exact: exact, aside: aside})
		}
	}
	return out
}

// affixes are characters too common in names of things to show two words are akin (机 of 拖拉机
// and of 发动机).
const affixes = "机器子品件物具头儿性化的大小用式型类质体剂设备装置"

// sharesChar reports whether the headword h has a character (other than an affix) in common
// with the evidence: the headword of the same gloss the vocabulary reads (蓄电池 for 电瓶), or the
// Chinese written beside the English form the engine read (磁铁 beside "magnet", for 吸铁石). An
// everyday name mostly keeps a morpheme of the trade's word; a gloss shared with no such
// morpheme is mostly a pun of English (海豹 and 密封件 are both "seal").
func sharesChar(h, evidence string) bool {
	for _, r := range h {
		if !strings.ContainsRune(affixes, r) && strings.ContainsRune(evidence, r) {
			return true
		}
	}
	return false
}

// writtenForms reads the vocabulary's data files as plain lines: every English form on a line
// (as lemmas) with the Han characters written on that line.
func writtenForms(texts []string, t *lemma.Table) map[string]string {
	out := map[string]string{}
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			var han strings.Builder
			for _, r := range line {
				if unicode.Is(unicode.Han, r) {
					han.WriteRune(r)
				}
			}
			if han.Len() == 0 {
				continue
			}
			for _, form := range strings.FieldsFunc(line, func(r rune) bool { return r == '\t' || r == ',' }) {
				words := strings.Fields(strings.ToLower(form))
				if len(words) == 0 || !isLetters(strings.Join(words, "")) {
					continue
				}
				for i, w := range words {
					words[i] = t.Lemma(w)
				}
				k := strings.Join(words, " ")
				out[k] += han.String()
			}
		}
	}
	return out
}

// named reports whether an entry is a common word (no proper name, surname or idiom).
func named(e entry) bool {
	for _, syl := range strings.Fields(e.pinyin) {
		if syl != "" && unicode.IsUpper([]rune(syl)[0]) {
			return false
		}
	}
	for _, g := range e.glosses {
		if strings.Contains(strings.ToLower(g), "(idiom)") {
			return false
		}
	}
	return true
}

// hanWord reports whether s is lo to hi Han characters and nothing else.
func hanWord(s string, lo, hi int) bool {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= lo && n <= hi
}

// laymanKey reads a gloss as glossKey does, colloquial senses kept.
func laymanKey(g string, t *lemma.Table) string {
	key, _ := readGloss(g, t, laymanDropMarks)
	return key
}

const laymanHeader = `# Everyday Chinese names of the vocabulary's products (matching/layman.go): a dictionary headword
# the vocabulary reads nothing in, the products (concept names) its glosses lead to, and the gloss
# that led there ("accumulator = 蓄电池": a gloss shared with a headword the vocabulary reads; a bare
# gloss: the engine read the gloss itself). A row of "-" is a longer word holding a headword that
# leads nowhere (the runtime reads it as the word it is). Written by matching/internal/gencedict
# -layman from CC-CEDICT and the vocabulary; do not edit by hand.
#
# CC-CEDICT, Community maintained free Chinese-English dictionary, published by MDBG
# (https://www.mdbg.net/chinese/dictionary?page=cc-cedict). Licence: Creative Commons
# Attribution-ShareAlike 4.0 International (https://creativecommons.org/licenses/by-sa/4.0/).
# Referenced works: CEDICT - Copyright (C) 1997, 1998 Paul Andrew Denisowski.
# This file is an adapted extract (filtered, reversed, linked to products) under the same licence.
`

// readData returns the text of the vocabulary's files: concepts, applications, scenarios.
func readData(dir string) []string {
	names, err := filepath.Glob(filepath.Join(dir, "scenarios", "*.tsv"))
	if err != nil {
		log.Fatal(err)
	}
	names = append(names, filepath.Join(dir, "concepts.tsv"), filepath.Join(dir, "applications.tsv"))
	var out []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// insideProducts reads the vocabulary's lines (concepts, products, applications, scenes) as Han
// forms and the products they name or call for, and returns a function giving the products
// whose forms hold a word.
func insideProducts(texts []string) func(string) []string {
	type line struct {
		forms    string // the Han forms, joined by commas
		products []string
	}
	var lines []line
	for _, text := range texts {
		for _, l := range strings.Split(text, "\n") {
			f := strings.Split(strings.TrimRight(l, "\r"), "\t")
			if strings.HasPrefix(l, "#") || len(f) < 2 {
				continue
			}
			var forms, products string
			switch {
			case f[0] == "product" && len(f) >= 4: // product name english forms
				forms, products = f[1]+","+f[3], f[1]
			case (f[0] == "scene" || f[0] == "service") && len(f) >= 3: // scene forms products
				forms, products = f[1], f[2]
			case f[0] == "tag":
				continue
			case len(f) == 3: // concepts.tsv: name english forms
				forms, products = f[0]+","+f[2], f[0]
			case len(f) == 2: // applications.tsv: forms products
				forms, products = f[0], f[1]
			default:
				continue
			}
			lines = append(lines, line{forms, strings.Split(products, ",")})
		}
	}
	return func(w string) []string {
		var out []string
		for _, l := range lines {
			if !strings.Contains(l.forms, w) {
				continue
			}
			for _, p := range l.products {
				if p = strings.TrimSpace(p); !slices.Contains(out, p) {
					out = append(out, p)
				}
			}
		}
		return out
	}
}
