package jobs

import (
	"context"

	"duijie/service/notify"
)

// Job names of the deal loop's mail (jobs/catalog describes them).
const (
	JobRegistrationMails = notify.RegistrationJob
	JobInstant           = notify.InstantJob
)

// RegistrationMailJob follows registrations into their mails (confirmed, waitlisted, seat
// offered, offer expiring or expired), including the moves the waitlist makes on its own.
func RegistrationMailJob(n *notify.Service, spec string) Job {
	return Job{Name: JobRegistrationMails, Spec: spec, Run: func(ctx context.Context, r *Run) error {
		return n.RegistrationMails(ctx, r.Add)
	}}
}

// InstantJob mails members their pending instant notices, at most one mail per 15 minutes each.
func InstantJob(n *notify.Service, spec string) Job {
	return Job{Name: JobInstant, Spec: spec, Run: func(ctx context.Context, r *Run) error {
		return n.InstantMails(ctx, r.Add)
	}}
}
