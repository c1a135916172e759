package handlers

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/locales"
)

// flashCookie carries a one-time message across a redirect (post → redirect → get). It holds a
// kind and a message key, never user text, so a forged cookie can at most show another of our
// own messages.
const flashCookie = "duijie_flash"

// Flash is a one-time message shown at the top of the next page.
type Flash struct {
	Kind    string // success, error, info or warning: the CSS modifier
	Message string // translated
}

var flashKinds = map[string]bool{"success": true, "error": true, "info": true, "warning": true}

// setFlash queues the message key for the next page this browser renders.
func (h *Handler) setFlash(c *fiber.Ctx, kind, key string) {
	if !flashKinds[kind] {
		kind = "info"
	}
	c.Cookie(&fiber.Cookie{
		Name: flashCookie, Value: kind + ":" + key, Path: "/", MaxAge: 120,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: h.deps.Options.SecureCookies,
	})
}

// takeFlash returns the queued message, if any, and clears it.
func (h *Handler) takeFlash(c *fiber.Ctx, lang string) *Flash {
	v := c.Cookies(flashCookie)
	if v == "" {
		return nil
	}
	c.Cookie(&fiber.Cookie{
		Name: flashCookie, Value: "", Path: "/", Expires: time.Unix(1, 0), MaxAge: -1,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: h.deps.Options.SecureCookies,
	})
	kind, key, ok := strings.Cut(v, ":")
	if !ok || !flashKinds[kind] || !locales.Has(lang, key) {
		return nil
	}
	return &Flash{Kind: kind, Message: locales.T(lang, key)}
}

// redirectWithFlash queues a message and sends the browser to path with 303 See Other, so a
// reload does not repeat the post.
func (h *Handler) redirectWithFlash(c *fiber.Ctx, path, kind, key string) error {
	h.setFlash(c, kind, key)
	return c.Redirect(path, fiber.StatusSeeOther)
}
