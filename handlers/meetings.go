package handlers

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/notify"
	"duijie/store"
)

// meetingInput is the body of POST /events/{id}/meetings.
type meetingInput struct {
	With    string `json:"with"`
	MatchID string `json:"matchId"`
	Message string `json:"message"`
}

// requestMeeting stores u's enterprise's request to meet in.With at e: both must hold a
// confirmed registration, the pair no open request, the requester quota left.
func (h *Handler) requestMeeting(ctx context.Context, u *domain.User, e *domain.Event, in meetingInput) (*domain.Meeting, error) {
	if u.EnterpriseID == "" {
		return nil, domain.Invalid("enterpriseId", "meeting_no_enterprise")
	}
	m := &domain.Meeting{EventID: e.ID, RequesterID: u.EnterpriseID, RecipientID: in.With, MatchID: in.MatchID,
		Message: in.Message, Status: domain.MeetingRequested, CreatedBy: u.ID}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	st := h.deps.Store
	requester, err := st.Enterprises.Get(ctx, m.RequesterID)
	if err != nil {
		return nil, err
	}
	recipient, err := st.Enterprises.Get(ctx, m.RecipientID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, domain.Invalid("with", "meeting_unknown_enterprise")
	}
	if err != nil {
		return nil, err
	}
	mine, err := registrationOf(ctx, st, e.ID, requester.ID)
	if err != nil {
		return nil, err
	}
	theirs, err := registrationOf(ctx, st, e.ID, recipient.ID)
	if err != nil {
		return nil, err
	}
	if err := domain.CheckMeetingParties(e, mine, theirs, h.now()); err != nil {
		return nil, err
	}
	if m.MatchID != "" {
		if m.Score, err = h.matchScore(ctx, m.MatchID, requester.ID, recipient.ID); err != nil {
			return nil, err
		}
	}
	m.RequesterName, m.RecipientName = requester.Name, recipient.Name
	m.CreatedAt = h.now()
	m.UpdatedAt = m.CreatedAt
	if err := st.Meetings.Create(ctx, m, domain.MeetingQuota); err != nil {
		return nil, err
	}
	h.afterMeeting(ctx, m, notify.MeetingRequested, u.EnterpriseID)
	return m, nil
}

// registrationOf is the enterprise's registration for the event, nil when it has none.
func registrationOf(ctx context.Context, st *store.Store, eventID, enterpriseID string) (*domain.Registration, error) {
	r, err := st.Registrations.ByEnterprise(ctx, eventID, enterpriseID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	return r, err
}

// matchScore is the score of the match that led to the request, the scheduler's priority. The
// match must pair the two enterprises, as buyer and supplier either way round.
func (h *Handler) matchScore(ctx context.Context, matchID, a, b string) (float64, error) {
	st := h.deps.Store
	mt, err := st.Matches.Get(ctx, matchID)
	if errors.Is(err, domain.ErrNotFound) {
		return 0, domain.Invalid("matchId", "meeting_match_mismatch")
	}
	if err != nil {
		return 0, err
	}
	l, err := st.Leads.Get(ctx, mt.LeadID)
	if err != nil {
		return 0, err
	}
	pair := (mt.EnterpriseID == a && l.BuyerEnterpriseID == b) || (mt.EnterpriseID == b && l.BuyerEnterpriseID == a)
	if !pair {
		return 0, domain.Invalid("matchId", "meeting_match_mismatch")
	}
	return mt.Score, nil
}

// apiRequestMeeting asks another participant of the event for a 1:1 meeting.
func (h *Handler) apiRequestMeeting(c *fiber.Ctx) error {
	var in meetingInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	m, err := h.requestMeeting(c.UserContext(), currentUser(c), e, in)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusCreated, forMember(*m))
}

// actOnMeeting loads the route's meeting for u's enterprise and applies act ("accept",
// "decline", "cancel"). A meeting of other enterprises does not exist for u.
func (h *Handler) actOnMeeting(c *fiber.Ctx, act string) (*domain.Meeting, error) {
	id := c.Params("id")
	u := currentUser(c)
	if !domain.ValidID(id) || u.EnterpriseID == "" {
		return nil, domain.ErrNotFound
	}
	ctx := c.UserContext()
	m, err := h.deps.Store.Meetings.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !m.Involves(u.EnterpriseID) {
		return nil, domain.ErrNotFound
	}
	from, now := m.Status, h.now()
	var changed bool
	switch act {
	case "accept":
		changed, err = m.Accept(u.EnterpriseID, now)
	case "decline":
		changed, err = m.Decline(u.EnterpriseID, now)
	default:
		changed, err = m.Cancel(u.EnterpriseID, now)
	}
	if err != nil || !changed {
		return m, err
	}
	if err := h.deps.Store.Meetings.Update(ctx, m, from); err != nil {
		return nil, err
	}
	h.afterMeeting(ctx, m, meetingMailAction[act], u.EnterpriseID)
	return m, nil
}

// meetingMailAction names the mail of each meeting action.
var meetingMailAction = map[string]string{"accept": notify.MeetingAccepted, "decline": notify.MeetingDeclined,
	"cancel": notify.MeetingCancelled}

// apiMeetingAction answers POST /meetings/{id}/accept|decline|cancel.
func (h *Handler) apiMeetingAction(act string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		m, err := h.actOnMeeting(c, act)
		if err != nil {
			return err
		}
		return sendData(c, fiber.StatusOK, forMember(*m))
	}
}

// forMember hides a draft slot: members learn their time and table once the organiser publishes.
func forMember(m domain.Meeting) domain.Meeting {
	if m.PublishedAt == nil {
		m.SlotStart, m.SlotEnd, m.Table = nil, nil, 0
	}
	return m
}

// apiMyMeetings lists the meetings of the member's enterprise, at every event, newest first.
func (h *Handler) apiMyMeetings(c *fiber.Ctx) error {
	u := currentUser(c)
	out := []domain.Meeting{}
	if u.EnterpriseID != "" {
		ms, err := h.deps.Store.Meetings.List(c.UserContext(), store.MeetingFilter{EnterpriseID: u.EnterpriseID})
		if err != nil {
			return err
		}
		for _, m := range ms {
			out = append(out, forMember(m))
		}
	}
	return sendList(c, out, "", len(out))
}
