package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
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
	secret := tokenPrefix + domain.RandomToken(32)
	now := h.now()
	t := &domain.APIToken{
		ID: domain.NewID(), UserID: u.ID, Name: name, Hash: hashSecret(secret),
		CreatedAt: now, ExpiresAt: now.Add(tokenTTL),
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

// dummyHash is verified when the email is unknown, so that a wrong email takes as long as a
// wrong password and response times do not reveal which accounts exist.
var dummyHash = sync.OnceValue(func() string {
	h, _ := domain.HashPassword(domain.RandomToken(16))
	return h
})

// checkLogin verifies credentials under the failed-login limits (per address and per email).
// Every failure reads the same, whether the email exists or not.
func (h *Handler) checkLogin(ctx context.Context, ip string, in loginInput) (*domain.User, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	now := h.now()
	ipKey, emailKey := "ip:"+ip, "email:"+in.Email
	if wait := max(h.web.loginsIP.wait(ipKey, now), h.web.logins.wait(emailKey, now)); wait > 0 {
		return nil, rateLimited(wait)
	}
	u, err := h.deps.Store.Users.GetByEmail(ctx, in.Email)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("look up user: %w", err)
	}
	ok := false
	if u == nil {
		_, _ = domain.VerifyPassword(dummyHash(), in.Password)
	} else if ok, err = domain.VerifyPassword(u.PasswordHash, in.Password); err != nil {
		return nil, fmt.Errorf("verify password of user %s: %w", u.ID, err)
	}
	if !ok {
		h.web.loginsIP.add(ipKey, now)
		h.web.logins.add(emailKey, now)
		return nil, withMessage(fiber.StatusUnauthorized, "errors.login_failed")
	}
	if u.Disabled {
		// Told only to someone who knows the password: no account enumeration.
		return nil, withMessage(fiber.StatusForbidden, "errors.account_disabled")
	}
	h.web.logins.reset(emailKey)
	return u, nil
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
func (h *Handler) signup(ctx context.Context, in signupInput) (*domain.User, *domain.Enterprise, error) {
	st := h.deps.Store
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
	h.audit(ctx, u.ID, "user.signup", "user:"+u.ID, "enterprise:"+e.ID, "")
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
