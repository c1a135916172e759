package matching

import "testing"

// A buyer who says a need in words no scene phrase holds still reaches the product whose phrases
// share its rarer bigrams, and the explanation shows the buyer's clause.
func TestSceneBagReadsAParaphrase(t *testing.T) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 200}
	text := "排出去的水发红被罚了"
	occ := a.field([]rune(text), 1, true, nil)
	found := false
	for _, tm := range occ {
		if tm.kind == kExpansion && tm.text == "#污水处理" {
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
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 200}
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

// Function words make no bag evidence: 的水 and 被罚 say nothing about the need.
func TestSceneBagSkipsFunctionWords(t *testing.T) {
	v := DefaultVocabulary()
	for _, c := range []struct {
		text string
		want bool
	}{{"的水", false}, {"罚了", false}, {"发红", true}, {"a水", false}} {
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
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, sceneBag: true, maxRunes: 200}
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
