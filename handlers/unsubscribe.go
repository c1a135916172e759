package handlers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
)

// unsubscribeKind is the kind named by ?kind= (or the form), the digest when none or unknown.
func unsubscribeKind(c *fiber.Ctx) domain.MailKind {
	k := domain.MailKind(c.Query("kind"))
	if !k.Valid() {
		k = domain.MailKind(c.FormValue("kind"))
	}
	if !k.Valid() {
		return domain.MailDigest
	}
	return k
}

// maskEmail shows enough of an address for its owner to recognise it: "zh***@example.cn".
func maskEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return "***"
	}
	local := []rune(s[:at])
	keep := min(2, len(local))
	return string(local[:keep]) + "***" + s[at:]
}

// unsubscribeData is the page for token and kind: who it is for and whether they are still
// subscribed. An unknown token is not an error for the visitor: the page says the link is not
// valid (it may be from a mail whose account is gone).
func (h *Handler) unsubscribeData(c *fiber.Ctx) (*domain.Preferences, *unsubscribeView, error) {
	kind := unsubscribeKind(c)
	lang := currentLocale(c)
	data := &unsubscribeView{
		Page:     Page{Title: locales.T(lang, "unsubscribe.title")},
		Kind:     string(kind),
		KindName: locales.T(lang, "prefs.kind."+string(kind)),
		Token:    c.Params("token"),
	}
	token := c.Params("token")
	if len(token) < 16 || len(token) > 128 {
		return nil, data, nil
	}
	p, err := h.deps.Store.Preferences.ByToken(c.UserContext(), token)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, data, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("unsubscribe: %w", err)
	}
	data.Known = true
	data.Subscribed = p.Wants(kind)
	if u, err := h.deps.Store.Users.Get(c.UserContext(), p.UserID); err == nil {
		data.Email = maskEmail(u.Email)
	}
	return p, data, nil
}

// pageUnsubscribe asks to confirm. A GET never unsubscribes: mail scanners open links.
func (h *Handler) pageUnsubscribe(c *fiber.Ctx) error {
	_, data, err := h.unsubscribeData(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderXRobotsTag, "noindex")
	return h.render(c, fiber.StatusOK, "unsubscribe", data)
}

// formUnsubscribe unsubscribes the token's holder from the kind: the confirmation button and
// the RFC 8058 one-click POST (body List-Unsubscribe=One-Click) of mail providers alike. A
// reused or unknown link gets a page saying so, with 200, so providers do not retry.
func (h *Handler) formUnsubscribe(c *fiber.Ctx) error {
	p, data, err := h.unsubscribeData(c)
	if err != nil {
		return err
	}
	if p != nil {
		kind := unsubscribeKind(c)
		if p.Unsubscribe(kind) {
			p.UpdatedAt = h.now()
			if err := h.deps.Store.Preferences.Put(c.UserContext(), p); err != nil {
				return fmt.Errorf("unsubscribe: %w", err)
			}
			h.audit(c.UserContext(), p.UserID, "mail.unsubscribe", "user:"+p.UserID, string(kind), clientIP(c))
			data.Done = true
		} else {
			data.Already = true
		}
		data.Subscribed = false
	}
	c.Set(fiber.HeaderXRobotsTag, "noindex")
	return h.render(c, fiber.StatusOK, "unsubscribe", data)
}
