package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// checkinInput is the body of POST /events/{id}/checkins: the scanned or typed code and,
// optionally, a label of the device at the door.
type checkinInput struct {
	Code   string `json:"code"`
	Device string `json:"device"`
}

// checkinAnswer is what the door learns from a successful scan.
type checkinAnswer struct {
	Result       domain.CheckinResult `json:"result"`
	Registration *domain.Registration `json:"registration"`
	Scan         *domain.Checkin      `json:"scan"`
}

// checkIn runs one scan at the route's event. Every scan is logged, whatever it answers. A
// repeat is a 409 saying when the badge was first scanned; an unknown code 404; a waitlisted or
// cancelled registration 422.
func (h *Handler) checkIn(c *fiber.Ctx, rawCode, device string) (*checkinAnswer, error) {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return nil, err
	}
	now := h.now()
	if err := e.CheckinOpen(now); err != nil {
		return nil, err
	}
	code := domain.NormalizeCheckinCode(rawCode)
	if code == "" {
		if rawCode == "" {
			return nil, domain.Invalid("code", "required")
		}
		return nil, domain.Invalid("code", "checkin_code_format")
	}
	if device == "" {
		device = c.Get(fiber.HeaderUserAgent)
	}
	r, scan, err := h.deps.Store.Checkins.CheckIn(c.UserContext(), e.ID, code, currentUser(c).ID, domain.CleanDevice(device), now)
	if err != nil {
		return nil, err
	}
	lang := currentLocale(c)
	switch scan.Result {
	case domain.CheckinUnknown:
		return nil, withMessage(fiber.StatusNotFound, "events.checkin.unknown", code)
	case domain.CheckinNotConfirmed:
		return nil, domain.Invalid("code", "checkin_not_confirmed")
	case domain.CheckinAlready:
		return nil, withMessage(fiber.StatusConflict, "events.checkin.already", r.EnterpriseName,
			h.fmtDateTime(lang, r.CheckedInAt, e.Timezone))
	}
	return &checkinAnswer{Result: scan.Result, Registration: r, Scan: scan}, nil
}

// apiCheckIn checks a registration in at the door (organisers of the event's cluster).
func (h *Handler) apiCheckIn(c *fiber.Ctx) error {
	var in checkinInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	a, err := h.checkIn(c, in.Code, in.Device)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusCreated, a)
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
