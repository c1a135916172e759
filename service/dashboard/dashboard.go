// Package dashboard builds each role's first screen: what needs the person now. A member sees
// its next events with check-in codes, matches waiting for its answer, new matches since its
// last visit, its open leads with interested and quoted counts, and its meetings; an organiser
// the leads to triage and the events needing action in its clusters, with today's check-ins;
// an admin also failed mails, failed jobs and counts. The page and GET /me/dashboard show the
// same data.
package dashboard

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"duijie/domain"
	"duijie/store"
)

// VisitJob keys the checkpoint that remembers each user's last dashboard visit.
const VisitJob = "dashboard-visit"

// Service builds dashboards. Construct it with New.
type Service struct {
	st  *store.Store
	now func() time.Time
}

// New returns the service over st.
func New(st *store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, now: now}
}

// Dashboard is what needs the caller now. Lists are never null; the organiser and admin parts
// are left out for roles they do not concern.
type Dashboard struct {
	Role            domain.Role     `json:"role"`
	UpcomingEvents  []UpcomingEvent `json:"upcomingEvents"`
	PendingAnswers  int             `json:"pendingAnswers"`  // matches sent to my enterprise awaiting its answer
	PendingMeetings int             `json:"pendingMeetings"` // meeting requests awaiting my enterprise's answer
	NewMatches      int             `json:"newMatches"`      // sent to my enterprise since LastVisit
	LastVisit       *time.Time      `json:"lastVisit,omitempty"`
	MyOpenLeads     []LeadSummary   `json:"myOpenLeads"`
	Meetings        []MeetingItem   `json:"meetings"`

	Triage               *int           `json:"triage,omitempty"`
	VerificationsPending *int           `json:"verificationsPending,omitempty"` // licences awaiting a decision
	EventsNeedingAction  []EventAction  `json:"eventsNeedingAction,omitempty"`
	TodaysCheckins       []CheckinToday `json:"todaysCheckins,omitempty"`

	OutboxFailed *int           `json:"outboxFailed,omitempty"`
	JobsFailed   *int           `json:"jobsFailed,omitempty"`
	Counts       map[string]int `json:"counts,omitempty"`
}

// UpcomingEvent is an event the member's enterprise registered for, with its codes.
type UpcomingEvent struct {
	EventID     string                    `json:"eventId"`
	Title       string                    `json:"title"`
	TitleEn     string                    `json:"titleEn,omitempty"`
	StartsAt    time.Time                 `json:"startsAt"`
	Timezone    string                    `json:"timezone"`
	Venue       string                    `json:"venue"`
	Status      domain.RegistrationStatus `json:"status"`
	Position    int                       `json:"position,omitempty"`
	CheckinCode string                    `json:"checkinCode,omitempty"`
	Attendees   []AttendeeCode            `json:"attendees"`
}

// AttendeeCode is one attendee and the code that admits them.
type AttendeeCode struct {
	Name        string `json:"name"`
	CheckinCode string `json:"checkinCode,omitempty"`
}

// LeadSummary is one open lead of the member's enterprise.
type LeadSummary struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Matches    int    `json:"matches"`
	Interested int    `json:"interested"`
	Quotes     int    `json:"quotes"`
}

// MeetingItem is one open meeting of the member's enterprise.
type MeetingItem struct {
	ID          string               `json:"id"`
	EventID     string               `json:"eventId"`
	With        string               `json:"with"`
	Status      domain.MeetingStatus `json:"status"`
	NeedsAnswer bool                 `json:"needsAnswer"`
	SlotStart   *time.Time           `json:"slotStart,omitempty"`
	Table       int                  `json:"table,omitempty"`
}

// EventAction is an organiser's event and why it needs attention.
type EventAction struct {
	ID       string             `json:"id"`
	Title    string             `json:"title"`
	TitleEn  string             `json:"titleEn,omitempty"`
	Cluster  string             `json:"cluster"`
	Status   domain.EventStatus `json:"status"`
	StartsAt time.Time          `json:"startsAt"`
	Timezone string             `json:"timezone"`
	Capacity int                `json:"capacity"`
	Taken    int                `json:"seatsTaken"`
	Reasons  []string           `json:"reasons"`
}

