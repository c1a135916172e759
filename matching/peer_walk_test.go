package matching_test

import (
	"testing"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/quality"
)

// The peer factor (peer.go) is applied by the index walk, its seed and brute force alike, and by
// LeadsFor: on the labelled corpus, leads of buyers that introduce their own trade rank the same
// by every path, and the factor does change some scores (or this test could not fail).
func TestPeerFactorKeepsTheWalkExact(t *testing.T) {
	set, err := quality.Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	leads := []domain.Lead{
		{ID: "p1", Title: "充电桩太烫", Description: "我们是做直流充电桩的小厂，电源模块夏天一热就降功率，想换碳化硅器件。"},
		{ID: "p2", Title: "磁钢老断货", Description: "我们是做电动车轮毂电机的，里面的钕铁硼磁钢经常断货，想再找一家供应商。"},
		{ID: "p3", Title: "逆变器效率上不去", Description: "我们是做组串式光伏逆变器的，功率器件损耗大，想换新一代碳化硅器件。"},
		{ID: "p4", Title: "Motor magnets", Description: "We are a manufacturer of e-bike motors in Vietnam, looking for NdFeB magnets."},
		{ID: "p5", Title: "求助", Description: "我们是做直流充电桩的，夏天散热不行，找人看看。"},
		{ID: "p6", Title: "求助", Description: "我们是做智能门锁的，打样太慢，找贴片厂。"},
	}
	cfg := matching.DefaultConfig()
	e := matching.New(cfg)
	e.UpsertMany(set.Enterprises)
	cfg.Tuning.Peer = 1
	off := matching.New(cfg)
	off.UpsertMany(set.Enterprises)
	changed := 0
	for _, l := range leads {
		l.Status = domain.LeadOpen
		e.UpsertLead(l)
		for _, k := range []int{1, 2, 3, 5, 10} {
			got, err1 := e.SuppliersFor(l, k, matching.Options{NoExposure: true})
			want, err2 := e.BruteForce(l, k, matching.Options{NoExposure: true})
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %v %v", l.ID, err1, err2)
			}
			matching.SameResults(t, l.ID, got, want)
		}
		on, _ := e.SuppliersFor(l, 20, matching.Options{NoExposure: true})
		base, _ := off.SuppliersFor(l, 20, matching.Options{NoExposure: true})
		scoreOff := map[string]float64{}
		for _, r := range base {
			scoreOff[r.ID] = r.Score
		}
		for _, r := range on {
			if s, ok := scoreOff[r.ID]; ok && s != r.Score {
				changed++
			}
		}
	}
	if changed == 0 {
		t.Fatal("no supplier of the corpus was scored as a peer of these buyers")
	}
	for _, ent := range set.Enterprises {
		got, _ := e.LeadsFor(ent, 3, matching.Options{NoExposure: true})
		want, _ := e.BruteForceLeads(ent, 3, matching.Options{NoExposure: true})
		matching.SameResults(t, "leads for "+ent.ID, got, want)
	}
}
