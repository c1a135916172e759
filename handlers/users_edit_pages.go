package handlers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/accounts"
)

// pageAdminUser is the form to edit one account: name, role, clusters or enterprise, disabled;
// and the button that mails a password reset link.
func (h *Handler) pageAdminUser(c *fiber.Ctx) error {
	return h.renderAdminUser(c, fiber.StatusOK, nil, nil)
}

func (h *Handler) renderAdminUser(c *fiber.Ctx, status int, form map[string]string, errs map[string]string) error {
	id := c.Params("id")
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	u, err := h.deps.Store.Users.Get(c.UserContext(), id)
	if err != nil {
		return err
	}
	if form == nil {
		form = map[string]string{"name": u.Name, "role": string(u.Role), "clusters": strings.Join(u.Clusters, ",")}
		if u.Disabled {
			form["disabled"] = "on"
		}
		if u.EnterpriseID != "" {
			if e, err := h.deps.Store.Enterprises.Get(c.UserContext(), u.EnterpriseID); err == nil {
				form["enterprise"] = e.USCC
			}
		}
	}
	return h.render(c, status, "trust/user", &adminUserView{Page: Page{Form: form, Errors: errs}, User: u,
		Self: u.ID == currentUser(c).ID})
}

// formAdminUser saves the account form.
func (h *Handler) formAdminUser(c *fiber.Ctx) error {
	ctx := c.UserContext()
	clusters := formValues(c, "clusters")
	form := map[string]string{"name": c.FormValue("name"), "role": c.FormValue("role"), "clusters": strings.Join(clusters, ","),
		"enterprise": strings.TrimSpace(c.FormValue("enterprise")), "disabled": c.FormValue("disabled")}
	role := domain.Role(form["role"])
	disabled := form["disabled"] != ""
	name := form["name"]
	p := accounts.Patch{Name: &name, Role: &role, Clusters: &clusters, Disabled: &disabled}
	if role == domain.RoleMember {
		id := "-"
		if form["enterprise"] != "" {
			e, err := h.deps.Store.Enterprises.GetByUSCC(ctx, domain.NormalizeUSCC(form["enterprise"]))
			switch {
			case err == nil:
				id = e.ID
			case !errors.Is(err, domain.ErrNotFound):
				return fmt.Errorf("admin user: enterprise by uscc: %w", err)
			}
		} else {
			id = ""
		}
		p.EnterpriseID = &id
	}
	if _, err := h.accounts.Update(ctx, callerOf(c), c.Params("id"), p); err != nil {
		a := classify(currentLocale(c), err)
		if a.internal || a.status == fiber.StatusNotFound {
			return err
		}
		errs := a.fields
		if msg, ok := errs["enterpriseId"]; ok {
			errs["enterprise"] = msg
		}
		return h.renderAdminUser(c, a.status, form, errs)
	}
	return h.redirectWithFlash(c, "/admin/users/"+c.Params("id"), "success", "trust.users.saved")
}

// formAdminUserReset mails the account a password reset link.
func (h *Handler) formAdminUserReset(c *fiber.Ctx) error {
	if _, err := h.accounts.SendReset(c.UserContext(), callerOf(c), c.Params("id")); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/admin/users/"+c.Params("id"), "success", "trust.users.resetSent")
}
