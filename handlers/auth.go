package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/accounts"
)

// localToken holds the *domain.APIToken of a request authenticated by Bearer token.
const localToken = "duijie.token"

const (
	tokenPrefix = "dj_" // makes leaked tokens recognisable to secret scanners
	tokenTTL    = 30 * 24 * time.Hour
	// touchEvery limits the writes that recording "last used" costs a busy script.
	touchEvery = time.Minute
)

// authenticate identifies the caller: a Bearer token (API scripts) or the session cookie
// (browsers). A bad token is refused outright; a stale cookie only makes the request anonymous.
func (h *Handler) authenticate(c *fiber.Ctx) error {
	if h.isMetricsScrape(c) {
		return c.Next()
	}
	if authz := c.Get(fiber.HeaderAuthorization); authz != "" {
		if err := h.authenticateBearer(c, authz); err != nil {
			return err
		}
		return c.Next()
	}
	if secret := c.Cookies(sessionCookie); secret != "" {
		s, u, err := h.loadSession(c.UserContext(), secret)
		if err != nil {
			return err
		}
		if s == nil {
			h.setSessionCookie(c, "", time.Unix(0, 0))
		} else {
			c.Locals(localUser, u)
			c.Locals(localSession, s)
		}
	}
	return c.Next()
}

func (h *Handler) authenticateBearer(c *fiber.Ctx, authz string) error {
	scheme, secret, _ := strings.Cut(authz, " ")
	secret = strings.TrimSpace(secret)
	if !strings.EqualFold(scheme, "Bearer") || secret == "" {
		return withMessage(fiber.StatusUnauthorized, "errors.token_invalid")
	}
	ctx := c.UserContext()
	now := h.now()
	t, err := h.deps.Store.Tokens.GetByHash(ctx, hashSecret(secret), now)
	if errors.Is(err, domain.ErrNotFound) {
		return withMessage(fiber.StatusUnauthorized, "errors.token_invalid")
	}
	if err != nil {
		return fmt.Errorf("load token: %w", err)
	}
	u, err := h.deps.Store.Users.Get(ctx, t.UserID)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && u.Disabled) {
		return withMessage(fiber.StatusUnauthorized, "errors.token_invalid")
	}
	if err != nil {
		return fmt.Errorf("load token user: %w", err)
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= touchEvery {
		if err := h.deps.Store.Tokens.Touch(ctx, t.ID, now); err != nil {
			// Losing a "last used" stamp must not fail the caller's request.
			h.web.log.Warn("touch token", "request_id", requestIDOf(c), "token_id", t.ID, "err", err)
		}
	}
	c.Locals(localUser, u)
	c.Locals(localViaAPI, true)
	c.Locals(localToken, t)
	return nil
}

// viaToken reports whether the request was authenticated by a Bearer token.
func viaToken(c *fiber.Ctx) bool {
	v, _ := c.Locals(localViaAPI).(bool)
	return v
}

// issueToken creates an API token for u and returns the secret, which is shown once and never
// stored.
func (h *Handler) issueToken(ctx context.Context, u *domain.User, name string) (string, *domain.APIToken, error) {
	return h.issueBoundToken(ctx, u, name, "")
}

// issueBoundToken is issueToken for a token that lives no longer than the browser session
// sessionID it was issued with: signing that browser out revokes it.
func (h *Handler) issueBoundToken(ctx context.Context, u *domain.User, name, sessionID string) (string, *domain.APIToken, error) {
	secret := tokenPrefix + domain.RandomToken(32)
	now := h.now()
	t := &domain.APIToken{
		ID: domain.NewID(), UserID: u.ID, Name: name, Hash: hashSecret(secret),
		CreatedAt: now, ExpiresAt: now.Add(tokenTTL), SessionID: sessionID,
	}
	if err := h.deps.Store.Tokens.Create(ctx, t); err != nil {
		return "", nil, fmt.Errorf("create token: %w", err)
	}
	return secret, t, nil
}

// loginInput is what both the API and the sign-in form send.
type loginInput struct {
	Email    string `json:"email" validate:"max=254"`
	Password string `json:"password" validate:"max=256"`
}

func (in *loginInput) validate() error {
	v := &domain.ValidationError{}
	in.Email = domain.NormalizeEmail(in.Email)
	if in.Email == "" {
		v.Add("email", "required")
	}
	if in.Password == "" {
		v.Add("password", "required")
	}
	return v.Err()
}

// checkLogin verifies credentials under the failed-login limits of the accounts service, which
// keeps them in the store so every instance counts the same failures.
func (h *Handler) checkLogin(ctx context.Context, ip string, in loginInput) (*domain.User, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	return h.accounts.Login(ctx, ip, in.Email, in.Password)
}

// signupInput is a new member and the enterprise it represents.
type signupInput struct {
	Email      string           `json:"email" validate:"max=254"`
	Password   string           `json:"password" validate:"max=256"`
	Name       string           `json:"name" validate:"max=100"`
	Enterprise signupEnterprise `json:"enterprise"`
}

type signupEnterprise struct {
	Name     string   `json:"name" validate:"max=100"`
	USCC     string   `json:"uscc" validate:"max=64"` // spaces and dashes allowed; normalised before the check
	Clusters []string `json:"clusters" validate:"max=15,dive,max=8"`
}

// signup creates a member and its enterprise (service/accounts).
func (h *Handler) signup(ctx context.Context, ip string, in signupInput) (*domain.User, *domain.Enterprise, error) {
	return h.accounts.Signup(ctx, ip, accounts.Signup{Email: in.Email, Password: in.Password, Name: in.Name,
		EnterpriseName: in.Enterprise.Name, USCC: in.Enterprise.USCC, Clusters: in.Enterprise.Clusters})
}

// audit appends to the audit log; a failure is logged, not returned, because the action itself
// has already happened.
func (h *Handler) audit(ctx context.Context, actorID, action, target, detail, ip string) {
	e := &domain.AuditEntry{ID: domain.NewID(), At: h.now(), ActorID: actorID, Action: action,
		Target: target, Detail: detail, IP: ip}
	if err := h.deps.Store.Audit.Append(ctx, e); err != nil {
		h.web.log.Error("audit append", "action", action, "target", target, "err", err)
	}
}
