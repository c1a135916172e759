package matching

import (
	"slices"
	"testing"

	"duijie/domain"
)

// The demo's cold-store lead: the monitoring firm answers it, and a forklift maker and a tailor
// reached only by a faint guess of the scene bag (冷库里的货老坏 ≈ 叉车, ≈ 职业装) are weaker
// matches: marked, in their places.
func weakFloorCorpus() []domain.Enterprise {
	return []domain.Enterprise{
		{ID: "iot", Name: "无锡感联物联网科技有限公司", Clusters: []string{"L1"},
			Products:    []string{"无线温湿度传感器", "NB-IoT数据采集终端", "LoRa网关", "冷链监测云平台"},
			Description: "专注冷链与仓储环境监测，提供温湿度传感器、NB-IoT/LoRa 采集终端和云平台，已为医药冷库、生鲜物流中心完成 300 余个改造项目。"},
		{ID: "agv", Name: "无锡锡运智能物流装备有限公司", Clusters: []string{"A1"},
			Products:    []string{"AGV搬运机器人", "AMR自主移动机器人", "无人叉车", "自动化立体仓库"},
			Description: "仓储物流自动化集成商，潜伏式 AGV、无人叉车和 AMR 已在电机、纺织、汽车零部件和电商仓库落地 150 余个项目。"},
		{ID: "tailor", Name: "江阴澄江纺织服装有限公司", Clusters: []string{"A2"},
			Products:    []string{"男士西服", "商务衬衫", "职业装定制", "工作服"},
			Description: "职业装、工作服定制，年产 200 万套。"},
	}
}

var coldStoreLead = domain.Lead{ID: "cold", Title: "冷库里的货老坏，不知道什么时候温度上去的",
	Description: "厂里两个冷库，夜里停过电也没人知道，想在手机上随时看到温度，超了就提醒。",
	Clusters:    []string{"L1"}, ClustersInferred: true, Status: domain.LeadOpen}

func weakIDs(rs []Result) []string {
	var out []string
	for _, r := range rs {
		if r.Weak {
			out = append(out, r.ID)
		}
	}
	return out
}

func rankedIDs(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func floorEngine(floor float64) *Engine {
	cfg := DefaultConfig()
	cfg.Tuning.WeakFloor = floor
	e := New(cfg)
	e.UpsertMany(weakFloorCorpus())
	return e
}

func TestWeakFloorSuppliers(t *testing.T) {
	off, err := floorEngine(0).SuppliersFor(coldStoreLead, 10, Options{NoExposure: true})
	if err != nil {
		t.Fatal(err)
	}
	if ids := rankedIDs(off); len(ids) < 3 || ids[0] != "iot" || !slices.Contains(ids, "agv") || len(weakIDs(off)) > 0 {
		t.Fatalf("without the floor the list is %v (weak %v): the test wants iot first, agv listed, none weak", ids, weakIDs(off))
	}
	on, err := floorEngine(DefaultTuning().WeakFloor).SuppliersFor(coldStoreLead, 10, Options{NoExposure: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rankedIDs(on), rankedIDs(off)) {
		t.Errorf("with the floor the ranking is %v, without %v: want it unchanged", rankedIDs(on), rankedIDs(off))
	}
	if w := weakIDs(on); len(w) != 2 || !slices.Contains(w, "agv") || !slices.Contains(w, "tailor") {
		t.Errorf("weaker matches %v, want the faint guesses agv and tailor", w)
	}
	bf, _ := floorEngine(DefaultTuning().WeakFloor).BruteForce(coldStoreLead, 10, Options{NoExposure: true})
	if !slices.Equal(rankedIDs(bf), rankedIDs(on)) || !slices.Equal(weakIDs(bf), weakIDs(on)) {
		t.Errorf("brute force lists %v (weak %v), the index %v (weak %v)", rankedIDs(bf), weakIDs(bf), rankedIDs(on), weakIDs(on))
	}
}

// The same rule on a supplier's "leads for you": the forklift maker is offered the cold-store
// lead on a faint guess beside a lead it answers, as a weaker match.
func TestWeakFloorLeadsFor(t *testing.T) {
	agv := weakFloorCorpus()[1]
	leads := []domain.Lead{coldStoreLead, {ID: "wh", Title: "仓库想上AGV搬运机器人", Description: "仓库里的货想让车自己搬，无人叉车也行。",
		Clusters: []string{"A1"}, Status: domain.LeadOpen}}
	for _, c := range []struct {
		floor float64
		weak  []string
	}{{0, nil}, {DefaultTuning().WeakFloor, []string{"cold"}}} {
		e := floorEngine(c.floor)
		for _, l := range leads {
			e.UpsertLead(l)
		}
		rs, err := e.LeadsFor(agv, 10, Options{NoExposure: true})
		if err != nil {
			t.Fatal(err)
		}
		if ids := rankedIDs(rs); !slices.Equal(ids, []string{"wh", "cold"}) || !slices.Equal(weakIDs(rs), c.weak) {
			t.Errorf("floor %.2f: leads for the AGV maker %v weak %v, want [wh cold] weak %v", c.floor, ids, weakIDs(rs), c.weak)
		}
		bf, _ := e.BruteForceLeads(agv, 10, Options{NoExposure: true})
		if !slices.Equal(rankedIDs(bf), rankedIDs(rs)) || !slices.Equal(weakIDs(bf), weakIDs(rs)) {
			t.Errorf("floor %.2f: brute force lists %v (weak %v), the index %v (weak %v)", c.floor, rankedIDs(bf), weakIDs(bf), rankedIDs(rs), weakIDs(rs))
		}
	}
}

// A low score alone, or guesses alone, make no weak line: a lead read through the bag only has
// no real answer to measure the others by.
func TestWeakFloorMarks(t *testing.T) {
	weak := func(ws ...pairWeakness) func(int) pairWeakness { return func(i int) pairWeakness { return ws[i] } }
	rs := []Result{{ID: "a", Score: 1}, {ID: "b", Score: 0.05}, {ID: "c", Score: 0.05}, {ID: "d", Score: 0.5}}
	got := weakIDs(markWeak(slices.Clone(rs), 0.1, weak(pairWeakness{}, pairWeakness{faint: true}, pairWeakness{}, pairWeakness{faint: true})))
	if !slices.Equal(got, []string{"b"}) {
		t.Errorf("weak %v, want b: only b is both low and faint", got)
	}
	got = weakIDs(markWeak(slices.Clone(rs), 0.1, weak(pairWeakness{guessOnly: true}, pairWeakness{faint: true, guessOnly: true}, pairWeakness{}, pairWeakness{})))
	if len(got) > 0 {
		t.Errorf("weak %v: a list whose best is a guess has no weak line", got)
	}
	if got := weakIDs(markWeak(slices.Clone(rs), 0, weak(pairWeakness{}, pairWeakness{faint: true}, pairWeakness{}, pairWeakness{}))); len(got) > 0 {
		t.Errorf("WeakFloor 0 marked %v", got)
	}
}
