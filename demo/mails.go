package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/jobs"
	"duijie/mail"
	"duijie/service/accounts"
	"duijie/service/deals"
	evsvc "duijie/service/events"
	"duijie/service/notify"
	"duijie/store"
)

// seedMails makes the rest of the platform's mail happen, so the admin's Outbox page shows every
// kind a newcomer should see (seedDeals queued the registration confirmations, meeting requests
// and the member's grouped instant notice):
//   - the second member's side of the deal loop: invited to quote on the member's lead, then
//     contacted by the buyer — one grouped instant notice;
//   - meetings accepted and declined;
//   - the waitlist at work on the full IC event: a freed seat offered, an offer about to lapse,
//     an offer lapsed;
//   - an agenda change on the IoT expo (a session moved), mailed to every member and attendee
//     registered, as the event-changes job does;
//   - the trust mails: a colleague invited, a password reset, a verification refused.
//
// All go through the services and jobs the server runs, with their dedup keys, so a server
// started on this data sends each once.
func seedMails(ctx context.Context, st *store.Store, env *Env) error {
	now := env.Now
	r, err := mail.NewRenderer(demoBaseURL)
	if err != nil {
		return err
	}
	quiet := slog.New(slog.DiscardHandler)
	ns := notify.New(st, r, quiet, func() time.Time { return now })
	for _, step := range []struct {
		name string
		fn   func() error
	}{
		{"supplier notices", func() error { return supplierNotices(ctx, st, env, ns, quiet) }},
		{"meeting answers", func() error { return meetingAnswers(ctx, st, env, ns) }},
		{"waitlist offers", func() error { return waitlistOffers(ctx, st, env, r, quiet) }},
		{"event cancelled", func() error { return cancelledEvent(ctx, st, env, quiet) }},
		{"agenda change", func() error { return agendaChange(ctx, st, env, ns, r, quiet) }},
		{"account mails", func() error { return accountMails(ctx, st, env, r, quiet) }},
	} {
		if err := step.fn(); err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
	}
	return nil
}

// supplierNotices: the member invites the second member's firm to quote on its open lead (or
// finds it matched), the supplier answers interested, the buyer records contact; the second
// member gets one instant mail holding the invitation and the contact.
func supplierNotices(ctx context.Context, st *store.Store, env *Env, ns *notify.Service, log *slog.Logger) error {
	now := env.Now
	ds := deals.New(st, ns, log, func() time.Time { return now })
	ls, _, _, err := st.Leads.List(ctx, store.LeadFilter{Status: domain.LeadOpen,
		Scope: store.LeadScope{Buyer: env.Member.EnterpriseID}}, store.Page{Limit: 5})
	if err != nil || len(ls) == 0 {
		return fmt.Errorf("member's open leads: %d, %v", len(ls), err)
	}
	lead := &ls[0]
	ms, err := st.Matches.ByLead(ctx, lead.ID)
	if err != nil {
		return err
	}
	var m *domain.Match
	for i := range ms {
		if ms[i].EnterpriseID == env.Member2.EnterpriseID {
			m = &ms[i]
		}
	}
	if m == nil {
		if m, err = ds.Invite(ctx, env.Member, lead.ID, env.Member2.EnterpriseID, "贵司的网关方案很合适，欢迎报价"); err != nil {
			return err
		}
	} else if _, err := ns.Invited(ctx, m, lead); err != nil {
		return err
	}
	if err := interested(ctx, st, m, now); err != nil {
		return err
	}
	if m.Status == domain.MatchInterested {
		from := m.Status
		if _, err := m.Advance(domain.Outcome{Stage: domain.MatchContacted, Note: "已电话联系，约下周看样"}, env.Member.ID, now); err != nil {
			return err
		}
		if err := st.Matches.Update(ctx, m, from); err != nil {
			return err
		}
		if _, err := ns.Contacted(ctx, m, lead); err != nil {
			return err
		}
	}
	return ns.InstantMails(ctx, nil)
}

// meetingAnswers tells each requester of the member's meetings how they were answered.
func meetingAnswers(ctx context.Context, st *store.Store, env *Env, ns *notify.Service) error {
	ms, err := st.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: env.Member.EnterpriseID})
	if err != nil {
		return err
	}
	for i := range ms {
		m := &ms[i]
		action := ""
		switch m.Status {
		case domain.MeetingAccepted:
			action = notify.MeetingAccepted
		case domain.MeetingDeclined:
			action = notify.MeetingDeclined
		case domain.MeetingCancelled:
			action = notify.MeetingCancelled
		default:
			continue
		}
		if _, err := ns.Meeting(ctx, m, action, m.RecipientID); err != nil {
			return err
		}
	}
	return nil
}

