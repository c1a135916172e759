package handlers

import (
	"context"
	"strings"

	ics "github.com/arran4/golang-ical"

	"duijie/domain"
	"duijie/locales"
	"duijie/store"
)

func meetingUID(id string) string { return "meeting-" + id + "@duijie" }

// addPublishedMeetings adds to a member's feed the published, still accepted meetings of its
// enterprise at the feed's events, so the calendar shows when and at which table to be.
func (h *Handler) addPublishedMeetings(ctx context.Context, b *calendarBuilder, u *domain.User, evs []domain.Event) error {
	if u.EnterpriseID == "" || len(evs) == 0 {
		return nil
	}
	ms, err := h.deps.Store.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: u.EnterpriseID,
		Statuses: []domain.MeetingStatus{domain.MeetingAccepted}})
	if err != nil {
		return err
	}
	byID := make(map[string]*domain.Event, len(evs))
	for i := range evs {
		byID[evs[i].ID] = &evs[i]
	}
	for _, m := range ms {
		e := byID[m.EventID]
		if e == nil || m.PublishedAt == nil || !m.Scheduled() || e.Status == domain.EventDraft {
			continue
		}
		b.addMeeting(e, m, u.EnterpriseID)
	}
	return nil
}

// addMeeting adds one scheduled meeting seen from enterprise.
func (b *calendarBuilder) addMeeting(e *domain.Event, m domain.Meeting, enterprise string) {
	v := ics.NewEvent(meetingUID(m.ID))
	v.SetDtStampTime(m.UpdatedAt)
	b.timed(v, e, *m.SlotStart, *m.SlotEnd)
	_, name := m.Counterpart(enterprise)
	v.SetSummary(locales.T(b.lang, "meetings.calendar.summary", name, m.Table))
	v.SetLocation(strings.TrimSpace(e.Venue + " " + locales.T(b.lang, "meetings.field.tableN", m.Table)))
	desc := e.DisplayTitle(b.lang) + "\n" + m.Message
	if m.VideoLink != "" {
		// An online meeting: the link is where to be, so calendars offer it to click.
		desc = m.VideoLink + "\n" + desc
	}
	v.SetDescription(strings.TrimSpace(desc))
	v.SetURL(b.h.absURL("/meetings#meeting-" + m.ID))
	if e.Status == domain.EventCancelled {
		v.SetStatus(ics.ObjectStatusCancelled)
	}
	b.events = append(b.events, v)
}
