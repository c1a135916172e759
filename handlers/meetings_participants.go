package handlers

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	meetsvc "duijie/service/meetings"
)

// maxParticipantQuery bounds the directory's text filter.
const maxParticipantQuery = 100

// participantFilter reads ?q=&cluster= of the directory.
func participantFilter(c *fiber.Ctx) (meetsvc.ParticipantFilter, error) {
	f := meetsvc.ParticipantFilter{Q: strings.TrimSpace(c.Query("q")), Cluster: strings.TrimSpace(c.Query("cluster"))}
	if len([]rune(f.Q)) > maxParticipantQuery {
		return f, badRequest("q", "too_long", maxParticipantQuery)
	}
	return f, nil
}

// canSeeParticipants: organisers of the event's cluster and admins see the directory; members
// are checked by the service (a confirmed registration).
func (h *Handler) participantsEvent(c *fiber.Ctx) (*domain.Event, error) {
	e, err := h.loadEvent(c)
	if err != nil {
		return nil, err
	}
	if u := currentUser(c); u.Role != domain.RoleMember && !u.CanManageCluster(e.Cluster) {
		return nil, domain.ErrForbidden
	}
	return e, nil
}

// apiParticipants lists the event's opted-in participants, recommended first for a member.
func (h *Handler) apiParticipants(c *fiber.Ctx) error {
	f, err := participantFilter(c)
	if err != nil {
		return err
	}
	e, err := h.participantsEvent(c)
	if err != nil {
		return err
	}
	ps, err := h.meetings().Participants(c.UserContext(), currentUser(c), e, f)
	if err != nil {
		return err
	}
	return sendList(c, ps, "", len(ps))
}

// pageParticipants is the directory of firms to meet at the event.
func (h *Handler) pageParticipants(c *fiber.Ctx) error {
	f, err := participantFilter(c)
	if err != nil {
		return err
	}
	e, err := h.participantsEvent(c)
	if err != nil {
		return err
	}
	ctx, u, lang := c.UserContext(), currentUser(c), currentLocale(c)
	data := &meetingParticipantsView{
		Page:  Page{Title: locales.T(lang, "meet2.participants.title", e.DisplayTitle(lang))},
		Event: e, Filter: f, ClusterNames: h.clusterNames(c), IsMember: u.Role == domain.RoleMember,
	}
	ps, err := h.meetings().Participants(ctx, u, e, f)
	if errors.Is(err, domain.ErrForbidden) && u.Role == domain.RoleMember {
		// Not confirmed for this event: say so and point at registration instead of a bare 403.
		data.NotRegistered = true
		return h.render(c, fiber.StatusOK, "meetings/participants", data)
	}
	if err != nil {
		return err
	}
	data.Participants = ps
	if u.Role == domain.RoleMember {
		in, err := h.meetings().OptedIn(ctx, e.ID, u.EnterpriseID)
		if err != nil {
			return err
		}
		data.OptedIn = in
		data.Open = e.Status == domain.EventPublished && h.now().Before(e.EndsAt)
	}
	return h.render(c, fiber.StatusOK, "meetings/participants", data)
}

// optInInput is the body of PUT /events/{id}/meetings/opt-in.
type optInInput struct {
	OptIn *bool `json:"meetingsOptIn"`
}

// apiMeetingOptIn switches the member's enterprise in or out of meetings at the event.
func (h *Handler) apiMeetingOptIn(c *fiber.Ctx) error {
	var in optInInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.OptIn == nil {
		return badRequest("meetingsOptIn", "required")
	}
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	if err := h.meetings().SetOptIn(c.UserContext(), currentUser(c), e, *in.OptIn); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, fiber.Map{"eventId": e.ID, "meetingsOptIn": *in.OptIn})
}

// apiFreeSlots lists the slots where the member's enterprise and ?with= both are free.
func (h *Handler) apiFreeSlots(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	with := c.Query("with")
	u := currentUser(c)
	if with != "" && !domain.ValidID(with) {
		return badRequest("with", "invalid")
	}
	slots, err := h.meetings().FreeSlots(c.UserContext(), e, u.EnterpriseID, with)
	if err != nil {
		return err
	}
	loc := e.Location()
	for i := range slots {
		slots[i].Start, slots[i].End = slots[i].Start.In(loc), slots[i].End.In(loc)
	}
	return sendList(c, slots, "", len(slots))
}

