package matching

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"duijie/domain"
)

// fixture is a small market: two automotive MCU makers (one without IATF16949), a blocked one, a
// chip testing lab, a distributor and a temperature-sensor maker.
func fixture(t *testing.T) *Engine {
	t.Helper()
	e := New(DefaultConfig())
	ents := []domain.Enterprise{
		{ID: "mcu", Name: "无锡芯源微电子有限公司", Clusters: []string{"L2"}, IndustryCodes: []string{"I6520"}, HSCodes: []string{"854231"},
			Products: []string{"车规级MCU", "电机控制芯片"}, Description: "32位车规级MCU，通过AEC-Q100，型号GP30KL系列。",
			Certifications: []string{"IATF 16949:2016", "ISO9001"}, Region: "320214", Tier: domain.TierBackbone},
		{ID: "mcu2", Name: "无锡华芯半导体有限公司", Clusters: []string{"L2"}, IndustryCodes: []string{"I6520"}, HSCodes: []string{"854231"},
			Products: []string{"车规级MCU", "工业MCU"}, Description: "32位MCU，车规级产品线。", Certifications: []string{"ISO9001"}, Region: "320214"},
		{ID: "blocked", Name: "无锡锐芯电子有限公司", Clusters: []string{"L2"}, Products: []string{"车规级MCU"},
			Certifications: []string{"IATF16949"}, Status: domain.EnterpriseBlocked},
		{ID: "lab", Name: "无锡芯测检测技术服务有限公司", Clusters: []string{"L2"}, IndustryCodes: []string{"M7452"},
			Products: []string{"车规芯片可靠性测试", "MCU失效分析"}, Certifications: []string{"IATF16949"}, Region: "320214"},
		{ID: "dist", Name: "无锡芯达电子有限公司", Clusters: []string{"L2"}, IndustryCodes: []string{"F5179"},
			Products: []string{"车规级MCU代理", "芯片现货"}, Certifications: []string{"IATF16949"}, Region: "320211"},
		{ID: "buyer", Name: "无锡车联电子有限公司", Clusters: []string{"A6"}, IndustryCodes: []string{"C3670"},
			Products: []string{"车身控制器", "车规级MCU应用方案"}, Certifications: []string{"IATF16949"}, Region: "320214"},
		{ID: "sensor", Name: "无锡感芯传感技术有限公司", Clusters: []string{"L1"}, IndustryCodes: []string{"C3983"}, HSCodes: []string{"902519"},
			Products: []string{"温度传感器", "温湿度变送器"}, Description: "冷库和冷链运输用测温探头。", Region: "320213"},
	}
	if n := e.UpsertMany(ents); n != len(ents)-1 { // the blocked firm is never indexed
		t.Fatalf("UpsertMany applied %d of %d", n, len(ents))
	}
	return e
}

var mcuLead = domain.Lead{ID: "L1", Title: "采购车规级MCU芯片", Description: "用于车身控制器，型号GP30KL或兼容，需IATF16949。",
	Clusters: []string{"L2"}, HSCodes: []string{"8542.31"}, Quantity: 500000, Unit: "颗", DeliveryRegion: "320200",
	RequiredCertifications: []string{"IATF16949"}, BuyerEnterpriseID: "buyer", Status: domain.LeadOpen}

