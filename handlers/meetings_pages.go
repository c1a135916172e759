package handlers

import (
	"context"
	"errors"
	"net/url"
	"sort"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	meetsvc "duijie/service/meetings"
	"duijie/service/notify"
	"duijie/store"
)

// meetingRow is one meeting as its member sees it.
type meetingRow struct {
	domain.Meeting
	Event       *domain.Event
	Counterpart string
	Incoming    bool // the member's enterprise is the recipient
	CanAnswer   bool
	CanCancel   bool
	ShowSlot    bool
	// CanFeedback: the slot has begun and this side has not answered yet; Mine is this side's
	// feedback once given.
	CanFeedback bool
	Mine        *domain.MeetingFeedback
}

// agendaDay is one day of a member's personal agenda.
type agendaDay struct {
	Day  time.Time
	Zone string
	Rows []meetingRow
}

// meetingEventRow is an upcoming event where the member's enterprise is confirmed: whether it
// takes part in meetings and how many requests it has left.
type meetingEventRow struct {
	Event       *domain.Event
	OptedIn     bool
	Sent, Quota int
}

// pageMyMeetings is the member's meetings page: the personal agenda (times and tables), the
// requests sent and received with their buttons, and the events where it can meet others.
func (h *Handler) pageMyMeetings(c *fiber.Ctx) error {
	ctx, u := c.UserContext(), currentUser(c)
	if u.Role != domain.RoleMember {
		return h.pageOrganiserMeetings(c)
	}
	var agenda []agendaDay
	requests := []meetingRow{}
	var open []meetingEventRow
	if u.EnterpriseID != "" {
		ms, err := h.deps.Store.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: u.EnterpriseID})
		if err != nil {
			return err
		}
		events, err := h.meetingEvents(ctx, u.EnterpriseID, ms)
		if err != nil {
			return err
		}
		now := h.now()
		sent := map[string]int{}
		var fixed []meetingRow
		for _, m := range ms {
			if m.RequesterID == u.EnterpriseID {
				sent[m.EventID]++
			}
			row := h.memberRow(m, events[m.EventID], u.EnterpriseID, now)
			if row.ShowSlot && m.Status == domain.MeetingAccepted {
				fixed = append(fixed, row)
			} else {
				requests = append(requests, row)
			}
		}
		agenda = agendaDays(fixed)
		if open, err = h.meetingEventRows(ctx, u.EnterpriseID, events, sent); err != nil {
			return err
		}
	}
	return h.render(c, fiber.StatusOK, "meetings/mine", &meetingsMineView{
		Agenda: agenda, Requests: requests, Open: open,
	})
}

func (h *Handler) memberRow(m domain.Meeting, e *domain.Event, me string, now time.Time) meetingRow {
	_, name := m.Counterpart(me)
	row := meetingRow{Meeting: forMember(m), Event: e, Counterpart: name,
		Incoming:  m.RecipientID == me,
		CanAnswer: m.RecipientID == me && m.Status == domain.MeetingRequested,
		// The recipient of an unanswered request declines rather than cancels.
		CanCancel: (m.Status == domain.MeetingAccepted && (m.SlotStart == nil || now.Before(*m.SlotStart))) ||
			(m.Status == domain.MeetingRequested && m.RequesterID == me),
		ShowSlot: m.PublishedAt != nil && m.Scheduled()}
	row.Mine = m.RequesterFeedback
	if m.RecipientID == me {
		row.Mine = m.RecipientFeedback
	}
	if _, err := m.FeedbackSide(me, now); err == nil {
		row.CanFeedback = true
	}
	return row
}

// agendaDays groups fixed meetings by day in their event's zone, in time order.
func agendaDays(rows []meetingRow) []agendaDay {
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].SlotStart.Before(*rows[j].SlotStart) })
	var out []agendaDay
	for _, r := range rows {
		zone := domain.DefaultTimezone
		loc := time.UTC
		if r.Event != nil {
			zone, loc = r.Event.Timezone, r.Event.Location()
		}
		t := r.SlotStart.In(loc)
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		if n := len(out); n == 0 || !out[n-1].Day.Equal(day) {
			out = append(out, agendaDay{Day: day, Zone: zone})
		}
		out[len(out)-1].Rows = append(out[len(out)-1].Rows, r)
	}
	return out
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

// meetingEventRows are the published, unfinished events where the enterprise is confirmed.
func (h *Handler) meetingEventRows(ctx context.Context, enterpriseID string, events map[string]*domain.Event,
	sent map[string]int) ([]meetingEventRow, error) {
	now := h.now()
	var out []meetingEventRow
	for _, e := range events {
		if e.Status != domain.EventPublished || !now.Before(e.EndsAt) {
			continue
		}
		r, err := h.deps.Store.Registrations.ByEnterprise(ctx, e.ID, enterpriseID)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if r.Status != domain.RegConfirmed {
			continue
		}
		in, err := h.meetings().OptedIn(ctx, e.ID, enterpriseID)
		if err != nil {
			return nil, err
		}
		out = append(out, meetingEventRow{Event: e, OptedIn: in, Sent: sent[e.ID], Quota: domain.MeetingQuota})
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
		for _, f := range []string{"with", "slotStart", "eventId", "enterpriseId", "matchId", "message", "videoLink",
			"rating", "outcome", "note", "meetingsOptIn", "tables", "slotMinutes"} {
			if p, ok := ve.Fields[f]; ok {
				key = p.Key
				if f == "rating" && key == "meeting_range" {
					key = "meet2_rating_range" // the range message is worded for schedule settings
				}
				break
			}
		}
		if key == "" {
			for _, p := range ve.Fields {
				key = p.Key
				break
			}
		}
	case errors.As(err, &ce):
		key = ce.Key
	default:
		return "", false
	}
	for _, k := range []string{"meetings.flash." + key, "meet2.flash." + key} {
		if key != "" && locales.Has(locales.Default, k) {
			return k, true
		}
	}
	return "meetings.flash.refused", true
}

