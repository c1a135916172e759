package leads_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"duijie/domain"
	"duijie/matchsvc"
	"duijie/seed"
	"duijie/service/enterprises"
	"duijie/service/leads"
	"duijie/store"
	"duijie/store/mongo"
	"duijie/store/mongo/mongotest"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

// Two instances on one database: what one writes through its services — a profile, an open
// lead, the lead's expiry — reaches the other's index through that instance's follower alone,
// within a few of its intervals. This is the one repair path; there is no re-sync job.
func TestTwoInstancesConvergeThroughTheFollower(t *testing.T) {
	t.Run("SQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "duijie.db")
		open := func() *store.Store {
			st, err := sqlite.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Health.Close() })
			return st
		}
		testConverge(t, open(), open())
	})
	t.Run("Mongo", func(t *testing.T) {
		uri := mongotest.URI(t)
		db := mongotest.FreshDatabase(t, uri)
		open := func() *store.Store {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			st, err := mongo.Open(ctx, uri, db)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Health.Close() })
			return st
		}
		testConverge(t, open(), open())
	})
}

func testConverge(t *testing.T, stA, stB *store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := seed.Clusters(ctx, stA); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	now := &clock{t: time.Now().UTC().Truncate(time.Millisecond)}
	a := matchsvc.New(stA, matchsvc.Config{Now: now.Now, Logger: log})
	b := matchsvc.New(stB, matchsvc.Config{Now: now.Now, Logger: log})
	for _, m := range []*matchsvc.Service{a, b} {
		if err := m.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	const every = 50 * time.Millisecond
	done := make(chan struct{})
	go func() { b.Follow(ctx, every); close(done) }()
	defer func() { cancel(); <-done }()

	// Instance A's services; B only follows.
	ents := enterprises.New(stA, func() enterprises.Index { return a }, log, now.Now)
	ls := leads.New(stA, func() leads.Index { return a }, nil, log, now.Now)
	firm := storetest.NewEnterprise(7)
	firm.ID = domain.NewID()
	if err := ents.Records().Register(ctx, firm, func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	member := leads.Actor{User: &domain.User{ID: "m1", Role: domain.RoleMember, EnterpriseID: firm.ID}}
	if _, err := ls.Create(ctx, member, openInput(now.Now().Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	if p, l := a.IndexSize(); p != 1 || l != 1 {
		t.Fatalf("the writing instance holds %d profiles, %d leads; want 1, 1 at once", p, l)
	}
	within(t, 100*every, "B takes in A's profile and lead", func() bool { p, l := b.IndexSize(); return p == 1 && l == 1 })

	now.advance(2 * time.Hour)
	if n, err := ls.ExpireDue(ctx); err != nil || n != 1 {
		t.Fatalf("ExpireDue = %d, %v", n, err)
	}
	if _, l := a.IndexSize(); l != 0 {
		t.Fatalf("A still offers the expired lead")
	}
	within(t, 100*every, "B drops the lead A expired", func() bool { _, l := b.IndexSize(); return l == 0 })
}

// within polls ok until it holds or d passes (a wall-clock bound on the follower's intervals,
// generous for a loaded machine).
func within(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, d)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
