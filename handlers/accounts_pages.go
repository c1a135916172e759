package handlers

import (
	"github.com/gofiber/fiber/v2"
)

// formProblem renders page again with the refusal of err per field (or for the whole form),
// keeping what was typed but never a password; server failures go to the error page.
func (h *Handler) formProblem(c *fiber.Ctx, page string, err error, data pageView) error {
	a := classify(currentLocale(c), err)
	if a.internal {
		return err
	}
	errs := a.fields
	if len(errs) == 0 {
		errs = map[string]string{"form": a.message}
	}
	setRetryAfter(c, a.retryAfter)
	data.page().Errors = errs
	return h.render(c, a.status, page, data)
}

// pageForgot asks for the address to send a reset link to.
func (h *Handler) pageForgot(c *fiber.Ctx) error {
	return h.render(c, fiber.StatusOK, "trust/forgot", &forgotView{Page: Page{Form: map[string]string{"email": c.Query("email")}}})
}

// formForgot sends the link and says the same whether or not the address has an account.
func (h *Handler) formForgot(c *fiber.Ctx) error {
	email := c.FormValue("email")
	if err := h.accounts.RequestReset(c.UserContext(), email); err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "trust/forgot", &forgotView{Page: Page{Form: map[string]string{"email": email}}, Sent: true})
}

// pageReset asks for a new password if the link is live, else explains it is not.
func (h *Handler) pageReset(c *fiber.Ctx) error {
	l, err := h.accounts.ResetLink(c.UserContext(), c.Params("token"))
	if err != nil {
		return h.render(c, fiber.StatusNotFound, "trust/reset", &resetView{Dead: true})
	}
	return h.render(c, fiber.StatusOK, "trust/reset", &resetView{Email: l.Email})
}

// formReset sets the new password and signs the person in on this browser: a reset always gets
// the owner back in, whatever failed sign-ins an attacker caused.
func (h *Handler) formReset(c *fiber.Ctx) error {
	u, err := h.accounts.ResetPassword(c.UserContext(), c.Params("token"), c.FormValue("password"))
	if err != nil {
		if a := classify(currentLocale(c), err); a.status == fiber.StatusNotFound {
			return h.render(c, fiber.StatusNotFound, "trust/reset", &resetView{Dead: true})
		}
		return h.formProblem(c, "trust/reset", err, &resetView{})
	}
	if _, err := h.startSession(c, u); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/account", "success", "trust.reset.done")
}

// pageInvitation welcomes an invited colleague: the enterprise, the address, a password to choose.
func (h *Handler) pageInvitation(c *fiber.Ctx) error {
	l, e, err := h.accounts.Invitation(c.UserContext(), c.Params("token"))
	if err != nil {
		return h.render(c, fiber.StatusNotFound, "trust/invitation", &invitationView{Dead: true})
	}
	return h.render(c, fiber.StatusOK, "trust/invitation", &invitationView{Email: l.Email, EnterpriseName: e.Name,
		Page: Page{Form: map[string]string{"name": l.Name}}})
}

// formInvitation creates the colleague's account and signs it in.
func (h *Handler) formInvitation(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u, err := h.accounts.AcceptInvitation(ctx, c.Params("token"), c.FormValue("name"), c.FormValue("password"))
	if err != nil {
		if a := classify(currentLocale(c), err); a.status == fiber.StatusNotFound {
			return h.render(c, fiber.StatusNotFound, "trust/invitation", &invitationView{Dead: true})
		}
		data := &invitationView{Page: Page{Form: map[string]string{"name": c.FormValue("name")}}}
		if l, e, lerr := h.accounts.Invitation(ctx, c.Params("token")); lerr == nil {
			data.Email, data.EnterpriseName = l.Email, e.Name
		}
		return h.formProblem(c, "trust/invitation", err, data)
	}
	h.welcome(ctx, u)
	if _, err := h.startSession(c, u); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/enterprises/me", "success", "trust.invite.welcome")
}

// formChangePassword changes the password from the account page; every other session and token
// ends, and this browser gets a fresh session.
func (h *Handler) formChangePassword(c *fiber.Ctx) error {
	u := currentUser(c)
	if err := h.accounts.ChangePassword(c.UserContext(), callerOf(c), c.FormValue("current"), c.FormValue("password")); err != nil {
		a := classify(currentLocale(c), err)
		if a.internal {
			return err
		}
		return h.renderAccount(c, a.status, &accountView{PasswordErrors: a.fields})
	}
	if _, err := h.startSession(c, u); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/account", "success", "trust.password.changed")
}

// formInviteMember and formRemoveMember are the colleagues card of the enterprise page.
func (h *Handler) formInviteMember(c *fiber.Ctx) error {
	if _, err := h.accounts.Invite(c.UserContext(), callerOf(c), c.FormValue("email"), c.FormValue("name")); err != nil {
		a := classify(currentLocale(c), err)
		if a.internal {
			return err
		}
		errs := a.fields
		if len(errs) == 0 {
			errs = map[string]string{"email": a.message}
		}
		return h.renderMyEnterprise(c, a.status, errs)
	}
	return h.redirectWithFlash(c, "/enterprises/me#colleagues", "success", "trust.invite.sent")
}

func (h *Handler) formRemoveMember(c *fiber.Ctx) error {
	if err := h.accounts.RemoveMember(c.UserContext(), callerOf(c), c.Params("userId")); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/enterprises/me#colleagues", "success", "trust.colleagues.removed")
}

func (h *Handler) formCancelInvitation(c *fiber.Ctx) error {
	if err := h.accounts.CancelInvitation(c.UserContext(), callerOf(c), c.FormValue("email")); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/enterprises/me#colleagues", "success", "trust.colleagues.cancelled")
}
