package handlers

import (
	"bytes"
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/matching"
	meetsvc "duijie/service/meetings"
	"duijie/store"
)

// Bounds of the organiser's scheduling settings.
const (
	maxMeetingTables = 500
	minSlotMinutes   = 5
	maxSlotMinutes   = 240
)

// scheduleInput is the optional body of POST /events/{id}/schedule; zero values take the
// scheduler's defaults.
type scheduleInput struct {
	Tables      int `json:"tables"`
	SlotMinutes int `json:"slotMinutes"`
}

func (in *scheduleInput) validate() error {
	v := &domain.ValidationError{}
	if in.Tables == 0 {
		in.Tables = matching.DefaultTables
	}
	if in.SlotMinutes == 0 {
		in.SlotMinutes = int(matching.DefaultSlotLength / time.Minute)
	}
	if in.Tables < 1 || in.Tables > maxMeetingTables {
		v.Add("tables", "meeting_range", 1, maxMeetingTables)
	}
	if in.SlotMinutes < minSlotMinutes || in.SlotMinutes > maxSlotMinutes {
		v.Add("slotMinutes", "meeting_range", minSlotMinutes, maxSlotMinutes)
	}
	return v.Err()
}

// draftSchedule validates the organiser's settings and runs the scheduler.
func (h *Handler) draftSchedule(ctx context.Context, e *domain.Event, in scheduleInput) (*meetsvc.DraftResult, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	return h.meetings().DraftSchedule(ctx, e, in.Tables, in.SlotMinutes)
}

// apiDraftSchedule runs the scheduler for the organiser to review.
func (h *Handler) apiDraftSchedule(c *fiber.Ctx) error {
	var in scheduleInput
	if len(bytes.TrimSpace(c.Body())) > 0 {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
	}
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	res, err := h.draftSchedule(c.UserContext(), e, in)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, res)
}

// apiPublishSchedule shows the drafted slots to the members.
func (h *Handler) apiPublishSchedule(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	n, err := h.meetings().Publish(c.UserContext(), e)
	if err != nil {
		return err
	}
	if n > 0 {
		h.afterSchedulePublished(c.UserContext(), e)
	}
	return sendData(c, fiber.StatusOK, fiber.Map{"published": n})
}

// apiEventMeetings lists an event's meetings, draft slots included, for its organisers.
func (h *Handler) apiEventMeetings(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	ms, err := h.deps.Store.Meetings.List(c.UserContext(), store.MeetingFilter{EventID: e.ID})
	if err != nil {
		return err
	}
	return sendList(c, ms, "", len(ms))
}
