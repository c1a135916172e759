package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/service/checkin"
	"duijie/store"
)

// checkinAnswer is what the door learns from a successful scan.
type checkinAnswer struct {
	Result       domain.CheckinResult `json:"result"`
	Registration *domain.Registration `json:"registration"`
	// Attendee is the index of the person checked in among the registration's attendees.
	Attendee int             `json:"attendee"`
	Scan     *domain.Checkin `json:"scan"`
	// Counts after the scan, for the door's tally.
	Counts *store.RegistrationCounts `json:"counts,omitempty"`
}

// checkins is the door's use case with this installation's settings.
func (h *Handler) checkins() *checkin.Service {
	return &checkin.Service{Store: h.deps.Store.Checkins, OpensBefore: h.deps.Options.CheckinOpensBefore, Now: h.now}
}

// checkIn runs one scan at the route's event. Every scan is logged, whatever it answers. A
// repeat is a 409 saying who was let in when; an unknown code 404; a waitlisted or cancelled
// registration, a malformed code or a scan outside the check-in window 422 saying why.
func (h *Handler) checkIn(c *fiber.Ctx, e *domain.Event, in checkin.Scan) (*checkinAnswer, error) {
	res, err := h.checkins().One(c.UserContext(), e, currentUser(c).ID, in)
	if err != nil {
		return nil, err
	}
	o := res.Outcome
	lang := currentLocale(c)
	switch res.Result {
	case checkin.ResultUnknown:
		return nil, withMessage(fiber.StatusNotFound, "events.checkin.unknown", res.Code)
	case checkin.ResultNotConfirmed:
		return nil, domain.Invalid("code", "checkin_not_confirmed")
	case checkin.ResultAlready:
		return nil, withMessage(fiber.StatusConflict, "eventday.checkin.already", res.Attendee, res.Enterprise,
			h.fmtDateTime(lang, res.CheckedInAt, e.Timezone))
	}
	return &checkinAnswer{Result: o.Scan.Result, Registration: o.Registration, Attendee: o.Attendee, Scan: o.Scan}, nil
}

// apiCheckIn checks one attendee in at the door (organisers of the event's cluster).
func (h *Handler) apiCheckIn(c *fiber.Ctx) error {
	var in checkin.Scan
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	a, err := h.checkIn(c, e, in)
	if err != nil {
		return err
	}
	counts, err := h.events.Counts(c.UserContext(), e)
	if err != nil {
		return err
	}
	a.Counts = &counts
	return sendData(c, fiber.StatusCreated, a)
}

// apiCheckinCounts is the door's tally: people and firms checked in.
func (h *Handler) apiCheckinCounts(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	counts, err := h.events.Counts(c.UserContext(), e)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, counts)
}

// batchInput is the body of POST /events/{id}/checkins/batch: what a device queued offline.
type batchInput struct {
	Scans []checkin.Scan `json:"scans"`
}

// apiCheckInBatch applies scans a device queued while offline and answers per scan; sending
// the same batch again changes nothing, so a device may repeat it until it hears back.
func (h *Handler) apiCheckInBatch(c *fiber.Ctx) error {
	var in batchInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	res, err := h.checkins().Batch(c.UserContext(), e, currentUser(c).ID, in.Scans)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	for i := range res {
		r := &res[i]
		switch {
		case r.Problem != "":
			r.Message = sentence(fieldMessage(lang, domain.FieldProblem{Key: r.Problem, Args: r.Args}))
		case r.Result == checkin.ResultAlready:
			r.Message = locales.T(lang, "eventday.checkin.already", r.Attendee, r.Enterprise, h.fmtDateTime(lang, r.CheckedInAt, e.Timezone))
		case r.Result == checkin.ResultUnknown:
			r.Message = locales.T(lang, "events.checkin.unknown", r.Code)
		case r.Result == checkin.ResultNotConfirmed:
			r.Message = sentence(fieldMessage(lang, domain.FieldProblem{Key: "checkin_not_confirmed"}))
		}
	}
	return sendData(c, fiber.StatusOK, res)
}

// apiListCheckins returns the event's scan log, newest first.
func (h *Handler) apiListCheckins(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	items, next, total, err := h.deps.Store.Checkins.List(c.UserContext(), e.ID, page)
	if err != nil {
		return err
	}
	return sendList(c, items, next, total)
}
