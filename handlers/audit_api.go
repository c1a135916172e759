package handlers

import (
	"github.com/gofiber/fiber/v2"
)

// apiListAudit pages through the audit log, newest first, optionally for one target
// (?target=user:…). The total is not counted: the log only grows.
func (h *Handler) apiListAudit(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	entries, next, err := h.deps.Store.Audit.List(c.UserContext(), c.Query("target"), page)
	if err != nil {
		return err
	}
	return sendList(c, entries, next, -1)
}
