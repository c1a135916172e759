package handlers

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// maxTokenName bounds the label a user gives an API token.
const maxTokenName = 60

// pageAccount shows who is signed in, their role, clusters or enterprise, and their API tokens.
func (h *Handler) pageAccount(c *fiber.Ctx) error {
	return h.renderAccount(c, fiber.StatusOK, &accountView{})
}

// renderAccount renders the account page; v may carry form errors or a new token's secret.
func (h *Handler) renderAccount(c *fiber.Ctx, status int, v *accountView) error {
	ctx := c.UserContext()
	u := currentUser(c)
	tokens, err := h.deps.Store.Tokens.ListByUser(ctx, u.ID)
	if err != nil {
		return fmt.Errorf("account: list tokens: %w", err)
	}
	var ent *domain.Enterprise
	if u.EnterpriseID != "" {
		ent, err = h.deps.Store.Enterprises.Get(ctx, u.EnterpriseID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("account: load enterprise: %w", err)
		}
	}
	v.Tokens, v.Enterprise, v.HasProfile = tokens, ent, hasGetRoute(c, "/enterprises/me")
	return h.render(c, status, "account", v)
}

// formCreateToken creates a named API token and shows its secret once, on the page itself:
// the secret is never stored, so it cannot wait for a redirect.
func (h *Handler) formCreateToken(c *fiber.Ctx) error {
	u := currentUser(c)
	name := strings.TrimSpace(c.FormValue("name"))
	v := &domain.ValidationError{}
	if name == "" {
		v.Add("name", "required")
	} else if utf8.RuneCountInString(name) > maxTokenName {
		v.Add("name", "too_long", maxTokenName)
	}
	if v.Err() != nil {
		return h.renderAccount(c, fiber.StatusUnprocessableEntity, &accountView{Page: Page{
			Form: map[string]string{"name": name}, Errors: translateFields(currentLocale(c), v)}})
	}
	secret, tok, err := h.issueToken(c.UserContext(), u, name)
	if err != nil {
		return err
	}
	h.audit(c.UserContext(), u.ID, "token.create", "token:"+tok.ID, name, clientIP(c))
	return h.renderAccount(c, fiber.StatusOK, &accountView{NewToken: secret, NewTokenName: name})
}

// formDeleteToken revokes one of the user's tokens. Another user's token is "not found": its
// existence is not revealed.
func (h *Handler) formDeleteToken(c *fiber.Ctx) error {
	u := currentUser(c)
	id := c.Params("id")
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	if err := h.deps.Store.Tokens.Delete(c.UserContext(), u.ID, id); err != nil {
		return err
	}
	h.audit(c.UserContext(), u.ID, "token.delete", "token:"+id, "", clientIP(c))
	return h.redirectWithFlash(c, "/account", "success", "account.tokens.deleted")
}
