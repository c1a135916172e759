package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	meetsvc "duijie/service/meetings"
	"duijie/service/notify"
	"duijie/store"
)

// meetingMailAction names the mail of each meeting action (service/notify).
var meetingMailAction = map[string]string{"accept": notify.MeetingAccepted, "decline": notify.MeetingDeclined,
	"cancel": notify.MeetingCancelled}

// meetingInput is the body of POST /events/{id}/meetings.
type meetingInput struct {
	With      string     `json:"with"`
	MatchID   string     `json:"matchId"`
	Message   string     `json:"message"`
	SlotStart *time.Time `json:"slotStart"`
	VideoLink string     `json:"videoLink"`
}

func (in meetingInput) request() meetsvc.RequestInput {
	return meetsvc.RequestInput{With: in.With, MatchID: in.MatchID, Message: in.Message, SlotStart: in.SlotStart,
		VideoLink: in.VideoLink}
}

// answerInput is the optional body of POST /meetings/{id}/accept: another slot, a video link.
type answerInput struct {
	SlotStart *time.Time `json:"slotStart"`
	VideoLink *string    `json:"videoLink"`
}

// apiRequestMeeting asks another participant of the event for a 1:1 meeting, at a slot or left
// to the scheduler.
func (h *Handler) apiRequestMeeting(c *fiber.Ctx) error {
	var in meetingInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	m, err := h.meetings().Request(c.UserContext(), u, e, in.request())
	if err != nil {
		return err
	}
	h.afterMeeting(c.UserContext(), m, notify.MeetingRequested, u.EnterpriseID)
	return sendData(c, fiber.StatusCreated, meetingView(*m, e))
}

// apiMeetingAction answers POST /meetings/{id}/accept|decline|cancel.
func (h *Handler) apiMeetingAction(act string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in answerInput
		if act == "accept" && len(c.Body()) > 0 {
			if err := decodeJSON(c, &in); err != nil {
				return err
			}
		}
		m, err := h.actOnMeeting(c, act, meetsvc.AnswerInput{SlotStart: in.SlotStart, VideoLink: in.VideoLink})
		if err != nil {
			return err
		}
		return sendData(c, fiber.StatusOK, forMember(*m))
	}
}

// forMember hides a draft slot: members learn their time and table once the organiser
// publishes, or at once when both sides booked the slot themselves.
func forMember(m domain.Meeting) domain.Meeting {
	if m.PublishedAt == nil {
		m.SlotStart, m.SlotEnd, m.Table = nil, nil, 0
	}
	return m
}

// meetingView is forMember with the times in the event's zone.
func meetingView(m domain.Meeting, e *domain.Event) domain.Meeting {
	m = forMember(m)
	if e == nil {
		return m
	}
	loc := e.Location()
	for _, t := range []**time.Time{&m.SlotStart, &m.SlotEnd, &m.RequestedSlot} {
		if *t != nil {
			x := (*t).In(loc)
			*t = &x
		}
	}
	return m
}

// apiMyMeetings lists the meetings of the member's enterprise, at every event, newest first,
// with slotStart and table once they are fixed.
func (h *Handler) apiMyMeetings(c *fiber.Ctx) error {
	u := currentUser(c)
	out := []domain.Meeting{}
	if u.EnterpriseID != "" {
		ctx := c.UserContext()
		ms, err := h.deps.Store.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: u.EnterpriseID})
		if err != nil {
			return err
		}
		events, err := h.meetingEvents(ctx, u.EnterpriseID, ms)
		if err != nil {
			return err
		}
		for _, m := range ms {
			out = append(out, meetingView(m, events[m.EventID]))
		}
	}
	return sendList(c, out, "", len(out))
}

// actOnMeeting applies act of the caller to the route's meeting and queues the mail of a change.
func (h *Handler) actOnMeeting(c *fiber.Ctx, act string, in meetsvc.AnswerInput) (*domain.Meeting, error) {
	u := currentUser(c)
	m, changed, err := h.meetings().Act(c.UserContext(), u, c.Params("id"), act, in)
	if err != nil {
		return nil, err
	}
	if changed {
		h.afterMeeting(c.UserContext(), m, meetingMailAction[act], u.EnterpriseID)
	}
	return m, nil
}
