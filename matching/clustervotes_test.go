package matching

import (
	"math"
	"testing"

	"duijie/domain"
)

// dt is the default tuning the vote tests count with.
var dt = DefaultTuning()

// votesOf returns the vocabulary's cluster votes for a lead, as Understand counts them.
func votesOf(t *testing.T, title, description string) map[string]float64 {
	t.Helper()
	e := New(DefaultConfig())
	spans := e.an.leadSpans(title, description)
	vote := map[string]float64{}
	vocabVotes(e.an.v, spans, vote, &dt)
	sceneVotes(e.an.v, scenesOf(e.an.v, spans), spans, vote, &dt)
	return vote
}

// The thing a pain happens to is the buyer's setting: its trade must not outvote the trade of
// the need, wherever the lead names it.
func TestSettingVotesAsSetting(t *testing.T) {
	cases := []struct {
		title, description string
		need, setting      string
	}{
		{"空压机房太吵", "", "A3", "A1"},                          // 空压机 at the start of the pain
		{"the air compressor is too noisy", "", "A3", "A1"}, // linked to it by "is too"
		{"空压机太吵了", "空压机一开，办公室里没法说话", "A3", "A1"},            // and named again
		{"backup power without diesel gensets", "", "F4", "A1"},
	}
	for _, c := range cases {
		v := votesOf(t, c.title, c.description)
		if v[c.need] <= v[c.setting] {
			t.Errorf("%s | %s: votes %v, want %s (the need) above %s (the setting)", c.title, c.description, v, c.need, c.setting)
		}
	}
}

// A general product beside its specific form of another trade (传感器 beside 图像传感器) is the
// specific one's setting.
func TestSpecificProductOutvotesItsHead(t *testing.T) {
	v := votesOf(t, "采购图像传感器", "")
	if v["L2"] <= 2*v["L1"] {
		t.Errorf("图像传感器: votes %v, want L2 (image sensors) well above L1 (sensors)", v)
	}
}

// A concept written into a gapped scene, or a scene read over a product name's own words, is no
// setting: 芯片封装 in 新建的芯片封装车间 is what the buyer builds for. Nor is a concept written
// right before a scene that calls for it (大模型 before 私有化部署 → 大模型, 算力服务).
func TestNoSettingInsideAGapOrAProductName(t *testing.T) {
	e := New(DefaultConfig())
	spans := e.an.leadSpans("新建的芯片封装车间", "")
	s := clusterSettings(e.an.v, spans)
	if s["#集成电路"] != 0 || s["#封装测试"] != 0 {
		t.Errorf("新建的芯片封装车间: settings %v, want neither 集成电路 nor 封装测试", s)
	}
	if s := clusterSettings(e.an.v, e.an.leadSpans("大模型私有化部署", "")); s["#大模型"] != 0 {
		t.Errorf("大模型私有化部署: settings %v, want 大模型 not among them (the scene calls for it)", s)
	}
}

// A short scene inside a longer one read over the same words does not vote a second time; one
// inside a weaker gapped match does. (The scene bag's guesses for the clause may hedge a few
// hundredths of a vote towards noise control: that is not 太吵's vote, which would weigh a tenth
// of the ward's or more.)
func TestNestedSceneVotesOnce(t *testing.T) {
	if v := votesOf(t, "病房太吵", ""); v["A3"] > 0.05*v["A4"] || v["A4"] == 0 {
		t.Errorf("病房太吵: votes %v, want the ward's sound insulation (A4) and not 太吵's noise control (A3)", v)
	}
	e := New(DefaultConfig())
	spans := e.an.leadSpans("充电桩模块太烫", "")
	for _, s := range spans {
		if s.t.kind == kExpansion && s.text == "模块太烫" && nestedScene(spans, s) {
			t.Errorf("模块太烫 nested in the gapped 充电桩模块太烫: the exact phrase must keep its vote")
		}
	}
}

