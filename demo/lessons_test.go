package demo

import (
	"context"
	"slices"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// A newcomer sees a learned link and the lead it routed, waiting in the organiser's triage queue.
func TestSeedLessons(t *testing.T) {
	withoutHistory(t)
	st := openStore(t)
	useSeeders(t, registered{"lessons", seedLessons})
	ctx := context.Background()
	if _, err := Seed(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	cs, err := st.Triage.Corrections(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	links := domain.LearnLinks(cs, nil)
	if i := slices.IndexFunc(links, func(l domain.LearnedLink) bool { return l.Term == "电梯老困人" }); i < 0 ||
		links[i].Cluster != "L1" || links[i].Net != 2 || links[i].LastByName == "" {
		t.Fatalf("learned %+v from %+v", links, cs)
	}
	queue, _, _, err := st.Leads.List(ctx, store.LeadFilter{Triage: true, Scope: store.LeadScope{Clusters: OrganiserClusters}}, store.Page{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(queue) != 1 || queue[0].Title != lessonNewLead.title || !slices.Equal(queue[0].Clusters, []string{"L1"}) {
		t.Fatalf("organiser's queue %+v", queue)
	}
}
