package demo

import (
	"context"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func TestSeedLeads(t *testing.T) {
	withoutHistory(t)
	st := openStore(t)
	useSeeders(t, registered{"leads", seedLeads})
	if _, err := Seed(context.Background(), st, time.Now()); err != nil {
		t.Fatal(err)
	}
	ls, _, total, err := st.Leads.List(context.Background(), store.LeadFilter{}, store.Page{Limit: 50})
	if err != nil || total != len(sampleLeads) {
		t.Fatalf("%d leads (%v), want %d", total, err, len(sampleLeads))
	}
	count := map[domain.LeadStatus]int{}
	outside := 0
	for _, l := range ls {
		count[l.Status]++
		if l.BuyerEnterpriseID == "" {
			outside++
		}
	}
	if count[domain.LeadOpen] != 8 || count[domain.LeadDraft] != 1 || count[domain.LeadClosed] != 1 || outside != 3 {
		t.Fatalf("statuses %v, outside buyers %d", count, outside)
	}
	// The code-less leads were routed by inference and wait for the organiser (L1, L2, A5).
	triage, _, n, err := st.Leads.List(context.Background(), store.LeadFilter{Triage: true,
		Scope: store.LeadScope{Clusters: []string{"L1", "L2", "A5"}}}, store.Page{Limit: 10})
	if err != nil || n != 2 {
		t.Fatalf("triage queue of the demo organiser: %d leads (%v)", n, err)
	}
	for _, l := range triage {
		if !l.ClustersInferred || len(l.Clusters) == 0 {
			t.Errorf("%q: clusters %v inferred %v", l.Title, l.Clusters, l.ClustersInferred)
		}
	}
}
