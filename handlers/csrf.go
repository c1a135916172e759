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

// csrf makes the request's form token available (c.Locals(localCSRF)) and, for unsafe methods,
// requires it back. Signed-in browsers use their session's token. Anonymous forms (sign-in,
// sign-up) use a random cookie whose HMAC is the form token, so a cookie planted by a sibling
// domain is useless without the server's key. Bearer-token calls carry no ambient credential and
// are exempt; so are anonymous API calls, which must be JSON, a type no cross-site form can send.
func (h *Handler) csrf(c *fiber.Ctx) error {
	s := currentSession(c)
	if viaToken(c) || (s == nil && (isAPI(c) || noFormPath(c.Path()))) {
		return c.Next()
	}
	var want string
	if s != nil {
		want = s.CSRFToken
	} else {
		seed := c.Cookies(csrfCookie)
		if len(seed) != 64 {
			seed = domain.RandomToken(32)
			c.Cookie(&fiber.Cookie{
				Name: csrfCookie, Value: seed, Path: "/", HTTPOnly: true,
				SameSite: fiber.CookieSameSiteLaxMode, Secure: h.deps.Options.SecureCookies,
			})
			// A fresh cookie cannot have been echoed by this request's form.
			if unsafeMethod(c.Method()) {
				return withMessage(fiber.StatusForbidden, "errors.csrf")
			}
		}
		want = h.anonCSRFToken(seed)
	}
	c.Locals(localCSRF, want)
	if !unsafeMethod(c.Method()) {
		return c.Next()
	}
	got := c.Get(csrfHeader)
	if got == "" {
		got = c.FormValue(csrfField)
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return withMessage(fiber.StatusForbidden, "errors.csrf")
	}
	return c.Next()
}

// anonCSRFToken is the form token that matches an anonymous CSRF cookie.
func (h *Handler) anonCSRFToken(seed string) string {
	m := hmac.New(sha256.New, h.web.csrfKey)
	m.Write([]byte(seed))
	return hex.EncodeToString(m.Sum(nil))
}

// noFormPath reports paths that never serve or take a form, so an anonymous visit does not need
// a CSRF cookie (and cacheable assets are not answered with Set-Cookie).
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