// meetingSlotsInput is the body of PUT /events/{id}/meeting-slots: every window.
type meetingSlotsInput struct {
	MeetingSlots []domain.MeetingWindow `json:"meetingSlots"`
}

// apiPutMeetingSlots replaces the event's meeting windows (its organisers).
func (h *Handler) apiPutMeetingSlots(c *fiber.Ctx) error {
	var in meetingSlotsInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	ws, err := h.meetings().SetWindows(c.UserContext(), e, in.MeetingSlots)
	if err != nil {
		return err
	}
	h.audit(c.UserContext(), currentUser(c).ID, "event.meeting_slots", "event:"+e.ID, "", clientIP(c))
	return sendData(c, fiber.StatusOK, fiber.Map{"meetingSlots": ws})
}

// apiGetMeetingSlots returns the event's meeting windows and the rounds cut from them.
func (h *Handler) apiGetMeetingSlots(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	ws, err := h.meetings().Windows(c.UserContext(), e)
	if err != nil {
		return err
	}
	slots, err := h.meetings().Slots(c.UserContext(), e)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, fiber.Map{"meetingSlots": ws, "slots": slots})
}

// feedbackInput is the body of POST /meetings/{id}/feedback.
type feedbackInput struct {
	Held    *bool                 `json:"held"`
	Rating  int                   `json:"rating"`
	Outcome domain.MeetingOutcome `json:"outcome"`
	Note    string                `json:"note"`
}

// apiMeetingFeedback records one side's feedback after the slot.
func (h *Handler) apiMeetingFeedback(c *fiber.Ctx) error {
	var in feedbackInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Held == nil {
		return badRequest("held", "required")
	}
	m, err := h.meetings().Feedback(c.UserContext(), currentUser(c), c.Params("id"),
		domain.MeetingFeedback{Held: *in.Held, Rating: in.Rating, Outcome: in.Outcome, Note: in.Note})
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, forMember(*m))
}

// apiMeetingReport is the organiser's report of the event's meetings.
func (h *Handler) apiMeetingReport(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	r, err := h.meetings().Report(c.UserContext(), e)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, r)
}

// pageMeetingFeedback is the feedback form of one meeting.
func (h *Handler) pageMeetingFeedback(c *fiber.Ctx) error {
	ctx, u := c.UserContext(), currentUser(c)
	id := c.Params("id")
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	m, err := h.deps.Store.Meetings.Get(ctx, id)
	if err != nil {
		return err
	}
	if !m.Involves(u.EnterpriseID) {
		return domain.ErrNotFound
	}
	e, err := h.deps.Store.Events.Get(ctx, m.EventID)
	if err != nil {
		return err
	}
	row := h.memberRow(*m, e, u.EnterpriseID, h.now())
	return h.render(c, fiber.StatusOK, "meetings/feedback", &meetingFeedbackView{
		Page: Page{Title: locales.T(currentLocale(c), "meet2.feedback.title", row.Counterpart)},
		Row:  row, Event: e, Outcomes: domain.MeetingOutcomes, Ratings: []int{1, 2, 3, 4, 5},
	})
}

// formMeetingFeedback stores the feedback form.
func (h *Handler) formMeetingFeedback(c *fiber.Ctx) error {
	id := c.Params("id")
	back := "/meetings/" + id + "/feedback"
	held := c.FormValue("held")
	if held != "1" && held != "0" {
		return h.redirectWithFlash(c, back, "error", "meet2.flash.heldRequired")
	}
	f := domain.MeetingFeedback{Held: held == "1", Outcome: domain.MeetingOutcome(c.FormValue("outcome")), Note: c.FormValue("note")}
	if f.Held {
		f.Rating = atoiOr(c.FormValue("rating"), -1)
	} else {
		f.Outcome = domain.OutcomeNone
	}
	m, err := h.meetings().Feedback(c.UserContext(), currentUser(c), id, f)
	if key, ok := meetingFlash(err); ok {
		return h.redirectWithFlash(c, back, "error", key)
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/meetings#meeting-"+m.ID, "success", "meet2.flash.feedbackSaved")
}

// atoiOr parses a form number, def when it is not one.
func atoiOr(s string, def int) int {
	n := 0
	if s == "" {
		return def
	}
	for _, r := range s {
		if r < '0' || r > '9' || n > 1000 {
			return def
		}
		n = n*10 + int(r-'0')
	}
	return n
}
