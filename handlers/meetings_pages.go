package handlers

import (
	"context"
	"errors"
	"net/url"
	"sort"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/matching"
	"duijie/store"
)

// maxParticipantsListed bounds the counterpart menu of one event on the meetings page.
const maxParticipantsListed = 500

// meetingRow is one meeting as its member sees it.
type meetingRow struct {
	domain.Meeting
	Event       *domain.Event
	Counterpart string
	Incoming    bool // the member's enterprise is the recipient
	CanAnswer   bool
	CanCancel   bool
	ShowSlot    bool
}

// requestableEvent is an event where the member may still ask others for a meeting.
type requestableEvent struct {
	Event        *domain.Event
	Participants []domain.Registration // the other confirmed enterprises
	Sent, Quota  int
}

// pageMyMeetings lists the member's meeting requests, sent and received, with their buttons,
// and a request form for each upcoming event where its enterprise is confirmed.
func (h *Handler) pageMyMeetings(c *fiber.Ctx) error {
	ctx, u := c.UserContext(), currentUser(c)
	if u.Role != domain.RoleMember {
		return h.pageOrganiserMeetings(c)
	}
	rows := []meetingRow{}
	var open []requestableEvent
	if u.EnterpriseID != "" {
		ms, err := h.deps.Store.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: u.EnterpriseID})
		if err != nil {
			return err
		}
		events, err := h.meetingEvents(ctx, u.EnterpriseID, ms)
		if err != nil {
			return err
		}
		sent := map[string]int{}
		busy := map[string]bool{} // event + counterpart with an open meeting already
		for _, m := range ms {
			if m.RequesterID == u.EnterpriseID {
				sent[m.EventID]++
			}
			if m.Open() {
				id, _ := m.Counterpart(u.EnterpriseID)
				busy[m.EventID+":"+id] = true
			}
			_, name := m.Counterpart(u.EnterpriseID)
			rows = append(rows, meetingRow{Meeting: forMember(m), Event: events[m.EventID], Counterpart: name,
				Incoming:  m.RecipientID == u.EnterpriseID,
				CanAnswer: m.RecipientID == u.EnterpriseID && m.Status == domain.MeetingRequested,
				// The recipient of an unanswered request declines rather than cancels.
				CanCancel: m.Status == domain.MeetingAccepted || (m.Open() && m.RequesterID == u.EnterpriseID),
				ShowSlot:  m.PublishedAt != nil && m.Scheduled()})
		}
		if open, err = h.requestableEvents(ctx, u.EnterpriseID, events, sent, busy); err != nil {
			return err
		}
	}
	return h.render(c, fiber.StatusOK, "meetings/mine", map[string]any{
		"Rows": rows, "Open": open, "Preselect": c.Query("with"),
	})
}

// meetingEvents loads the events of the meetings and of the enterprise's confirmed
// registrations, by ID.
func (h *Handler) meetingEvents(ctx context.Context, enterpriseID string, ms []domain.Meeting) (map[string]*domain.Event, error) {
	st := h.deps.Store
	regs, err := st.Registrations.ListByEnterprise(ctx, enterpriseID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, r := range regs {
		if r.Status == domain.RegConfirmed {
			add(r.EventID)
		}
	}
	for _, m := range ms {
		add(m.EventID)
	}
	out := map[string]*domain.Event{}
	if len(ids) == 0 {
		return out, nil
	}
	evs, err := st.Events.GetMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range evs {
		out[evs[i].ID] = &evs[i]
	}
	return out, nil
}

// requestableEvents are the published, unfinished events where the enterprise is confirmed,
// each with the other confirmed participants it has no open meeting with yet.
func (h *Handler) requestableEvents(ctx context.Context, enterpriseID string, events map[string]*domain.Event,
	sent map[string]int, busy map[string]bool) ([]requestableEvent, error) {
	st := h.deps.Store
	now := h.now()
	var out []requestableEvent
	for _, e := range events {
		if e.Status != domain.EventPublished || !now.Before(e.EndsAt) {
			continue
		}
		mine, err := registrationOf(ctx, st, e.ID, enterpriseID)
		if err != nil {
			return nil, err
		}
		if mine == nil || mine.Status != domain.RegConfirmed {
			continue
		}
		regs, _, _, err := st.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{
			Statuses: []domain.RegistrationStatus{domain.RegConfirmed}}, store.Page{Limit: maxParticipantsListed})
		if err != nil {
			return nil, err
		}
		others := make([]domain.Registration, 0, len(regs))
		for _, r := range regs {
			if r.EnterpriseID != enterpriseID && !busy[e.ID+":"+r.EnterpriseID] {
				others = append(others, r)
			}
		}
		out = append(out, requestableEvent{Event: e, Participants: others, Sent: sent[e.ID], Quota: domain.MeetingQuota})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Event.StartsAt.Before(out[j].Event.StartsAt) })
	return out, nil
}

// meetingFlash is the message key that tells a member why a meeting form was refused, and
// whether err is such a refusal at all.
func meetingFlash(err error) (string, bool) {
	var (
		ve *domain.ValidationError
		ce *domain.ConflictError
	)
	key := ""
	switch {
	case errors.As(err, &ve):
		for _, f := range []string{"with", "eventId", "enterpriseId", "matchId", "message", "tables", "slotMinutes"} {
			if p, ok := ve.Fields[f]; ok {
				key = p.Key
				break
			}
		}
	case errors.As(err, &ce):
		key = ce.Key
	default:
		return "", false
	}
	if k := "meetings.flash." + key; key != "" && locales.Has(locales.Default, k) {
		return k, true
	}
	return "meetings.flash.refused", true
}

