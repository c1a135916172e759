package matching

import (
	"slices"
	"strings"
	"testing"

	"duijie/domain"
)

// leadTermWeights analyses a lead (title, description) by an engine of tuning t and returns
// each term's weight in the compiled lead text.
func leadTermWeights(t Tuning, title, desc string) map[string]float32 {
	cfg := DefaultConfig()
	cfg.Tuning = t
	e := New(cfg)
	lt := e.analyzeLead(&domain.Lead{Title: title, Description: desc}, false)
	out := map[string]float32{}
	for _, w := range lt.text {
		out[strings.TrimPrefix(w.text, "#")] = w.w
	}
	return out
}

func negationOff() Tuning {
	t := DefaultTuning()
	t.Negated = 1
	return t
}

// Each case names terms that a negation must weigh down (cut) and terms it must leave as they
// are (kept), compared with the same lead read with negation off.
func TestNegation(t *testing.T) {
	for _, c := range []struct {
		name, title, desc string
		cut, kept         []string
	}{
		// (a) complaints: the pain is happening; the test lab and the repairer answer it.
		{"complaint zh", "床单", "酒店床单洗几次就起球褪色，想找人看看", nil, []string{"纺织品检测", "功能性面料", "印染"}},
		{"complaint again zh", "床单", "床单老是起球，想换一批，不要再起球了", nil, []string{"纺织品检测", "功能性面料"}},
		{"complaint en", "Bed sheets", "Our hotel sheets pill and fade after a few washes, need help", nil, []string{"纺织品检测", "印染"}},
		{"complaint again en", "Bed sheets", "Our sheets pill after washing. We need a fix so they never pill again.", nil, []string{"纺织品检测"}},
		// (b) wanted properties: the fabric answers, the lab that tests pilling does not.
		{"property zh", "酒店床品", "想采购一批不容易起球褪色的床单被套", []string{"纺织品检测"}, []string{"功能性面料", "印染", "家纺"}},
		{"property plain zh", "校服", "今年想换家厂做，要耐洗、不起球。", []string{"纺织品检测"}, []string{"功能性面料"}},
		{"property list zh", "工作服", "我们要一批工作服，要求不起球不褪色，耐洗", []string{"纺织品检测"}, []string{"功能性面料", "印染"}},
		{"property en", "Fabric for uniforms", "need fabric that won't pill or fade, 5000 m", []string{"纺织品检测"}, []string{"功能性面料", "印染"}},
		// (c) plain negations that cancel what they negate.
		{"cancel zh", "备用电源", "数据中心备用电源，不要柴油发电机", []string{"发电机组"}, []string{"数据中心"}},
		{"cancel next word zh", "叉车", "求购电动叉车十台，不要二手的", []string{"二手"}, []string{"叉车"}},
		{"cancel en", "Backup power", "Data centre backup power, 200 kW, without diesel generator sets", []string{"发电机组"}, []string{"数据中心"}},
		{"cancel next word en", "Forklifts", "need ten electric forklifts, no installation", []string{"installation"}, []string{"叉车"}},
	} {
		on := leadTermWeights(DefaultTuning(), c.title, c.desc)
		off := leadTermWeights(negationOff(), c.title, c.desc)
		for _, k := range c.cut {
			if off[k] == 0 || on[k] >= off[k]*0.9 {
				t.Errorf("%s: %s weighs %.3f with negation, %.3f without: want it cut", c.name, k, on[k], off[k])
			}
		}
		for _, k := range c.kept {
			if off[k] == 0 || on[k] != off[k] {
				t.Errorf("%s: %s weighs %.3f with negation, %.3f without: want it kept", c.name, k, on[k], off[k])
			}
		}
	}
}

// A negator inside a vocabulary term or a common word is no negation: the lead reads exactly
// as with negation off.
func TestNegationProductNames(t *testing.T) {
	for _, c := range [][2]string{
		{"管材", "需要不锈钢管，想找不锈钢的供应商"},
		{"无人机", "求购植保无人机，想要无人机的"},
		{"无纺布", "找无纺布卷材，要无纺布的"},
		{"卷材", "需要防水卷材和防火门，耐火材料也要"},
		{"面料", "想找抗菌面料"},
		{"设备", "需要非标设备定制"},
		{"门禁", "想找人脸识别门禁，要人脸识别智能门锁的"},
		{"Non-woven", "need non-woven fabric rolls and stainless steel tubes"},
		{"Pallets", "Robots to move pallets without forklift drivers"},
		{"无锡", "需要无锡本地的供应商，能不能上门"},
	} {
		on := leadTermWeights(DefaultTuning(), c[0], c[1])
		off := leadTermWeights(negationOff(), c[0], c[1])
		for k, w := range off {
			if on[k] != w {
				t.Errorf("%q: %s weighs %.3f with negation, %.3f without", c[1], k, on[k], w)
			}
		}
	}
}

