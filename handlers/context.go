package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// Keys of c.Locals that the middleware fills and every handler reads. Only the accessors below
// touch them, so the middleware and the page/API handlers agree on one place.
const (
	localUser    = "duijie.user"
	localSession = "duijie.session"
	localLocale  = "duijie.locale"
	localCSRF    = "duijie.csrf"
	localViaAPI  = "duijie.api" // request authenticated by Bearer token
)

// currentUser returns the signed-in user, or nil for an anonymous request.
func currentUser(c *fiber.Ctx) *domain.User {
	u, _ := c.Locals(localUser).(*domain.User)
	return u
}

// currentSession returns the browser session, or nil (anonymous or Bearer token).
func currentSession(c *fiber.Ctx) *domain.Session {
	s, _ := c.Locals(localSession).(*domain.Session)
	return s
}

// currentLocale returns "zh-CN" or "en" as chosen by the locale middleware.
func currentLocale(c *fiber.Ctx) string {
	if l, ok := c.Locals(localLocale).(string); ok && l != "" {
		return l
	}
	return "zh-CN"
}

// csrfToken returns the token that forms of this request must carry back.
func csrfToken(c *fiber.Ctx) string {
	t, _ := c.Locals(localCSRF).(string)
	return t
}

// isAPI reports whether the request is a JSON API call (path under /api/), which decides
// between the JSON envelope and an HTML page for errors.
func isAPI(c *fiber.Ctx) bool {
	p := c.Path()
	return len(p) >= 5 && p[:5] == "/api/"
}
