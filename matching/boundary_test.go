package matching

import (
	"slices"
	"testing"

	"duijie/domain"
)

// A lead's bigram spanning two known words is not evidence; one inside a product name, a short
// word, or the supplier's own text is.
func TestStraddlingBigrams(t *testing.T) {
	for _, c := range []struct {
		text      string
		want, not []string
	}{
		{"电镀车间废气味道很大", []string{"废气", "味道", "车间"}, []string{"气味", "镀车", "间废"}}, // 废气|味道
		{"我们回收电动车电池", []string{"电动", "电池", "回收"}, []string{"车电", "收电"}},        // 电动车|电池
		{"医药仓库温湿度监测", []string{"仓库", "温湿"}, []string{"药仓", "库温"}},
		{"智能电表主控板", []string{"能电"}, nil}, // inside the product name 智能电表
		{"电池回收", []string{"池回"}, nil},    // inside the concept's own surface
		{"核酸检测试剂盒", []string{"测试"}, nil}, // a short dictionary word holds it
	} {
		leadTermsHave(t, c.text, c.want, c.not)
	}
	// Profiles are indexed as before: the rule is the lead's.
	if got := terms(t, SegBigram, "电镀车间废气味道很大", false); !slices.Contains(got, "气味") {
		t.Errorf("profile terms %q lost 气味", got)
	}
}

// A firm whose only shared characters with the lead straddle two of the lead's words is not a
// match, and is never explained by them.
func TestStraddlingBigramIsNoMatch(t *testing.T) {
	e := New(DefaultConfig())
	e.UpsertMany([]domain.Enterprise{
		{ID: "auto", Name: "无锡某汽车电子有限公司", Products: []string{"汽车电子"}, Description: "车载控制单元"},
		{ID: "odour", Name: "无锡某传感有限公司", Products: []string{"气味传感器"}, Description: "电子鼻"},
	})
	for _, l := range []domain.Lead{
		{ID: "x1", Title: "回收电动车电池", Quantity: 1, Status: domain.LeadOpen},
		{ID: "x2", Title: "喷涂车间废气味道很大", Quantity: 1, Status: domain.LeadOpen},
	} {
		rs, _ := e.SuppliersFor(l, 10, Options{})
		for _, r := range rs {
			for _, m := range r.Explanation.MatchedTerms {
				if m == "车电" || m == "气味" {
					t.Errorf("%s: %s matched through the straddling bigram %q", l.Title, r.ID, m)
				}
			}
			if r.Score > 0.2 {
				t.Errorf("%s: %s scores %.2f on no shared word", l.Title, r.ID, r.Score)
			}
		}
	}
}

// A character that a stop word cut from its neighbours is no term of a lead; one standing alone
// in the text, or a material of the unigram list, is.
func TestCutOffCharacters(t *testing.T) {
	for _, c := range []struct {
		text      string
		want, not []string
	}{
		{"想找能把水弄干净的", []string{"干净"}, []string{"能", "想找"}},
		{"铝、铜、钢", []string{"铝", "铜", "钢"}, nil},
		{"急，水", []string{"急", "水"}, nil},
	} {
		leadTermsHave(t, c.text, c.want, c.not)
	}
	if got := terms(t, SegBigram, "想找能把水弄干净的", false); !slices.Contains(got, "能") {
		t.Errorf("profile terms %q changed: the rule is the lead's", got)
	}
}

// The buyer's frame (asking, hoping, greeting) is no evidence in either language.
func TestBuyerFrameWords(t *testing.T) {
	for text, want := range map[string][]string{
		"有没有靠谱的厂家推荐一下":                                               nil, // 一下 says how much
		"能不能帮忙找一家做清淤的":                                               {"做清", "清淤"},
		"Hello, urgent: can anyone recommend a dehumidifier? Thanks": {"#工业除湿机", "dehumidifier"},
	} {
		if got := terms(t, SegBigram, text, true); !slices.Equal(got, want) {
			t.Errorf("%q: lead terms %q, want %q", text, got, want)
		}
	}
}

// A numeral with a measure word or another numeral is a quantity, not a need; words that begin
// with a numeral and name a thing keep their bigrams.
func TestQuantityBigrams(t *testing.T) {
	for _, c := range []struct {
		text      string
		want, not []string
	}{
		{"仓库盘点一次要停工三天", []string{"盘点", "停工"}, []string{"一次", "三天"}},
		{"每天几百托盘，十几台叉车一直在跑", []string{"托盘", "叉车"}, []string{"几百", "十几", "几台", "一直"}},
		{"采购一次性注射器", []string{"一次"}, nil}, // 一次性 holds it
		{"五金零件和二维码标签", []string{"五金", "零件", "二维"}, nil},
		// A character doubled after a word ends with it is two words (电动车|车主), not 娃娃 or 宝宝.
		{"电动车车主抱怨没地方充电", []string{"车主", "电动"}, []string{"车车"}},
		{"毛绒娃娃和宝宝辅食", []string{"娃娃", "宝宝"}, nil},
	} {
		leadTermsHave(t, c.text, c.want, c.not)
	}
}

// leadTermsHave checks that a lead text's terms include every word of want and none of not.
func leadTermsHave(t *testing.T, text string, want, not []string) {
	t.Helper()
	got := terms(t, SegBigram, text, true)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%q: lead terms %q lack %q", text, got, w)
		}
	}
	for _, w := range not {
		if slices.Contains(got, w) {
			t.Errorf("%q: lead terms %q keep %q", text, got, w)
		}
	}
}
