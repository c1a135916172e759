package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/service/checkin"
	"duijie/store"
)

// pageCheckin is the door's page: a field taking a scanned or typed code, the outcome of the
// last scan, the counts and the latest scans.
func (h *Handler) pageCheckin(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	return h.renderCheckin(c, fiber.StatusOK, e, nil)
}

// checkinOutcome is what the page shows about the last scan.
type checkinOutcome struct {
	Kind         string // success, warning or error: the flash style
	Message      string
	Registration *domain.Registration
}

func (h *Handler) renderCheckin(c *fiber.Ctx, status int, e *domain.Event, out *checkinOutcome) error {
	ctx := c.UserContext()
	counts, err := h.events.Counts(ctx, e)
	if err != nil {
		return err
	}
	scans, _, _, err := h.deps.Store.Checkins.List(ctx, e.ID, store.Page{Limit: 15})
	if err != nil {
		return err
	}
	return h.render(c, status, "events/checkin", &checkinView{
		Page: Page{Title: e.DisplayTitle(currentLocale(c))}, Event: e, Counts: counts, Scans: scans,
		Outcome: out, Device: c.FormValue("device"),
	})
}

// formCheckin checks in the code typed or scanned into the page, and shows the page again with
// the outcome, ready for the next badge.
func (h *Handler) formCheckin(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	a, err := h.checkIn(c, e, checkin.Scan{Code: c.FormValue("code"), Device: c.FormValue("device")})
	if err == nil {
		r := a.Registration
		return h.renderCheckin(c, fiber.StatusOK, e, &checkinOutcome{Kind: "success", Registration: r,
			Message: locales.T(lang, "eventday.checkin.ok", r.Attendees[a.Attendee].Name, r.EnterpriseName,
				r.CheckedInPeople(), len(r.Attendees))})
	}
	var (
		se *statusError
		ve *domain.ValidationError
	)
	switch {
	case errors.As(err, &se):
		kind := "error"
		if se.status == fiber.StatusConflict {
			kind = "warning"
		}
		return h.renderCheckin(c, se.status, e, &checkinOutcome{Kind: kind, Message: locales.T(lang, se.key, se.args...)})
	case errors.As(err, &ve):
		msg := ""
		for _, p := range ve.Fields {
			msg = sentence(fieldMessage(lang, p))
		}
		return h.renderCheckin(c, fiber.StatusUnprocessableEntity, e, &checkinOutcome{Kind: "error", Message: msg})
	}
	return err
}
