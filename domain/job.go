package domain

import "time"

// JobStatus is how a job run ended, or that it is still running.
type JobStatus string

// Job run statuses. Interrupted marks a run whose process stopped (shutdown or crash) before it
// finished; the next run resumes from its checkpoint.
const (
	JobRunning     JobStatus = "running"
	JobSucceeded   JobStatus = "succeeded"
	JobFailed      JobStatus = "failed"
	JobInterrupted JobStatus = "interrupted"
)

// JobTrigger says what started a run.
type JobTrigger string

// Run triggers: the cron schedule, an admin's "run now", or the command line.
const (
	TriggerSchedule JobTrigger = "schedule"
	TriggerManual   JobTrigger = "manual"
	TriggerCLI      JobTrigger = "cli"
)

// JobRun is one execution of a named job, kept as run history for the admin Jobs page.
type JobRun struct {
	ID        string         `json:"id"`
	Job       string         `json:"job"`
	Holder    string         `json:"holder"` // instance that ran it
	Trigger   JobTrigger     `json:"trigger"`
	Status    JobStatus      `json:"status"`
	StartedAt time.Time      `json:"startedAt"`
	EndedAt   *time.Time     `json:"endedAt,omitempty"`
	Counts    map[string]int `json:"counts"`
	Error     string         `json:"error,omitempty"`
	// Note is what the job says about the run beyond its counters (the digest's period).
	Note string `json:"note,omitempty"`
	// IdleRuns counts the earlier idle runs folded into this one (FoldIdle), since IdleSince.
	IdleRuns  int        `json:"idleRuns,omitempty"`
	IdleSince *time.Time `json:"idleSince,omitempty"`
}

// Duration is how long the run took, or has been running at now.
func (r JobRun) Duration(now time.Time) time.Duration {
	end := now
	if r.EndedAt != nil {
		end = *r.EndedAt
	}
	return end.Sub(r.StartedAt).Round(time.Millisecond)
}

// Lease gives one instance the right to run a job until ExpiresAt. The holder renews it while
// the job runs; when the holder dies the lease expires and another instance may take it.
type Lease struct {
	Name       string    `json:"name"`
	Holder     string    `json:"holder"`
	AcquiredAt time.Time `json:"acquiredAt"`
	ExpiresAt  time.Time `json:"expiresAt"`
}

// Live reports whether the lease still binds others at now.
func (l *Lease) Live(now time.Time) bool { return l.Holder != "" && now.Before(l.ExpiresAt) }

// Checkpoint is how far a job got through one unit of work (a digest period), so that a run
// stopped halfway resumes where it stopped. Cursor is opaque to the store.
type Checkpoint struct {
	Job       string    `json:"job"`
	Key       string    `json:"key"`
	Cursor    string    `json:"cursor"`
	Done      bool      `json:"done"`
	UpdatedAt time.Time `json:"updatedAt"`
}
