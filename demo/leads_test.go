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
	if count[domain.LeadOpen] != 14 || count[domain.LeadDraft] != 1 || count[domain.LeadClosed] != 1 || outside != 6 {
		t.Fatalf("statuses %v, outside buyers %d", count, outside)
	}
	codeless := 0
	for _, s := range sampleLeads {
		if len(s.clusters) == 0 {
			codeless++
		}
	}
	// Every code-less lead was routed by inference and waits in the admin's queue; those
	// inferred into the demo organiser's clusters (L1, L2, A5) wait in the organiser's too.
	all, _, n, err := st.Leads.List(context.Background(), store.LeadFilter{Triage: true}, store.Page{Limit: 50})
	if err != nil || n != codeless || codeless < 8 {
		t.Fatalf("triage queue of the admin: %d leads (%v), want the %d code-less ones", n, err, codeless)
	}
	for _, l := range all {
		if !l.ClustersInferred || len(l.Clusters) == 0 {
			t.Errorf("%q: clusters %v inferred %v", l.Title, l.Clusters, l.ClustersInferred)
		}
	}
	_, _, n, err = st.Leads.List(context.Background(), store.LeadFilter{Triage: true,
		Scope: store.LeadScope{Clusters: OrganiserClusters}}, store.Page{Limit: 50})
	if err != nil || n < 4 {
		t.Fatalf("triage queue of the demo organiser: %d leads (%v), want at least 4", n, err)
	}
}
