package handlers

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/store"
)

// registrationInput is the body of POST /events/{id}/registrations.
type registrationInput struct {
	Attendees []domain.Attendee `json:"attendees"`
	// MeetingsOptIn puts the enterprise in the event's participant directory for 1:1 meetings.
	MeetingsOptIn *bool `json:"meetingsOptIn"`
	// Answers to the event's questions: question ID → text, option or list of options.
	Answers map[string]any `json:"answers"`
}

// apiRegister registers the member's enterprise for an event.
func (h *Handler) apiRegister(c *fiber.Ctx) error {
	var in registrationInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	// Not loadEvent: registering for a draft is answered "not open" on the event field rather
	// than 404, so a script learns why.
	e, err := h.events.ForRegistration(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if err := h.optInAtRegistration(c.UserContext(), currentUser(c), e, in.MeetingsOptIn); err != nil {
		return err
	}
	r, created, err := h.events.Register(c.UserContext(), actorOf(c), e, in.Attendees, in.Answers)
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if created {
		status = fiber.StatusCreated
	}
	return sendData(c, status, r)
}

// loadRegistration loads the route's registration, with its event, as the caller may see it
// (evsvc.Service.Registration).
func (h *Handler) loadRegistration(c *fiber.Ctx) (*domain.Registration, *domain.Event, error) {
	return h.events.Registration(c.UserContext(), currentUser(c), c.Params("id"))
}

// apiGetRegistration returns one registration.
func (h *Handler) apiGetRegistration(c *fiber.Ctx) error {
	r, _, err := h.loadRegistration(c)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, r)
}

// apiMyRegistrations lists the member's enterprise's registrations, newest first.
func (h *Handler) apiMyRegistrations(c *fiber.Ctx) error {
	regs, err := h.events.MyRegistrations(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	return sendList(c, regs, "", len(regs))
}

// cancelRegistration cancels the route's registration for its enterprise or an organiser, who
// may say why (?reason= or the console's field).
func (h *Handler) cancelRegistration(c *fiber.Ctx) (*domain.Registration, error) {
	r, _, err := h.loadRegistration(c)
	if err != nil {
		return nil, err
	}
	note := c.Query("reason")
	if note == "" && c.Method() == fiber.MethodPost {
		note = c.FormValue("reason")
	}
	return h.events.Cancel(c.UserContext(), actorOf(c), r, note)
}

// apiCancelRegistration cancels a registration; its seats go to the waitlist.
func (h *Handler) apiCancelRegistration(c *fiber.Ctx) error {
	r, err := h.cancelRegistration(c)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, r)
}

// confirmOffer accepts the seat offered to the member's waitlisted registration.
func (h *Handler) confirmOffer(c *fiber.Ctx) (*domain.Registration, error) {
	r, e, err := h.loadRegistration(c)
	if err != nil {
		return nil, err
	}
	return h.events.ConfirmOffer(c.UserContext(), actorOf(c), r, e)
}

// apiConfirmOffer turns an open offer into a confirmed registration.
func (h *Handler) apiConfirmOffer(c *fiber.Ctx) error {
	r, err := h.confirmOffer(c)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, r)
}

// registrationFilterFrom reads ?status= (comma-separated) and ?q= of an organiser's list.
func registrationFilterFrom(c *fiber.Ctx) (store.RegistrationFilter, error) {
	f := store.RegistrationFilter{Q: strings.TrimSpace(c.Query("q"))}
	for _, s := range strings.Split(c.Query("status"), ",") {
		switch st := domain.RegistrationStatus(strings.TrimSpace(s)); st {
		case "":
		case domain.RegConfirmed, domain.RegWaitlisted, domain.RegOffered, domain.RegCancelled, domain.RegPending, domain.RegRejected:
			f.Statuses = append(f.Statuses, st)
		default:
			return f, badRequest("status", "one_of", "pending, confirmed, waitlisted, offered, cancelled, rejected")
		}
	}
	if len([]rune(f.Q)) > 100 {
		return f, badRequest("q", "too_long", 100)
	}
	return f, nil
}

// apiListRegistrations lists an event's registrations for its organisers.
func (h *Handler) apiListRegistrations(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	f, err := registrationFilterFrom(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	items, next, total, err := h.events.Registrations(c.UserContext(), e, f, page)
	if err != nil {
		return err
	}
	return sendList(c, items, next, total)
}

// optInAtRegistration records the registration's meetingsOptIn (nil: not asked) before the
// registration is stored; a registration that then fails leaves an opt-in nobody sees, since
// the participant directory lists confirmed registrations only.
func (h *Handler) optInAtRegistration(ctx context.Context, u *domain.User, e *domain.Event, in *bool) error {
	if in == nil || u.EnterpriseID == "" || e.Status != domain.EventPublished {
		return nil
	}
	return h.meetings().OptIn(ctx, e.ID, u.EnterpriseID, *in)
}