// pageRequestMeeting is the request form: whom, at which free slot of both sides (or left to
// the scheduler), a message and, for an online meeting, a video link.
func (h *Handler) pageRequestMeeting(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	ctx, u := c.UserContext(), currentUser(c)
	with := c.Query("with")
	var other *domain.Enterprise
	if domain.ValidID(with) {
		if other, err = h.deps.Store.Enterprises.Get(ctx, with); err != nil && !errors.Is(err, domain.ErrNotFound) {
			return err
		}
	}
	if other == nil {
		return h.redirectWithFlash(c, "/events/"+e.ID+"/participants", "error", "meet2.flash.pickParticipant")
	}
	free, err := h.meetings().FreeSlots(ctx, e, u.EnterpriseID, other.ID)
	if err != nil {
		return err
	}
	allSlots, err := h.meetings().Slots(ctx, e)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "meetings/request", &meetingRequestView{
		Page:  Page{Title: locales.T(currentLocale(c), "meet2.request.title", other.Name)},
		Event: e, Other: other, Days: slotDays(free, e), AnySlots: len(allSlots) > 0,
		MatchID: c.Query("matchId"),
	})
}

// slotDay is one day of free slots on the request form.
type slotDay struct {
	Day   time.Time
	Slots []slotView
}

// slotView is a free slot with the form value that names it.
type slotView struct {
	Start, End time.Time
	Value      string // RFC 3339
}

func slotDays(slots []domain.SlotTime, e *domain.Event) []slotDay {
	loc := e.Location()
	var out []slotDay
	for _, s := range slots {
		t := s.Start.In(loc)
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		if n := len(out); n == 0 || !out[n-1].Day.Equal(day) {
			out = append(out, slotDay{Day: day})
		}
		out[len(out)-1].Slots = append(out[len(out)-1].Slots, slotView{Start: s.Start, End: s.End,
			Value: s.Start.In(loc).Format(time.RFC3339)})
	}
	return out
}

// formRequestMeeting sends the request form.
func (h *Handler) formRequestMeeting(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	in := meetsvc.RequestInput{With: c.FormValue("with"), MatchID: c.FormValue("matchId"),
		Message: c.FormValue("message"), VideoLink: c.FormValue("videoLink")}
	back := "/events/" + e.ID + "/meetings/new?" + url.Values{"with": {in.With}}.Encode()
	if s := c.FormValue("slotStart"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return h.redirectWithFlash(c, back, "error", "meet2.flash.meet2_slot_unknown")
		}
		in.SlotStart = &t
	}
	u := currentUser(c)
	m, err := h.meetings().Request(c.UserContext(), u, e, in)
	if key, ok := meetingFlash(err); ok {
		return h.redirectWithFlash(c, back, "error", key)
	}
	if err != nil {
		return err
	}
	h.afterMeeting(c.UserContext(), m, notify.MeetingRequested, u.EnterpriseID)
	return h.redirectWithFlash(c, "/meetings", "success", "meetings.flash.requested")
}

// formMeetingAction is the accept, decline and cancel buttons of the meetings page.
func (h *Handler) formMeetingAction(act string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in meetsvc.AnswerInput
		if act == "accept" {
			var bad bool
			if in, bad = answerForm(c); bad {
				return h.redirectWithFlash(c, "/meetings/"+c.Params("id")+"/answer", "error", "meet2.flash.meet2_slot_unknown")
			}
		}
		m, err := h.actOnMeeting(c, act, in)
		if key, ok := meetingFlash(err); ok {
			if act == "accept" && slotRefusal(err) {
				// The proposed (or chosen) slot is gone: choose another free slot of both sides.
				return h.redirectWithFlash(c, "/meetings/"+c.Params("id")+"/answer", "error", key)
			}
			return h.redirectWithFlash(c, "/meetings", "error", key)
		}
		if err != nil {
			return err
		}
		key := "meetings.flash." + act
		if act == "accept" && m.Scheduled() {
			key = "meet2.flash.booked"
		}
		return h.redirectWithFlash(c, "/meetings#meeting-"+m.ID, "success", key)
	}
}

// formMeetingOptIn switches the member's enterprise in or out of meetings at an event.
func (h *Handler) formMeetingOptIn(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	in := c.FormValue("optIn") == "1"
	err = h.meetings().SetOptIn(c.UserContext(), currentUser(c), e, in)
	back := c.FormValue("back")
	if back != "/meetings" {
		back = "/events/" + e.ID + "/participants"
	}
	if key, ok := meetingFlash(err); ok {
		return h.redirectWithFlash(c, back, "error", key)
	}
	if err != nil {
		return err
	}
	key := "meet2.flash.optedOut"
	if in {
		key = "meet2.flash.optedIn"
	}
	return h.redirectWithFlash(c, back, "success", key)
}

// pageOrganiserMeetings is /meetings for organisers and admins: the upcoming events they run,
// each leading to its schedule page.
func (h *Handler) pageOrganiserMeetings(c *fiber.Ctx) error {
	u := currentUser(c)
	f := store.EventFilter{Statuses: []domain.EventStatus{domain.EventPublished, domain.EventCompleted}, From: h.now().AddDate(0, -3, 0)}
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
	return h.render(c, fiber.StatusOK, "meetings/events", &meetingsEventsView{
		Page: Page{Title: locales.T(currentLocale(c), "meetings.organiser.title")}, Events: events,
	})
}
