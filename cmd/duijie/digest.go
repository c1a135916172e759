package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"duijie/config"
	"duijie/domain"
	"duijie/handlers"
	"duijie/jobs"
	"duijie/mail"
	"duijie/matchsvc"
	leadsvc "duijie/service/leads"
	"duijie/store"
)

// runDigest is `duijie digest run --period daily|weekly [--dry-run]`: it queues the digests of
// the period due now, exactly as the scheduled job does (same lease, same checkpoint, same
// dedup keys, so running it beside a server is safe), and sends the queue when SMTP_URL is set.
func runDigest(ctx context.Context, c *cli, args []string) error {
	if len(args) == 0 || args[0] != "run" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
			fmt.Fprintln(c.stdout, "Usage: duijie digest run --period daily|weekly [--dry-run]")
			return errHelpShown
		}
		return usagef("digest", "want: digest run --period daily|weekly [--dry-run]")
	}
	f := newFlags("digest run", "--period daily|weekly [--dry-run]",
		"Queues each member's digest for the period due now (08:30 Beijing time boundaries), once per\n"+
			"member and period, and sends the queue when SMTP_URL is set. With --dry-run nothing is\n"+
			"written: each digest that would be queued is listed.")
	period := f.String("period", "", "daily or weekly")
	dry := f.Bool("dry-run", false, "list what would be queued, change nothing")
	f.withConfig()
	if err := f.parse(c, args[1:], false); err != nil {
		return err
	}
	freq := domain.DigestFrequency(*period)
	if freq != domain.DigestDaily && freq != domain.DigestWeekly {
		return usagef("digest run", "--period must be daily or weekly, not %q", *period)
	}
	cfg, err := f.loadConfig(c)
	if err != nil {
		return err
	}
	log := newLogger(cfg, c)
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(st, log)
	matches := matchsvc.New(st, matchsvc.Config{BaseURL: cfg.BaseURL, Logger: log})
	if err := matches.Start(ctx); err != nil {
		return err
	}
	set, err := newJobs(cfg, st, matches, log)
	if err != nil {
		return err
	}
	defer set.close()

	if *dry {
		p, err := jobs.PeriodAt(freq, time.Now(), nil)
		if err != nil {
			return err
		}
		run := jobs.NewDetachedRun(jobs.JobName(freq), domain.TriggerCLI)
		n := 0
		err = set.digest.RunPeriod(ctx, run, p, func(pv jobs.Preview) {
			n++
			fmt.Fprintf(c.stdout, "would queue  %-40s %s (%d new)\n", pv.To, pv.Subject, pv.Items)
		})
		fmt.Fprintf(c.stdout, "digest %s (dry run): %d would be queued; %s\n", p.Key, n, countLine(run.Counts()))
		return err
	}
	rec, err := set.runner.Run(ctx, jobs.JobName(freq), domain.TriggerCLI)
	if errors.Is(err, jobs.ErrBusy) {
		return fmt.Errorf("the %s job is running on another instance; try again when it has finished", jobs.JobName(freq))
	}
	if rec != nil {
		fmt.Fprintf(c.stdout, "digest %s: %s\n", freq, countLine(rec.Counts))
	}
	if err != nil {
		return err
	}
	if cfg.SMTP == nil {
		fmt.Fprintln(c.stdout, "SMTP_URL is not set: the digests wait in the outbox (admin → Outbox).")
		return nil
	}
	out, err := set.runner.Run(ctx, jobs.JobOutbox, domain.TriggerCLI)
	if errors.Is(err, jobs.ErrBusy) {
		fmt.Fprintln(c.stdout, "the outbox is being sent by another instance")
		return nil
	}
	if out != nil {
		fmt.Fprintf(c.stdout, "outbox: %s\n", countLine(out.Counts))
	}
	return err
}

// countLine prints a run's counters in a stable order.
func countLine(counts map[string]int) string {
	order := []string{"queued", "already_queued", "empty", "skipped", "failed", "would_queue", "resumed",
		"periods_already_done", "sent", "retried"}
	s := ""
	for _, k := range order {
		if v, ok := counts[k]; ok {
			if s != "" {
				s += ", "
			}
			s += fmt.Sprintf("%s %d", k, v)
		}
	}
	if s == "" {
		return "nothing to do"
	}
	return s
}

