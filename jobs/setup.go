package jobs

import (
	"context"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/jobs/catalog"
	"duijie/mail"
	leadsvc "duijie/service/leads"
	"duijie/service/notify"
	"duijie/store"
)

// DefaultSpecs maps every job's name to its default cron spec, from the one job table
// (jobs/catalog); config may override each.
var DefaultSpecs = func() map[string]string {
	m := make(map[string]string, len(catalog.Jobs))
	for _, j := range catalog.Jobs {
		m[j.Name] = j.Spec
	}
	return m
}()

// Setup is what the process hands the jobs package.
type Setup struct {
	Store      *store.Store
	Renderer   *mail.Renderer
	Dispatcher *mail.Dispatcher // its Sender is nil without SMTP_URL
	Sources    Sources          // digest content; nil members leave sections out
	// Fresh brings the matching index in step with the store before a digest (the process's
	// follower does the pass, matchsvc.Service.Fresh); nil when matching is off.
	Fresh func(ctx context.Context) error
	// Leads expires leads; nil builds one over Store without a matching index.
	Leads  *leadsvc.Service
	Specs  map[string]string // overrides of DefaultSpecs by job name
	Holder string
	Log    *slog.Logger
	Now    func() time.Time
	// Notify queues the deal loop's mail; nil builds one over Store and Renderer.
	Notify *notify.Service
	// ReportRecipients receive the monthly campaign bulletin (REPORT_RECIPIENTS).
	ReportRecipients []string
}

// Build registers every job on a new runner and returns it with the digest (which the CLI
// drives directly for dry runs).
func Build(s Setup) (*Runner, *Digest) {
	now := s.Now
	if now == nil {
		now = time.Now
	}
	spec := func(name string) string {
		if v, ok := s.Specs[name]; ok && v != "" {
			return v
		}
		return DefaultSpecs[name]
	}
	rn := NewRunner(s.Store, s.Log)
	rn.Holder, rn.Now = s.Holder, s.Now
	d := &Digest{Store: s.Store, Renderer: s.Renderer, Sources: s.Sources, Log: s.Log, Now: s.Now}
	d.Prepare = s.Fresh
	n := &Notices{Store: s.Store, Renderer: s.Renderer, Log: s.Log, Now: s.Now}
	rn.Register(d.Job(domain.DigestDaily, spec(JobName(domain.DigestDaily))))
	rn.Register(d.Job(domain.DigestWeekly, spec(JobName(domain.DigestWeekly))))
	rn.Register(n.ReminderJob(spec(JobReminders)))
	rn.Register(n.ChangeJob(spec(JobChanges)))
	rn.Register(WaitlistJob(s.Store, spec(JobWaitlist), now))
	leads := s.Leads
	if leads == nil && s.Store != nil {
		leads = leadsvc.New(s.Store, nil, nil, s.Log, now)
	}
	rn.Register(LeadExpiryJob(leads, spec(JobLeadExpiry)))
	if s.Dispatcher != nil {
		rn.Register(OutboxJob(s.Dispatcher, spec(JobOutbox)))
	}
	rn.Register(SessionCleanupJob(s.Store, spec(JobSessions), now))
	if s.Renderer != nil {
		b := &Bulletin{Store: s.Store, Renderer: s.Renderer, Recipients: s.ReportRecipients, Log: s.Log, Now: s.Now}
		rn.Register(b.Job(spec(JobBulletin)))
	}
	ns := s.Notify
	if ns == nil && s.Renderer != nil {
		ns = notify.New(s.Store, s.Renderer, s.Log, s.Now)
	}
	if ns != nil {
		rn.Register(RegistrationMailJob(ns, spec(JobRegistrationMails)))
		rn.Register(InstantJob(ns, spec(JobInstant)))
	}
	return rn, d
}
