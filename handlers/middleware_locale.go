package handlers

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/locales"
)

const langCookie = "lang"

// locale picks the language of the request: an explicit ?lang= (remembered in a cookie), then
// that cookie, then Accept-Language, then Chinese, the programme's working language.
func (h *Handler) locale(c *fiber.Ctx) error {
	lang := ""
	if q := supportedLang(c.Query("lang")); q != "" {
		lang = q
		c.Cookie(&fiber.Cookie{
			Name: langCookie, Value: lang, Path: "/", Expires: h.now().Add(365 * 24 * time.Hour),
			HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode, Secure: h.deps.Options.SecureCookies,
		})
	} else if ck := supportedLang(c.Cookies(langCookie)); ck != "" {
		lang = ck
	} else {
		lang = locales.Match(c.Get(fiber.HeaderAcceptLanguage))
	}
	c.Locals(localLocale, lang)
	c.Vary(fiber.HeaderAcceptLanguage, fiber.HeaderCookie)
	return c.Next()
}

// supportedLang returns the supported language that v names ("en", "EN", "zh-cn"), or "".
func supportedLang(v string) string {
	for _, l := range locales.Supported {
		if strings.EqualFold(v, l) {
			return l
		}
	}
	if strings.EqualFold(v, "zh") {
		return "zh-CN"
	}
	return ""
}
