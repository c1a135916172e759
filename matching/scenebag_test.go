package matching

import (
	"strings"
	"testing"

	"duijie/domain"
)

// A buyer who says a need in words no scene phrase holds still reaches the product whose phrases
// share its rarer bigrams, and the explanation shows the buyer's clause.
func TestSceneBagReadsAParaphrase(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 200, lw: newLeadWeights(DefaultTuning())}
	text := "排出去的水发红被罚了"
	occ := a.field([]rune(text), 1, true, nil)
	found := false
	for _, tm := range occ {
		if tm.kind == kExpansion && tm.text == "#污水处理" && tm.bag { // not a composition's (compose.go)
			found = true
			if got := text[len(string([]rune(text)[:tm.start])):len(string([]rune(text)[:tm.end]))]; got != text {
				t.Errorf("the bag's match spans %q, want the buyer's clause %q", got, text)
			}
		}
	}
	if !found {
		t.Errorf("%s: want 污水处理 from the scene bag, got %v", text, occ)
	}
}

// A field whose phrases already name or call for several products gets nothing from the bag.
func TestSceneBagIsAFallback(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 200, lw: newLeadWeights(DefaultTuning())}
	named := []rune("采购数控车床、加工中心和工业机器人，车间噪声太大")
	occ := a.field(named, 1, true, nil)
	if got := a.bagProducts(named, nil, 1, occ, 0); len(got) != len(occ) {
		t.Errorf("a field naming several products got %d bag terms", len(got)-len(occ))
	}
	bare := []rune("排出去的水发红被罚了")
	if got := a.bagProducts(bare, nil, 1, nil, 0); len(got) == 0 {
		t.Errorf("a field no phrase explains got no bag terms")
	}
}

// Function words and everyday words make no bag evidence: 的水, 被罚 and 每天 say nothing about
// the need (data/bag_stop.txt).
func TestSceneBagSkipsFunctionWords(t *testing.T) {
	v := DefaultVocabulary()
	for _, c := range []struct {
		text string
		want bool
	}{{"的水", false}, {"罚了", false}, {"发红", true}, {"a水", false}, {"每天", false}, {"天要", true},
		// How a buyer asks is no need: 求推荐靠谱厂家 read 推荐 as a recommendation engine.
		{"推荐", false}, {"厂家", false}, {"私信", false}, {"一家", false}} {
		if got := v.bagBigram([]rune(c.text), 0); got != c.want {
			t.Errorf("bagBigram(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// phrasesOnly is the default engine reading scenes by their phrases alone, for tests of the
// phrases themselves.
func phrasesOnly() Config {
	c := DefaultConfig()
	c.NoSceneBag = true
	return c
}

// English words meet their own bags, and one shared word is not enough: "city" alone says
// nothing, two words of a product's phrases do.
func TestSceneBagEnglishNeedsTwoWords(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 200, lw: newLeadWeights(DefaultTuning())}
	var lat []latinTok
	text := []rune("city")
	lat = splitLatin(string(text), 0, lat)
	if got := a.bagProducts(text, lat, 1, nil, 0); len(got) != 0 {
		t.Errorf("one English word found %d bag products", len(got))
	}
	if len(a.v.bag[1].post) == 0 || len(a.v.bag[0].post) == 0 {
		t.Fatalf("want a Han bag and a Latin bag, got %d and %d keys", len(a.v.bag[0].post), len(a.v.bag[1].post))
	}
	for k := range a.v.bag[1].post {
		if k[0] != 0 {
			t.Fatalf("a Han key %q in the Latin bag", string(k[:]))
		}
	}
}

// A supplier reached through the scene bag is explained with the buyer's clause and "≈": a
// likeness, not a known phrase; the stored form reads back as one item per clause.
func TestSceneBagExplainsAsALikeness(t *testing.T) {
	e := New(DefaultConfig())
	e.Upsert(domain.Enterprise{ID: "water", Name: "宜兴清源环保有限公司", Clusters: []string{"A3"},
		Products: []string{"污水处理设备", "一体化污水处理设备"}, Description: "工业废水、印染废水处理工程。"})
	rs, err := e.SuppliersFor(domain.Lead{ID: "l1", Title: "排出去的水发红被罚了"}, 5, Options{})
	if err != nil || len(rs) == 0 {
		t.Fatalf("no result: %v", err)
	}
	terms := rs[0].Explanation.MatchedTerms
	found := false
	for _, m := range terms {
		found = found || strings.Contains(m, "排出去的水发红被罚了"+GuessArrow)
		if strings.Contains(m, SceneArrow) {
			t.Errorf("a guess explained as a known phrase: %q", m)
		}
	}
	if !found {
		t.Errorf("explanation %v: want the clause with %q", terms, GuessArrow)
	}
	got := termLabels([]string{"排出去的水发红被罚了" + GuessArrow + "污水处理", "排出去的水发红被罚了" + GuessArrow + "一体化污水处理设备",
		"食堂油烟" + SceneArrow + "油烟净化设备"}, "zh-CN", DefaultVocabulary())
	want := []string{"排出去的水发红被罚了" + GuessArrow + "污水处理/一体化污水处理设备", "食堂油烟" + SceneArrow + "油烟净化设备"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("termLabels = %q, want %q", got, want)
	}
}

// Everyday English words make no key of the Latin bag: "we cannot hear" is no hearing aid.
func TestSceneBagSkipsEverydayEnglish(t *testing.T) {
	v := DefaultVocabulary()
	for _, w := range []string{"cannot", "keep", "customer"} {
		if sym, ok := v.latinSyms[w]; ok && len(v.bag[1].post[latinKey(sym)]) > 0 {
			t.Errorf("%q is a key of the Latin bag", w)
		}
	}
	if sym, ok := v.latinSyms["leak"]; !ok || len(v.bag[1].post[latinKey(sym)]) == 0 {
		t.Errorf(`"leak" is no key of the Latin bag`)
	}
}