// With nothing read from the lead, one word shared with one profile assigns no cluster; more do.
func TestNeighboursAloneNeedTwoWords(t *testing.T) {
	e := New(DefaultConfig())
	e.UpsertMany([]domain.Enterprise{
		{ID: "knit", Name: "无锡锦纶针织有限公司", Clusters: []string{"A2"}, Products: []string{"针织服装"}, Description: "Knitted garments for overseas brands."},
		{ID: "event", Name: "无锡乐会文化传播有限公司", Clusters: []string{"L4"}, Products: []string{"年会策划"}, Description: "Annual party planning and venue decoration for companies."},
	})
	if u := e.Understand("We want to grow our business overseas", "", nil, nil); len(u.Clusters) != 0 {
		t.Errorf("grow our business overseas: clusters %v, want none (overseas alone is chance)", u.Clusters)
	}
	if u := e.Understand("Venue decoration for our annual party", "", nil, nil); len(u.Clusters) == 0 || u.Clusters[0].Code != "L4" {
		t.Errorf("venue decoration for our annual party: clusters %v, want L4 from the profile sharing four words", u.Clusters)
	}
}

// 电梯老困人: the buyer needs the lift monitored, not another lift.
func TestLiftIsTheSettingOfItsMonitoring(t *testing.T) {
	e := New(DefaultConfig())
	e.UpsertMany([]domain.Enterprise{
		{ID: "lift", Name: "无锡升华电梯有限公司", Clusters: []string{"A1"}, Products: []string{"乘客电梯", "载货电梯"}, Description: "电梯制造与安装。"},
		{ID: "iot", Name: "无锡梯联物联网科技有限公司", Clusters: []string{"L1"}, Products: []string{"电梯物联网"}, Description: "电梯远程监测，困人报警，运行状态上云。"},
	})
	u := e.Understand("电梯老困人，想远程知道电梯状态", "", nil, nil)
	if got := u.InferClusters(); len(got) == 0 || got[0] != "L1" {
		t.Errorf("电梯老困人，想远程知道电梯状态: clusters %v, want L1 first", u.Clusters)
	}
}

// A second cluster only the neighbours carry is not inferred when the vocabulary read the lead;
// with nothing read, the neighbours' second cluster stands.
func TestSecondClusterNeedsVocabulary(t *testing.T) {
	u := Understanding{Clusters: []ClusterScore{{"F3", 0.37}, {"A6", 0.23}, {"L4", 0.21}}}
	u.backed = backedClusters(map[string]float64{"F3": 3, "L4": 1.2, "A6": 0.19, "L2": 0.18}, dt.MinVocabShare)
	if got := u.InferClusters(); len(got) != 1 || got[0] != "F3" {
		t.Errorf("A6 backed by 4%% of the votes: inferred %v, want [F3]", got)
	}
	u.backed = backedClusters(map[string]float64{"F3": 3, "A6": 1}, dt.MinVocabShare)
	if got := u.InferClusters(); len(got) != 2 || got[1] != "A6" {
		t.Errorf("A6 backed by 25%% of the votes: inferred %v, want [F3 A6]", got)
	}
	u.backed = backedClusters(nil, dt.MinVocabShare)
	if got := u.InferClusters(); len(got) != 2 {
		t.Errorf("no votes: inferred %v, want the neighbours' two", got)
	}
}

// The scene bag's products for one clause are alternative guesses: together they vote as much as
// one product a phrase calls for.
func TestBagGuessesShareOneVote(t *testing.T) {
	v := DefaultVocabulary()
	var spans []span
	for _, p := range []string{"#节能照明", "#车灯", "#手术室设备", "#手术室净化工程"} {
		spans = append(spans, span{t: term{text: p, kind: kExpansion, bag: true, w: 1, start: 0, end: 3}, text: "太暗了"})
	}
	spans = append(spans, span{t: term{text: "#节能照明", kind: kExpansion, w: 1, start: 4, end: 8}, text: "仓库灯暗"})
	vote := map[string]float64{}
	vocabVotes(v, spans, vote, &dt)
	sum := 0.0
	for _, x := range vote {
		sum += x
	}
	if want := 2 * dt.Expansion; math.Abs(sum-want) > 1e-6 {
		t.Errorf("four guesses and one phrase: votes %v (sum %.3f), want a sum of %.3f (two votes)", vote, sum, want)
	}
}

