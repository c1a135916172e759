package handlers

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

const (
	csrfCookie = "duijie_csrf" // anonymous forms: double-submit cookie
	csrfField  = "_csrf"       // form field
	csrfHeader = "X-CSRF-Token"
)

// csrf makes the request's form token available (c.Locals(localCSRF)) so pages can embed it; the
// route's guard checks it on unsafe methods (checkCSRF). Signed-in browsers use their session's
// token. Anonymous forms (sign-in, sign-up) use a random cookie whose HMAC is the form token, so a
// cookie planted by a sibling domain is useless without the server's key.
func (h *Handler) csrf(c *fiber.Ctx) error {
	if s := currentSession(c); s != nil {
		c.Locals(localCSRF, s.CSRFToken)
		return c.Next()
	}
	if viaToken(c) || isAPI(c) || noFormPath(c.Path()) {
		return c.Next()
	}
	seed := c.Cookies(csrfCookie)
	if len(seed) != 64 {
		seed = domain.RandomToken(32)
		c.Cookie(&fiber.Cookie{
			Name: csrfCookie, Value: seed, Path: "/", HTTPOnly: true,
			SameSite: fiber.CookieSameSiteLaxMode, Secure: h.deps.Options.SecureCookies,
		})
	}
	c.Locals(localCSRF, h.anonCSRFToken(seed))
	return c.Next()
}

// checkCSRF requires the form token on unsafe requests that a browser could have been tricked
// into sending. Exempt: Bearer-token calls (no ambient credential) and anonymous API calls, which
// must be JSON, a type no cross-site form can send.
func (h *Handler) checkCSRF(c *fiber.Ctx) error {
	if !unsafeMethod(c.Method()) || viaToken(c) || (currentSession(c) == nil && isAPI(c)) {
		return nil
	}
	want := csrfToken(c)
	got := c.Get(csrfHeader)
	if got == "" {
		got = c.FormValue(csrfField)
	}
	if want == "" || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return withMessage(fiber.StatusForbidden, "errors.csrf")
	}
	return nil
}

// anonCSRFToken is the form token that matches an anonymous CSRF cookie.
func (h *Handler) anonCSRFToken(seed string) string {
	m := hmac.New(sha256.New, h.web.csrfKey)
	m.Write([]byte(seed))
	return hex.EncodeToString(m.Sum(nil))
}

// noFormPath reports paths that never serve or take a form, so an anonymous visit needs no CSRF
// cookie (and cacheable assets are not answered with Set-Cookie).
func noFormPath(p string) bool {
	return strings.HasPrefix(p, "/static/") || p == "/healthz" || p == "/readyz" || p == "/metrics" ||
		p == "/favicon.ico"
}

func unsafeMethod(m string) bool {
	switch m {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions, fiber.MethodTrace:
		return false
	}
	return true
}
