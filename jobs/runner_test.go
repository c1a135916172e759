package jobs

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func TestRunnerRecordsRuns(t *testing.T) {
	st := openStore(t)
	rn := NewRunner(st, nil)
	rn.Holder = "a"
	rn.Register(Job{Name: "ok", Run: func(ctx context.Context, r *Run) error { r.Add("things", 3); return nil }})
	rn.Register(Job{Name: "bad", Run: func(ctx context.Context, r *Run) error { r.Add("things", 1); return errors.New("relay down") }})
	rn.Register(Job{Name: "panics", Run: func(ctx context.Context, r *Run) error { panic("boom") }})

	rec, err := rn.Run(t.Context(), "ok", domain.TriggerManual)
	if err != nil || rec.Status != domain.JobSucceeded || rec.Counts["things"] != 3 || rec.EndedAt == nil {
		t.Fatalf("ok run: %+v, %v", rec, err)
	}
	rec, err = rn.Run(t.Context(), "bad", domain.TriggerSchedule)
	if err == nil || rec.Status != domain.JobFailed || rec.Error != "relay down" {
		t.Fatalf("bad run: %+v, %v", rec, err)
	}
	rec, err = rn.Run(t.Context(), "panics", domain.TriggerSchedule)
	if err == nil || rec.Status != domain.JobFailed {
		t.Fatalf("panicking run: %+v, %v", rec, err)
	}
	if _, err := rn.Run(t.Context(), "nope", domain.TriggerManual); !errors.Is(err, ErrUnknownJob) {
		t.Fatalf("unknown job: %v", err)
	}
	runs, _, err := st.JobRuns.List(t.Context(), "", store.Page{})
	if err != nil || len(runs) != 3 {
		t.Fatalf("history: %d runs, %v", len(runs), err)
	}
	// The three runs start within one millisecond: find the first by its job, not its place.
	var okID string
	for _, r := range runs {
		if r.Job == "ok" {
			okID = r.ID
		}
	}
	stored, _ := st.JobRuns.Get(t.Context(), okID)
	if stored == nil || stored.Job != "ok" || stored.Counts["things"] != 3 || stored.Holder != "a" || stored.Trigger != domain.TriggerManual {
		t.Fatalf("stored run %+v", stored)
	}
	ls, _ := st.Leases.List(t.Context())
	for _, l := range ls {
		if l.Holder != "" {
			t.Errorf("lease %s still held by %q after the run", l.Name, l.Holder)
		}
	}
}

// TestTwoInstancesOneRun starts the same job on two instances at once: one runs it, the other
// is told it is busy.
func TestTwoInstancesOneRun(t *testing.T) {
	st := openStore(t)
	var running, ran atomic.Int32
	release := make(chan struct{})
	job := Job{Name: "digest-daily", Run: func(ctx context.Context, r *Run) error {
		if running.Add(1) > 1 {
			t.Error("two instances ran the job at once")
		}
		ran.Add(1)
		<-release
		running.Add(-1)
		return nil
	}}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, holder := range []string{"host-a", "host-b"} {
		rn := NewRunner(st, nil)
		rn.Holder = holder
		rn.Register(job)
		wg.Go(func() {
			_, err := rn.Run(t.Context(), job.Name, domain.TriggerSchedule)
			errs <- err
		})
	}
	// One of them is now inside the job; the other has given up or is about to.
	deadline := time.Now().Add(5 * time.Second)
	for ran.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	close(errs)
	busy, ok := 0, 0
	for err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrBusy):
			busy++
		default:
			t.Fatal(err)
		}
	}
	if ok != 1 || busy != 1 || ran.Load() != 1 {
		t.Fatalf("ok %d busy %d ran %d, want 1 1 1", ok, busy, ran.Load())
	}
}

