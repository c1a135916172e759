package matchsvc

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"duijie/domain"
	"duijie/seed"
	"duijie/store"
	"duijie/store/mongo"
	"duijie/store/mongo/mongotest"
	"duijie/store/sqlite"
)

// Two instances on one database spread leads by the same exposure counts: a lead instance A
// sent to a supplier weighs on the next ranking instance B makes, with no re-sync in between.
func TestTwoInstancesShareExposure(t *testing.T) {
	t.Run("SQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "duijie.db")
		first, second := sqliteAt(t, path), sqliteAt(t, path)
		testSharedExposure(t, first, second)
	})
	t.Run("Mongo", func(t *testing.T) {
		uri := mongotest.URI(t)
		db := mongotest.FreshDatabase(t, uri)
		testSharedExposure(t, mongoAt(t, uri, db), mongoAt(t, uri, db))
	})
}

func sqliteAt(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	return st
}

func mongoAt(t *testing.T, uri, db string) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := mongo.Open(ctx, uri, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	return st
}

func testSharedExposure(t *testing.T, stA, stB *store.Store) {
	ctx := context.Background()
	if err := seed.Clusters(ctx, stA); err != nil {
		t.Fatal(err)
	}
	const fresh = 50 * time.Millisecond
	cfg := Config{Keep: 3, Send: 1, ExposureFresh: fresh}
	a, b := newEnvOn(t, stA, cfg), newEnvOn(t, stB, cfg)
	buyer := a.addEnterprise(textileMaker(0))
	for i := range 3 {
		a.addEnterprise(chipMaker(i, 3)) // three suppliers that fit the lead equally
	}
	if _, err := b.svc.Resync(ctx); err != nil { // B learns the profiles (and reads exposure: none)
		t.Fatal(err)
	}

	la := a.mcuLead(buyer, domain.LeadOpen)
	sentA := sentTo(a.byLead(la.ID))
	if len(sentA) != 1 {
		t.Fatalf("instance A sent lead 1 to %v, want one supplier", sentA)
	}
	if got := b.svc.Engine().Exposure(sentA[0]); got != 0 {
		t.Fatalf("B's copy counts %d before it reads again; the test needs it stale", got)
	}

	time.Sleep(fresh + 10*time.Millisecond) // B's copy is now older than ExposureFresh
	lb := b.mcuLead(buyer, domain.LeadOpen)
	if got := b.svc.Engine().Exposure(sentA[0]); got != 1 {
		t.Errorf("B counts %d leads sent to %s, want the 1 that A sent", got, sentA[0])
	}
	sentB := sentTo(b.byLead(lb.ID))
	if len(sentB) != 1 || sentB[0] == sentA[0] {
		t.Errorf("instance B sent lead 2 to %v; A had sent lead 1 to %v, an equal fit should go elsewhere", sentB, sentA)
	}
	if got := a.svc.Engine().Exposure(sentA[0]); got != 1 {
		t.Errorf("A counts %d leads sent to %s, want 1", got, sentA[0])
	}
}

// sentTo lists the suppliers a lead was sent to.
func sentTo(ms []domain.Match) []string {
	var out []string
	for _, m := range ms {
		if m.Status == domain.MatchSent {
			out = append(out, m.EnterpriseID)
		}
	}
	return out
}