// A plain 不 or "not" is how complaints are told too (冰箱不制冷, "the pump does not start"): it
// counts only in a need clause, before 的, or after a modal or a relative word.
func TestNegationWeakCues(t *testing.T) {
	e := New(DefaultConfig())
	a := &e.an
	found := func(text string) []string {
		rs := a.normalize(text)
		occ := a.field(rs, 1, true, nil)
		var out []string
		for _, n := range counted(rs, findNegations(rs, occ)) {
			out = append(out, string(rs[n.scope[0]:n.scope[1]]))
		}
		return out
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"床单洗两次就起球。想换一批不起球的", []string{"起球"}},
		{"床单不起球的那种有没有", []string{"起球"}},
		{"Need towels that will not fade", []string{"fade"}},
		{"Towels that do not fade, 2000 pcs", []string{"fade"}},
		{"Towels do not fade, 2000 pcs", nil},
		{"The fabric will not pill, we are told. Please quote.", nil},
		{"工作服面料，要求不起球不褪色", []string{"起球", "褪色"}},
		{"工作服面料，不起球、不褪色的", []string{"起球", "褪色"}},
		{"工作服面料洗了就起球。不褪色", nil},
		{"能不能少用点人", nil},
		{"有没有不锈钢的", nil},
		{"不要再起球了", nil},
		{"要柔软不起球了", nil},
		// A refusal opening a sentence: "No traders please." as ", no traders please" mid-sentence.
		{"No traders please. We need stainless steel pipe", []string{"traders"}},
		{"We need stainless steel pipe. No middlemen.", []string{"middlemen"}},
		{"Stainless steel pipe, 20 t; no agents, thanks", []string{"agents"}},
		{"We need stainless steel pipe, no traders please", []string{"traders"}},
		{"No power since Monday, need a generator", nil},
		{"No idea which pump fits", nil},
		{"不要中间商，需要不锈钢管", []string{"中间"}},
		{"需要不锈钢管，不要中间商", []string{"中间"}},
	} {
		if got := found(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: negated %q, want %q", c.text, got, c.want)
		}
	}
}

// Understand shows the buyer neither a test of a defect it wants gone nor a thing it does not
// want.
func TestNegationUnderstand(t *testing.T) {
	e := New(DefaultConfig())
	u := e.Understand("酒店床品", "想采购一批不容易起球褪色的床单被套", nil, nil)
	if slices.Contains(u.Products, "纺织品检测") || !slices.Contains(u.Products, "家纺") {
		t.Errorf("products %v: want 家纺 and no 纺织品检测", u.Products)
	}
	cfg := DefaultConfig()
	cfg.Tuning = negationOff()
	if u := New(cfg).Understand("酒店床品", "想采购一批不容易起球褪色的床单被套", nil, nil); !slices.Contains(u.Products, "纺织品检测") {
		t.Errorf("with negation off, products %v: the test is meant to read 纺织品检测 there", u.Products)
	}
}

// BenchmarkNegation is what reading negations adds to a lead field's analysis (compare
// BenchmarkAnalyseScenes over the same fields): the negators found and weighed, the need
// clauses read when a plain 不 needs them.
func BenchmarkNegation(b *testing.B) {
	a := analyzer{v: DefaultVocabulary(), seg: SegBigram, vocab: true, maxRunes: 4000, lw: newLeadWeights(DefaultTuning())}
	leads := append(slices.Clone(sceneLeads), "想采购一批不容易起球褪色的床单被套，不要二手的，无需安装", "need fabric that won't pill or fade, without any installation service")
	rs := make([][]rune, len(leads))
	occ := make([][]term, len(leads))
	for i, s := range leads {
		rs[i] = a.normalize(s)
		occ[i] = a.field(rs[i], 1, true, nil)
	}
	buf := make([]term, 0, 256)
	for i := 0; b.Loop(); i++ {
		k := i % len(rs)
		buf = append(buf[:0], occ[k]...)
		negateField(a.v, rs[k], buf, a.lw.negated)
	}
}

// A negated reading is no reason shown to the buyer: the textile lab may still rank for a lead
// that wants sheets that do not pill (its words 起球褪色 are the buyer's), but not as the answer
// to 起球.
func TestNegationNotAReason(t *testing.T) {
	ents := []domain.Enterprise{
		{ID: "lab", Name: "无锡纺织品检测中心", Clusters: []string{"A2"}, Products: []string{"纺织品检测", "起球测试", "色牢度检测"},
			Description: "面料起球、褪色、缩水检测。"},
		{ID: "mill", Name: "无锡家纺有限公司", Clusters: []string{"A2"}, Products: []string{"床单被套", "酒店布草"},
			Description: "酒店床品，功能性面料，抗起球。"},
	}
	lead := domain.Lead{ID: "n1", Title: "酒店床品", Description: "想采购一批不容易起球褪色的床单被套", Status: domain.LeadOpen}
	reasons := func(tu Tuning) string {
		cfg := DefaultConfig()
		cfg.Tuning = tu
		e := New(cfg)
		e.UpsertMany(ents)
		rs, _ := e.SuppliersFor(lead, 10, Options{})
		for _, r := range rs {
			if r.ID == "lab" {
				return strings.Join(r.Explanation.MatchedTerms, "、")
			}
		}
		return ""
	}
	if got := reasons(negationOff()); !strings.Contains(got, "起球 → 纺织品检测") {
		t.Fatalf("with negation off the lab's reasons are %q: the test is meant to show 起球 → 纺织品检测 there", got)
	}
	if got := reasons(DefaultTuning()); strings.Contains(got, "→ 纺织品检测") {
		t.Errorf("the lab's reasons %q show the negated reading 起球 → 纺织品检测", got)
	}
}
