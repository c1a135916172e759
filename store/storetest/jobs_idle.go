package storetest

import (
	"reflect"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("JobRunsIdle", testJobRunsIdle) }

// testJobRunsIdle covers what folding idle runs needs: the note and idle fields survive a
// finish, and a folded run can be deleted.
func testJobRunsIdle(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	t0 := Ms(time.Now())
	first := &domain.JobRun{Job: "outbox", Holder: "h", Trigger: domain.TriggerSchedule, Status: domain.JobRunning, StartedAt: t0}
	Must(t, s.JobRuns.Start(ctx, first), "start first")
	end := t0.Add(time.Second)
	first.Status, first.EndedAt, first.Counts = domain.JobSucceeded, &end, map[string]int{"sent": 0}
	Must(t, s.JobRuns.Finish(ctx, first), "finish first")

	second := &domain.JobRun{Job: "outbox", Holder: "h", Trigger: domain.TriggerSchedule, Status: domain.JobRunning, StartedAt: t0.Add(time.Minute)}
	Must(t, s.JobRuns.Start(ctx, second), "start second")
	end2 := second.StartedAt.Add(time.Second)
	second.Status, second.EndedAt, second.Counts = domain.JobSucceeded, &end2, map[string]int{"sent": 0}
	folded, ok := domain.FoldIdle(*first, *second)
	if !ok {
		t.Fatal("two idle runs did not fold")
	}
	Must(t, s.JobRuns.Finish(ctx, &folded), "finish folded")
	Must(t, s.JobRuns.Delete(ctx, first.ID), "delete folded-in run")
	MustNotFound(t, s.JobRuns.Delete(ctx, first.ID), "delete twice")

	runs, _, err := s.JobRuns.List(ctx, "outbox", store.Page{Limit: 10})
	Must(t, err, "list")
	if len(runs) != 1 || !reflect.DeepEqual(runs[0], folded) {
		t.Fatalf("history after folding:\n got  %+v\n want [%+v]", runs, folded)
	}
	if runs[0].IdleRuns != 1 || !runs[0].IdleSince.Equal(t0) {
		t.Errorf("folded run: %d idle since %v", runs[0].IdleRuns, runs[0].IdleSince)
	}

	noted := &domain.JobRun{Job: "digest-daily", Holder: "h", Trigger: domain.TriggerManual, Status: domain.JobRunning, StartedAt: t0}
	Must(t, s.JobRuns.Start(ctx, noted), "start noted")
	noted.Status, noted.EndedAt, noted.Note = domain.JobSucceeded, &end, "2026-12-06"
	Must(t, s.JobRuns.Finish(ctx, noted), "finish noted")
	got, err := s.JobRuns.Get(ctx, noted.ID)
	Must(t, err, "get noted")
	if got.Note != "2026-12-06" {
		t.Errorf("note = %q", got.Note)
	}
}