// The products of a short generic pain share one vote; those of a longer phrase keep one each.
func TestShortPainSharesOneVote(t *testing.T) {
	v := DefaultVocabulary()
	sum := func(text string, products ...string) float64 {
		var spans []span
		for _, p := range products {
			spans = append(spans, span{t: term{text: p, kind: kExpansion, w: 1, start: 0, end: int32(len([]rune(text)))}, text: text})
		}
		vote := map[string]float64{}
		vocabVotes(v, spans, vote, &dt)
		s := 0.0
		for _, x := range vote {
			s += x
		}
		return s
	}
	if got, want := sum("着火", "#火灾报警系统", "#智慧用电", "#智能烟感"), dt.Expansion; math.Abs(got-want) > 1e-6 {
		t.Errorf("着火 → three products: votes sum to %.3f, want %.3f (one vote)", got, want)
	}
	if got, want := sum("电梯老是出故障", "#电梯物联网", "#设备远程监控"), 2*dt.Expansion; math.Abs(got-want) > 1e-6 {
		t.Errorf("电梯老是出故障 → two products: votes sum to %.3f, want %.3f (one each)", got, want)
	}
}

// A product two vocabulary lines call for over the same words is read once.
func TestSameProductSameWordsVotesOnce(t *testing.T) {
	v := DefaultVocabulary()
	s := span{t: term{text: "#空压机", kind: kExpansion, w: 1, start: 0, end: 14}, text: "Compressed air"}
	vote := map[string]float64{}
	vocabVotes(v, []span{s, s}, vote, &dt)
	if got := vote["A1"]; math.Abs(got-dt.Expansion) > 1e-6 {
		t.Errorf("空压机 called twice over \"Compressed air\": A1 vote %.3f, want %.3f (once)", got, dt.Expansion)
	}
}

// The thing a pain happens to lowers the lead's mentions of it, not a scene's own call for it:
// 路灯 is the setting of 路灯整晚亮, but 灯整晚亮着 calls for 节能照明 in its own right.
func TestPainSettingKeepsAScenesCall(t *testing.T) {
	v := DefaultVocabulary()
	spans := []span{
		{t: term{text: "#节能照明", kind: kConcept, w: 2, start: 0, end: 2}, text: "路灯"},
		{t: term{text: "#智能照明控制", kind: kExpansion, w: 1.4, start: 0, end: 5}, text: "路灯整晚亮", lead: 0},
		{t: term{text: "#节能照明", kind: kExpansion, w: 1.4, start: 1, end: 6}, text: "灯整晚亮着", lead: 1},
	}
	vote := map[string]float64{}
	vocabVotes(v, spans, vote, &dt)
	if got, want := vote["A3"], 2*dt.SettingVote+1.4*dt.Expansion; math.Abs(got-want) > 1e-6 {
		t.Errorf("路灯整晚亮着: A3 vote %.3f, want %.3f (路灯 at settingWeight, the scene's 节能照明 in full)", got, want)
	}
}

// The buyer's own trade is who buys, not what is bought: a charger maker whose power stage runs
// hot needs silicon carbide devices (F3), a motor maker whose motors lose torque needs magnets
// (A4); the trade, named in the title and again in the body, must not route the lead to the
// buyer's own office.
func TestOwnTradeDoesNotRouteTheLead(t *testing.T) {
	e := New(DefaultConfig())
	cases := []struct {
		title, description string
		want, own          string
	}{
		{"充电桩太烫", "我们是做充电桩的，充电桩夏天降功率，想把功率器件换成碳化硅的。", "F3", "A5"},
		{"Motors lose torque", "We manufacture electric motors for power tools. The motors lose torque when hot; we need high temperature magnets.", "A4", "A6"},
	}
	for _, c := range cases {
		u := e.Understand(c.title, c.description, nil, nil)
		if got := u.InferClusters(); len(got) == 0 || got[0] != c.want {
			t.Errorf("%s: inferred %v (scores %v), want %s first, not the buyer's own %s", c.title, got, u.Clusters, c.want, c.own)
		}
	}
}

// A concept whose words lie inside the name of a more specific product of another trade is
// that product's general word, though its own name (衬底 is read as 晶圆) is no part of the
// other's (碳化硅衬底): the wafer trade must not outvote the silicon carbide one.
func TestGeneralWordBesideSpecificProduct(t *testing.T) {
	v := votesOf(t, "求购碳化硅衬底", "6 英寸 N 型导电衬底，月 200 片。")
	if v["F3"] <= 2*v["L2"] {
		t.Errorf("碳化硅衬底 … 导电衬底: votes %v, want F3 (silicon carbide) well above L2 (wafers)", v)
	}
}
