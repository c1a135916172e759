package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/accounts"
)

// apiListUsers lists accounts, newest first (admin).
func (h *Handler) apiListUsers(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	users, next, err := h.deps.Store.Users.List(ctx, "", page)
	if err != nil {
		return err
	}
	total, err := h.deps.Store.Users.Count(ctx)
	if err != nil {
		return err
	}
	return sendList(c, users, next, total)
}

// userInput is an account an admin creates. Organisers need clusters; members the enterprise
// they belong to. Without a password the person is mailed a link to choose one.
type userInput struct {
	Email        string      `json:"email" validate:"max=254"`
	Password     string      `json:"password" validate:"max=256"`
	Name         string      `json:"name" validate:"max=100"`
	Role         domain.Role `json:"role" validate:"omitempty,oneof=admin organiser member"`
	Clusters     []string    `json:"clusters" validate:"max=30,dive,max=8"`
	EnterpriseID string      `json:"enterpriseId"`
}

// callerOf is the caller as the services see it.
func callerOf(c *fiber.Ctx) accounts.Actor {
	return accounts.Actor{User: currentUser(c), IP: clientIP(c)}
}

// apiCreateUser creates an admin, organiser or member account (admin).
func (h *Handler) apiCreateUser(c *fiber.Ctx) error {
	var in userInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := h.accounts.Create(c.UserContext(), callerOf(c), accounts.NewUser{Email: in.Email, Password: in.Password,
		Name: in.Name, Role: in.Role, Clusters: in.Clusters, EnterpriseID: in.EnterpriseID, Locale: currentLocale(c)})
	if err != nil {
		return err
	}
	h.welcome(c.UserContext(), u)
	return sendData(c, fiber.StatusCreated, u)
}

// apiUpdateUser renames, re-scopes, disables or re-enables an account (admin). Disabling ends the
// account's sessions and tokens at once.
func (h *Handler) apiUpdateUser(c *fiber.Ctx) error {
	var in accounts.Patch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := h.accounts.Update(c.UserContext(), callerOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, u)
}

// apiSendReset mails the user a password reset link (admin).
func (h *Handler) apiSendReset(c *fiber.Ctx) error {
	if _, err := h.accounts.SendReset(c.UserContext(), callerOf(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusAccepted)
}
