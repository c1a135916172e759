package jobs

import (
	"context"
	"errors"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// TestIdleRunsFold runs a job that mostly finds nothing to do: consecutive idle scheduled runs
// leave one history row counting them, while a run that did something, a failure or a manual run
// each keep their own row.
func TestIdleRunsFold(t *testing.T) {
	st := openStore(t)
	rn := NewRunner(st, nil)
	clock := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	rn.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	var sent int
	var fail bool
	rn.Register(Job{Name: "outbox", Run: func(ctx context.Context, r *Run) error {
		r.Add("sent", sent)
		if fail {
			return errors.New("relay down")
		}
		return nil
	}})
	run := func(trigger domain.JobTrigger) {
		t.Helper()
		if _, err := rn.Run(t.Context(), "outbox", trigger); err != nil && !fail {
			t.Fatal(err)
		}
	}
	for i := 0; i < 5; i++ {
		run(domain.TriggerSchedule)
	}
	sent = 2
	run(domain.TriggerSchedule)
	sent = 0
	run(domain.TriggerSchedule)
	run(domain.TriggerSchedule)
	fail = true
	run(domain.TriggerSchedule)
	fail = false
	run(domain.TriggerSchedule)
	run(domain.TriggerManual)

	runs, _, err := st.JobRuns.List(t.Context(), "outbox", store.Page{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		sent, idle int
		status     domain.JobStatus
		trigger    domain.JobTrigger
	}
	want := []row{ // newest first
		{0, 0, domain.JobSucceeded, domain.TriggerManual},
		{0, 0, domain.JobSucceeded, domain.TriggerSchedule},
		{0, 0, domain.JobFailed, domain.TriggerSchedule},
		{0, 1, domain.JobSucceeded, domain.TriggerSchedule}, // two idle runs after the sending one
		{2, 0, domain.JobSucceeded, domain.TriggerSchedule},
		{0, 4, domain.JobSucceeded, domain.TriggerSchedule}, // the first five
	}
	if len(runs) != len(want) {
		for _, r := range runs {
			t.Logf("%s %s %v idle %d", r.Trigger, r.Status, r.Counts, r.IdleRuns)
		}
		t.Fatalf("%d rows in the history, want %d", len(runs), len(want))
	}
	for i, w := range want {
		r := runs[i]
		if r.Counts["sent"] != w.sent || r.IdleRuns != w.idle || r.Status != w.status || r.Trigger != w.trigger {
			t.Errorf("row %d: %s %s sent %d idle %d; want %+v", i, r.Trigger, r.Status, r.Counts["sent"], r.IdleRuns, w)
		}
	}
	if first := runs[len(runs)-1]; first.IdleSince == nil || !first.IdleSince.Equal(time.Date(2026, 12, 6, 8, 1, 0, 0, time.UTC)) {
		t.Errorf("the first five fold since %v, want the first run's start 08:01", first.IdleSince)
	}
}
