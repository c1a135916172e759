package matching

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"duijie/domain"
)

// composed returns the products the field reads only when objects and pains compose: what a
// reading with Tuning.Compose finds that the same reading without it does not (the scene bag
// off, so its guesses do not hide the difference).
func composed(text string) []string {
	on := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 400, lw: newLeadWeights(DefaultTuning())}
	off := on
	off.lw.compose = 0
	rs := []rune(text)
	base := map[string]bool{}
	for _, t := range off.field(rs, 1, true, nil) {
		if t.kind == kExpansion || t.kind == kConcept {
			base[t.text] = true
		}
	}
	var out []string
	for _, t := range on.field(rs, 1, true, nil) {
		if t.kind == kExpansion && !base[t.text] && !slices.Contains(out, t.text[1:]) {
			out = append(out, t.text[1:])
		}
	}
	return out
}

// An object and a pain that no phrase writes together call for what both halves call for: 封箱
// (人工封箱, 封箱忙不过来) and 全靠人 (打包全靠人, 搬东西全靠人) meet in 包装机械, also when
// the pain closes a list the object opens. An object without a pain, a product named whole, and
// words a phrase already reads compose nothing.
func TestComposeObjectAndPain(t *testing.T) {
	if DefaultTuning().Compose == 0 {
		t.Fatal("Tuning.Compose is 0: composition is off by default")
	}
	for _, tc := range []struct {
		text string
		want []string // nil: nothing composed
	}{
		{"封箱全靠人手", []string{"包装机械"}},
		{"每天出货两三千箱，封箱、贴面单、打带全靠人手", []string{"包装机械"}},
		{"潜水员下去看一次要两千", []string{"水下机器人"}},
		{"我们的封箱机是去年买的", nil},  // an object, no pain
		{"采购光伏逆变器五十台", nil},   // 逆变器 is a product named, not a pain
		{"电瓶车电瓶被盗", nil},      // a phrase reads these words: what a person wrote wins
		{"仓库、冷库、机房环境监测", nil}, // a list item too long to be one object of the pain
	} {
		got := composed(tc.text)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: composed %v, want %s", tc.text, got, w)
			}
		}
		if tc.want == nil && len(got) > 0 {
			t.Errorf("%q: composed %v, want nothing", tc.text, got)
		}
	}
}

// TestComposeOnSupplierText reads the labelled corpus's supplier texts as if they were leads. A
// supplier describes what it makes, so a product composed from its words that it names nowhere
// (concepts of its name, products and description) is a false hit: the halves met by chance.
func TestComposeOnSupplierText(t *testing.T) {
	f, err := os.Open("testdata/enterprises.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 4000, lw: newLeadWeights(DefaultTuning())}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	texts, hits, foreign := 0, 0, 0
	for sc.Scan() {
		var ent domain.Enterprise
		if err := json.Unmarshal(sc.Bytes(), &ent); err != nil {
			t.Fatal(err)
		}
		texts++
		own := map[string]bool{}
		fields := append([]string{ent.Name, ent.Description}, ent.Products...)
		for _, s := range fields {
			for _, tm := range a.field(a.normalize(s), 1, false, nil) {
				if tm.kind == kConcept {
					own[tm.text[1:]] = true
				}
			}
		}
		for _, s := range fields {
			for _, p := range composed(s) {
				hits++
				if !own[p] {
					foreign++
					t.Logf("%s: %s → %s", ent.ID, s, p)
				}
			}
		}
	}
	t.Logf("%d supplier texts: %d products composed, %d the supplier names nowhere", texts, hits, foreign)
	if texts < 200 || foreign > 20 {
		t.Errorf("%d of %d products composed on %d supplier texts are named nowhere by the supplier, want at most 20", foreign, hits, texts)
	}
}

// BenchmarkAnalyseCompose reads the scene leads with and without composition.
func BenchmarkAnalyseCompose(b *testing.B) {
	for _, w := range []float64{0, DefaultTuning().Compose} {
		tu := DefaultTuning()
		tu.Compose = w
		a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 4000, lw: newLeadWeights(tu)}
		rs := make([][]rune, len(sceneLeads))
		for i, s := range sceneLeads {
			rs[i] = a.normalize(s)
		}
		name := "off"
		if w > 0 {
			name = "on"
		}
		b.Run(name, func(b *testing.B) {
			var buf []term
			for i := 0; b.Loop(); i++ {
				buf = a.field(rs[i%len(rs)], 1, true, buf[:0])
			}
		})
	}
}
