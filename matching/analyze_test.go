package matching

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func terms(t *testing.T, seg Segmenter, text string, query bool) []string {
	t.Helper()
	a := analyzer{v: DefaultVocabulary(), seg: seg, vocab: true, maxRunes: 4000, lw: newLeadWeights(DefaultTuning())}
	var out []string
	for _, x := range a.field(a.normalize(text), 1, query, nil) {
		out = append(out, x.text)
	}
	return out
}

func TestAnalyzerTerms(t *testing.T) {
	cases := []struct {
		name, text string
		seg        Segmenter
		want, not  []string
	}{
		{"model number kept whole", "型号GP30KL，兼容O3X100", SegBigram, []string{"gp30kl", "gp30", "o3x100"}, []string{"gp", "kl"}},
		{"series prefix", "STM32F103C8T6", SegBigram, []string{"stm32f103c8t6", "stm32"}, nil},
		{"number with unit joins", "额定功率 3.5 kW，电压12V", SegBigram, []string{"3.5kw", "12v"}, []string{"kw"}},
		{"hyphenated code", "通过AEC-Q100认证", SegBigram, []string{"aecq100", "#车规级"}, nil},
		{"full-width letters", "持有ＩＡＴＦ１６９４９", SegBigram, []string{"iatf16949"}, nil},
		{"synonym concept zh", "采购芯片", SegBigram, []string{"#集成电路", "芯片"}, nil},
		{"synonym concept lithium", "锂电储能", SegBigram, []string{"#锂离子电池", "#储能系统"}, nil},
		{"photovoltaic synonym", "太阳能发电", SegBigram, []string{"#光伏"}, nil},
		{"english phrase concept", "Lithium-ion batteries for storage", SegBigram, []string{"#锂离子电池", "lithium", "ion", "battery"}, []string{"for"}},
		{"english plural folding", "IGBT modules", SegBigram, []string{"#功率模块", "module"}, nil},
		{"stop words split the run", "无锡芯源微电子有限公司", SegBigram, []string{"芯源", "微电", "电子"}, []string{"无锡", "有限", "公司", "司芯"}},
		{"unigram for materials", "铝材加工", SegBigram, []string{"铝", "铝材"}, nil},
		{"dictionary words", "温度传感器和物联网网关", SegDict, []string{"温度传感器", "物联网网关"}, []string{"度传"}},
		{"dictionary falls back to bigrams", "芯源微", SegDict, []string{"芯源", "源微"}, nil},
		{"hybrid adds long words", "温度传感器", SegHybrid, []string{"温度", "传感", "温度传感器"}, nil},
		{"punctuation only", "，。！？……——（）【】", SegBigram, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := terms(t, c.seg, c.text, false)
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q: want term %q in %q", c.text, w, got)
				}
			}
			for _, w := range c.not {
				if slices.Contains(got, w) {
					t.Errorf("%q: term %q should not be in %q", c.text, w, got)
				}
			}
			if c.want == nil && len(got) != 0 {
				t.Errorf("%q: want no terms, got %q", c.text, got)
			}
		})
	}
}

func TestApplicationsExpandLeadsOnly(t *testing.T) {
	lead := terms(t, SegBigram, "冷库温度远程监测改造", true)
	for _, w := range []string{"#温度传感器", "#物联网网关"} {
		if !slices.Contains(lead, w) {
			t.Errorf("lead terms %q lack expansion %q", lead, w)
		}
	}
	profile := terms(t, SegBigram, "冷库温度远程监测改造", false)
	if slices.Contains(profile, "#物联网网关") {
		t.Errorf("profiles must not be expanded: %q", profile)
	}
}

func TestLongTextIsCut(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 100, lw: newLeadWeights(DefaultTuning())}
	rs := a.normalize(strings.Repeat("温度传感器", 10000))
	if len(rs) != 100 {
		t.Fatalf("normalised length %d, want 100", len(rs))
	}
}

func TestCertNormalisation(t *testing.T) {
	v := DefaultVocabulary()
	cases := map[string]string{
		"ISO 9001:2015":   "ISO9001",
		"iso9001":         "ISO9001",
		"ＩＳＯ９００１":         "ISO9001",
		"GB/T 19001-2016": "ISO9001",
		"IATF 16949":      "IATF16949",
		"ISO/TS 16949":    "IATF16949",
		"UN38.3":          "UN383",
		" ":               "",
	}
	for in, want := range cases {
		if got := v.Cert(in); got != want {
			t.Errorf("Cert(%q) = %q, want %q", in, got, want)
		}
	}
}

