package domain

// Idle reports a scheduled run that succeeded and did nothing: every counter zero, no note. A
// minute's outbox run with no mail is one; a failure, a manual run, or a run that sent anything is
// not, and stays in the history on its own.
func (r JobRun) Idle() bool {
	if r.Status != JobSucceeded || r.Trigger != TriggerSchedule || r.Error != "" || r.Note != "" {
		return false
	}
	for _, n := range r.Counts {
		if n != 0 {
			return false
		}
	}
	return true
}

// FoldIdle decides whether cur, just finished, replaces prev, the run of the same job before it:
// both idle. The result is cur standing for both (IdleRuns, IdleSince), so a job that finds
// nothing to do every minute leaves one row in the history, not 1,440 a day.
func FoldIdle(prev, cur JobRun) (JobRun, bool) {
	if prev.Job != cur.Job || prev.ID == cur.ID || !prev.Idle() || !cur.Idle() {
		return cur, false
	}
	since := prev.StartedAt
	if prev.IdleSince != nil {
		since = *prev.IdleSince
	}
	cur.IdleRuns, cur.IdleSince = prev.IdleRuns+1, &since
	return cur, true
}
