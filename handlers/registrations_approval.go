package handlers

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// maxReasonLength bounds a rejection or cancellation reason.
const maxReasonLength = 500

// decideRegistration loads the route's registration for an organiser of its event's cluster.
func (h *Handler) managedRegistration(c *fiber.Ctx) (*domain.Registration, *domain.Event, error) {
	r, e, err := h.loadRegistration(c)
	if err != nil {
		return nil, nil, err
	}
	if !currentUser(c).CanManageCluster(e.Cluster) {
		return nil, nil, domain.ErrForbidden
	}
	return r, e, nil
}

// approve takes a seat (or a waitlist place when the event is full) for a pending registration.
func (h *Handler) approve(c *fiber.Ctx) (*domain.Registration, error) {
	r, e, err := h.managedRegistration(c)
	if err != nil {
		return nil, err
	}
	ctx := c.UserContext()
	got, err := h.deps.Store.Registrations.Approve(ctx, r.ID, h.now())
	if err != nil {
		return nil, err
	}
	h.audit(ctx, currentUser(c).ID, "registration.approve", "registration:"+r.ID, string(got.Status), clientIP(c))
	h.afterRegistration(ctx, got, e)
	return got, nil
}

// cleanReason trims a reason and checks it: required when required, at most maxReasonLength.
func cleanReason(s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "" && required:
		return "", domain.Invalid("reason", "required")
	case utf8.RuneCountInString(s) > maxReasonLength:
		return "", domain.Invalid("reason", "too_long", maxReasonLength)
	}
	return s, nil
}

// reject refuses a pending registration with a reason the member is told.
func (h *Handler) reject(c *fiber.Ctx, rawReason string) (*domain.Registration, error) {
	r, _, err := h.managedRegistration(c)
	if err != nil {
		return nil, err
	}
	reason, err := cleanReason(rawReason, true)
	if err != nil {
		return nil, err
	}
	ctx := c.UserContext()
	got, err := h.deps.Store.Registrations.Reject(ctx, r.ID, reason, h.now())
	if err != nil {
		return nil, err
	}
	h.audit(ctx, currentUser(c).ID, "registration.reject", "registration:"+r.ID, reason, clientIP(c))
	return got, nil
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
	ctx := c.UserContext()
	r := &domain.Registration{EventID: e.ID, Attendees: in.Attendees, CreatedBy: currentUser(c).ID, ByOrganiser: true}
	if in.EnterpriseID != "" {
		if !domain.ValidID(in.EnterpriseID) {
			return domain.Invalid("enterpriseId", "eventday_enterprise_unknown")
		}
		ent, err := h.deps.Store.Enterprises.Get(ctx, in.EnterpriseID)
		if err != nil {
			return domain.Invalid("enterpriseId", "eventday_enterprise_unknown")
		}
		r.EnterpriseID, r.EnterpriseName = ent.ID, ent.Name
	} else {
		name, err := cleanReason(in.EnterpriseName, true)
		if err != nil {
			return domain.Invalid("enterpriseName", "required")
		}
		r.EnterpriseID, r.EnterpriseName = domain.NewID(), name // a firm not in the directory
	}
	// An organiser at the door need not fill every required answer, but what it sends must fit.
	optional := make([]domain.Question, len(e.Questions))
	for i, q := range e.Questions {
		q.Required = false
		optional[i] = q
	}
	tmp := *e
	tmp.Questions = optional
	if r.Answers, err = validateRegistration(&tmp, r.Attendees, in.Answers); err != nil {
		return err
	}
	got, created, err := h.deps.Store.Registrations.Register(ctx, r, h.now())
	if err != nil {
		return err
	}
	if !created {
		return domain.Conflict("enterpriseId", "eventday_already_registered")
	}
	h.audit(ctx, currentUser(c).ID, "registration.walkin", "registration:"+got.ID, got.EnterpriseName, clientIP(c))
	return sendData(c, fiber.StatusCreated, got)
}
