package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

const sessionCookie = "duijie_session"

// hashSecret is how session cookies and API tokens are stored: a leaked database then holds no
// usable credential. The secrets are 256 random bits, so a plain SHA-256 suffices.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// startSession signs u in on this browser. Any session the request carried is ended first and a
// new one issued, so a cookie planted before sign-in cannot be fixated.
func (h *Handler) startSession(c *fiber.Ctx, u *domain.User) (*domain.Session, error) {
	ctx := c.UserContext()
	if old := c.Cookies(sessionCookie); old != "" {
		if err := h.deps.Store.Sessions.Delete(ctx, hashSecret(old)); err != nil && !errors.Is(err, domain.ErrNotFound) {
			return nil, fmt.Errorf("end previous session: %w", err)
		}
	}
	secret := domain.RandomToken(32)
	now := h.now()
	s := &domain.Session{
		ID: hashSecret(secret), UserID: u.ID, CSRFToken: domain.RandomToken(32),
		CreatedAt: now, ExpiresAt: now.Add(h.deps.Options.SessionTTL),
	}
	if err := h.deps.Store.Sessions.Create(ctx, s); err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	h.setSessionCookie(c, secret, s.ExpiresAt)
	c.Locals(localUser, u)
	c.Locals(localSession, s)
	c.Locals(localCSRF, s.CSRFToken)
	return s, nil
}

// endSession signs the browser out: its session is deleted and the cookie cleared.
func (h *Handler) endSession(c *fiber.Ctx) error {
	if s := currentSession(c); s != nil {
		if err := h.deps.Store.Sessions.Delete(c.UserContext(), s.ID); err != nil && !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("delete session: %w", err)
		}
		// An API login issued a token with this session; it ends with it.
		if _, err := h.deps.Store.Tokens.DeleteBySession(c.UserContext(), s.ID); err != nil {
			return fmt.Errorf("revoke tokens of session: %w", err)
		}
	}
	h.setSessionCookie(c, "", time.Unix(0, 0))
	c.Locals(localSession, nil)
	return nil
}

// loadSession returns the live session of the cookie and its user, or nil when the cookie is
// stale, the user gone or disabled.
func (h *Handler) loadSession(ctx context.Context, secret string) (*domain.Session, *domain.User, error) {
	s, err := h.deps.Store.Sessions.Get(ctx, hashSecret(secret), h.now())
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load session: %w", err)
	}
	u, err := h.deps.Store.Users.Get(ctx, s.UserID)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && u.Disabled) {
		if err := h.deps.Store.Sessions.Delete(ctx, s.ID); err != nil && !errors.Is(err, domain.ErrNotFound) {
			return nil, nil, fmt.Errorf("delete session of unusable account: %w", err)
		}
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load session user: %w", err)
	}
	return s, u, nil
}

func (h *Handler) setSessionCookie(c *fiber.Ctx, value string, expires time.Time) {
	c.Cookie(&fiber.Cookie{
		Name: sessionCookie, Value: value, Path: "/", Expires: expires,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: h.deps.Options.SecureCookies,
	})
}
