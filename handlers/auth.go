package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
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

// signup creates a member and its enterprise, leaving nothing half-written: every check that can
// fail is done before the first write, and the enterprise is removed again if the user cannot be
// stored.
func (h *Handler) signup(ctx context.Context, ip string, in signupInput) (*domain.User, *domain.Enterprise, error) {
	st := h.deps.Store
	// Sign-ups per address are limited (counted in the store, shared by every instance): a
	// script making throwaway enterprises is slowed down, an office registering a few is not.
	if err := h.accounts.CheckSignup(ctx, ip); err != nil {
		return nil, nil, err
	}
	email := domain.NormalizeEmail(in.Email)
	name := strings.TrimSpace(in.Name)
	v := &domain.ValidationError{}
	if p := domain.EmailProblem(email); p != "" {
		v.Add("email", p)
	}
	if p := domain.PasswordProblem(in.Password); p != "" {
		v.Add("password", p)
	}
	if name == "" {
		v.Add("name", "required")
	} else if len([]rune(name)) > domain.MaxNameLength {
		v.Add("name", "too_long", domain.MaxNameLength)
	}
	e := &domain.Enterprise{Name: in.Enterprise.Name, USCC: in.Enterprise.USCC}
	for f, p := range e.ValidateCore("enterprise.").Fields {
		v.Add(f, p.Key, p.Args...)
	}
	clusters, err := h.resolveClusters(ctx, v, "enterprise.clusters", in.Enterprise.Clusters)
	if err != nil {
		return nil, nil, err
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}

	if _, err := st.Users.GetByEmail(ctx, email); err == nil {
		return nil, nil, domain.Conflict("email", "taken")
	} else if !errors.Is(err, domain.ErrNotFound) {
		return nil, nil, fmt.Errorf("look up email: %w", err)
	}
	hash, err := domain.HashPassword(in.Password)
	if err != nil {
		return nil, nil, err
	}
	now := h.now()
	e.ID, e.Clusters, e.CreatedAt, e.UpdatedAt = domain.NewID(), clusters, now, now
	// The sign-up form heads the person "contact": they are the enterprise's contact until the
	// profile names another.
	e.Contact = domain.Contact{Name: name, Email: email}
	e.IndustryCodes, e.HSCodes, e.Products = []string{}, []string{}, []string{}
	e.Certifications, e.ExportMarkets = []string{}, []string{}
	if err := st.Enterprises.Create(ctx, e); err != nil {
		var ce *domain.ConflictError
		if errors.As(err, &ce) && ce.Field == "uscc" {
			// A colleague registered the enterprise already: say who can add this person to it.
			return nil, nil, domain.Conflict("enterprise.uscc", "uscc_taken")
		}
		return nil, nil, fmt.Errorf("create enterprise: %w", err)
	}
	u := &domain.User{
		ID: domain.NewID(), Email: email, Name: name, PasswordHash: hash, Role: domain.RoleMember,
		Clusters: []string{}, EnterpriseID: e.ID, CreatedAt: now, UpdatedAt: now,
	}
	if err := st.Users.Create(ctx, u); err != nil {
		// The request may have been cancelled; the clean-up must still run.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if derr := st.Enterprises.Delete(cctx, e.ID); derr != nil {
			h.web.log.Error("signup: remove enterprise after failed user insert", "enterprise_id", e.ID, "err", derr)
		}
		var ce *domain.ConflictError
		if errors.As(err, &ce) {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("create user: %w", err)
	}
	if err := h.accounts.CountSignup(ctx, ip); err != nil {
		h.web.log.Warn("signup: count for the address limit", "err", err)
	}
	h.audit(ctx, u.ID, "user.signup", "user:"+u.ID, "enterprise:"+e.ID, ip)
	h.welcome(ctx, u)
	h.deps.Matches.EnterpriseChanged(ctx, *e)
	return u, e, nil
}

// resolveClusters maps cluster codes or names to the codes of existing clusters, reporting unknown
// ones on field. Nil input gives an empty list.
func (h *Handler) resolveClusters(ctx context.Context, v *domain.ValidationError, field string, items []string) ([]string, error) {
	out := []string{}
	if len(items) == 0 {
		return out, nil
	}
	all, err := h.deps.Store.Clusters.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("list clusters: %w", err)
	}
	idx := domain.NewClusterIndex(all)
	seen := map[string]bool{}
	for _, it := range items {
		code, ok := idx.Resolve(it)
		if !ok {
			v.Add(field, "cluster_unknown", it)
			continue
		}
		if !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	return out, nil
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
