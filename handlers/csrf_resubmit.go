package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/locales"
)

// keptField is one value of a form whose CSRF token no longer matched, carried into the
// "submit again" page as a hidden field.
type keptField struct{ Name, Value string }

// csrfRejected answers a form post whose token failed: instead of a bare 403 that loses what
// the person typed (a token from before a restart, or from a tab left open past the session), it
// shows the form's values again under a fresh token, to be sent with one click. Passwords are not
// carried (they would sit in the page), and neither are files; the page says so. API calls and
// anything that is not a browser form keep the plain 403.
func (h *Handler) csrfRejected(c *fiber.Ctx, err error) error {
	ct := string(c.Request().Header.ContentType())
	form := strings.HasPrefix(ct, fiber.MIMEApplicationForm)
	multipart := strings.HasPrefix(ct, fiber.MIMEMultipartForm)
	if isAPI(c) || viaToken(c) || c.Method() != fiber.MethodPost || (!form && !multipart) {
		return err
	}
	var kept []keptField
	droppedPassword, droppedFile := false, false
	collect := func(k, v string) {
		switch {
		case k == csrfField:
		case isSecretField(k):
			droppedPassword = droppedPassword || v != ""
		default:
			kept = append(kept, keptField{Name: k, Value: v})
		}
	}
	if multipart {
		mf, ferr := c.MultipartForm()
		if ferr == nil {
			for k, vs := range mf.Value {
				for _, v := range vs {
					collect(k, v)
				}
			}
			droppedFile = len(mf.File) > 0
		}
	} else {
		c.Request().PostArgs().VisitAll(func(k, v []byte) { collect(string(k), string(v)) })
	}
	lang := currentLocale(c)
	return h.render(c, fiber.StatusForbidden, "ops/resubmit", &resubmitView{
		Page:            Page{Title: locales.T(lang, "ops.resubmit.title")},
		Action:          c.OriginalURL(),
		Kept:            kept,
		DroppedPassword: droppedPassword,
		DroppedFile:     droppedFile,
		BackURL:         sameSiteReferer(c),
	})
}

// isSecretField names form fields never echoed into a page.
func isSecretField(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "password") || n == "current" || strings.Contains(n, "secret") || strings.Contains(n, "token")
}
