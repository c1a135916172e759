package handlers

import (
	"github.com/gofiber/fiber/v2"
)

// apiMyEnterprise answers the member's own enterprise.
func (h *Handler) apiMyEnterprise(c *fiber.Ctx) error {
	e, err := h.ents.Mine(c.UserContext(), callerOf(c))
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e)
}

// apiGetEnterprise answers one enterprise to those who may see its full record (service/enterprises).
func (h *Handler) apiGetEnterprise(c *fiber.Ctx) error {
	e, err := h.ents.Get(c.UserContext(), callerOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e)
}
