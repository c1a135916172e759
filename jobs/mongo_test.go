package jobs

import (
	"context"
	"errors"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
	"duijie/store/mongo"
	"duijie/store/mongo/mongotest"
)

// TestDigestOnMongoEngine runs the digest twice, and resumed after a kill, on the Mongo engine
// (an in-process FerretDB, or DUIJIE_TEST_MONGODB_URI): the exactly-once rules hold there too,
// since they rest on the unique dedup key and single-document writes only.
func TestDigestOnMongoEngine(t *testing.T) {
	uri := mongotest.URI(t)
	ctx := context.Background()
	st, err := mongo.Open(ctx, uri, mongotest.FreshDatabase(t, uri))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	sh, _ := domain.LoadZone(Zone)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, sh)
	p, _ := PeriodAt(domain.DigestDaily, now, sh)
	f := &digestFixture{st: st, feed: &leadFeed{}, period: p, news: map[string]bool{}}
	for i := range 6 {
		u := addMember(t, st, i+1, domain.DigestDaily, "zh-CN")
		f.members = append(f.members, u)
		if i != 3 {
			f.feed.add(u.ID, "线索", p.End.Add(-time.Hour))
			f.news[u.ID] = true
		}
	}
	f.d = &Digest{Store: st, Renderer: renderer(t), Sources: Sources{Leads: f.feed}, Batch: 2, Now: func() time.Time { return now }}

	kctx, kill := context.WithCancel(ctx)
	handled := 0
	f.d.afterMember = func(string) {
		if handled++; handled == 3 {
			kill()
		}
	}
	if err := f.d.RunPeriod(kctx, newRun(st), p, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("killed run: %v", err)
	}
	f.d.afterMember = nil
	rn := NewRunner(st, nil)
	rn.Register(f.d.Job(domain.DigestDaily, ""))
	for range 2 {
		if _, err := rn.Run(ctx, JobName(domain.DigestDaily), domain.TriggerSchedule); err != nil {
			t.Fatal(err)
		}
	}
	f.exactlyOnce(t)
}

// TestDigestRacesOnMongoEngine: two runners sending one period at once (the lease bypassed, as
// after a takeover while the first still runs), then three instances racing for the lease, on
// the Mongo engine: the outbox's unique key and the lease document still give one digest each.
func TestDigestRacesOnMongoEngine(t *testing.T) {
	uri := mongotest.URI(t)
	open := func(t *testing.T) *store.Store {
		st, err := mongo.Open(t.Context(), uri, mongotest.FreshDatabase(t, uri))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Health.Close() })
		return st
	}
	t.Run("TwoRunnersOnePeriod", func(t *testing.T) { twoRunnersOnePeriod(t, newDigestFixtureOn(t, open(t), 8)) })
	t.Run("ThreeInstances", func(t *testing.T) {
		f := newDigestFixtureOn(t, open(t), 6)
		instancesRacing(t, f, "a", "b", "c")
		f.exactlyOnce(t)
	})
}