// TestLeaseTakeover: an instance died holding the lease (and a run marked running). Until the
// lease expires nobody else runs the job; then another instance takes over and the dead run is
// marked interrupted.
func TestLeaseTakeover(t *testing.T) {
	st := openStore(t)
	ctx := t.Context()
	clock := time.Now()
	if ok, err := st.Leases.Acquire(ctx, "outbox", "dead-host", clock, clock.Add(2*time.Minute)); err != nil || !ok {
		t.Fatal(ok, err)
	}
	dead := &domain.JobRun{Job: "outbox", Holder: "dead-host", Status: domain.JobRunning, StartedAt: clock}
	if err := st.JobRuns.Start(ctx, dead); err != nil {
		t.Fatal(err)
	}
	rn := NewRunner(st, nil)
	rn.Holder, rn.Now = "heir", func() time.Time { return clock }
	runs := 0
	rn.Register(Job{Name: "outbox", Run: func(context.Context, *Run) error { runs++; return nil }})

	clock = clock.Add(time.Minute)
	if _, err := rn.Run(ctx, "outbox", domain.TriggerSchedule); !errors.Is(err, ErrBusy) {
		t.Fatalf("while the dead holder's lease lasts: err = %v, want ErrBusy", err)
	}
	clock = clock.Add(time.Minute + time.Second)
	rec, err := rn.Run(ctx, "outbox", domain.TriggerSchedule)
	if err != nil || runs != 1 || rec.Holder != "heir" {
		t.Fatalf("takeover: %+v, %v, runs %d", rec, err, runs)
	}
	got, _ := st.JobRuns.Get(ctx, dead.ID)
	if got.Status != domain.JobInterrupted {
		t.Fatalf("dead run status %s, want interrupted", got.Status)
	}
}

// TestLostLeaseStopsTheJob: while a job runs, another instance takes its lease (this instance
// stalled past the TTL); the renewal notices and the job is stopped.
func TestLostLeaseStopsTheJob(t *testing.T) {
	st := openStore(t)
	rn := NewRunner(st, nil)
	rn.Holder, rn.LeaseTTL = "slow", 60*time.Millisecond
	started := make(chan struct{})
	rn.Register(Job{Name: "digest-daily", Run: func(ctx context.Context, r *Run) error {
		close(started)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Second):
			return errors.New("job was not stopped")
		}
	}})
	go func() {
		<-started
		_ = st.Leases.Release(context.Background(), "digest-daily", "slow")
		now := time.Now()
		_, _ = st.Leases.Acquire(context.Background(), "digest-daily", "thief", now, now.Add(time.Hour))
	}()
	rec, err := rn.Run(t.Context(), "digest-daily", domain.TriggerSchedule)
	if err == nil || rec.Status != domain.JobInterrupted {
		t.Fatalf("run %+v, err %v; want interrupted", rec, err)
	}
}

func TestSchedulerStopWaitsForRunningJob(t *testing.T) {
	st := openStore(t)
	rn := NewRunner(st, nil)
	rn.Holder = "a"
	started := make(chan struct{})
	var checkpointed atomic.Bool
	rn.Register(Job{Name: "long", Spec: "@every 1h", Run: func(ctx context.Context, r *Run) error {
		close(started)
		<-ctx.Done()
		time.Sleep(20 * time.Millisecond) // saving a checkpoint
		checkpointed.Store(true)
		return ctx.Err()
	}})
	s, err := NewScheduler(rn, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Start()
	if infos := s.Infos(); len(infos) != 1 || infos[0].Next.IsZero() {
		t.Fatalf("infos %+v", infos)
	}
	if err := s.RunNow("long"); err != nil {
		t.Fatal(err)
	}
	<-started
	if err := s.RunNow("long"); !errors.Is(err, ErrBusy) {
		t.Fatalf("second run-now: %v, want ErrBusy", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if !checkpointed.Load() {
		t.Fatal("Stop returned before the job checkpointed")
	}
	runs, _, _ := st.JobRuns.List(t.Context(), "long", store.Page{})
	if len(runs) != 1 || runs[0].Status != domain.JobInterrupted {
		t.Fatalf("runs %+v", runs)
	}
}

func TestNewSchedulerRefusesBadSpec(t *testing.T) {
	rn := NewRunner(openStore(t), nil)
	rn.Register(Job{Name: "x", Spec: "every day", Run: func(context.Context, *Run) error { return nil }})
	if _, err := NewScheduler(rn, nil); err == nil {
		t.Fatal("bad spec accepted")
	}
}
