package handlers

import (
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// apiMe answers the signed-in user.
func (h *Handler) apiMe(c *fiber.Ctx) error {
	return sendData(c, fiber.StatusOK, currentUser(c))
}

// newToken is an issued token with its secret, which is shown this once only.
type newToken struct {
	*domain.APIToken
	Token string `json:"token"`
}

// apiCreateToken issues a named API token for a script: {"name": "…"}.
func (h *Handler) apiCreateToken(c *fiber.Ctx) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return domain.Invalid("name", "required")
	}
	if utf8.RuneCountInString(name) > maxTokenName { // shared with the account page
		return domain.Invalid("name", "too_long", maxTokenName)
	}
	u := currentUser(c)
	secret, t, err := h.issueToken(c.UserContext(), u, name)
	if err != nil {
		return err
	}
	h.audit(c.UserContext(), u.ID, "token.create", "token:"+t.ID, name, clientIP(c))
	return sendData(c, fiber.StatusCreated, newToken{APIToken: t, Token: secret})
}

// apiListTokens lists the caller's tokens (never their secrets).
func (h *Handler) apiListTokens(c *fiber.Ctx) error {
	ts, err := h.deps.Store.Tokens.ListByUser(c.UserContext(), currentUser(c).ID)
	if err != nil {
		return err
	}
	return sendList(c, ts, "", len(ts))
}

// apiDeleteToken revokes one of the caller's tokens; another user's token is "not found".
func (h *Handler) apiDeleteToken(c *fiber.Ctx) error {
	id := c.Params("id")
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	u := currentUser(c)
	if err := h.deps.Store.Tokens.Delete(c.UserContext(), u.ID, id); err != nil {
		return err
	}
	h.audit(c.UserContext(), u.ID, "token.delete", "token:"+id, "", clientIP(c))
	return c.SendStatus(fiber.StatusNoContent)
}
