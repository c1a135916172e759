package matching

import (
	"slices"
	"testing"
)

// A clause written into a scene phrase: both halves in order, in one clause, within
// maxLongGap characters, weaker than a short gap; never across punctuation, never beyond the
// limit, never on one character of the second half.
func TestLongGapScenes(t *testing.T) {
	e := New(phrasesOnly())
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"我们车间夏天特别闷热", true},      // 车间…闷热, five characters written in
		{"车间面积很大，夏天也闷热", false},   // two clauses
		{"车间一到了七八月份的时候闷热", false}, // eleven characters written in
	} {
		u := e.Understand(tc.text, "", nil, nil)
		if got := slices.Contains(u.Products, "工业冷风机"); got != tc.want {
			t.Errorf("%q: products %v, want 工业冷风机 %v", tc.text, u.Products, tc.want)
		}
	}
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 100}
	weight := func(text string) float32 {
		for _, tm := range a.field([]rune(text), 1, true, nil) {
			if tm.kind == kExpansion && tm.text == "#工业冷风机" {
				return tm.w
			}
		}
		return 0
	}
	exact, short, long := weight("车间闷热"), weight("车间很闷热"), weight("车间夏天特别闷热")
	if !(exact > short && short > long && long > 0) {
		t.Errorf("weights exact %v, short gap %v, long gap %v: want them in that order", exact, short, long)
	}
}

// A frequency adverb written after a scene phrase's first character still meets the phrase
// (货老被偷 → 货被偷), as a short gap; any other character there does not.
func TestAdverbInScene(t *testing.T) {
	e := New(DefaultConfig())
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"货被偷", true},
		{"店里的货老被偷", true},
		{"货动不动就被偷", true},
		{"货品被偷", false}, // 品 is no adverb: no gap one character in
	} {
		u := e.Understand(tc.text, "", nil, nil)
		if got := slices.Contains(u.Products, "安防监控"); got != tc.want {
			t.Errorf("%q: products %v, want 安防监控 %v", tc.text, u.Products, tc.want)
		}
	}
}
