package handlers

import (
	"bytes"
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/matching"
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

// scheduleResult is what a draft run reports.
type scheduleResult struct {
	Placed   int                  `json:"placed"`
	Slots    []domain.MeetingSlot `json:"slots"`
	Unplaced []string             `json:"unplaced"`
}

// draftSchedule places the event's accepted meetings on its matchmaking sessions and stores the
// draft; published meetings keep their places.
func (h *Handler) draftSchedule(ctx context.Context, e *domain.Event, in scheduleInput) (*scheduleResult, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	st := h.deps.Store
	ms, err := st.Meetings.List(ctx, store.MeetingFilter{EventID: e.ID,
		Statuses: []domain.MeetingStatus{domain.MeetingAccepted}})
	if err != nil {
		return nil, err
	}
	slots := matching.MeetingSlots(e.Sessions, time.Duration(in.SlotMinutes)*time.Minute)
	s := matching.ScheduleMeetings(ms, slots, in.Tables)
	placed, err := st.Meetings.Schedule(ctx, e.ID, s.Slots, h.now())
	if err != nil {
		return nil, err
	}
	return &scheduleResult{Placed: placed, Slots: s.Slots, Unplaced: s.Unplaced}, nil
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
	n, err := h.deps.Store.Meetings.Publish(c.UserContext(), e.ID, h.now())
	if err != nil {
		return err
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