// waitlistOffers plays the waitlist of the full IC event over the last four days: a firm
// cancelled 90 hours ago, its seat was offered to the first in line, who let the offer lapse 42
// hours ago; the seat then went to the second in line, whose offer lapses within 6 hours. So the
// outbox holds a lapsed offer, a seat offered and its reminder, and a latecomer's place in line.
func waitlistOffers(ctx context.Context, st *store.Store, env *Env, r *mail.Renderer, log *slog.Logger) error {
	evs, _, _, err := st.Events.List(ctx, store.EventFilter{Statuses: []domain.EventStatus{domain.EventPublished}}, store.Page{Limit: 50})
	if err != nil {
		return err
	}
	var e *domain.Event
	for i := range evs {
		if evs[i].Title == "集成电路封测供需对接会" {
			e = &evs[i]
		}
	}
	if e == nil {
		return errors.New("the IC packaging event is missing")
	}
	confirmed, _, _, err := st.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{
		Statuses: []domain.RegistrationStatus{domain.RegConfirmed}}, store.Page{Limit: 50})
	if err != nil {
		return err
	}
	leaving := ""
	for _, reg := range confirmed {
		if reg.EnterpriseID != env.Member.EnterpriseID {
			leaving = reg.ID
			break
		}
	}
	if leaving == "" {
		return errors.New("the IC packaging event has no confirmed firm to leave")
	}
	// A latecomer joins the end of the line three hours ago, so the line stays long.
	for i, ent := range env.Enterprises {
		if _, err := st.Registrations.ByEnterprise(ctx, e.ID, ent.ID); !errors.Is(err, domain.ErrNotFound) || ent.ID == env.Member.EnterpriseID {
			continue
		}
		if _, _, err := st.Registrations.Register(ctx, &domain.Registration{EventID: e.ID, EnterpriseID: ent.ID,
			EnterpriseName: ent.Name, Attendees: demoAttendees(ent, 40+i, 1), CreatedBy: env.Admin.ID}, env.Now.Add(-3*time.Hour)); err != nil {
			return err
		}
		break
	}
	if _, err := st.Registrations.Cancel(ctx, leaving, domain.CancelByMember, env.Now.Add(-90*time.Hour)); err != nil {
		return err
	}
	if _, err := st.Registrations.ExpireOffers(ctx, env.Now.Add(-42*time.Hour)); err != nil {
		return err
	}
	// Their mails, as the registration-mails job queues them; its walk starts after the sample
	// data (seedDeals), so it only reminds the holder of the offer about to lapse.
	ns := notify.New(st, r, log, func() time.Time { return env.Now })
	moved, _, _, err := st.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{
		Statuses: []domain.RegistrationStatus{domain.RegOffered, domain.RegCancelled, domain.RegWaitlisted}}, store.Page{Limit: 50})
	if err != nil {
		return err
	}
	for i := range moved {
		if _, err := ns.Registration(ctx, &moved[i], e); err != nil {
			return err
		}
	}
	return ns.RegistrationMails(ctx, nil)
}

// cancelledEvent cancels the sensor launch as its organiser would, through the events service,
// which records the cancellation for the event-changes job (run by agendaChange below): the
// registered firms' members and attendees get the cancellation mail.
func cancelledEvent(ctx context.Context, st *store.Store, env *Env, log *slog.Logger) error {
	evs, _, _, err := st.Events.List(ctx, store.EventFilter{Cluster: "L1", Statuses: []domain.EventStatus{domain.EventPublished}},
		store.Page{Limit: 20})
	if err != nil {
		return err
	}
	for i := range evs {
		if evs[i].Title != cancelledLaunch {
			continue
		}
		e := evs[i]
		svc := evsvc.New(st, nil, log, func() time.Time { return env.Now.Add(-2 * time.Hour) })
		return svc.Transition(ctx, evsvc.Actor{User: env.Organiser}, &e, domain.EventCancelled)
	}
	return errors.New("the sensor launch to cancel is not there")
}

