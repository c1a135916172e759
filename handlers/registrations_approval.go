package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	evsvc "duijie/service/events"
)

// managedRegistration loads the route's registration for an organiser of its event's cluster.
func (h *Handler) managedRegistration(c *fiber.Ctx) (*domain.Registration, *domain.Event, error) {
	return h.events.ManagedRegistration(c.UserContext(), currentUser(c), c.Params("id"))
}

// approve takes a seat (or a waitlist place when the event is full) for a pending registration.
func (h *Handler) approve(c *fiber.Ctx) (*domain.Registration, error) {
	r, e, err := h.managedRegistration(c)
	if err != nil {
		return nil, err
	}
	return h.events.Approve(c.UserContext(), actorOf(c), r, e)
}

// reject refuses a pending registration with a reason the member is told.
func (h *Handler) reject(c *fiber.Ctx, reason string) (*domain.Registration, error) {
	r, _, err := h.managedRegistration(c)
	if err != nil {
		return nil, err
	}
	return h.events.Reject(c.UserContext(), actorOf(c), r, reason)
}

// apiApproveRegistration approves a pending registration.
func (h *Handler) apiApproveRegistration(c *fiber.Ctx) error {
	r, err := h.approve(c)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, r)
}

// rejectInput is the body of POST /registrations/{id}/reject.
type rejectInput struct {
	Reason string `json:"reason"`
}

// apiRejectRegistration rejects a pending registration: {reason}.
func (h *Handler) apiRejectRegistration(c *fiber.Ctx) error {
	var in rejectInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := h.reject(c, in.Reason)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, r)
}

// formApproveRegistration and formRejectRegistration are the console's buttons; they go back to the console.
func (h *Handler) formApproveRegistration(c *fiber.Ctx) error {
	r, err := h.approve(c)
	if err != nil {
		return h.consoleFlashError(c, err)
	}
	return h.redirectWithFlash(c, "/events/"+r.EventID+"/console", "success", "eventday.flash.approved."+string(r.Status))
}

func (h *Handler) formRejectRegistration(c *fiber.Ctx) error {
	r, err := h.reject(c, c.FormValue("reason"))
	if err != nil {
		return h.consoleFlashError(c, err)
	}
	return h.redirectWithFlash(c, "/events/"+r.EventID+"/console", "success", "eventday.flash.rejected")
}

// consoleFlashError sends a refused console action back to the console saying why (the flash
// carries message keys only), or answers as any error when it is not a validation problem.
func (h *Handler) consoleFlashError(c *fiber.Ctx, err error) error {
	r, _, lerr := h.loadRegistration(c)
	var v *domain.ValidationError
	if lerr != nil || !errors.As(err, &v) {
		return err
	}
	key := "eventday.flash.refused"
	switch {
	case v.Has("reason"):
		key = "eventday.flash.reasonNeeded"
	case v.Has("status"):
		key = "eventday.flash.notPending"
	}
	return h.redirectWithFlash(c, "/events/"+r.EventID+"/console", "error", key)
}

// walkinInput is the body of POST /events/{id}/walkins: an organiser adds a registration by
// hand, for a firm of the directory (enterpriseId) or one named here.
type walkinInput struct {
	EnterpriseID   string            `json:"enterpriseId"`
	EnterpriseName string            `json:"enterpriseName"`
	Attendees      []domain.Attendee `json:"attendees"`
	Answers        map[string]any    `json:"answers"`
}

// apiWalkin adds a walk-in or guest: no approval, allowed until the event ends, seats as for
// anyone (confirmed when free and nobody waits).
func (h *Handler) apiWalkin(c *fiber.Ctx) error {
	var in walkinInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	got, err := h.events.AddWalkin(c.UserContext(), actorOf(c), e, evsvc.Walkin{EnterpriseID: in.EnterpriseID,
		EnterpriseName: in.EnterpriseName, Attendees: in.Attendees, Answers: in.Answers})
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusCreated, got)
}
