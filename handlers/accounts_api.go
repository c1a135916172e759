package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// apiRequestReset mails a password reset link: 202 whether or not the address has an account,
// so the answer reveals nothing.
func (h *Handler) apiRequestReset(c *fiber.Ctx) error {
	var in struct {
		Email string `json:"email" validate:"max=254"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if p := domain.EmailProblem(domain.NormalizeEmail(in.Email)); p != "" {
		return domain.Invalid("email", p)
	}
	if err := h.accounts.RequestReset(c.UserContext(), in.Email); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusAccepted)
}

// apiResetPassword sets a new password with a reset link; every session and token of the user
// is revoked (204). A used, expired or unknown link is 404.
func (h *Handler) apiResetPassword(c *fiber.Ctx) error {
	var in struct {
		Password string `json:"password" validate:"max=256"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if _, err := h.accounts.ResetPassword(c.UserContext(), c.Params("token"), in.Password); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// apiChangePassword changes the caller's password given the current one, revoking every
// session and token of the account, the one of this request included (204).
func (h *Handler) apiChangePassword(c *fiber.Ctx) error {
	var in struct {
		Current  string `json:"current" validate:"max=256"`
		Password string `json:"password" validate:"max=256"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := h.accounts.ChangePassword(c.UserContext(), callerOf(c), in.Current, in.Password); err != nil {
		return err
	}
	h.setSessionCookie(c, "", time.Unix(0, 0))
	return c.SendStatus(fiber.StatusNoContent)
}

// apiMembers lists the people of the member's enterprise and its open invitations.
func (h *Handler) apiMembers(c *fiber.Ctx) error {
	u := currentUser(c)
	if u.EnterpriseID == "" {
		return domain.ErrNotFound
	}
	out, err := h.accounts.Colleagues(c.UserContext(), u.EnterpriseID)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, out)
}

// apiInviteMember mails a colleague an invitation (201 with the invitation).
func (h *Handler) apiInviteMember(c *fiber.Ctx) error {
	var in struct {
		Email string `json:"email" validate:"max=254"`
		Name  string `json:"name" validate:"max=100"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	l, err := h.accounts.Invite(c.UserContext(), callerOf(c), in.Email, in.Name)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusCreated, l)
}

// apiRemoveMember takes a colleague out of the member's enterprise (204).
func (h *Handler) apiRemoveMember(c *fiber.Ctx) error {
	if err := h.accounts.RemoveMember(c.UserContext(), callerOf(c), c.Params("userId")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// apiAcceptInvitation creates the invited colleague's account and signs it in (201).
func (h *Handler) apiAcceptInvitation(c *fiber.Ctx) error {
	var in struct {
		Password string `json:"password" validate:"max=256"`
		Name     string `json:"name" validate:"max=100"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := h.accounts.AcceptInvitation(c.UserContext(), c.Params("token"), in.Name, in.Password)
	if err != nil {
		return err
	}
	h.welcome(c.UserContext(), u)
	out, err := h.signIn(c, u, "invitation")
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusCreated, out)
}