// CheckinToday is today's door count of an event running today.
type CheckinToday struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	TitleEn   string `json:"titleEn,omitempty"`
	CheckedIn int    `json:"checkedIn"`
	Expected  int    `json:"expected"` // attendees of confirmed registrations
}

// eventsShown bounds the lists of a dashboard: it is a summary, the full lists are a click away.
const eventsShown = 8

// For builds u's dashboard. When visit is true the visit is recorded, so the next one counts
// new matches from now; the API reads without moving the mark.
func (s *Service) For(ctx context.Context, u *domain.User, visit bool) (*Dashboard, error) {
	d := &Dashboard{Role: u.Role, UpcomingEvents: []UpcomingEvent{}, MyOpenLeads: []LeadSummary{}, Meetings: []MeetingItem{}}
	now := s.now()
	if u.EnterpriseID != "" {
		if err := s.member(ctx, u, d, now); err != nil {
			return nil, err
		}
	}
	if u.Role == domain.RoleOrganiser || u.Role == domain.RoleAdmin {
		if err := s.organiser(ctx, u, d, now); err != nil {
			return nil, err
		}
	}
	if u.Role == domain.RoleAdmin {
		if err := s.admin(ctx, d, now); err != nil {
			return nil, err
		}
	}
	if visit {
		c := &domain.Checkpoint{Job: VisitJob, Key: u.ID, Cursor: strconv.FormatInt(now.UnixMilli(), 10), UpdatedAt: now}
		if err := s.st.Checkpoints.Save(ctx, c); err != nil {
			return nil, fmt.Errorf("dashboard visit: %w", err)
		}
	}
	return d, nil
}

func (s *Service) member(ctx context.Context, u *domain.User, d *Dashboard, now time.Time) error {
	ent := u.EnterpriseID
	if err := s.upcoming(ctx, ent, d, now); err != nil {
		return err
	}
	_, _, pending, err := s.st.Matches.List(ctx, store.MatchFilter{EnterpriseID: ent,
		Statuses: []domain.MatchStatus{domain.MatchSent}}, store.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("pending answers: %w", err)
	}
	d.PendingAnswers = pending
	last, err := s.lastVisit(ctx, u.ID)
	if err != nil {
		return err
	}
	from := last.Add(time.Millisecond) // sent after the visit
	if last.IsZero() {
		from = now.Add(-7 * 24 * time.Hour) // a first visit: the last week is news
	} else {
		d.LastVisit = &last
	}
	_, _, fresh, err := s.st.Matches.List(ctx, store.MatchFilter{EnterpriseID: ent, SentFrom: from}, store.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("new matches: %w", err)
	}
	d.NewMatches = fresh
	if err := s.openLeads(ctx, ent, d); err != nil {
		return err
	}
	return s.meetings(ctx, ent, d, now)
}

// upcoming lists the enterprise's active registrations of events not over yet, soonest first.
func (s *Service) upcoming(ctx context.Context, ent string, d *Dashboard, now time.Time) error {
	regs, err := s.st.Registrations.ListByEnterprise(ctx, ent)
	if err != nil {
		return fmt.Errorf("registrations: %w", err)
	}
	byEvent := map[string]domain.Registration{}
	var ids []string
	for _, r := range regs {
		if r.Status.Active() {
			byEvent[r.EventID] = r
			ids = append(ids, r.EventID)
		}
	}
	evs, err := s.st.Events.GetMany(ctx, ids)
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	for _, e := range evs { // ordered by start
		if e.EndsAt.Before(now) || e.Status == domain.EventCancelled || len(d.UpcomingEvents) == eventsShown {
			continue
		}
		r := byEvent[e.ID]
		ue := UpcomingEvent{EventID: e.ID, Title: e.Title, TitleEn: e.TitleEn, StartsAt: e.StartsAt, Timezone: e.Timezone,
			Venue: e.Venue, Status: r.Status, Position: r.Position, Attendees: []AttendeeCode{}}
		if r.Status == domain.RegConfirmed {
			ue.CheckinCode = r.CheckinCode
			for _, a := range r.Attendees {
				ue.Attendees = append(ue.Attendees, AttendeeCode{Name: a.Name, CheckinCode: a.CheckinCode})
			}
		}
		d.UpcomingEvents = append(d.UpcomingEvents, ue)
	}
	return nil
}

