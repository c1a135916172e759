package handlers

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// apiLogin checks credentials and answers a Bearer token for scripts plus a session cookie for
// browsers: {"data": {"token", "user", "csrfToken"}}.
func (h *Handler) apiLogin(c *fiber.Ctx) error {
	var in loginInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := h.checkLogin(c.UserContext(), clientIP(c), in)
	if err != nil {
		return err
	}
	out, err := h.signIn(c, u, "api login")
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, out)
}

// apiSignup creates a member and its enterprise and signs the member in.
func (h *Handler) apiSignup(c *fiber.Ctx) error {
	var in signupInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, e, err := h.signup(c.UserContext(), clientIP(c), in)
	if err != nil {
		return err
	}
	out, err := h.signIn(c, u, "signup")
	if err != nil {
		return err
	}
	out["enterprise"] = e
	return sendData(c, fiber.StatusCreated, out)
}

// signIn starts a browser session and issues an API token for u.
func (h *Handler) signIn(c *fiber.Ctx, u *domain.User, how string) (fiber.Map, error) {
	s, err := h.startSession(c, u)
	if err != nil {
		return nil, err
	}
	// The token ends with this browser's session: logging out in the browser revokes it too.
	secret, _, err := h.issueBoundToken(c.UserContext(), u, "login", s.ID)
	if err != nil {
		return nil, err
	}
	h.audit(c.UserContext(), u.ID, "user.login", "user:"+u.ID, how, clientIP(c))
	return fiber.Map{"token": secret, "user": u, "csrfToken": s.CSRFToken}, nil
}

// apiLogout ends what authenticated the request: the Bearer token, or the browser session.
func (h *Handler) apiLogout(c *fiber.Ctx) error {
	if t, ok := c.Locals(localToken).(*domain.APIToken); ok {
		ctx := c.UserContext()
		err := h.deps.Store.Tokens.Delete(ctx, t.UserID, t.ID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("delete token: %w", err)
		}
		// The browser session issued with it ends too: one sign-in, one sign-out.
		if t.SessionID != "" {
			if err := h.deps.Store.Sessions.Delete(ctx, t.SessionID); err != nil && !errors.Is(err, domain.ErrNotFound) {
				return fmt.Errorf("delete session of token: %w", err)
			}
		}
		h.audit(ctx, t.UserID, "user.logout", "user:"+t.UserID, "token", clientIP(c))
		return c.SendStatus(fiber.StatusNoContent)
	}
	if err := h.endSession(c); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
