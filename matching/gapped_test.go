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
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 100, lw: newLeadWeights(DefaultTuning())}
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

// A long gap may end in a one-character pain when it closes the clause (or a particle follows
// it), never across a conjunction, and weaker than an exact match.
func TestOneCharacterPainAfterLongGap(t *testing.T) {
	v := looseVocabulary(t)
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"仓库一到梅雨天就潮", true},
		{"仓库一到梅雨天就潮得不行", true},
		{"仓库一到梅雨天就潮了", true},
		{"仓库里放着很多潮州菜", false},      // 潮 starts another word
		{"仓库的门和窗户都潮", false},       // 和: the 潮 is another thing's
		{"仓库，一到梅雨天就潮", false},      // two clauses
		{"仓库一到七八月份梅雨的时候就潮", false}, // nine characters written in
	} {
		if got := looseWeight(v, tc.text, "除湿机") > 0; got != tc.want {
			t.Errorf("%q: found %v, want %v", tc.text, got, tc.want)
		}
	}
	if exact, long := looseWeight(v, "仓库潮", "除湿机"), looseWeight(v, "仓库一到梅雨天就潮", "除湿机"); !(exact > long) {
		t.Errorf("exact %v, long gap with a one-character pain %v: want exact stronger", exact, long)
	}
}

// A degree or existence word may follow a scene phrase's first character when two of its
// characters follow (浪有多大 for 浪多大); another character may not, nor before one character.
func TestDegreeWordAfterFirstCharacter(t *testing.T) {
	v := looseVocabulary(t)
	for _, tc := range []struct {
		text, concept string
		want          bool
	}{
		{"浪有多大", "浮标", true},
		{"浪特别多大", "浮标", true},
		{"浪花多大", "浮标", false},  // 花 is no degree word
		{"车太堵", "停车系统", false}, // one character after the gap
		{"车老堵", "停车系统", true},  // a frequency adverb, as before
	} {
		if got := looseWeight(v, tc.text, tc.concept) > 0; got != tc.want {
			t.Errorf("%q: %s found %v, want %v", tc.text, tc.concept, got, tc.want)
		}
	}
}

// A scene met by an anchored loose reading (reversed with a joint, a one-character pain closing
// its clause) votes for its own cluster as an exact one does: the buyer's words are no surface of
// the vocabulary, so the lookup by phrase reads them as the analyser did. A plain long gap does
// not vote.
func TestLooseSceneVotesForItsCluster(t *testing.T) {
	v := looseVocabulary(t)
	for phrase, want := range map[string]string{"卫生间摔倒": "L1", "摔倒在卫生间": "L1", "仓库一到梅雨天就潮": "A1"} {
		if got := sceneClusters(v, phrase); len(got) != 1 || got[0] != want {
			t.Errorf("%q: clusters %v, want [%s]", phrase, got, want)
		}
	}
	for _, phrase := range []string{"卫生间", "卫生间里老人又摔倒"} {
		if got := sceneClusters(v, phrase); len(got) != 0 {
			t.Errorf("%q: clusters %v, want none", phrase, got)
		}
	}
}