// jobSet is the jobs machinery of one process.
type jobSet struct {
	runner *jobs.Runner
	digest *jobs.Digest
	smtp   *mail.SMTP
}

func (j *jobSet) close() {
	if j.smtp != nil {
		_ = j.smtp.Close()
	}
}

// newJobs builds the mail renderer, the SMTP sender (when SMTP_URL is set) and every job over
// st, with the schedules of cfg. The digest reads matches from the process's one matching
// service, so the server keeps a single index in memory.
func newJobs(cfg config.Config, st *store.Store, matches *matchsvc.Service, log *slog.Logger) (*jobSet, error) {
	r, err := mail.NewRenderer(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	set := &jobSet{}
	disp := &mail.Dispatcher{Outbox: st.Outbox, Concurrency: cfg.Jobs.MailConcurrency, Rate: cfg.Jobs.MailRate, Log: log}
	if cfg.SMTP != nil {
		set.smtp, err = mail.NewSMTP(mail.SMTPConfig{Host: cfg.SMTP.Host, Port: cfg.SMTP.Port, Username: cfg.SMTP.Username,
			Password: cfg.SMTP.Password, ImplicitTLS: cfg.SMTP.ImplicitTLS, From: cfg.MailFrom, Timeout: cfg.Jobs.SMTPTimeout})
		if err != nil {
			return nil, fmt.Errorf("SMTP_URL: %w", err)
		}
		disp.Sender = set.smtp
	}
	// New matched leads and pending answers are the stored matches the matching service sent;
	// before each digest its follower brings the index up to date (matchsvc.Service.Fresh).
	// Lead expiry goes through the lead service, which keeps the same index in step.
	index := func() leadsvc.Index {
		if matches == nil {
			return nil
		}
		return matches
	}
	set.runner, set.digest = jobs.Build(jobs.Setup{
		Store: st, Renderer: r, Dispatcher: disp, Specs: cfg.Jobs.Specs, Log: log, Fresh: matches.Fresh,
		Leads:            leadsvc.New(st, index, nil, log, nil),
		ReportRecipients: cfg.ReportRecipients,
		Sources: jobs.Sources{
			Leads:   matches,
			Answers: matches,
			Events:  jobs.StoreEvents{Store: st, BaseURL: cfg.BaseURL},
		},
	})
	disp.Holder = set.runner.Holder
	return set, nil
}

// startJobs builds the jobs and their scheduler for serve; nil when JOBS_ENABLED is false.
func startJobs(cfg config.Config, st *store.Store, matches *matchsvc.Service, log *slog.Logger) (*jobs.Scheduler, func(), error) {
	if !cfg.JobsEnabled {
		log.Info("scheduled jobs disabled on this instance (JOBS_ENABLED=false)")
		return nil, func() {}, nil
	}
	set, err := newJobs(cfg, st, matches, log)
	if err != nil {
		return nil, nil, err
	}
	s, err := jobs.NewScheduler(set.runner, nil)
	if err != nil {
		set.close()
		return nil, nil, err
	}
	return s, set.close, nil
}

// stopJobs stops the scheduler after the running jobs have checkpointed, within grace.
func stopJobs(s *jobs.Scheduler, grace time.Duration, log *slog.Logger) {
	if s == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		log.Error("jobs did not stop in time", "grace", grace, "err", err)
		return
	}
	log.Info("jobs stopped")
}

// jobControl hands the scheduler to the web layer; no scheduler stays a nil interface.
func jobControl(s *jobs.Scheduler) handlers.JobControl {
	if s == nil {
		return nil
	}
	return s
}

// mailRelay names the SMTP relay for the admin Outbox page, password hidden.
func mailRelay(cfg config.Config) string {
	if cfg.SMTP == nil {
		return ""
	}
	return cfg.SMTP.String()
}
