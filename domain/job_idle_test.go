package domain

import (
	"testing"
	"time"
)

func TestFoldIdle(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	run := func(id string, min int, mod func(*JobRun)) JobRun {
		r := JobRun{ID: id, Job: "outbox", Trigger: TriggerSchedule, Status: JobSucceeded,
			StartedAt: t0.Add(time.Duration(min) * time.Minute), Counts: map[string]int{"sent": 0, "failed": 0}}
		if mod != nil {
			mod(&r)
		}
		return r
	}
	for _, tc := range []struct {
		name      string
		prev, cur JobRun
		fold      bool
	}{
		{"two idle runs", run("a", 0, nil), run("b", 1, nil), true},
		{"empty counters are idle", run("a", 0, func(r *JobRun) { r.Counts = nil }), run("b", 1, nil), true},
		{"previous sent mail", run("a", 0, func(r *JobRun) { r.Counts["sent"] = 3 }), run("b", 1, nil), false},
		{"this one sent mail", run("a", 0, nil), run("b", 1, func(r *JobRun) { r.Counts["sent"] = 1 }), false},
		{"previous failed", run("a", 0, func(r *JobRun) { r.Status, r.Error = JobFailed, "smtp down" }), run("b", 1, nil), false},
		{"this one failed", run("a", 0, nil), run("b", 1, func(r *JobRun) { r.Status = JobFailed }), false},
		{"interrupted", run("a", 0, func(r *JobRun) { r.Status = JobInterrupted }), run("b", 1, nil), false},
		{"manual run kept", run("a", 0, nil), run("b", 1, func(r *JobRun) { r.Trigger = TriggerManual }), false},
		{"another job", run("a", 0, func(r *JobRun) { r.Job = "digest" }), run("b", 1, nil), false},
		{"a note is news", run("a", 0, func(r *JobRun) { r.Note = "2026-12-06" }), run("b", 1, nil), false},
		{"still running", run("a", 0, func(r *JobRun) { r.Status = JobRunning }), run("b", 1, nil), false},
	} {
		got, fold := FoldIdle(tc.prev, tc.cur)
		if fold != tc.fold {
			t.Errorf("%s: fold %v, want %v", tc.name, fold, tc.fold)
			continue
		}
		if fold && (got.IdleRuns != tc.prev.IdleRuns+1 || got.IdleSince == nil || !got.IdleSince.Equal(tc.prev.StartedAt)) {
			t.Errorf("%s: folded %d since %v", tc.name, got.IdleRuns, got.IdleSince)
		}
	}
	// A third idle run keeps the first one's start and counts both before it.
	a, b, c := run("a", 0, nil), run("b", 1, nil), run("c", 2, nil)
	b, _ = FoldIdle(a, b)
	c, ok := FoldIdle(b, c)
	if !ok || c.IdleRuns != 2 || !c.IdleSince.Equal(t0) {
		t.Errorf("third fold: %v %d since %v", ok, c.IdleRuns, c.IdleSince)
	}
}
