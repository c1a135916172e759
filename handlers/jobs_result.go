package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/jobs"
	"duijie/locales"
)

// jobLauncher is the part of the scheduler that lets "run now" wait for the run and say what it
// did (jobs.Scheduler.Launch). A JobControl without it still starts jobs, without the answer.
type jobLauncher interface {
	Launch(name string) (runID string, done <-chan struct{}, err error)
}

// runNowWait is how long "run now" waits for the run before answering: most jobs finish well
// within it, so the admin reads the result rather than "started, reload to follow it".
const runNowWait = 5 * time.Second

// launchJob starts name through the launcher and waits up to runNowWait for it to end.
func launchJob(ctx context.Context, l jobLauncher, name string) (string, error) {
	id, done, err := l.Launch(name)
	if err != nil {
		return "", err
	}
	t := time.NewTimer(runNowWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	case <-ctx.Done():
	}
	return id, nil
}

// runResult is the answer panel above the jobs list after "run now".
type runResult struct {
	Run      *domain.JobRun
	Summary  string
	Finished bool
}

// describeRun words what a run did, in lang: the job, its note and counters, how it ended.
// "每日摘要：周期 2026-12-06 已发送过，本次排队 0 封" / "Daily digest: period 2026-12-06 already sent: 0 queued".
func describeRun(lang string, r *domain.JobRun, now time.Time) string {
	name := tOr(lang, "admin.jobs.name."+r.Job, r.Job)
	var what string
	switch {
	case strings.HasPrefix(r.Job, "digest-") && r.Note != "" && r.Counts["periods_already_done"] > 0:
		what = locales.T(lang, "ops.jobs.result.digestDone", r.Note, r.Counts["queued"])
	case strings.HasPrefix(r.Job, "digest-") && r.Note != "":
		what = locales.T(lang, "ops.jobs.result.digest", r.Note, r.Counts["queued"], r.Counts["already_queued"], r.Counts["empty"])
	default:
		var parts []string
		if r.Note != "" {
			parts = append(parts, r.Note)
		}
		keys := make([]string, 0, len(r.Counts))
		for k := range r.Counts {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			parts = append(parts, tOr(lang, "admin.jobs.counters."+k, k)+" "+formatNumber(r.Counts[k]))
		}
		if len(parts) == 0 {
			what = locales.T(lang, "ops.jobs.result.nothing")
		} else {
			what = strings.Join(parts, " · ")
		}
	}
	var state string
	switch r.Status {
	case domain.JobRunning:
		state = locales.T(lang, "ops.jobs.result.running")
	case domain.JobSucceeded:
		state = locales.T(lang, "ops.jobs.result.succeeded", shortDuration(r.Duration(now)))
	default:
		state = locales.T(lang, "admin.jobs.statuses."+string(r.Status))
		if r.Error != "" {
			state += ": " + r.Error
		}
	}
	return locales.T(lang, "ops.jobs.result.line", name, what, state)
}

func shortDuration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return d.Round(100 * time.Millisecond).String()
}

// specText reads a cron spec for a person ("每天 08:30", "daily at 08:30"); "" when it has no
// simple reading and is shown as written.
func specText(lang, spec string) string {
	r := jobs.ReadSpec(spec)
	if r.Kind == "" {
		return ""
	}
	clock := fmt.Sprintf("%02d:%02d", r.Hour, r.Minute)
	switch r.Kind {
	case "every_minute":
		return locales.T(lang, "ops.jobs.spec.every_minute")
	case "every_minutes":
		return locales.T(lang, "ops.jobs.spec.every_minutes", r.Every)
	case "hourly":
		return locales.T(lang, "ops.jobs.spec.hourly", r.Minute)
	case "every_hours":
		return locales.T(lang, "ops.jobs.spec.every_hours", r.Every, r.Minute)
	case "daily":
		return locales.T(lang, "ops.jobs.spec.daily", clock)
	case "weekly":
		return locales.T(lang, "ops.jobs.spec.weekly", locales.T(lang, fmt.Sprintf("ops.jobs.weekday.%d", r.Weekday)), clock)
	case "monthly":
		return locales.T(lang, "ops.jobs.spec.monthly", r.Day, clock)
	}
	return ""
}

// jobResult loads the run named by ?run= for the answer panel; nil when there is none.
func (h *Handler) jobResult(c *fiber.Ctx) *runResult {
	id := c.Query("run")
	if id == "" || !domain.ValidID(id) {
		return nil
	}
	r, err := h.deps.Store.JobRuns.Get(c.UserContext(), id)
	if err != nil {
		// Not recorded: another instance held the job's lease, so this run did not happen.
		return &runResult{Summary: locales.T(currentLocale(c), "admin.jobs.busy")}
	}
	return &runResult{Run: r, Summary: describeRun(currentLocale(c), r, h.now()), Finished: r.Status != domain.JobRunning}
}
