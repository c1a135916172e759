package matching

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"duijie/domain"
	"duijie/matching/synth"
)

func TestZZDiag(t *testing.T) {
	ns := os.Getenv("DIAG_N")
	if ns == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(ns)
	e := New(DefaultConfig())
	synth.Enterprises(n, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	for _, i := range []int{366, 1107, 1038, 1503, 101, 115, 318, 0, 1, 2, 3} {
		l := synth.Lead(1, i)
		lt := e.analyzeLead(&l, false)
		q := e.compile(lt, &l, Options{})
		fmt.Printf("lead %d %q %q boost %.3f region %q market %q tiers %v certs %v ind %v hs %v\n", i, l.Title, l.Description, q.maxBoost, l.DeliveryRegion, l.ExportMarket, l.PreferredTiers, l.RequiredCertifications, l.IndustryCodes, l.HSCodes)
		tot := 0
		for _, qt := range q.terms {
			df := len(e.ix.posts[qt.id])
			tot += df
			fmt.Printf("   %-14q w=%.4f key=%v broad=%v df=%d\n", qt.text, qt.w, qt.key, qt.broad, df)
		}
		fmt.Printf("   total postings %d\n", tot)
	}
}

func TestZZExplain(t *testing.T) {
	ns := os.Getenv("DIAG_N")
	if ns == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(ns)
	e := New(DefaultConfig())
	synth.Enterprises(n, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	for _, i := range []int{366, 1038} {
		l := synth.Lead(1, i)
		rs, _ := e.SuppliersFor(l, 20, Options{})
		for _, r := range rs[:3] {
			fmt.Printf("%s %.5f %+v\n", r.ID, r.Score, r.Explanation.Factors)
			var id int
			fmt.Sscanf(r.ID, "%x", &id)
			ent := synth.Enterprise(1, id-1)
			fmt.Printf("   %q %q %v\n", ent.Name, ent.Products, ent.Description)
			v := e.ix.view(e.ix.byID[r.ID])
			fmt.Printf("   norm %d nk %.3f\n", v.norm, e.ix.normTable(1.2, 0.75)[v.norm])
		}
	}
}

func TestZZCount(t *testing.T) {
	ns := os.Getenv("DIAG_N")
	if ns == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(ns)
	e := New(DefaultConfig())
	synth.Enterprises(n, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	for _, i := range []int{1586, 759, 815, 1010, 877, 366, 1038, 1503, 101, 0, 1, 2, 3} {
		l := synth.Lead(1, i)
		dCand, dPass0, dPassEv, dProbe, dFull = 0, 0, 0, 0, 0
		rs, _ := e.SuppliersFor(l, 20, Options{})
		lt := e.analyzeLead(&l, false)
		q := e.compile(lt, &l, Options{})
		fmt.Printf("lead %d %q cand %d pass0 %d passEv %d probes %d full %d ess %d/%d boost %.3f top %.4f 20th %.4f\n", i, l.Title, dCand, dPass0, dPassEv, dProbe, dFull, dEss, len(q.terms), q.maxBoost, rs[0].Score, rs[len(rs)-1].Score)
	}
}
