package matching

import (
	"fmt"
	"math"
	"testing"

	"duijie/domain"
	"duijie/matching/synth"
)

// clusterMarket is a lead inferred into two clusters and three suppliers: "both" is registered
// in both and shares only generic words with the lead (系统、设备), "one" is in one of them and
// names the product, weakly (one word of a long lead), "text" is in neither and names it too.
func clusterMarket(t *testing.T, cfg Config) (*Engine, domain.Lead) {
	t.Helper()
	e := New(cfg)
	ents := []domain.Enterprise{
		{ID: "both", Name: "无锡恒通科技有限公司", Clusters: []string{"A3", "L1"},
			Products: []string{"楼宇自控系统"}, Description: "提供楼宇系统设备的运维。"},
		{ID: "one", Name: "无锡净源环保设备有限公司", Clusters: []string{"A3"},
			Products: []string{"油烟净化器"}, Description: "商用厨房油烟净化器制造。"},
		{ID: "text", Name: "无锡洁风电器有限公司", Clusters: []string{"F1"},
			Products: []string{"油烟净化器"}, Description: "家用和商用油烟净化器。"},
	}
	e.UpsertMany(ents)
	l := domain.Lead{ID: "L", Title: "食堂排风系统设备老化，想找人看看", Status: domain.LeadOpen,
		Description: "我们厂食堂每天中午做三百人的饭，排风系统设备用了八年，楼上办公室一直说有味道，" +
			"上次物业来看说可能要加一台油烟净化器，也可能是风管的问题，想找懂的人来现场看一下再说。",
		Clusters: []string{"A3", "L1"}, ClustersInferred: true}
	return e, l
}

