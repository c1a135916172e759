package storetest

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() {
	register("Leases", testLeases)
	register("JobRuns", testJobRuns)
	register("Checkpoints", testCheckpoints)
}

func testLeases(t *testing.T, open Opener) {
	now := Ms(time.Now())

	t.Run("OneHolderAtATime", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		ok, err := s.Leases.Acquire(ctx, "digest", "a", now, now.Add(time.Minute))
		Must(t, err, "acquire")
		if !ok {
			t.Fatal("first acquire refused")
		}
		ok, err = s.Leases.Acquire(ctx, "digest", "b", now.Add(time.Second), now.Add(time.Minute))
		Must(t, err, "acquire held")
		if ok {
			t.Fatal("b acquired a lease a holds")
		}
		ok, err = s.Leases.Acquire(ctx, "digest", "a", now.Add(time.Second), now.Add(2*time.Minute))
		Must(t, err, "re-acquire own")
		if !ok {
			t.Fatal("holder could not re-acquire its own lease")
		}
		ok, err = s.Leases.Acquire(ctx, "reminders", "b", now, now.Add(time.Minute))
		Must(t, err, "acquire other job")
		if !ok {
			t.Fatal("lease of another job refused")
		}
		ls, err := s.Leases.List(ctx)
		Must(t, err, "list")
		if len(ls) != 2 || ls[0].Name != "digest" || ls[0].Holder != "a" || !ls[0].ExpiresAt.Equal(now.Add(2*time.Minute)) {
			t.Fatalf("leases = %+v", ls)
		}
		if !ls[0].AcquiredAt.Equal(now) {
			t.Fatalf("re-acquire moved AcquiredAt to %v, want %v", ls[0].AcquiredAt, now)
		}
	})

	t.Run("TakeoverAfterExpiry", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		_, err := s.Leases.Acquire(ctx, "digest", "dead", now, now.Add(time.Minute))
		Must(t, err, "acquire")
		later := now.Add(time.Minute) // expiry is exclusive: at ExpiresAt the lease is free
		ok, err := s.Leases.Acquire(ctx, "digest", "heir", later, later.Add(time.Minute))
		Must(t, err, "takeover")
		if !ok {
			t.Fatal("expired lease not taken over")
		}
		if err := s.Leases.Renew(ctx, "digest", "dead", later.Add(time.Hour)); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("renew by the old holder: err = %v, want ErrConflict", err)
		}
		Must(t, s.Leases.Renew(ctx, "digest", "heir", later.Add(time.Hour)), "renew by the new holder")
		ok, err = s.Leases.Acquire(ctx, "digest", "third", later.Add(30*time.Minute), later.Add(time.Hour))
		Must(t, err, "acquire renewed")
		if ok {
			t.Fatal("renewed lease taken by another holder")
		}
	})

	t.Run("Release", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		_, err := s.Leases.Acquire(ctx, "digest", "a", now, now.Add(time.Hour))
		Must(t, err, "acquire")
		Must(t, s.Leases.Release(ctx, "digest", "b"), "release by a non-holder")
		ok, _ := s.Leases.Acquire(ctx, "digest", "b", now, now.Add(time.Hour))
		if ok {
			t.Fatal("release by a non-holder freed the lease")
		}
		Must(t, s.Leases.Release(ctx, "digest", "a"), "release")
		ok, err = s.Leases.Acquire(ctx, "digest", "b", now, now.Add(time.Hour))
		Must(t, err, "acquire released")
		if !ok {
			t.Fatal("released lease not free")
		}
		if err := s.Leases.Renew(ctx, "digest", "a", now.Add(time.Hour)); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("renew after release: err = %v, want ErrConflict", err)
		}
		if err := s.Leases.Renew(ctx, "nothing", "a", now.Add(time.Hour)); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("renew of an unknown lease: err = %v, want ErrConflict", err)
		}
	})
}

// TestLeaseRace has many instances race for one free lease: exactly one may win. Engines run it
// only where conditional writes are atomic (RunConcurrent).
func testLeaseRace(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	now := Ms(time.Now())
	const n = 16
	wins := make(chan string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			holder := "instance-" + string(rune('a'+i))
			ok, err := s.Leases.Acquire(ctx, "digest", holder, now, now.Add(time.Minute))
			if err != nil {
				t.Errorf("acquire: %v", err)
			}
			if ok {
				wins <- holder
			}
		})
	}
	wg.Wait()
	close(wins)
	if len(wins) != 1 {
		t.Fatalf("%d instances acquired one lease, want 1", len(wins))
	}
}