func (s *Service) openLeads(ctx context.Context, ent string, d *Dashboard) error {
	ls, _, _, err := s.st.Leads.List(ctx, store.LeadFilter{Status: domain.LeadOpen, Scope: store.LeadScope{Buyer: ent}},
		store.Page{Limit: eventsShown})
	if err != nil {
		return fmt.Errorf("open leads: %w", err)
	}
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.ID
	}
	quotes, err := s.st.Quotes.CountByLeads(ctx, ids)
	if err != nil {
		return fmt.Errorf("quote counts: %w", err)
	}
	for _, l := range ls {
		c, err := s.st.Matches.Counts(ctx, store.MatchFilter{LeadID: l.ID})
		if err != nil {
			return fmt.Errorf("match counts: %w", err)
		}
		sum := LeadSummary{ID: l.ID, Title: l.Title, Quotes: quotes[l.ID]}
		for st, n := range c.ByStatus {
			if st != domain.MatchProposed {
				sum.Matches += n
			}
		}
		for stage, n := range c.ByReached {
			if stage >= domain.MatchInterested.Stage() {
				sum.Interested += n
			}
		}
		d.MyOpenLeads = append(d.MyOpenLeads, sum)
	}
	return nil
}

func (s *Service) meetings(ctx context.Context, ent string, d *Dashboard, now time.Time) error {
	ms, err := s.st.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: ent,
		Statuses: []domain.MeetingStatus{domain.MeetingRequested, domain.MeetingAccepted}})
	if err != nil {
		return fmt.Errorf("meetings: %w", err)
	}
	for _, m := range ms {
		if m.SlotEnd != nil && m.SlotEnd.Before(now) {
			continue
		}
		it := MeetingItem{ID: m.ID, EventID: m.EventID, With: m.RecipientName, Status: m.Status}
		if m.RecipientID == ent {
			it.With = m.RequesterName
			it.NeedsAnswer = m.Status == domain.MeetingRequested
		}
		if it.NeedsAnswer {
			d.PendingMeetings++
		}
		if m.PublishedAt != nil {
			it.SlotStart, it.Table = m.SlotStart, m.Table
		}
		if len(d.Meetings) < eventsShown {
			d.Meetings = append(d.Meetings, it)
		}
	}
	return nil
}

func (s *Service) lastVisit(ctx context.Context, userID string) (time.Time, error) {
	c, err := s.st.Checkpoints.Get(ctx, VisitJob, userID)
	if errors.Is(err, domain.ErrNotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("last visit: %w", err)
	}
	v, err := strconv.ParseInt(c.Cursor, 10, 64)
	if err != nil {
		return time.Time{}, nil
	}
	return time.UnixMilli(v).UTC(), nil
}

