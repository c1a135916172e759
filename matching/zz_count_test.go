package matching

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"duijie/domain"
	"duijie/matching/synth"
)

func TestZZCount(t *testing.T) {
	ns := os.Getenv("DIAG_N")
	if ns == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(ns)
	e := New(DefaultConfig())
	synth.Enterprises(n, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	for _, V := range []int{1, 0} {
		diagVariant = V
		fmt.Println("variant", V)
		for _, i := range []int{1348, 1423, 270, 1586, 1330, 1287, 759, 1770, 1010, 815, 366, 1038, 0, 1, 2, 3} {
			l := synth.Lead(1, i)
			dCand, dPass0, dPassEv, dProbe, dStamped, dFull = 0, 0, 0, 0, 0, 0
			rs, _ := e.SuppliersFor(l, 20, Options{})
			lt := e.analyzeLead(&l, false)
			q := e.compile(lt, &l, Options{})
			fmt.Printf("lead %d %q cand %d pass0 %d passEv %d probes %d (stamped %d) full %d ess %d/%d boost %.3f top %.4f 20th %.4f\n", i, l.Title, dCand, dPass0, dPassEv, dProbe, dStamped, dFull, dEss, len(q.terms), q.maxBoost, rs[0].Score, rs[len(rs)-1].Score)
		}
	}
}

func TestZZTerms(t *testing.T) {
	ns := os.Getenv("DIAG_N")
	if ns == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(ns)
	e := New(DefaultConfig())
	synth.Enterprises(n, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	for _, i := range []int{1423, 1348, 1330} {
		l := synth.Lead(1, i)
		rs, _ := e.SuppliersFor(l, 20, Options{})
		lt := e.analyzeLead(&l, false)
		q := e.compile(lt, &l, Options{})
		fmt.Printf("lead %d %q theta %.4f boost %.3f\n", i, l.Title, rs[len(rs)-1].Score, q.maxBoost)
		for ti, qt := range q.terms {
			pk := e.ix.peak[qt.id]
			fmt.Printf("   %-14q w=%.3f ub=%.3f maxTF=%d minNorm=%d key=%v broad=%v df=%d\n", qt.text, qt.w, e.ix.bound(q, ti), pk.maxTF, pk.minNorm, qt.key, qt.broad, len(e.ix.posts[qt.id]))
		}
	}
}
