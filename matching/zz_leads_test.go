package matching

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"duijie/domain"
	"duijie/matching/synth"
)

func TestZZLeads(t *testing.T) {
	ns := os.Getenv("LEADS_N")
	if ns == "" {
		t.Skip()
	}
	n, _ := strconv.Atoi(ns)
	e := New(DefaultConfig())
	synth.Enterprises(n, 20000, 1, func(b []domain.Enterprise) { e.UpsertMany(b) })
	e.Compact()
	for i := 0; i < 100000; i++ {
		e.UpsertLead(synth.Lead(2, i))
	}
	ents := make([]domain.Enterprise, 500)
	for i := range ents {
		ents[i] = synth.Enterprise(1, i*(n/500))
	}
	for _, ent := range ents {
		e.LeadsFor(ent, 20, Options{})
	}
	f, _ := os.Create("/tmp/leads.prof")
	pprof.StartCPUProfile(f)
	t0 := time.Now()
	for _, ent := range ents {
		e.LeadsFor(ent, 20, Options{})
	}
	pprof.StopCPUProfile()
	fmt.Println("mean", time.Since(t0)/500)
	// candidates
	tot := 0
	for _, ent := range ents[:50] {
		v := e.supplierView(&ent)
		seen := map[uint32]bool{}
		for _, f := range v.fwd {
			tt := e.ix.terms[f>>8]
			id, ok := e.leads.dict[tt]
			if !ok || isKey(tt) && broadKey(tt) || !isKey(tt) && e.stopTerm(len(e.ix.posts[f>>8])) {
				continue
			}
			fmt.Printf("%q:%d ", tt, len(e.leads.posts[id]))
			for _, s := range e.leads.posts[id] {
				seen[s] = true
			}
		}
		fmt.Println("\n  cands", len(seen))
		tot += len(seen)
	}
	fmt.Println("avg cands", tot/50)
}