// formRequestMeeting is the request form of the meetings page.
func (h *Handler) formRequestMeeting(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	_, err = h.requestMeeting(c.UserContext(), currentUser(c), e, meetingInput{
		With: c.FormValue("with"), MatchID: c.FormValue("matchId"), Message: c.FormValue("message")})
	if key, ok := meetingFlash(err); ok {
		return h.redirectWithFlash(c, "/meetings", "error", key)
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/meetings", "success", "meetings.flash.requested")
}

// formMeetingAction is the accept, decline and cancel buttons of the meetings page.
func (h *Handler) formMeetingAction(act string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		m, err := h.actOnMeeting(c, act)
		if key, ok := meetingFlash(err); ok {
			return h.redirectWithFlash(c, "/meetings", "error", key)
		}
		if err != nil {
			return err
		}
		return h.redirectWithFlash(c, "/meetings#meeting-"+m.ID, "success", "meetings.flash."+act)
	}
}

// scheduleRow is one meeting on the organiser's schedule page.
type scheduleRow struct {
	domain.Meeting
	Draft bool // placed but not yet published
}

// pageEventMeetings is the organiser's view of an event's meetings: the draft schedule, what
// could not be placed, the scheduler's settings and the publish button.
func (h *Handler) pageEventMeetings(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	ms, err := h.deps.Store.Meetings.List(c.UserContext(), store.MeetingFilter{EventID: e.ID})
	if err != nil {
		return err
	}
	counts := map[string]int{}
	var placed, unplaced []scheduleRow
	drafts := 0
	for _, m := range ms {
		counts[string(m.Status)]++
		if m.Status != domain.MeetingAccepted {
			continue
		}
		row := scheduleRow{Meeting: m, Draft: m.PublishedAt == nil}
		if !m.Scheduled() {
			unplaced = append(unplaced, row)
			continue
		}
		if row.Draft {
			drafts++
		}
		placed = append(placed, row)
	}
	sort.Slice(placed, func(i, j int) bool {
		a, b := placed[i], placed[j]
		if !a.SlotStart.Equal(*b.SlotStart) {
			return a.SlotStart.Before(*b.SlotStart)
		}
		return a.Table < b.Table
	})
	tables, minutes := c.Query("tables", strconv.Itoa(matching.DefaultTables)), c.Query("slotMinutes", "20")
	rounds := len(matching.MeetingSlots(e.Sessions, matching.DefaultSlotLength))
	return h.render(c, fiber.StatusOK, "meetings/schedule", map[string]any{
		"Title": locales.T(currentLocale(c), "meetings.schedule.title", e.DisplayTitle(currentLocale(c))),
		"Event": e, "Placed": placed, "Unplaced": unplaced, "Counts": counts, "Drafts": drafts,
		"Statuses": domain.MeetingStatuses, "Rounds": rounds,
		"Form": map[string]string{"tables": tables, "slotMinutes": minutes},
	})
}

// formDraftSchedule runs the scheduler from the organiser's page.
func (h *Handler) formDraftSchedule(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	in := scheduleInput{}
	in.Tables, _ = strconv.Atoi(c.FormValue("tables"))
	in.SlotMinutes, _ = strconv.Atoi(c.FormValue("slotMinutes"))
	if c.FormValue("tables") != "" && in.Tables == 0 {
		in.Tables = -1 // not a number: refused like any bad value
	}
	back := "/events/" + e.ID + "/meetings?" + url.Values{"tables": {c.FormValue("tables")},
		"slotMinutes": {c.FormValue("slotMinutes")}}.Encode()
	res, err := h.draftSchedule(c.UserContext(), e, in)
	if key, ok := meetingFlash(err); ok {
		return h.redirectWithFlash(c, back, "error", key)
	}
	if err != nil {
		return err
	}
	key := "meetings.flash.scheduled"
	if len(res.Unplaced) > 0 {
		key = "meetings.flash.scheduledPartly"
	}
	return h.redirectWithFlash(c, back, "success", key)
}

// formPublishSchedule publishes the draft from the organiser's page.
func (h *Handler) formPublishSchedule(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	if _, err := h.deps.Store.Meetings.Publish(c.UserContext(), e.ID, h.now()); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/events/"+e.ID+"/meetings", "success", "meetings.flash.published")
}

// pageOrganiserMeetings is /meetings for organisers and admins: the upcoming events they run,
// each leading to its schedule page.
func (h *Handler) pageOrganiserMeetings(c *fiber.Ctx) error {
	u := currentUser(c)
	f := store.EventFilter{Statuses: []domain.EventStatus{domain.EventPublished}, From: h.now()}
	if u.Role != domain.RoleAdmin {
		f.Clusters = u.Clusters
	}
	events := []domain.Event{}
	if u.Role == domain.RoleAdmin || len(u.Clusters) > 0 {
		var err error
		if events, _, _, err = h.deps.Store.Events.List(c.UserContext(), f, store.Page{Limit: 100}); err != nil {
			return err
		}
	}
	return h.render(c, fiber.StatusOK, "meetings/events", map[string]any{
		"Title": locales.T(currentLocale(c), "meetings.organiser.title"), "Events": events,
	})
}
