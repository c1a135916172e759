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
	id := c.Params("id")
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	e, err := h.deps.Store.Events.Get(c.UserContext(), id)
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

// loadRegistration loads the route's registration for u: a member sees its enterprise's, an
// organiser those of its clusters' events; for anyone else it does not exist. The event comes
// along because every caller needs it.
func (h *Handler) loadRegistration(c *fiber.Ctx) (*domain.Registration, *domain.Event, error) {
	id := c.Params("id")
	if !domain.ValidID(id) {
		return nil, nil, domain.ErrNotFound
	}
	ctx := c.UserContext()
	r, err := h.deps.Store.Registrations.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	e, err := h.deps.Store.Events.Get(ctx, r.EventID)
	if err != nil {
		return nil, nil, err
	}
	u := currentUser(c)
	if (u.EnterpriseID == "" || u.EnterpriseID != r.EnterpriseID) && !u.CanManageCluster(e.Cluster) {
		return nil, nil, domain.ErrNotFound
	}
	return r, e, nil
}

// apiGetRegistration returns one registration.
func (h *Handler) apiGetRegistration(c *fiber.Ctx) error {
	r, _, err := h.loadRegistration(c)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, r)
}

// myRegistration pairs a registration with its event for "my registrations".
type myRegistration struct {
	domain.Registration
	Event *domain.Event `json:"event,omitempty"`
}

// myRegistrations loads the enterprise's registrations with their events.
func (h *Handler) myRegistrations(ctx context.Context, u *domain.User) ([]myRegistration, error) {
	out := []myRegistration{}
	if u.EnterpriseID == "" {
		return out, nil
	}
	regs, err := h.deps.Store.Registrations.ListByEnterprise(ctx, u.EnterpriseID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(regs))
	for i, r := range regs {
		ids[i] = r.EventID
	}
	evs, err := h.deps.Store.Events.GetMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*domain.Event, len(evs))
	for i := range evs {
		e := evs[i].InZone()
		e.Sessions = nil
		byID[e.ID] = &e
	}
	for _, r := range regs {
		if e := byID[r.EventID]; e != nil {
			out = append(out, myRegistration{Registration: r, Event: e})
		}
	}
	return out, nil
}

// apiMyRegistrations lists the member's enterprise's registrations, newest first.
func (h *Handler) apiMyRegistrations(c *fiber.Ctx) error {
	regs, err := h.myRegistrations(c.UserContext(), currentUser(c))
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
	items, next, total, err := h.deps.Store.Registrations.ListByEvent(c.UserContext(), e.ID, f, page)
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