// agendaChange moves the IoT expo's first session by half an hour, as an organiser editing the
// agenda would, and runs the event-changes job.
func agendaChange(ctx context.Context, st *store.Store, env *Env, ns *notify.Service, r *mail.Renderer, log *slog.Logger) error {
	evs, _, _, err := st.Events.List(ctx, store.EventFilter{Cluster: "L1", Statuses: []domain.EventStatus{domain.EventPublished}},
		store.Page{Limit: 20})
	if err != nil {
		return err
	}
	var e *domain.Event
	for i := range evs {
		full, err := st.Events.Get(ctx, evs[i].ID) // with its agenda
		if err != nil {
			return err
		}
		if len(full.Sessions) > 0 && full.SeatsTaken > 0 && full.StartsAt.After(env.Now) && (e == nil || full.StartsAt.Before(e.StartsAt)) {
			e = full
		}
	}
	if e == nil {
		return errors.New("no coming published L1 event with an agenda and registrations")
	}
	before := e.Sessions
	after := append([]domain.AgendaSession(nil), before...)
	after[0].StartsAt, after[0].EndsAt = after[0].StartsAt.Add(30*time.Minute), after[0].EndsAt.Add(30*time.Minute)
	if err := domain.ValidateAgenda(e, after); err != nil {
		// The first slot cannot move without overlapping: change its room instead.
		after = append([]domain.AgendaSession(nil), before...)
		after[0].Room += "（改至二楼）"
	}
	if err := st.Events.SetAgenda(ctx, e.ID, after, env.Now); err != nil {
		return err
	}
	e.Sessions = after
	if _, err := ns.AgendaChanged(ctx, e, before, env.Organiser.ID); err != nil {
		return err
	}
	n := &jobs.Notices{Store: st, Renderer: r, Log: log, Now: func() time.Time { return env.Now }}
	rn := jobs.NewRunner(st, log)
	rn.Register(n.ChangeJob("*/5 * * * *"))
	_, err = rn.Run(ctx, jobs.JobChanges, domain.TriggerCLI)
	return err
}

// accountMails: the member invites a colleague; the second member asked for a password reset; a
// newly signed-up firm's licence was refused (unreadable), which its member is told.
func accountMails(ctx context.Context, st *store.Store, env *Env, r *mail.Renderer, log *slog.Logger) error {
	acc := accounts.New(st, r, log, func() time.Time { return env.Now })
	if _, err := acc.Invite(ctx, accounts.Actor{User: env.Member}, "chenjing@huizhi-sensor.example", "陈静"); err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	if err := acc.RequestReset(ctx, Member2Email); err != nil {
		return fmt.Errorf("reset: %w", err)
	}
	e := &domain.Enterprise{
		ID: domain.NewID(), Name: "无锡微鸣声学科技有限公司", USCC: domain.CompleteUSCC("91320213MADV00009"),
		Clusters: []string{"L1"}, IndustryCodes: []string{"C3973"}, HSCodes: []string{}, Products: []string{"MEMS 麦克风"},
		Description: "新注册企业", Certifications: []string{}, Region: "320213", Tier: domain.TierEmerging,
		Scale: domain.ScaleMicro, ExportMarkets: []string{}, Status: domain.EnterpriseActive,
		Contact:      domain.Contact{Name: "吴工", Email: "wu@weiming-acoustics.example", Phone: "13800000001"},
		Verification: domain.VerificationUnverified, CreatedAt: env.Now, UpdatedAt: env.Now,
	}
	if err := st.Enterprises.Create(ctx, e); err != nil {
		return err
	}
	u, err := acc.Create(ctx, accounts.CLI, accounts.NewUser{Email: e.Contact.Email, Password: domain.RandomToken(16),
		Name: e.Contact.Name, Role: domain.RoleMember, EnterpriseID: e.ID, Locale: "zh-CN"})
	if err != nil {
		return err
	}
	img, err := licenceImage()
	if err != nil {
		return err
	}
	if _, err := acc.SubmitLicence(ctx, accounts.Actor{User: u}, "营业执照.png", img); err != nil {
		return fmt.Errorf("licence: %w", err)
	}
	if _, err := acc.Reject(ctx, accounts.Actor{User: env.Organiser}, e.ID, "营业执照照片模糊，请上传清晰的扫描件"); err != nil {
		return fmt.Errorf("reject: %w", err)
	}
	return nil
}
