package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// apiMyEnterprise answers the member's own enterprise.
func (h *Handler) apiMyEnterprise(c *fiber.Ctx) error {
	u := currentUser(c)
	if u.EnterpriseID == "" {
		return domain.ErrNotFound
	}
	e, err := h.deps.Store.Enterprises.Get(c.UserContext(), u.EnterpriseID)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e)
}

// apiGetEnterprise answers one enterprise to those who may see its full record: admins, the
// organisers of one of its clusters, its own members. Views by staff are audited because the
// record holds contact data.
func (h *Handler) apiGetEnterprise(c *fiber.Ctx) error {
	id := c.Params("id")
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	ctx := c.UserContext()
	e, err := h.deps.Store.Enterprises.Get(ctx, id)
	if err != nil {
		return err
	}
	u := currentUser(c)
	if !domain.CanSeeEnterpriseContact(u, e, false) {
		return domain.ErrForbidden
	}
	if u.Role != domain.RoleMember {
		h.audit(ctx, u.ID, "enterprise.view", "enterprise:"+e.ID, "", clientIP(c))
	}
	return sendData(c, fiber.StatusOK, e)
}
