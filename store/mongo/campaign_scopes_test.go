package mongo

import (
	"reflect"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"

	"duijie/domain"
	"duijie/store"
	"duijie/store/mongo/mongotest"
	"duijie/store/storetest"
)

// TestOrganiserScopesKeptAtOpen: an organiser of two clusters stored without the users
// repository (by an older duijie, or by hand) gets the scope's totals at the next start, filled
// from the clusters', and they give each buyer once, as the records do.
func TestOrganiserScopesKeptAtOpen(t *testing.T) {
	uri := mongotest.URI(t)
	db := mongotest.FreshDatabase(t, uri)
	ctx := t.Context()
	s := openFresh(t, uri, db)
	org := toUserDoc(&domain.User{ID: domain.NewID(), Email: "org@example.test", Name: "组织者", Role: domain.RoleOrganiser,
		Clusters: []string{"L2", "L1"}, CreatedAt: time.Now(), UpdatedAt: time.Now()})
	if _, err := s.Campaign.(campaignRepo).totals.users.InsertOne(ctx, org); err != nil {
		t.Fatal(err)
	}
	for i, l := range []struct {
		cluster, buyer string
		month          time.Month
	}{{"L1", "e1", time.March}, {"L2", "e1", time.May}, {"L2", "e2", time.April}} {
		lead := storetest.NewLead(i, l.cluster, l.buyer)
		opened := time.Date(2030, l.month, 10, 9, 0, 0, 0, store.TotalsZone)
		lead.OpenedAt = &opened
		storetest.Must(t, s.Leads.Create(ctx, lead), "lead")
	}
	if kept, err := s.Campaign.Scopes(ctx); err != nil || len(kept) != 0 {
		t.Fatalf("before the restart: scopes %v (%v), want none", kept, err)
	}

	s = openFresh(t, uri, db)
	kept, err := s.Campaign.Scopes(ctx)
	storetest.Must(t, err, "scopes")
	if want := [][]string{{"L1", "L2"}}; !reflect.DeepEqual(kept, want) {
		t.Fatalf("kept scopes %v, want %v", kept, want)
	}
	storetest.WantScopeL1L2Of2030(t, s)
	// Kept scopes are what is read: their first months are there.
	n, err := s.Campaign.(campaignRepo).totals.firsts.CountDocuments(ctx, bson.D{{Key: "cluster", Value: "L1+L2"}})
	if err != nil || n == 0 {
		t.Fatalf("first months of L1+L2: %d (%v)", n, err)
	}
}