func ids(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func TestHardFilters(t *testing.T) {
	e := fixture(t)
	rs, err := e.SuppliersFor(mcuLead, 10, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(ids(rs), ",")
	for _, gone := range []string{"mcu2", "blocked", "buyer", "sensor"} {
		if strings.Contains(","+got+",", ","+gone+",") {
			t.Errorf("%s must be filtered out: %s", gone, got)
		}
	}
	if len(rs) == 0 || rs[0].ID != "mcu" {
		t.Fatalf("want mcu first, got %s", got)
	}

	cases := []struct {
		name string
		opts Options
		want string
	}{
		{"exclude", Options{Exclude: []string{"mcu"}}, "dist"},
		{"within Wuxi city keeps local firms", Options{Within: "320200"}, "mcu"},
		{"within another district", Options{Within: "320211"}, "dist"},
	}
	for _, c := range cases {
		rs, err := e.SuppliersFor(mcuLead, 10, c.opts)
		if err != nil || len(rs) == 0 || rs[0].ID != c.want {
			t.Errorf("%s: got %v %v, want %s first", c.name, ids(rs), err, c.want)
		}
	}
}

func TestRolePenaltyForGoodsLeads(t *testing.T) {
	e := fixture(t)
	rs, _ := e.SuppliersFor(mcuLead, 10, Options{})
	pos := map[string]int{}
	for i, r := range rs {
		pos[r.ID] = i
	}
	if pos["mcu"] > pos["dist"] || pos["dist"] > pos["lab"] {
		t.Errorf("want maker before trader before service firm, got %v", ids(rs))
	}
	for _, r := range rs {
		if r.ID == "lab" && !hasFactor(r, FactorRole) {
			t.Errorf("service firm lacks the role factor: %+v", r.Explanation)
		}
	}
}

func hasFactor(r Result, name string) bool {
	for _, f := range r.Explanation.Factors {
		if f.Name == name {
			return true
		}
	}
	return false
}

func TestExplanation(t *testing.T) {
	e := fixture(t)
	rs, _ := e.SuppliersFor(mcuLead, 1, Options{})
	x := rs[0].Explanation
	sum := 0.0
	for _, f := range x.Factors {
		sum += f.Contribution
	}
	if math.Abs(sum-rs[0].Score) > 0.01 {
		t.Errorf("factors add to %.4f, score is %.4f: %+v", sum, rs[0].Score, x.Factors)
	}
	for _, name := range []string{FactorText, FactorHS, FactorCluster, FactorRegion, FactorCertification} {
		if !hasFactor(rs[0], name) {
			t.Errorf("missing factor %s in %+v", name, x.Factors)
		}
	}
	for _, term := range []string{"车规级", "MCU", "GP30KL"} {
		if !strings.Contains(strings.Join(x.MatchedTerms, " "), term) {
			t.Errorf("matched terms %q lack %q", x.MatchedTerms, term)
		}
	}
	label := func(kind, code, lang string) string {
		if kind == "region" && code == "320214" {
			return map[string]string{"zh-CN": "新吴区", "en": "Xinwu District"}[lang]
		}
		return ""
	}
	zh := Render(x, "zh-CN", nil, label)
	en := Render(x, "en", nil, label)
	for _, want := range []string{"匹配", "HS 8542.31", "持有 IATF16949（必需）", "位于 新吴区"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh sentence %q lacks %q", zh, want)
		}
	}
	for _, want := range []string{"matches", "automotive grade", "HS 8542.31", "holds IATF16949 (required)", "located in Xinwu District"} {
		if !strings.Contains(en, want) {
			t.Errorf("en sentence %q lacks %q", en, want)
		}
	}
	if x.Summary != Render(x, "zh-CN", nil, nil) {
		t.Errorf("summary %q is not the zh-CN rendering", x.Summary)
	}
}

func TestBadInput(t *testing.T) {
	e := fixture(t)
	var ve *domain.ValidationError
	for _, l := range []domain.Lead{{}, {Title: "！！！……", Description: "  ，。、；：  "}} {
		_, err := e.SuppliersFor(l, 10, Options{})
		if !errors.As(err, &ve) || ve.Fields["description"].Key != ErrNothingToMatch {
			t.Errorf("lead %+v: want validation error on description, got %v", l, err)
		}
	}

	t.Run("100 KB description", func(t *testing.T) {
		l := mcuLead
		l.Description = strings.Repeat("需要车规级MCU和温度传感器，", 100*1024/40)
		start := time.Now()
		rs, err := e.SuppliersFor(l, 10, Options{})
		if err != nil || len(rs) == 0 {
			t.Fatalf("got %v, %v", rs, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v", d)
		}
	})
	t.Run("only codes", func(t *testing.T) {
		rs, err := e.SuppliersFor(domain.Lead{HSCodes: []string{"902519"}}, 10, Options{})
		if err != nil || len(rs) != 1 || rs[0].ID != "sensor" {
			t.Errorf("got %v, %v", ids(rs), err)
		}
	})
	t.Run("only text", func(t *testing.T) {
		rs, err := e.SuppliersFor(domain.Lead{Title: "温度探头"}, 10, Options{})
		if err != nil || len(rs) == 0 || rs[0].ID != "sensor" {
			t.Errorf("got %v, %v", ids(rs), err)
		}
	})
	t.Run("unknown and malformed codes", func(t *testing.T) {
		l := domain.Lead{Title: "温度传感器", Clusters: []string{"X9"}, IndustryCodes: []string{"Z9999", "???"},
			HSCodes: []string{"99999999", "abc"}, DeliveryRegion: "99", ExportMarket: "??", RequiredCertifications: []string{" "},
			PreferredTiers: []domain.EnterpriseTier{"nobody"}}
		rs, err := e.SuppliersFor(l, 10, Options{Within: "abc"})
		if err != nil || len(rs) == 0 || rs[0].ID != "sensor" {
			t.Errorf("got %v, %v", ids(rs), err)
		}
		if _, err := e.SuppliersFor(domain.Lead{HSCodes: []string{"x"}, IndustryCodes: []string{"?"}}, 10, Options{}); err == nil {
			t.Error("a lead with only unreadable codes has nothing to match on")
		}
	})
	t.Run("limits clamped", func(t *testing.T) {
		big := New(DefaultConfig())
		var ents []domain.Enterprise
		for i := 0; i < 300; i++ {
			ents = append(ents, domain.Enterprise{ID: fmt.Sprintf("s%03d", i), Name: "传感器厂", Products: []string{"温度传感器"}})
		}
		big.UpsertMany(ents)
		l := domain.Lead{Title: "温度传感器"}
		for _, c := range []struct{ k, want int }{{0, 20}, {-5, 20}, {7, 7}, {100000, 200}} {
			rs, err := big.SuppliersFor(l, c.k, Options{})
			if err != nil || len(rs) != c.want {
				t.Errorf("k=%d: got %d results (%v), want %d", c.k, len(rs), err, c.want)
			}
		}
	})
}

func TestIncrementalUpdates(t *testing.T) {
	e := fixture(t)
	rank := func() []string { rs, _ := e.SuppliersFor(mcuLead, 10, Options{}); return ids(rs) }
	before := rank()

	// A profile gains the required certification: it appears.
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	e.Upsert(domain.Enterprise{ID: "mcu2", Name: "无锡华芯半导体有限公司", Clusters: []string{"L2"}, IndustryCodes: []string{"I6520"},
		Products: []string{"车规级MCU"}, Certifications: []string{"IATF16949"}, Region: "320214", UpdatedAt: now})
	if got := rank(); !containsID(got, "mcu2") {
		t.Fatalf("mcu2 should appear after gaining IATF16949: %v (before %v)", got, before)
	}
	// A stale write (older UpdatedAt) is ignored.
	if e.Upsert(domain.Enterprise{ID: "mcu2", Name: "x", Products: []string{"鞋子"}, UpdatedAt: now.Add(-time.Hour)}) {
		t.Error("stale write applied")
	}
	if got := rank(); !containsID(got, "mcu2") {
		t.Fatalf("stale write changed the index: %v", got)
	}
	// Blocking removes; Remove removes; removing twice is harmless.
	e.Upsert(domain.Enterprise{ID: "mcu", Status: domain.EnterpriseBlocked})
	if got := rank(); containsID(got, "mcu") {
		t.Errorf("blocked firm still ranked: %v", got)
	}
	if !e.Remove("mcu2") || e.Remove("mcu2") || containsID(rank(), "mcu2") {
		t.Error("Remove")
	}
	// A new profile reuses a free slot and is found.
	e.Upsert(domain.Enterprise{ID: "new", Name: "新芯", Products: []string{"车规级MCU"}, Certifications: []string{"IATF16949"}})
	if got := rank(); !containsID(got, "new") {
		t.Errorf("new profile not found: %v", got)
	}
	if e.ActiveSuppliers() != 5 { // 6 indexed − mcu (blocked now) − mcu2 (removed) + new
		t.Errorf("ActiveSuppliers = %d", e.ActiveSuppliers())
	}
}

func containsID(s []string, id string) bool {
	for _, x := range s {
		if x == id {
			return true
		}
	}
	return false
}

func TestFairExposure(t *testing.T) {
	e := fixture(t)
	l := domain.Lead{Title: "车规级MCU"}
	rs, _ := e.SuppliersFor(l, 10, Options{})
	first := rs[0]
	e.AddExposure(first.ID, 20)
	rs2, _ := e.SuppliersFor(l, 10, Options{})
	var again Result
	for _, r := range rs2 {
		if r.ID == first.ID {
			again = r
		}
	}
	ratio := again.Score / first.Score
	if ratio >= 1 || ratio < 0.6 {
		t.Errorf("20 recent leads should gently lower the score: ratio %.3f", ratio)
	}
	if !hasFactor(again, FactorExposure) {
		t.Errorf("missing exposure factor: %+v", again.Explanation.Factors)
	}
	if rs3, _ := e.SuppliersFor(l, 10, Options{NoExposure: true}); rs3[0].Score != first.Score {
		t.Error("NoExposure should rank as before")
	}
	e.SetExposure(nil)
	if e.Exposure(first.ID) != 0 {
		t.Error("SetExposure(nil) should reset counts")
	}
	cov := Coverage([][]Result{rs[:1], rs[:2]}, 4)
	if cov != 0.5 || Coverage(nil, 0) != 0 {
		t.Errorf("Coverage = %v", cov)
	}
}

func TestLeadsFor(t *testing.T) {
	e := fixture(t)
	other := domain.Lead{ID: "L2", Title: "采购温度传感器", Description: "冷库测温", Status: domain.LeadOpen}
	draft := domain.Lead{ID: "L3", Title: "车规级MCU", Status: domain.LeadDraft}
	own := domain.Lead{ID: "L4", Title: "车规级MCU", Status: domain.LeadOpen, BuyerEnterpriseID: "mcu"}
	for _, l := range []domain.Lead{mcuLead, other, draft, own} {
		e.UpsertLead(l)
	}
	if e.OpenLeads() != 3 {
		t.Fatalf("OpenLeads = %d, want 3 (the draft is not indexed)", e.OpenLeads())
	}
	mcu := domain.Enterprise{ID: "mcu"}
	rs, err := e.LeadsFor(mcu, 10, Options{})
	if err != nil || len(rs) != 1 || rs[0].ID != "L1" {
		t.Fatalf("LeadsFor(mcu) = %v, %v; want only L1 (not its own lead L4)", ids(rs), err)
	}
	sup, _ := e.SuppliersFor(mcuLead, 10, Options{})
	if sup[0].ID != "mcu" || sup[0].Score != rs[0].Score {
		t.Errorf("the pair scores %v one way and %v the other", sup[0].Score, rs[0].Score)
	}
	if rs, _ := e.LeadsFor(domain.Enterprise{ID: "sensor"}, 10, Options{}); len(rs) != 1 || rs[0].ID != "L2" {
		t.Errorf("LeadsFor(sensor) = %v", ids(rs))
	}
	// A profile not indexed yet is analysed on the fly.
	fresh := domain.Enterprise{ID: "fresh", Products: []string{"温度传感器"}}
	if rs, _ := e.LeadsFor(fresh, 10, Options{}); len(rs) != 1 || rs[0].ID != "L2" {
		t.Errorf("LeadsFor(fresh) = %v", ids(rs))
	}
	// Closing a lead, a past deadline, or Exclude take it away.
	past := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	other.Deadline = &past
	e.UpsertLead(other)
	if rs, _ := e.LeadsFor(domain.Enterprise{ID: "sensor"}, 10, Options{Now: past.Add(time.Hour)}); len(rs) != 0 {
		t.Errorf("expired lead offered: %v", ids(rs))
	}
	mcuLead2 := mcuLead
	mcuLead2.Status = domain.LeadClosed
	e.UpsertLead(mcuLead2)
	if rs, _ := e.LeadsFor(mcu, 10, Options{}); len(rs) != 0 {
		t.Errorf("closed lead offered: %v", ids(rs))
	}
	if rs, _ := e.LeadsFor(domain.Enterprise{ID: "sensor"}, 10, Options{Exclude: []string{"L2"}}); len(rs) != 0 {
		t.Errorf("excluded lead offered: %v", ids(rs))
	}
	if rs, _ := e.LeadsFor(domain.Enterprise{ID: "blocked", Status: domain.EnterpriseBlocked}, 10, Options{}); rs != nil {
		t.Errorf("blocked firm got leads: %v", ids(rs))
	}
}

func TestConcurrentRankingAndWrites(t *testing.T) {
	e := fixture(t)
	e.UpsertLead(mcuLead)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if _, err := e.SuppliersFor(mcuLead, 5, Options{}); err != nil {
					t.Error(err)
				}
				e.LeadsFor(domain.Enterprise{ID: "mcu"}, 5, Options{})
				id := fmt.Sprintf("w%d-%d", g, i%5)
				e.Upsert(domain.Enterprise{ID: id, Products: []string{"车规级MCU"}, Certifications: []string{"IATF16949"}})
				e.AddExposure(id, 1)
				if i%3 == 0 {
					e.Remove(id)
				}
			}
		}(g)
	}
	wg.Wait()
}