// smallVocabulary is the least vocabulary that loads: one file of each kind.
var smallVocabulary = map[string]string{
	"concepts.tsv":     "芯片\tchip\t芯片,chip\n",
	"applications.tsv": "冷库\t芯片\n",
	"stopwords.txt":    "[chars]\n的\n[zh]\n公司\n[en]\nthe\n",
	"dict.txt":         "[words]\n设备\n[unigrams]\n钢\n",
	"certs.tsv":        "GBT19001\tISO9001\n",
	"markets.tsv":      "EU\tDE FR\n",
}

func TestVocabularyRefusesBadData(t *testing.T) {
	fsys := func(over map[string]string) fstest.MapFS { return vocabFS(smallVocabulary, over) }
	if _, err := LoadVocabulary(fsys(nil), "d"); err != nil {
		t.Fatalf("good vocabulary refused: %v", err)
	}
	bad := map[string]map[string]string{
		"mixed across a space": {"concepts.tsv": "芯片\tchip\t芯片,mcu 芯片\n"},
		"missing field":        {"concepts.tsv": "芯片\tchip\n"},
		"duplicate concept":    {"concepts.tsv": "芯片\tchip\t芯片\n芯片\tchip\tic\n"},
		"unknown target":       {"applications.tsv": "冷库\t传感器\n"},
		"stop char too long":   {"stopwords.txt": "[chars]\n的了\n"},
		"unknown section":      {"dict.txt": "[nouns]\n设备\n"},
		"line before section":  {"dict.txt": "设备\n"},
	}
	for name, over := range bad {
		if _, err := LoadVocabulary(fsys(over), "d"); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func TestTermLabel(t *testing.T) {
	v := DefaultVocabulary()
	cases := []struct{ term, lang, want string }{
		{"芯片", "en", "integrated circuit"},
		{"锂电池", "en", "lithium-ion battery"},
		{"MCU", "en", "MCU"},
		{"芯片", "zh-CN", "芯片"},
		{"没有这个词", "en", "没有这个词"},
	}
	for _, c := range cases {
		if got := v.TermLabel(c.term, c.lang); got != c.want {
			t.Errorf("TermLabel(%q, %s) = %q, want %q", c.term, c.lang, got, c.want)
		}
	}
}

func TestCodePrefixes(t *testing.T) {
	if got := normHS("8542.31.00"); got != "854231" {
		t.Errorf("normHS = %q", got)
	}
	if got := normHS("85423"); got != "8542" {
		t.Errorf("odd-length HS = %q, want the heading", got)
	}
	if got := normIndustry(" c3973 "); got != "C3973" {
		t.Errorf("normIndustry = %q", got)
	}
	for _, bad := range []string{"", "X", "Z3973", "C39731", "C39A3", "3973"} {
		if normIndustry(bad) != "" {
			t.Errorf("normIndustry(%q) accepted", bad)
		}
	}
	if !regionWithin(320200, 320214) || regionWithin(320214, 320211) || !regionWithin(320000, 320505) {
		t.Error("regionWithin")
	}
	if regionCommon(320214, 320211) != 2 || regionCommon(320214, 320505) != 1 || regionCommon(320214, 310115) != 0 {
		t.Error("regionCommon")
	}
}

// A concept written strictly inside another's surface is not named: 电机 in 发电机组 is no motor;
// a concept at either end of a longer one (传感器 in 温度传感器) is.
func TestStraddlingConceptDropped(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 100, lw: newLeadWeights(DefaultTuning())}
	has := func(text, concept string) bool {
		for _, tm := range a.field([]rune(text), 1, true, nil) {
			if tm.kind == kConcept && tm.text == concept {
				return true
			}
		}
		return false
	}
	if !has("柴油发电机组", "#发电机组") || has("柴油发电机组", "#驱动电机") {
		t.Error("柴油发电机组: want 发电机组 and not 驱动电机")
	}
	if !has("伺服电机采购", "#驱动电机") && !has("驱动电机采购", "#驱动电机") {
		t.Error("驱动电机 alone must still be read")
	}
	if !has("温度传感器", "#传感器") {
		t.Error("传感器 at the end of 温度传感器 must be kept")
	}
}

// vocabFS lays out vocabulary files under d/, the files of over replacing those of base.
func vocabFS(base, over map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for _, files := range []map[string]string{base, over} {
		for k, v := range files {
			m["d/"+k] = &fstest.MapFile{Data: []byte(v)}
		}
	}
	return m
}