func rankOf(rs []Result, id string) int {
	for i, r := range rs {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// TestBareClusterCredit: for a code-less lead, a supplier registered in two of its inferred
// clusters that shares no real evidence with it does not outrank a supplier in one of them
// that names the product, however weakly; with the share at 1 (the rule off) it did.
func TestBareClusterCredit(t *testing.T) {
	e, l := clusterMarket(t, DefaultConfig())
	rs, err := e.SuppliersFor(l, 10, Options{NoExposure: true})
	if err != nil {
		t.Fatal(err)
	}
	if b, o := rankOf(rs, "both"), rankOf(rs, "one"); o < 0 || b >= 0 && b < o {
		t.Fatalf("the two-cluster supplier without evidence ranks %d, the one-cluster maker %d: %+v", b, o, rs)
	}
	off := DefaultConfig()
	off.Tuning.BareClusterShare = 1
	e, l = clusterMarket(t, off)
	rs, _ = e.SuppliersFor(l, 10, Options{NoExposure: true})
	if b, o := rankOf(rs, "both"), rankOf(rs, "one"); b < 0 || b > o {
		t.Fatalf("fixture no longer probes the rule: without it the two-cluster supplier ranks %d, the maker %d", b, o)
	}
	// An organiser's clusters are the organiser's word: the rule leaves them alone.
	l.ClustersInferred = false
	e, _ = clusterMarket(t, DefaultConfig())
	ex, _ := e.SuppliersFor(l, 10, Options{NoExposure: true})
	e, _ = clusterMarket(t, off)
	ex2, _ := e.SuppliersFor(l, 10, Options{NoExposure: true})
	SameResults(t, "explicit clusters", ex, ex2)
}

// TestClusterOnce: with Config.ClusterOnce a supplier in two of the lead's clusters earns one
// cluster's credit, so a supplier in one of them with the same words and a little more ranks
// first; summed, the two-cluster supplier wins.
func TestClusterOnce(t *testing.T) {
	ents := []domain.Enterprise{
		{ID: "both", Name: "无锡甲公司", Clusters: []string{"A5", "F4"}, Products: []string{"储能系统"}},
		{ID: "one", Name: "无锡乙公司", Clusters: []string{"F4"}, Products: []string{"储能系统", "储能变流器"}},
	}
	l := domain.Lead{ID: "L", Title: "采购储能系统", Description: "工商业储能系统及储能变流器",
		Clusters: []string{"A5", "F4"}, Status: domain.LeadOpen}
	for _, once := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.ClusterOnce = once
		e := New(cfg)
		e.UpsertMany(ents)
		rs, _ := e.SuppliersFor(l, 5, Options{NoExposure: true})
		if len(rs) != 2 {
			t.Fatalf("once=%v: %+v", once, rs)
		}
		want := map[bool]string{false: "both", true: "one"}[once]
		if rs[0].ID != want {
			t.Errorf("once=%v: first is %s (%.3f over %.3f), want %s", once, rs[0].ID, rs[0].Score, rs[1].Score, want)
		}
		for _, r := range rs {
			if c := factor(r, FactorCluster); once && math.Abs(c-cfg.Weights.Cluster) > 1e-6 {
				t.Errorf("once: %s earns cluster credit %.3f, want %.3f", r.ID, c, cfg.Weights.Cluster)
			}
		}
	}
}

func factor(r Result, name string) float64 {
	for _, f := range r.Explanation.Factors {
		if f.Name == name {
			return f.Contribution
		}
	}
	return 0
}

// TestClusterCreditPathsAgree checks, for leads with two or three clusters inferred or given,
// generic words in them and suppliers registered in one or two clusters, that the pruned walk
// returns what scoring every profile returns, that LeadsFor returns what scoring every lead
// returns, and that an explanation's factors add up to the score, with the cluster credit
// summed and counted once, and worth as much as the text.
func TestClusterCreditPathsAgree(t *testing.T) {
	n := 5_000
	for i, once := range []bool{false, true, true} {
		cfg := DefaultConfig()
		cfg.ClusterOnce = once
		if i == 2 { // clusters worth as much as the text: the walk's bounds on them decide
			cfg.Weights.Cluster, cfg.Weights.InferredCluster = 6, 1
		}
		e := New(cfg)
		synth.Enterprises(n, 3000, 7, func(b []domain.Enterprise) { e.UpsertMany(b) })
		var leads []domain.Lead
		for i := 0; i < 40; i++ {
			l := synth.Lead(7, i)
			l.Clusters = append(l.Clusters, synth.Lead(9, i).Clusters[0])
			if i%3 == 0 {
				l.Clusters = append(l.Clusters, synth.Lead(11, i).Clusters[0])
			}
			l.ClustersInferred = i%4 != 3
			if i%2 == 0 {
				l.Description += "需要系统设备和服务。"
			}
			if i%5 == 0 { // nothing but generic words: a profile's cluster credit is all it has
				l.Title, l.Description, l.HSCodes, l.IndustryCodes = "系统设备", "服务", nil, nil
			}
			leads = append(leads, l)
		}
		leads = append(leads, domain.Lead{ID: "en", Title: "Backup power without diesel", Status: domain.LeadOpen,
			Clusters: []string{"A5", "F4"}, ClustersInferred: true})
		for _, l := range leads {
			e.UpsertLead(l)
			for _, k := range []int{1, 10} {
				got, err1 := e.SuppliersFor(l, k, Options{})
				want, err2 := e.BruteForce(l, k, Options{})
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: %v %v", l.ID, err1, err2)
				}
				SameResults(t, fmt.Sprintf("once=%v lead %s k %d", once, l.ID, k), got, want)
				for _, r := range got {
					sum := 0.0
					for _, f := range r.Explanation.Factors {
						sum += f.Contribution
					}
					if math.Abs(sum-r.Score) > 0.005 {
						t.Fatalf("once=%v lead %s %s: factors add to %.4f, score is %.4f: %+v", once, l.ID, r.ID, sum, r.Score, r.Explanation.Factors)
					}
				}
			}
		}
		for i := 0; i < n; i += 97 {
			ent := synth.Enterprise(7, i)
			got, _ := e.LeadsFor(ent, 10, Options{})
			want, _ := e.BruteForceLeads(ent, 10, Options{})
			SameResults(t, fmt.Sprintf("once=%v supplier %d", once, i), got, want)
		}
	}
}
