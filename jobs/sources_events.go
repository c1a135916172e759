package jobs

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"duijie/domain"
	"duijie/locales"
	"duijie/mail"
	"duijie/store"
)

// StoreEvents is the EventSource over the store's events capability: the registrations of the
// user's enterprise, their events and the recorded changes of time and place.
type StoreEvents struct {
	Store   *store.Store
	BaseURL string
}

// registered returns the active registrations of the user's enterprise with their events.
func (s StoreEvents) registered(ctx context.Context, u *domain.User) ([]domain.Registration, map[string]domain.Event, error) {
	if u.EnterpriseID == "" || s.Store.Registrations == nil || s.Store.Events == nil {
		return nil, nil, nil
	}
	all, err := s.Store.Registrations.ListByEnterprise(ctx, u.EnterpriseID)
	if err != nil {
		return nil, nil, fmt.Errorf("registrations of %s: %w", u.EnterpriseID, err)
	}
	var regs []domain.Registration
	var ids []string
	for _, r := range all {
		if r.Status.Active() {
			regs = append(regs, r)
			ids = append(ids, r.EventID)
		}
	}
	if len(ids) == 0 {
		return nil, nil, nil
	}
	evs, err := s.Store.Events.GetMany(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("registered events: %w", err)
	}
	byID := make(map[string]domain.Event, len(evs))
	for _, e := range evs {
		byID[e.ID] = e
	}
	return regs, byID, nil
}

// UpcomingEvents lists published events starting in [now, now+horizon), soonest first.
func (s StoreEvents) UpcomingEvents(ctx context.Context, u *domain.User, now time.Time, horizon time.Duration, locale string) ([]mail.DigestEvent, error) {
	regs, evs, err := s.registered(ctx, u)
	if err != nil {
		return nil, err
	}
	type item struct {
		at time.Time
		ev mail.DigestEvent
	}
	var items []item
	for _, r := range regs {
		e, ok := evs[r.EventID]
		if !ok || e.Status != domain.EventPublished || e.StartsAt.Before(now) || !e.StartsAt.Before(now.Add(horizon)) {
			continue
		}
		items = append(items, item{e.StartsAt, mail.DigestEvent{
			Title: e.DisplayTitle(locale), When: EventWhen(&e), Venue: e.Venue,
			Status: locales.T(locale, "mail.regStatus."+string(r.Status)), Link: s.BaseURL + "/events/" + e.ID,
		}})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].at.Before(items[j].at) })
	out := make([]mail.DigestEvent, len(items))
	for i, it := range items {
		out[i] = it.ev
	}
	return out, nil
}

// EventChanges lists changes of time or place recorded in [since, until) for registered events.
func (s StoreEvents) EventChanges(ctx context.Context, u *domain.User, since, until time.Time, locale string) ([]mail.DigestChange, error) {
	regs, evs, err := s.registered(ctx, u)
	if err != nil {
		return nil, err
	}
	var out []mail.DigestChange
	seen := map[string]bool{}
	for _, r := range regs {
		e, ok := evs[r.EventID]
		if !ok || seen[e.ID] || e.Status == domain.EventDraft {
			continue
		}
		seen[e.ID] = true
		chs, err := s.Store.Events.Changes(ctx, e.ID)
		if err != nil {
			return nil, fmt.Errorf("changes of event %s: %w", e.ID, err)
		}
		for _, c := range chs {
			if c.At.Before(since) || !c.At.Before(until) {
				continue
			}
			out = append(out, ChangeLine(&e, c, locale, s.BaseURL))
		}
	}
	return out, nil
}

// EventWhen formats an event's start in its own zone, naming the zone, as people at the venue
// read it: "2026-11-30 09:00 (UTC+08:00)".
func EventWhen(e *domain.Event) string {
	return stamp(e.StartsAt.In(e.Location()))
}

func stamp(t time.Time) string {
	return t.Format("2006-01-02 15:04") + " (UTC" + t.Format("-07:00") + ")"
}

// ChangeLine turns a recorded change into a digest line: the field's name in locale and
// times shown like EventWhen.
func ChangeLine(e *domain.Event, c domain.EventChange, locale, baseURL string) mail.DigestChange {
	value := func(v string) string {
		if c.Field == "startsAt" || c.Field == "endsAt" {
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				return stamp(t)
			}
		}
		if c.Field == domain.EventChangeStatus {
			return locales.T(locale, "events.status."+v)
		}
		if strings.TrimSpace(v) == "" {
			return "—"
		}
		return v
	}
	field := locales.T(locale, "mail.change.field."+c.Field)
	if aspect, id, title, ok := domain.SessionChange(c.Field); ok {
		field = locales.T(locale, "notify.change."+aspect, sessionTitle(e, id, title, locale))
	}
	return mail.DigestChange{
		Event: e.DisplayTitle(locale), Field: field,
		Old: value(c.Old), New: value(c.New), Link: baseURL + "/events/" + e.ID,
	}
}

// sessionTitle names an agenda session in locale: its title on the agenda now, else the one
// recorded with the change (the session was dropped since).
func sessionTitle(e *domain.Event, id, recorded, locale string) string {
	for _, s := range e.Sessions {
		if s.ID == id {
			if locale == "en" && s.TitleEn != "" {
				return s.TitleEn
			}
			return s.Title
		}
	}
	return recorded
}
