package handlers

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// formLogin is the sign-in form's post: on success a session and a redirect to next.
func (h *Handler) formLogin(c *fiber.Ctx) error {
	in := loginInput{Email: c.FormValue("email"), Password: c.FormValue("password")}
	next := c.FormValue("next")
	form := map[string]string{"email": strings.TrimSpace(in.Email), "next": next}
	u, err := h.checkLogin(c.UserContext(), clientIP(c), in)
	if err != nil {
		return h.formFailed(c, "login", err, form)
	}
	if _, err := h.startSession(c, u); err != nil {
		return err
	}
	h.audit(c.UserContext(), u.ID, "user.login", "user:"+u.ID, "form login", clientIP(c))
	return c.Redirect(nextOr(next, "/dashboard"), fiber.StatusSeeOther)
}

// formSignup is the sign-up form's post. Field names follow the JSON paths ("enterprise.uscc"),
// so the Errors map of a failed post names the inputs directly.
func (h *Handler) formSignup(c *fiber.Ctx) error {
	in := signupInput{
		Email: c.FormValue("email"), Password: c.FormValue("password"), Name: c.FormValue("name"),
		Enterprise: signupEnterprise{
			Name: c.FormValue("enterprise.name"), USCC: c.FormValue("enterprise.uscc"),
			Clusters: formValues(c, "enterprise.clusters"),
		},
	}
	next := c.FormValue("next")
	form := map[string]string{
		"email": in.Email, "name": in.Name, "enterprise.name": in.Enterprise.Name,
		"enterprise.uscc": in.Enterprise.USCC, "enterprise.clusters": strings.Join(in.Enterprise.Clusters, ","),
		"next": next,
	}
	u, _, err := h.signup(c.UserContext(), clientIP(c), in)
	if err != nil {
		return h.formFailed(c, "signup", err, form)
	}
	if _, err := h.startSession(c, u); err != nil {
		return err
	}
	if safeNext(next) {
		return h.redirectWithFlash(c, next, "success", "signup.welcome")
	}
	// A new enterprise has only a name and a code: matching finds it once its profile says what
	// it makes, so that is the first thing to do.
	if hasGetRoute(c, "/enterprises/me/edit") {
		return h.redirectWithFlash(c, "/enterprises/me/edit", "success", "signup.welcomeProfile")
	}
	return h.redirectWithFlash(c, "/", "success", "signup.welcome")
}

// formLogout ends the browser session.
func (h *Handler) formLogout(c *fiber.Ctx) error {
	if err := h.endSession(c); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/", "info", "login.signedOut")
}

// formFailed re-renders a form page after a refused post: the submitted values (never the
// password) under "Form" and a translated message per field under "Errors" ("form" for a problem
// of the whole form, such as wrong credentials). Server failures go to the error page instead.
func (h *Handler) formFailed(c *fiber.Ctx, page string, err error, form map[string]string) error {
	a := classify(currentLocale(c), err)
	if a.internal || a.status == fiber.StatusNotFound {
		return err
	}
	errs := a.fields
	if len(errs) == 0 {
		errs = map[string]string{"form": a.message}
	}
	setRetryAfter(c, a.retryAfter)
	return h.render(c, a.status, page, &formView{Page{Form: form, Errors: errs}})
}

// formValues returns every value of a repeated form field (checkboxes), url-encoded or multipart.
func formValues(c *fiber.Ctx, key string) []string {
	var out []string
	if mf, err := c.MultipartForm(); err == nil && mf != nil {
		out = append(out, mf.Value[key]...)
	} else {
		for _, v := range c.Request().PostArgs().PeekMulti(key) {
			out = append(out, string(v))
		}
	}
	return out
}

// safeNext reports whether next is a path on this site, so a sign-in link cannot redirect to
// another origin ("//evil.example", "https://…", "/\evil").
func safeNext(next string) bool {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return false
	}
	u, err := url.Parse(next)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil
}

// nextOr returns next when it is safe, else fallback.
func nextOr(next, fallback string) string {
	if safeNext(next) {
		return next
	}
	return fallback
}