func testJobRuns(t *testing.T, open Opener) {
	now := Ms(time.Now())

	t.Run("StartFinishGet", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		r := &domain.JobRun{Job: "digest-daily", Holder: "host-1", Trigger: domain.TriggerSchedule,
			Status: domain.JobRunning, StartedAt: now}
		Must(t, s.JobRuns.Start(ctx, r), "start")
		if !domain.ValidID(r.ID) {
			t.Fatalf("start assigned ID %q", r.ID)
		}
		Must(t, s.JobRuns.Progress(ctx, r.ID, map[string]int{"sent": 3}), "progress")
		got, err := s.JobRuns.Get(ctx, r.ID)
		Must(t, err, "get running")
		if got.Status != domain.JobRunning || got.Counts["sent"] != 3 || got.EndedAt != nil {
			t.Fatalf("running run = %+v", got)
		}
		end := now.Add(3 * time.Second)
		r.Status, r.EndedAt, r.Counts, r.Error = domain.JobFailed, &end, map[string]int{"sent": 5, "failed": 1}, "smtp down"
		Must(t, s.JobRuns.Finish(ctx, r), "finish")
		got, err = s.JobRuns.Get(ctx, r.ID)
		Must(t, err, "get")
		want := *r
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("get:\n got  %+v\n want %+v", *got, want)
		}
		_, err = s.JobRuns.Get(ctx, domain.NewID())
		MustNotFound(t, err, "get unknown")
		MustNotFound(t, s.JobRuns.Finish(ctx, &domain.JobRun{ID: domain.NewID(), Status: domain.JobSucceeded}), "finish unknown")
	})

	t.Run("ListNewestFirst", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		var digest, all []string
		for i := range 7 {
			job := "digest-daily"
			if i%3 == 0 {
				job = "outbox"
			}
			r := &domain.JobRun{Job: job, Status: domain.JobSucceeded, StartedAt: now.Add(time.Duration(i) * time.Minute)}
			Must(t, s.JobRuns.Start(ctx, r), "start")
			all = append([]string{r.ID}, all...)
			if job == "digest-daily" {
				digest = append([]string{r.ID}, digest...)
			}
		}
		got := walk(t, 2, func(c string) ([]string, string, error) {
			rs, next, err := s.JobRuns.List(ctx, "", store.Page{Limit: 2, Cursor: c})
			return runIDs(rs), next, err
		})
		sameIDs(t, "all runs", got, all)
		rs, _, err := s.JobRuns.List(ctx, "digest-daily", store.Page{Limit: 10})
		Must(t, err, "list one job")
		sameIDs(t, "digest runs", runIDs(rs), digest)
		_, _, err = s.JobRuns.List(ctx, "", store.Page{Cursor: "garbage!"})
		MustInvalid(t, err, "cursor", "bad cursor")
	})

	t.Run("Interrupt", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		dead := &domain.JobRun{Job: "digest-daily", Status: domain.JobRunning, StartedAt: now}
		other := &domain.JobRun{Job: "outbox", Status: domain.JobRunning, StartedAt: now}
		current := &domain.JobRun{Job: "digest-daily", Status: domain.JobRunning, StartedAt: now.Add(time.Minute)}
		for _, r := range []*domain.JobRun{dead, other, current} {
			Must(t, s.JobRuns.Start(ctx, r), "start")
		}
		n, err := s.JobRuns.Interrupt(ctx, "digest-daily", current.ID, now.Add(2*time.Minute))
		Must(t, err, "interrupt")
		if n != 1 {
			t.Fatalf("interrupted %d runs, want 1", n)
		}
		for _, c := range []struct {
			r    *domain.JobRun
			want domain.JobStatus
		}{{dead, domain.JobInterrupted}, {other, domain.JobRunning}, {current, domain.JobRunning}} {
			got, err := s.JobRuns.Get(ctx, c.r.ID)
			Must(t, err, "get")
			if got.Status != c.want {
				t.Errorf("run %s of %s: status %s, want %s", got.ID, got.Job, got.Status, c.want)
			}
		}
	})
}

func runIDs(rs []domain.JobRun) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func testCheckpoints(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	now := Ms(time.Now())
	_, err := s.Checkpoints.Get(ctx, "digest-daily", "daily:2026-11-27")
	MustNotFound(t, err, "get before save")
	c := &domain.Checkpoint{Job: "digest-daily", Key: "daily:2026-11-27", Cursor: "u100", UpdatedAt: now}
	Must(t, s.Checkpoints.Save(ctx, c), "save")
	c2 := &domain.Checkpoint{Job: "digest-daily", Key: "daily:2026-11-28", Cursor: "u1", UpdatedAt: now}
	Must(t, s.Checkpoints.Save(ctx, c2), "save another key")
	c.Cursor, c.Done, c.UpdatedAt = "u200", true, now.Add(time.Minute)
	Must(t, s.Checkpoints.Save(ctx, c), "replace")
	got, err := s.Checkpoints.Get(ctx, "digest-daily", "daily:2026-11-27")
	Must(t, err, "get")
	if !reflect.DeepEqual(*got, *c) {
		t.Fatalf("get:\n got  %+v\n want %+v", *got, *c)
	}
	got, err = s.Checkpoints.Get(ctx, "digest-daily", "daily:2026-11-28")
	Must(t, err, "get other")
	if got.Cursor != "u1" || got.Done {
		t.Fatalf("other key = %+v", got)
	}
}
