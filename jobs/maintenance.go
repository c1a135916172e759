package jobs

import (
	"context"
	"fmt"
	"time"

	"duijie/mail"
	"duijie/service/events"
	leadsvc "duijie/service/leads"
	"duijie/store"
)

// Job names of the maintenance jobs.
const (
	JobWaitlist   = "waitlist-offers"
	JobLeadExpiry = "lead-expiry"
	JobOutbox     = "outbox"
	JobSessions   = "session-cleanup"
	JobReminders  = "event-reminders"
	JobChanges    = "event-changes"
)

// WaitlistJob lets seat offers lapse at their expiry; the store then offers the seats to the
// next enterprises in line.
func WaitlistJob(st *store.Store, spec string, now func() time.Time) Job {
	return Job{Name: JobWaitlist, Spec: spec, Run: func(ctx context.Context, r *Run) error {
		if st.Registrations == nil {
			return nil
		}
		n, err := events.New(st, nil, nil, now).ExpireOffers(ctx)
		r.Add("offers_expired", n)
		if err != nil {
			return fmt.Errorf("expire offers: %w", err)
		}
		return nil
	}}
}

// LeadExpiryJob moves open leads past their deadline to expired (service/leads, which takes
// them out of this process's matching index too).
func LeadExpiryJob(leads *leadsvc.Service, spec string) Job {
	return Job{Name: JobLeadExpiry, Spec: spec, Run: func(ctx context.Context, r *Run) error {
		if leads == nil || leads.Leads == nil {
			return nil
		}
		n, err := leads.ExpireDue(ctx)
		r.Add("leads_expired", n)
		return err
	}}
}

// SessionCleanupJob deletes expired sessions (no TTL index on either engine does it).
func SessionCleanupJob(st *store.Store, spec string, now func() time.Time) Job {
	return Job{Name: JobSessions, Spec: spec, Run: func(ctx context.Context, r *Run) error {
		n, err := st.Sessions.DeleteExpired(ctx, now())
		r.Add("sessions_deleted", n)
		if err != nil {
			return fmt.Errorf("delete expired sessions: %w", err)
		}
		return nil
	}}
}

// OutboxJob drains the outbox through d. Without an SMTP relay d sends nothing and the mail
// waits on the admin Outbox page.
func OutboxJob(d *mail.Dispatcher, spec string) Job {
	return Job{Name: JobOutbox, Spec: spec, Run: func(ctx context.Context, r *Run) error {
		var last mail.Result
		res, err := d.Drain(ctx, func(so mail.Result) {
			r.Add("sent", so.Sent-last.Sent)
			r.Add("retried", so.Retried-last.Retried)
			r.Add("failed", so.Failed-last.Failed)
			last = so
			_ = r.Flush(ctx)
		})
		r.Add("sent", res.Sent-last.Sent)
		r.Add("retried", res.Retried-last.Retried)
		r.Add("failed", res.Failed-last.Failed)
		return err
	}}
}
