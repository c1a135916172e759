package matching

import (
	"slices"
	"testing"
	"testing/fstest"

	"duijie/domain"
)

// looseVocabulary holds scene phrases of the shapes the loose readings meet: a one-character
// pain (仓库潮), a one-character subject (浪多大, 车堵), two parts that may be reversed
// (屋顶漏水, 卫生间摔倒, 食堂油烟, 丢了钥匙, 电机驱动), in two clusters for the cluster vote.
func looseVocabulary(t *testing.T) *Vocabulary {
	t.Helper()
	fsys := fstest.MapFS{
		"d/concepts.tsv":     {Data: []byte("")},
		"d/applications.tsv": {Data: []byte("")},
		"d/stopwords.txt":    {Data: []byte("[zh]\n公司\n")},
		"d/dict.txt":         {Data: []byte("[words]\n仓库\n")},
		"d/certs.tsv":        {Data: []byte("")},
		"d/markets.tsv":      {Data: []byte("")},
		"d/scenarios/A1.tsv": {Data: []byte("# version: t\n" +
			"product\t除湿机\tdehumidifier\t除湿机\n" +
			"product\t防水工程\twaterproofing\t防水工程\n" +
			"product\t浮标\tbuoy\t浮标\n" +
			"product\t停车系统\tparking system\t停车系统\n" +
			"product\t油烟净化\tfume purifier\t油烟净化\n" +
			"product\t驱动器\tdrive\t驱动器\n" +
			"scene\t仓库潮\t除湿机\n" +
			"scene\t屋顶漏水\t防水工程\n" +
			"scene\t浪多大\t浮标\n" +
			"scene\t车堵\t停车系统\n" +
			"scene\t食堂油烟\t油烟净化\n" +
			"scene\t电机驱动\t驱动器\n")},
		"d/scenarios/L1.tsv": {Data: []byte("# version: t\n" +
			"product\t跌倒报警\tfall alarm\t跌倒报警\n" +
			"product\t智能门锁\tsmart lock\t智能门锁\n" +
			"scene\t卫生间摔倒\t跌倒报警\n" +
			"scene\t丢了钥匙\t智能门锁\n")},
	}
	v, err := LoadVocabulary(fsys, "d")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func looseConfig(t *testing.T) Config {
	c := DefaultConfig()
	c.Vocabulary = looseVocabulary(t)
	return c
}

// looseWeight is the weight of the expansion to concept (its name) read from text, 0 if none.
func looseWeight(v *Vocabulary, text, concept string) float32 {
	a := analyzer{v: v, seg: SegBigram, vocab: true, maxRunes: 200, lw: newLeadWeights(DefaultTuning())}
	var w float32
	for _, tm := range a.field(a.normalize(text), 1, true, nil) {
		if tm.kind == kExpansion && tm.text == "#"+concept {
			w = max(w, tm.w)
		}
	}
	return w
}

// The two parts of a scene written the other way round meet it when Chinese joins them so — a
// relative clause (…的), a place after 在, a topic before its predicate — within one clause,
// weaker than a long gap; two parts merely reversed do not (驱动电机 is a motor, not a drive).
func TestReversedScenes(t *testing.T) {
	v := looseVocabulary(t)
	for _, tc := range []struct {
		text, concept string
		want          bool
	}{
		{"漏水的屋顶", "防水工程", true},
		{"漏水特别严重的屋顶", "防水工程", true}, // 特别严重的: five characters, the last 的
		{"油烟太大的食堂", "油烟净化", true},
		{"老人摔倒在卫生间", "跌倒报警", true},
		{"钥匙丢了", "智能门锁", true},         // 丢了 is a predicate: topic first
		{"钥匙又丢了", "智能门锁", true},        // one character between
		{"驱动电机", "驱动器", false},         // neither part a predicate, no joint
		{"驱动电机不转", "驱动器", false},       // the negation belongs to neither part
		{"漏水，屋顶", "防水工程", false},       // two clauses
		{"漏水了我们厂里面的屋顶", "防水工程", false}, // seven characters between the parts
		{"漏水在屋顶", "防水工程", true},
		{"油烟的问题在食堂", "油烟净化", false}, // 的 joins 问题, and 在 must follow the part directly
	} {
		if got := looseWeight(v, tc.text, tc.concept) > 0; got != tc.want {
			t.Errorf("%q: %s found %v, want %v", tc.text, tc.concept, got, tc.want)
		}
	}
	exact, long, rev := looseWeight(v, "屋顶漏水", "防水工程"), looseWeight(v, "屋顶上上下下好多地方漏水", "防水工程"), looseWeight(v, "漏水的屋顶", "防水工程")
	if !(exact > long && long > rev && rev > 0) {
		t.Errorf("weights exact %v, long gap %v, reversed %v: want them in that order", exact, long, rev)
	}
}

// A reversed scene is shown in the buyer's own words, from the first part written to the last.
func TestReversedSceneInBuyersWords(t *testing.T) {
	e := New(looseConfig(t))
	u := e.Understand("漏水的屋顶", "我们厂里漏水的屋顶要修", nil, nil)
	var phrases []string
	for _, s := range u.Scenes {
		phrases = append(phrases, s.Phrase)
	}
	if len(phrases) != 1 || phrases[0] != "漏水的屋顶" {
		t.Errorf("scenes %v, want the buyer's 漏水的屋顶 once", phrases)
	}
}

// A supplier ranked for a reversed or gapped scene is explained with the buyer's own words.
func TestLooseScenesExplainedInBuyersWords(t *testing.T) {
	e := New(looseConfig(t))
	e.Upsert(domain.Enterprise{ID: "roof", Name: "无锡固顶公司", Clusters: []string{"A1"}, Status: domain.EnterpriseActive,
		Products: []string{"防水工程"}, Description: "防水工程"})
	for text, want := range map[string]string{
		"厂里漏水的屋顶要修":    "漏水的屋顶" + SceneArrow + "防水工程",
		"屋顶上上下下好多地方漏水": "屋顶上上下下好多地方漏水" + SceneArrow + "防水工程",
	} {
		rs, err := e.SuppliersFor(domain.Lead{Title: text}, 5, Options{NoExposure: true})
		if err != nil || len(rs) == 0 {
			t.Fatalf("%q: %v %v", text, rs, err)
		}
		if !slices.Contains(rs[0].Explanation.MatchedTerms, want) {
			t.Errorf("%q: matched %v, want %q", text, rs[0].Explanation.MatchedTerms, want)
		}
	}
}
