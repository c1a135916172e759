package matching

import (
	"math"
	"testing"

	"duijie/domain"
)

// peerMarket: a charging-pile maker (the buyer's own trade), a SiC maker (the need) that names
// charging piles as an application, and a magnet maker naming charging piles once.
var peerMarket = []domain.Enterprise{
	{ID: "pile", Name: "无锡充电设备有限公司", Products: []string{"直流充电桩", "交流充电桩"}, Description: "生产直流充电桩。"},
	{ID: "sic", Name: "无锡碳化硅半导体有限公司", Products: []string{"碳化硅MOSFET", "碳化硅二极管"}, Description: "碳化硅功率器件，用于充电桩和光伏逆变器。"},
	{ID: "magnet", Name: "无锡磁材有限公司", Products: []string{"钕铁硼磁钢"}, Description: "用于充电桩散热风扇。"},
}

func peerEngine(t *testing.T, peer float64) *Engine {
	t.Helper()
	c := DefaultConfig()
	c.Tuning.Peer = peer
	e := New(c)
	e.UpsertMany(peerMarket)
	return e
}

func scores(t *testing.T, e *Engine, l domain.Lead) map[string]float64 {
	t.Helper()
	rs, err := e.SuppliersFor(l, 10, Options{NoExposure: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, r := range rs {
		out[r.ID] = r.Score
		sum := 0.0
		for _, f := range r.Explanation.Factors {
			sum += f.Contribution
		}
		if math.Abs(sum-r.Score) > 0.01 {
			t.Errorf("%s: the factors add up to %.3f, the score is %.3f", r.ID, sum, r.Score)
		}
	}
	bf, err := e.BruteForce(l, 10, Options{NoExposure: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if i >= len(bf) || bf[i].ID != r.ID || bf[i].Score != r.Score {
			t.Errorf("the index walk and brute force disagree at %d: %v vs %v", i, ids(rs), ids(bf))
			break
		}
	}
	return out
}

// A charging-pile maker that wants SiC devices: the other charging-pile maker is its peer and
// counts at Tuning.Peer; the SiC maker, which names charging piles as an application, and the
// magnet maker, which names them once, are not peers.
func TestPeerOfTheBuyerCountsAtPeerWeight(t *testing.T) {
	lead := domain.Lead{ID: "L1", Title: "找碳化硅器件", Description: "我们是做直流充电桩的小厂，想换碳化硅功率器件。", Status: domain.LeadOpen}
	on, off := peerEngine(t, 0.5), peerEngine(t, 1)
	son, soff := scores(t, on, lead), scores(t, off, lead)
	if soff["pile"] == 0 || soff["sic"] == 0 {
		t.Fatalf("both the pile maker and the SiC maker share terms with the lead: %v", soff)
	}
	if got, want := son["pile"], soff["pile"]*0.5; math.Abs(got-want) > 1e-6*want {
		t.Errorf("the charging-pile maker is the buyer's peer: score %v, want half of %v", got, soff["pile"])
	}
	for _, id := range []string{"sic", "magnet"} {
		if son[id] != soff[id] {
			t.Errorf("%s is no peer: score %v, want %v as without the rule", id, son[id], soff[id])
		}
	}
	if son["sic"] <= son["pile"] {
		t.Errorf("the SiC maker ranks above the buyer's peer: %v", son)
	}

	// Both directions give the same score: LeadsFor reads the peer from the stored lead.
	on.UpsertLead(lead)
	for _, ent := range peerMarket {
		rs, err := on.LeadsFor(ent, 5, Options{NoExposure: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 0 && son[ent.ID] == 0 {
			continue
		}
		if len(rs) != 1 || rs[0].Score != son[ent.ID] {
			t.Errorf("LeadsFor(%s) = %v, SuppliersFor gives %v", ent.ID, rs, son[ent.ID])
		}
	}

	// A buyer that sells charging piles buys them: the pile maker is no peer then.
	dealer := lead
	dealer.Description = "我们是充电桩经销商，想换碳化硅功率器件。"
	if son, soff := scores(t, on, dealer), scores(t, off, dealer); son["pile"] != soff["pile"] {
		t.Errorf("a dealer's own trade is what it buys: pile score %v, want %v", son["pile"], soff["pile"])
	}
	// Without a self-introduction nobody is a peer.
	plain := lead
	plain.Description = "直流充电桩想换碳化硅功率器件。"
	if son, soff := scores(t, on, plain), scores(t, off, plain); son["pile"] != soff["pile"] {
		t.Errorf("no introduction, no peer: pile score %v, want %v", son["pile"], soff["pile"])
	}
}
