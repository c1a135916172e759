package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"duijie/domain"
	"duijie/jobs/catalog"
)

// Zone is where cron specs are evaluated: the programme runs on Beijing time, whatever zone
// the server is in.
const Zone = "Asia/Shanghai"

// ParseSpec checks a cron spec, so a malformed one is refused at start.
func ParseSpec(spec string) error {
	_, err := catalog.Parse(spec)
	return err
}

// Scheduler fires the runner's jobs on their cron specs, in Zone.
type Scheduler struct {
	runner *Runner
	cron   *cron.Cron
	loc    *time.Location
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	ids    map[string]cron.EntryID
}

// NewScheduler prepares a scheduler over runner's registered jobs; specs are evaluated in loc
// (nil means Zone).
func NewScheduler(runner *Runner, loc *time.Location) (*Scheduler, error) {
	if loc == nil {
		var err error
		if loc, err = domain.LoadZone(Zone); err != nil {
			return nil, err
		}
	}
	s := &Scheduler{runner: runner, loc: loc, ids: map[string]cron.EntryID{},
		cron: cron.New(cron.WithLocation(loc), cron.WithParser(catalog.Parser))}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	for _, j := range runner.Jobs() {
		if j.Spec == "" {
			continue
		}
		name := j.Name
		id, err := s.cron.AddFunc(j.Spec, func() { s.fire(name) })
		if err != nil {
			return nil, fmt.Errorf("job %s: cron spec %q: %w", j.Name, j.Spec, err)
		}
		s.ids[j.Name] = id
	}
	return s, nil
}

// fire runs a job at its scheduled time. Busy means the previous run (here or elsewhere) is
// still going, which is normal for frequent jobs, and is not logged as a failure.
func (s *Scheduler) fire(name string) {
	_, err := s.runner.Run(s.ctx, name, domain.TriggerSchedule)
	if err != nil && !errors.Is(err, ErrBusy) && !errors.Is(err, context.Canceled) {
		s.runner.Log.Error("scheduled job failed", "job", name, "err", err)
	}
}

// Start begins firing jobs.
func (s *Scheduler) Start() { s.cron.Start() }

// Context is the context of scheduled runs; "run now" uses it too, so shutdown stops them all.
func (s *Scheduler) Context() context.Context { return s.ctx }

// Stop stops firing, asks running jobs to stop (they checkpoint and record the run as
// interrupted) and waits for them until ctx ends.
func (s *Scheduler) Stop(ctx context.Context) error {
	stopped := s.cron.Stop()
	s.cancel()
	select {
	case <-stopped.Done():
	case <-ctx.Done():
	}
	return s.runner.Wait(ctx)
}

// Infos lists the jobs with their next scheduled run, by name.
func (s *Scheduler) Infos() []JobInfo {
	var out []JobInfo
	for _, j := range s.runner.Jobs() {
		info := JobInfo{Name: j.Name, Spec: j.Spec, Running: s.runner.Running(j.Name)}
		if id, ok := s.ids[j.Name]; ok {
			info.Next = s.cron.Entry(id).Next
			if info.Next.IsZero() { // not started yet: compute from the spec
				if sch, err := catalog.Parse(j.Spec); err == nil {
					info.Next = sch.Next(time.Now().In(s.loc))
				}
			}
		}
		out = append(out, info)
	}
	sortInfos(out)
	return out
}

// RunNow starts the job in the background with the scheduler's context.
func (s *Scheduler) RunNow(name string) error {
	return s.runner.Start(s.ctx, name, domain.TriggerManual)
}

// Launch starts the job like RunNow and returns the ID of its run record and a channel closed
// when the run has ended.
func (s *Scheduler) Launch(name string) (string, <-chan struct{}, error) {
	return s.runner.Launch(s.ctx, name, domain.TriggerManual)
}
