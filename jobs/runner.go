// Package jobs runs Duijie's scheduled work: digests, event reminders and change notices,
// waitlist offer expiry, lead expiry, the matching re-sync, the outbox sender and session
// clean-up. Each job is named; a lease record in the store lets one instance at a time run it
// (renewed while it runs, expiring when its holder dies); every run is recorded; and work that
// must happen once (a digest per member and period) rests on unique keys in the store, so a
// second run, a concurrent run, or a run resumed after a crash never sends anything twice.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"sort"
	"sync"
	"time"

	"duijie/domain"
	"duijie/store"
)

// ErrBusy means another instance (or this one) holds the job's lease: the job is running.
var ErrBusy = errors.New("job is already running")

// ErrUnknownJob is returned for a job name nobody registered.
var ErrUnknownJob = errors.New("unknown job")

// Func is the work of a job. It should stop soon after ctx ends, having saved a checkpoint.
type Func func(ctx context.Context, r *Run) error

// Job is one named unit of scheduled work.
type Job struct {
	Name string
	Spec string // cron spec, evaluated in the scheduler's zone; "" = run only on demand
	Run  Func
}

// Run is the handle a job's work gets: counters shown on the admin page, and the record.
type Run struct {
	ID      string
	Job     string
	Trigger domain.JobTrigger
	Started time.Time

	runs   store.JobRunRepo
	mu     sync.Mutex
	counts map[string]int
	note   string
}

// SetNote records what the run did beyond its counters, e.g. the digest period it covered; the
// admin page shows it after "run now".
func (r *Run) SetNote(note string) {
	r.mu.Lock()
	r.note = note
	r.mu.Unlock()
}

func (r *Run) noteText() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.note
}

// Add adds n to the counter name.
func (r *Run) Add(name string, n int) {
	r.mu.Lock()
	r.counts[name] += n
	r.mu.Unlock()
}

// Counts returns a copy of the counters.
func (r *Run) Counts() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.counts)
}

// Flush records the counters so far, for a long run the admin watches.
func (r *Run) Flush(ctx context.Context) error {
	if r.runs == nil {
		return nil
	}
	return r.runs.Progress(ctx, r.ID, r.Counts())
}

// Runner runs registered jobs under their leases and keeps their history.
type Runner struct {
	Leases   store.LeaseRepo
	Runs     store.JobRunRepo
	Holder   string        // this instance; default host name and process ID
	LeaseTTL time.Duration // default 2 minutes; renewed every third of it
	Log      *slog.Logger
	Now      func() time.Time

	mu      sync.Mutex
	jobs    map[string]Job
	order   []string
	running map[string]bool
	wg      sync.WaitGroup
}

// NewRunner returns a runner over the store's leases and run history.
func NewRunner(st *store.Store, log *slog.Logger) *Runner {
	return &Runner{Leases: st.Leases, Runs: st.JobRuns, Log: log}
}

// DefaultHolder names this process for leases: host name and process ID.
func DefaultHolder() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "duijie"
	}
	return fmt.Sprintf("%s/%d", host, os.Getpid())
}

func (rn *Runner) init() {
	if rn.jobs == nil {
		rn.jobs, rn.running = map[string]Job{}, map[string]bool{}
	}
	if rn.Holder == "" {
		rn.Holder = DefaultHolder()
	}
	if rn.LeaseTTL <= 0 {
		rn.LeaseTTL = 2 * time.Minute
	}
	if rn.Log == nil {
		rn.Log = slog.Default()
	}
}

func (rn *Runner) now() time.Time {
	if rn.Now != nil {
		return rn.Now()
	}
	return time.Now()
}

// Register adds a job; a second job of the same name replaces the first.
func (rn *Runner) Register(j Job) {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	rn.init()
	if _, ok := rn.jobs[j.Name]; !ok {
		rn.order = append(rn.order, j.Name)
	}
	rn.jobs[j.Name] = j
}

// Jobs returns the registered jobs in registration order.
func (rn *Runner) Jobs() []Job {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	out := make([]Job, 0, len(rn.order))
	for _, n := range rn.order {
		out = append(out, rn.jobs[n])
	}
	return out
}

// Running reports whether this process is running the job now.
func (rn *Runner) Running(name string) bool {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	return rn.running[name]
}

