package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// apiCreateLead posts a lead (201).
func (h *Handler) apiCreateLead(c *fiber.Ctx) error {
	var in leadInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	l, err := h.leads.Create(c.UserContext(), callerOf(c), in.service())
	if err != nil {
		return err
	}
	// As the caller may read it, like GET: never a contact it could not read directly.
	return sendData(c, fiber.StatusCreated, l.ForViewer(currentUser(c), false))
}

// apiListLeads lists the leads the caller may see, newest first; other buyers are masked.
func (h *Handler) apiListLeads(c *fiber.Ctx) error {
	f, err := leadFilter(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	ls, next, total, err := h.leads.List(c.UserContext(), callerOf(c), f, page)
	if err != nil {
		return err
	}
	return sendList(c, ls, next, total)
}

// apiGetLead answers one lead as the caller may see it.
func (h *Handler) apiGetLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, false)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, h.leadView(c, l))
}

// apiPatchLead changes the fields the body names; the others keep their values.
func (h *Handler) apiPatchLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, true)
	if err != nil {
		return err
	}
	in := inputOf(l)
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Status != string(l.Status) {
		return badRequest("status", "lead_status_route")
	}
	if err := h.leads.Update(c.UserContext(), callerOf(c), l, in.service()); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, l)
}

// apiOpenLead publishes a draft.
func (h *Handler) apiOpenLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, true)
	if err != nil {
		return err
	}
	if err := h.leads.Open(c.UserContext(), callerOf(c), l); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, l)
}

// apiCloseLead ends a lead with {"outcome":"signed|lost|cancelled"}.
func (h *Handler) apiCloseLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, true)
	if err != nil {
		return err
	}
	var in struct {
		Outcome string `json:"outcome"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := h.leads.Close(c.UserContext(), callerOf(c), l, domain.LeadOutcome(in.Outcome)); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, l)
}
