package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/store"
)

// Notices sends the event mails: reminders at T-24h and T-2h, and notices of changed time or
// place. Each mail has a dedup key per (event or change, user), so a job that runs every few
// minutes queues each mail once.
type Notices struct {
	Store    *store.Store
	Renderer *mail.Renderer
	Log      *slog.Logger
	Now      func() time.Time
}

func (n *Notices) now() time.Time {
	if n.Now != nil {
		return n.Now()
	}
	return time.Now()
}

func (n *Notices) log() *slog.Logger {
	if n.Log != nil {
		return n.Log
	}
	return slog.Default()
}

// ReminderJob queues reminders for published events starting within 24 hours.
func (n *Notices) ReminderJob(spec string) Job {
	return Job{Name: "event-reminders", Spec: spec, Run: n.Reminders}
}

// ChangeJob queues notices of recorded changes not yet sent.
func (n *Notices) ChangeJob(spec string) Job {
	return Job{Name: "event-changes", Spec: spec, Run: n.Changes}
}

// reminderLead is which reminder is due for an event starting after d: "2h" within two hours,
// "24h" within a day, else none. An enterprise that registers late gets only the nearer one.
func reminderLead(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d <= 2*time.Hour:
		return "2h"
	case d <= 24*time.Hour:
		return "24h"
	}
	return ""
}