// Run runs the job now and waits for it. It returns ErrBusy when the job is running here or
// on another instance. The returned record says how the run ended; err is the job's error.
func (rn *Runner) Run(ctx context.Context, name string, trigger domain.JobTrigger) (*domain.JobRun, error) {
	j, err := rn.claim(name)
	if err != nil {
		return nil, err
	}
	defer rn.unclaim(name)
	return rn.runLeased(ctx, j, trigger, "")
}

// Start runs the job in the background ("run now" on the admin page). It returns ErrBusy at
// once when this process already runs it; a lease held elsewhere shows in the run history.
// Wait covers the run from the moment Start returns.
func (rn *Runner) Start(ctx context.Context, name string, trigger domain.JobTrigger) error {
	_, _, err := rn.Launch(ctx, name, trigger)
	return err
}

// Launch is Start that also returns the ID the run will be recorded under and a channel closed
// when it has ended, so "run now" can wait a moment and say what the run did.
func (rn *Runner) Launch(ctx context.Context, name string, trigger domain.JobTrigger) (string, <-chan struct{}, error) {
	j, err := rn.claim(name)
	if err != nil {
		return "", nil, err
	}
	id, done := domain.NewID(), make(chan struct{})
	go func() {
		defer close(done)
		defer rn.unclaim(name)
		if _, err := rn.runLeased(ctx, j, trigger, id); err != nil && !errors.Is(err, ErrBusy) && !errors.Is(err, context.Canceled) {
			rn.Log.Error("job failed", "job", name, "err", err)
		}
	}()
	return id, done, nil
}

// claim marks the job running in this process, so Wait waits for it.
func (rn *Runner) claim(name string) (Job, error) {
	rn.mu.Lock()
	defer rn.mu.Unlock()
	rn.init()
	j, ok := rn.jobs[name]
	if !ok {
		return Job{}, fmt.Errorf("%w: %s", ErrUnknownJob, name)
	}
	if rn.running[name] {
		return Job{}, ErrBusy
	}
	rn.running[name] = true
	rn.wg.Add(1)
	return j, nil
}

func (rn *Runner) unclaim(name string) {
	rn.mu.Lock()
	delete(rn.running, name)
	rn.mu.Unlock()
	rn.wg.Done()
}