// organiser fills the triage count, the events needing action and today's check-ins of the
// caller's clusters (an admin's: all).
func (s *Service) organiser(ctx context.Context, u *domain.User, d *Dashboard, now time.Time) error {
	var clusters []string
	if u.Role == domain.RoleOrganiser {
		clusters = u.Clusters
		if len(clusters) == 0 {
			clusters = []string{"-"} // an organiser of no cluster runs nothing
		}
	}
	_, _, triage, err := s.st.Leads.List(ctx, store.LeadFilter{Triage: true, Scope: store.LeadScope{Clusters: clusters}},
		store.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("triage: %w", err)
	}
	d.Triage = &triage
	_, _, pending, err := s.st.Enterprises.List(ctx, store.EnterpriseFilter{Clusters: clusters,
		Verification: domain.VerificationPending}, store.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("verifications: %w", err)
	}
	d.VerificationsPending = &pending
	evs, _, _, err := s.st.Events.List(ctx, store.EventFilter{Clusters: clusters,
		Statuses: []domain.EventStatus{domain.EventDraft, domain.EventPublished}, From: now}, store.Page{Limit: 100})
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	d.EventsNeedingAction = []EventAction{}
	d.TodaysCheckins = []CheckinToday{}
	for i := range evs {
		e := &evs[i]
		changes, err := s.st.Events.Changes(ctx, e.ID)
		if err != nil {
			return fmt.Errorf("changes of %s: %w", e.ID, err)
		}
		var last time.Time
		for _, c := range changes {
			if c.At.After(last) {
				last = c.At
			}
		}
		if why := domain.EventActions(e, now, last); len(why) > 0 && len(d.EventsNeedingAction) < eventsShown {
			d.EventsNeedingAction = append(d.EventsNeedingAction, EventAction{ID: e.ID, Title: e.Title, TitleEn: e.TitleEn,
				Cluster: e.Cluster, Status: e.Status, StartsAt: e.StartsAt, Timezone: e.Timezone, Capacity: e.Capacity,
				Taken: e.SeatsTaken, Reasons: why})
		}
		if e.Status == domain.EventPublished && runsToday(e, now) {
			c, err := s.st.Registrations.Counts(ctx, e.ID)
			if err != nil {
				return fmt.Errorf("check-ins of %s: %w", e.ID, err)
			}
			d.TodaysCheckins = append(d.TodaysCheckins, CheckinToday{ID: e.ID, Title: e.Title, TitleEn: e.TitleEn,
				CheckedIn: c.CheckedIn, Expected: c.Attendees})
		}
	}
	return nil
}

// runsToday reports whether e takes place on now's calendar day in its own zone.
func runsToday(e *domain.Event, now time.Time) bool {
	loc := e.Location()
	y, m, dd := now.In(loc).Date()
	start := time.Date(y, m, dd, 0, 0, 0, 0, loc)
	return e.StartsAt.Before(start.Add(24*time.Hour)) && e.EndsAt.After(start)
}

// admin fills failed mails, failed jobs of the last day and the platform's counts.
func (s *Service) admin(ctx context.Context, d *Dashboard, now time.Time) error {
	oc, err := s.st.Outbox.Counts(ctx)
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	failed := oc[domain.OutboxFailed]
	d.OutboxFailed = &failed
	runs, _, err := s.st.JobRuns.List(ctx, "", store.Page{Limit: 200})
	if err != nil {
		return fmt.Errorf("job runs: %w", err)
	}
	jf := 0
	for _, r := range runs {
		if r.Status == domain.JobFailed && now.Sub(r.StartedAt) <= 24*time.Hour {
			jf++
		}
	}
	d.JobsFailed = &jf
	users, err := s.st.Users.Count(ctx)
	if err != nil {
		return fmt.Errorf("users: %w", err)
	}
	_, _, ents, err := s.st.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("enterprises: %w", err)
	}
	_, _, leads, err := s.st.Leads.List(ctx, store.LeadFilter{Status: domain.LeadOpen}, store.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("leads: %w", err)
	}
	_, _, events, err := s.st.Events.List(ctx, store.EventFilter{From: now,
		Statuses: []domain.EventStatus{domain.EventPublished}}, store.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	d.Counts = map[string]int{"users": users, "enterprises": ents, "openLeads": leads, "upcomingEvents": events,
		"mailPending": oc[domain.OutboxPending] + oc[domain.OutboxSending], "mailSent": oc[domain.OutboxSent]}
	return nil
}
