package matching

import (
	"strings"
	"testing"

	"duijie/domain"
)

// Explanations read as a person would write them, in both languages: the buyer's scene and the
// product it was read as, no generic words, no term twice, the strongest reason first.
func TestExplanationWording(t *testing.T) {
	e := New(DefaultConfig())
	e.UpsertMany([]domain.Enterprise{
		{ID: "fume", Name: "无锡洁风环保设备有限公司", Clusters: []string{"A3"}, Status: domain.EnterpriseActive,
			Products: []string{"静电油烟净化器", "厨房排烟系统"}, Description: "提供食堂油烟净化设备的加工、安装和服务，支持联网监测。"},
		{ID: "pcba", Name: "无锡贴片加工有限公司", Clusters: []string{"L2"}, Status: domain.EnterpriseActive,
			Products: []string{"PCBA", "SMT贴片"}, Description: "PCBA加工服务，支持小批量。PCBA PCBA"},
		{ID: "other", Name: "无锡某软件有限公司", Clusters: []string{"L4"}, Status: domain.EnterpriseActive,
			Products: []string{"ERP"}, Description: "提供软件服务"},
	})
	generic := []string{"支持", "加工", "联网", "提供", "服务", "设备", "support", "processing", "service"}
	for _, tc := range []struct {
		lead   domain.Lead
		id     string
		zh, en []string // must appear
		first  string   // the summary starts with this factor's wording (zh)
	}{
		{domain.Lead{Title: "食堂油烟太大，楼上住户老投诉", Description: "需要提供设备并支持安装服务"}, "fume",
			[]string{"食堂油烟 → 油烟净化设备"}, []string{"kitchen fume purifier"}, "匹配"},
		{domain.Lead{Title: "PCBA 加工", Description: "PCBA 贴片加工，支持小批量 PCBA"}, "pcba",
			[]string{"PCBA"}, []string{"PCBA"}, "匹配"},
	} {
		rs, err := e.SuppliersFor(tc.lead, 5, Options{NoExposure: true})
		if err != nil {
			t.Fatal(err)
		}
		var x *Explanation
		for i := range rs {
			if rs[i].ID == tc.id {
				x = &rs[i].Explanation
			}
		}
		if x == nil {
			t.Fatalf("%s not ranked for %q", tc.id, tc.lead.Title)
		}
		for lang, want := range map[string][]string{"zh-CN": tc.zh, "en": tc.en} {
			s := Render(*x, lang, e.Vocabulary(), nil)
			for _, w := range want {
				if !strings.Contains(s, w) {
					t.Errorf("%s: %q lacks %q", lang, s, w)
				}
			}
			text := s
			if i := strings.IndexAny(s, "；;"); i > 0 {
				text = s[:i]
			}
			for _, g := range generic {
				for _, term := range strings.FieldsFunc(text, func(r rune) bool { return r == '、' || r == ',' || r == ' ' }) {
					if term == g {
						t.Errorf("%s: generic word %q shown as evidence in %q", lang, g, s)
					}
				}
			}
			for _, term := range x.MatchedTerms {
				if n := strings.Count(s, term); n > 1 && !strings.Contains(term, SceneArrow) {
					t.Errorf("%s: %q repeated %d times in %q", lang, term, n, s)
				}
			}
			if lang == "zh-CN" && !strings.HasPrefix(s, tc.first) {
				t.Errorf("the strongest reason is not first: %q", s)
			}
		}
	}
}

func TestRenderPluralsAndDuplicates(t *testing.T) {
	v := DefaultVocabulary()
	x := Explanation{MatchedTerms: []string{"MCU", "微控制器", "支持"}, Factors: []Factor{
		{Name: FactorText, Contribution: 2}, {Name: FactorExposure, Contribution: -0.1, Detail: "1"}}}
	en := Render(x, "en", v, nil)
	if strings.Count(en, "MCU") != 1 || strings.Contains(en, "支持") || !strings.Contains(en, "received 1 lead recently") {
		t.Errorf("en: %q", en)
	}
	zh := Render(x, "zh-CN", v, nil)
	if strings.Contains(zh, "支持") || !strings.Contains(zh, "近期已收到 1 条线索") {
		t.Errorf("zh: %q", zh)
	}
	x.Factors[1].Detail = "3"
	if en := Render(x, "en", v, nil); !strings.Contains(en, "received 3 leads") {
		t.Errorf("en plural: %q", en)
	}
}

// A phrase of the buyer's that calls for several products is one reason, not one per product.
func TestRenderScenePhraseOnce(t *testing.T) {
	v := DefaultVocabulary()
	x := Explanation{MatchedTerms: []string{"冷库", "随时看到温度" + SceneArrow + "物联网网关", "随时看到温度" + SceneArrow + "冷链监测"},
		Factors: []Factor{{Name: FactorText, Contribution: 2}}}
	if zh := Render(x, "zh-CN", v, nil); strings.Count(zh, "随时看到温度") != 1 || !strings.Contains(zh, "冷库、随时看到温度 → 物联网网关/冷链监测") {
		t.Errorf("zh: %q", zh)
	}
	if en := Render(x, "en", v, nil); strings.Count(en, "随时看到温度") != 1 || !strings.Contains(en, "随时看到温度 → IoT gateway/cold-chain monitoring") {
		t.Errorf("en: %q", en)
	}
}