// Wait blocks until every job this runner started has returned, or ctx ends.
func (rn *Runner) Wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { rn.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// runLeased takes the lease, records the run, runs the job with the lease renewed in the
// background, and records the outcome. Losing the lease (another instance took it over because
// renewals failed) cancels the job, so two instances never go on side by side.
func (rn *Runner) runLeased(ctx context.Context, j Job, trigger domain.JobTrigger, id string) (*domain.JobRun, error) {
	now := rn.now()
	ok, err := rn.Leases.Acquire(ctx, j.Name, rn.Holder, now, now.Add(rn.LeaseTTL))
	if err != nil {
		return nil, fmt.Errorf("job %s: acquire lease: %w", j.Name, err)
	}
	if !ok {
		return nil, ErrBusy
	}
	// Recording must survive the job's own cancellation (shutdown).
	rec, cancelRec := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancelRec()
	defer func() {
		if err := rn.Leases.Release(rec, j.Name, rn.Holder); err != nil {
			rn.Log.Warn("release job lease", "job", j.Name, "err", err)
		}
	}()

	rec1 := &domain.JobRun{ID: id, Job: j.Name, Holder: rn.Holder, Trigger: trigger, Status: domain.JobRunning,
		StartedAt: now, Counts: map[string]int{}}
	if err := rn.Runs.Start(rec, rec1); err != nil {
		return nil, fmt.Errorf("job %s: record start: %w", j.Name, err)
	}
	// The lease is ours, so any run of this job still marked running belongs to a dead process.
	if n, err := rn.Runs.Interrupt(rec, j.Name, rec1.ID, now); err != nil {
		rn.Log.Warn("mark dead runs interrupted", "job", j.Name, "err", err)
	} else if n > 0 {
		rn.Log.Info("earlier runs of the job died; marked interrupted", "job", j.Name, "runs", n)
	}

	jctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	renewDone := make(chan struct{})
	go func() {
		defer close(renewDone)
		rn.renew(jctx, j.Name, cancel)
	}()

	run := &Run{ID: rec1.ID, Job: j.Name, Trigger: trigger, Started: now, runs: rn.Runs, counts: map[string]int{}}
	rn.Log.Info("job started", "job", j.Name, "run", run.ID, "trigger", trigger)
	jobErr := safeRun(jctx, j.Run, run)
	cause := context.Cause(jctx)
	cancel(nil)
	<-renewDone

	end := rn.now()
	rec1.EndedAt, rec1.Counts, rec1.Note = &end, run.Counts(), run.noteText()
	switch {
	case jobErr == nil:
		rec1.Status = domain.JobSucceeded
	case errors.Is(jobErr, context.Canceled) || errors.Is(jobErr, errLeaseLost) || errors.Is(cause, errLeaseLost):
		rec1.Status, rec1.Error = domain.JobInterrupted, domain.ErrorText(jobErr)
	default:
		rec1.Status, rec1.Error = domain.JobFailed, domain.ErrorText(jobErr)
	}
	folded := rn.foldIdle(rec, rec1)
	if err := rn.Runs.Finish(rec, rec1); err != nil {
		rn.Log.Error("record job end", "job", j.Name, "run", rec1.ID, "err", err)
	} else if folded != "" {
		// Should this fail, the history keeps one idle row more: harmless.
		if err := rn.Runs.Delete(rec, folded); err != nil && !errors.Is(err, domain.ErrNotFound) {
			rn.Log.Warn("delete a folded idle run", "job", j.Name, "run", folded, "err", err)
		}
	}
	rn.Log.Info("job ended", "job", j.Name, "run", rec1.ID, "status", rec1.Status,
		"took", end.Sub(now).Round(time.Millisecond), "counts", rec1.Counts, "err", rec1.Error)
	return rec1, jobErr
}

var errLeaseLost = errors.New("job lease lost to another instance")

// foldIdle makes an idle run stand for the idle run recorded just before it (domain.FoldIdle)
// and returns the ID of that run, to delete once cur is written; "" when nothing folds.
func (rn *Runner) foldIdle(ctx context.Context, cur *domain.JobRun) string {
	if !cur.Idle() {
		return ""
	}
	last, _, err := rn.Runs.List(ctx, cur.Job, store.Page{Limit: 2})
	if err != nil {
		rn.Log.Warn("read the job's previous run", "job", cur.Job, "err", err)
		return ""
	}
	for _, prev := range last {
		if prev.ID == cur.ID {
			continue
		}
		folded, ok := domain.FoldIdle(prev, *cur)
		if !ok {
			return ""
		}
		*cur = folded
		return prev.ID
	}
	return ""
}

// renew extends the lease every third of its TTL until ctx ends; a lease another instance has
// taken cancels the job.
func (rn *Runner) renew(ctx context.Context, name string, cancel context.CancelCauseFunc) {
	t := time.NewTicker(rn.LeaseTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			err := rn.Leases.Renew(ctx, name, rn.Holder, rn.now().Add(rn.LeaseTTL))
			switch {
			case err == nil:
			case errors.Is(err, domain.ErrConflict):
				rn.Log.Error("job lease lost; stopping the job", "job", name)
				cancel(errLeaseLost)
				return
			case ctx.Err() == nil:
				// A failed renewal is retried at the next tick; the lease outlives two misses.
				rn.Log.Warn("renew job lease", "job", name, "err", err)
			}
		}
	}
}

// safeRun runs f and turns a panic into an error, so one broken job cannot take the process
// (and the other jobs) down.
func safeRun(ctx context.Context, f Func, r *Run) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("job panicked: %v", p)
		}
	}()
	return f(ctx, r)
}

// JobInfo is what the admin Jobs page shows of a job.
type JobInfo struct {
	Name    string
	Spec    string
	Next    time.Time // zero when not scheduled
	Running bool      // in this process
}

// sortInfos orders infos by name, for stable pages.
func sortInfos(in []JobInfo) {
	sort.Slice(in, func(i, j int) bool { return in[i].Name < in[j].Name })
}

// NewDetachedRun is a run handle not recorded in the history, for dry runs.
func NewDetachedRun(job string, trigger domain.JobTrigger) *Run {
	return &Run{ID: domain.NewID(), Job: job, Trigger: trigger, Started: time.Now(), counts: map[string]int{}}
}