// Reminders is the work of the reminder job.
func (n *Notices) Reminders(ctx context.Context, run *Run) error {
	st := n.Store
	if st.Events == nil || st.Registrations == nil {
		return nil
	}
	now := n.now()
	f := store.EventFilter{Statuses: []domain.EventStatus{domain.EventPublished}, From: now, To: now.Add(24 * time.Hour)}
	cursor := ""
	for {
		evs, next, _, err := st.Events.List(ctx, f, store.Page{Limit: 100, Cursor: cursor})
		if err != nil {
			return fmt.Errorf("list upcoming events: %w", err)
		}
		for i := range evs {
			e := &evs[i]
			lead := reminderLead(e.StartsAt.Sub(now))
			if lead == "" {
				continue
			}
			if err := n.remindEvent(ctx, run, e, lead); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		cursor = next
	}
}

func (n *Notices) remindEvent(ctx context.Context, run *Run, e *domain.Event, lead string) error {
	cursor := ""
	for {
		regs, next, _, err := n.Store.Registrations.ListByEvent(ctx, e.ID,
			store.RegistrationFilter{Statuses: []domain.RegistrationStatus{domain.RegConfirmed}}, store.Page{Limit: 200, Cursor: cursor})
		if err != nil {
			return fmt.Errorf("registrations of %s: %w", e.ID, err)
		}
		for _, r := range regs {
			err := n.toMembers(ctx, run, r.EnterpriseID, domain.MailReminder, func(u *domain.User, p *domain.Preferences) (*domain.OutboxMessage, error) {
				data := &mail.ReminderData{Name: u.Name, Event: e.DisplayTitle(p.Locale), When: EventWhen(e), Venue: e.Venue,
					Address: e.Address, Lead: lead, Link: n.Renderer.Link("/events/" + e.ID), Code: r.CheckinCode}
				return n.Renderer.Compose(domain.MailReminder, mail.TemplateReminder, recipientOf(u, p), data,
					"reminder:"+lead+":"+e.ID+":"+u.ID)
			})
			if err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		cursor = next
	}
}

// Changes is the work of the change-notice job: pending changes, grouped by event, go to the
// members of every enterprise still registered; then they are marked notified.
func (n *Notices) Changes(ctx context.Context, run *Run) error {
	st := n.Store
	if st.Events == nil || st.Registrations == nil {
		return nil
	}
	for ctx.Err() == nil {
		changes, err := st.Events.PendingChanges(ctx, 200)
		if err != nil {
			return fmt.Errorf("pending event changes: %w", err)
		}
		if len(changes) == 0 {
			return nil
		}
		byEvent := map[string][]domain.EventChange{}
		var order []string
		for _, c := range changes {
			if _, ok := byEvent[c.EventID]; !ok {
				order = append(order, c.EventID)
			}
			byEvent[c.EventID] = append(byEvent[c.EventID], c)
		}
		for _, id := range order {
			if err := n.noticeEvent(ctx, run, id, byEvent[id]); err != nil {
				return err
			}
			ids := make([]string, 0, len(byEvent[id]))
			for _, c := range byEvent[id] {
				ids = append(ids, c.ID)
			}
			if err := st.Events.MarkChangesNotified(ctx, ids, n.now()); err != nil {
				return fmt.Errorf("mark changes notified: %w", err)
			}
			run.Add("changes", len(ids))
		}
	}
	return ctx.Err()
}

func (n *Notices) noticeEvent(ctx context.Context, run *Run, eventID string, changes []domain.EventChange) error {
	e, err := n.Store.Events.Get(ctx, eventID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil // the event is gone; nobody to tell
	}
	if err != nil {
		return fmt.Errorf("event %s: %w", eventID, err)
	}
	// The key names the newest change: a later change of the same event is news again.
	key := changes[len(changes)-1].ID
	cursor := ""
	for {
		regs, next, _, err := n.Store.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{Statuses: []domain.RegistrationStatus{
			domain.RegConfirmed, domain.RegOffered, domain.RegWaitlisted}}, store.Page{Limit: 200, Cursor: cursor})
		if err != nil {
			return fmt.Errorf("registrations of %s: %w", e.ID, err)
		}
		for _, r := range regs {
			told := map[string]bool{}
			lang := ""
			err := n.toMembers(ctx, run, r.EnterpriseID, domain.MailChange, func(u *domain.User, p *domain.Preferences) (*domain.OutboxMessage, error) {
				told[strings.ToLower(u.Email)] = true
				if lang == "" || u.ID == r.CreatedBy {
					lang = p.Locale
				}
				data := &mail.ChangeData{Name: u.Name, Event: e.DisplayTitle(p.Locale), Link: n.Renderer.Link("/events/" + e.ID)}
				for _, c := range changes {
					data.Changes = append(data.Changes, ChangeLine(e, c, p.Locale, n.Renderer.BaseURL()))
					data.Cancelled = data.Cancelled || c.Cancels()
				}
				return n.Renderer.Compose(domain.MailChange, mail.TemplateChange, recipientOf(u, p), data,
					"change:"+key+":"+u.ID)
			})
			if err != nil {
				return err
			}
			if err := n.toAttendees(ctx, run, e, &r, changes, key, told, lang); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		cursor = next
	}
}

// toMembers queues a mail of kind, built by compose, to each member of the enterprise who has
// not opted out of kind. Counters: queued, already_queued, opted_out.
func (n *Notices) toMembers(ctx context.Context, run *Run, enterpriseID string, kind domain.MailKind,
	compose func(*domain.User, *domain.Preferences) (*domain.OutboxMessage, error)) error {
	users, err := n.Store.Users.ByEnterprise(ctx, enterpriseID)
	if err != nil {
		return fmt.Errorf("members of %s: %w", enterpriseID, err)
	}
	for i := range users {
		u := &users[i]
		if u.Disabled {
			continue
		}
		p, err := Preferences(ctx, n.Store.Preferences, u)
		if err != nil {
			return err
		}
		if !p.Wants(kind) {
			run.Add("opted_out", 1)
			continue
		}
		m, err := compose(u, p)
		if err != nil {
			return err
		}
		m.CreatedAt = n.now()
		created, err := n.Store.Outbox.Enqueue(ctx, m)
		if err != nil {
			return fmt.Errorf("queue %s mail: %w", kind, err)
		}
		if created {
			run.Add("queued", 1)
		} else {
			run.Add("already_queued", 1)
		}
	}
	return nil
}

// toAttendees tells the attendees of r who are not members (they have no account, so no
// preferences) that the event's time or place changed: the people who travel need to know, not
// only the account holder. They read it in the registering member's locale. Counter:
// attendees_queued.
func (n *Notices) toAttendees(ctx context.Context, run *Run, e *domain.Event, r *domain.Registration,
	changes []domain.EventChange, key string, told map[string]bool, lang string) error {
	if lang == "" {
		lang = "zh-CN"
	}
	// Members are told (or opted out) as members, never again as attendees.
	members, err := n.Store.Users.ByEnterprise(ctx, r.EnterpriseID)
	if err != nil {
		return fmt.Errorf("members of %s: %w", r.EnterpriseID, err)
	}
	for _, u := range members {
		told[strings.ToLower(u.Email)] = true
	}
	for _, a := range r.Attendees {
		addr := strings.TrimSpace(a.Email)
		if addr == "" || told[strings.ToLower(addr)] {
			continue
		}
		told[strings.ToLower(addr)] = true
		data := &mail.ChangeData{Name: a.Name, Event: e.DisplayTitle(lang), Link: n.Renderer.Link("/events/" + e.ID)}
		for _, c := range changes {
			data.Changes = append(data.Changes, ChangeLine(e, c, lang, n.Renderer.BaseURL()))
			data.Cancelled = data.Cancelled || c.Cancels()
		}
		m, err := n.Renderer.Compose(domain.MailChange, mail.TemplateChange, mail.Recipient{Email: addr, Name: a.Name, Locale: lang},
			data, "change:"+key+":"+strings.ToLower(addr))
		if err != nil {
			return err
		}
		m.CreatedAt = n.now()
		created, err := n.Store.Outbox.Enqueue(ctx, m)
		if err != nil {
			return fmt.Errorf("queue change mail: %w", err)
		}
		if created {
			run.Add("attendees_queued", 1)
		}
	}
	return nil
}
