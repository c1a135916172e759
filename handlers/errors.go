package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
)

// statusError is an answer a handler picks itself: a status, a message key (in the locale files)
// with its arguments, and optionally field problems.
type statusError struct {
	status     int
	key        string
	args       []any
	fields     *domain.ValidationError
	retryAfter time.Duration
}

func (e *statusError) Error() string { return fmt.Sprintf("http %d: %s", e.status, e.key) }

// badRequest is a 400 for input that could not be read at all (as opposed to 422: read, but
// invalid), naming the field at fault.
func badRequest(field, key string, args ...any) error {
	v := &domain.ValidationError{}
	v.Add(field, key, args...)
	return &statusError{status: fiber.StatusBadRequest, key: "errors.bad_request", fields: v}
}

// rateLimited is a 429 telling the client how long to wait: in seconds for short waits, in whole
// minutes from two minutes on ("try again in 15 minutes", not "in 883 seconds").
func rateLimited(wait time.Duration) error {
	secs := int((wait + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	key, n := "errors.rate_limited", secs
	if secs >= 120 {
		key, n = "errors.rate_limited_minutes", (secs+59)/60
	}
	return &statusError{status: fiber.StatusTooManyRequests, key: key, args: []any{n},
		retryAfter: time.Duration(secs) * time.Second}
}

// withMessage is a status with a specific message instead of the status's generic one.
func withMessage(status int, key string, args ...any) error {
	return &statusError{status: status, key: key, args: args}
}

// answer is an error classified for the client.
type answer struct {
	status     int
	code       string
	message    string
	fields     map[string]string
	retryAfter time.Duration
	internal   bool // log it: the client learns only the request ID
	specific   bool // the message was chosen by the handler, not derived from the status
}

// errorCode is the envelope's code for a status (docs/contract.md, extended for 405 and 503).
func errorCode(status int) string {
	switch status {
	case fiber.StatusUnauthorized:
		return "unauthorized"
	case fiber.StatusForbidden:
		return "forbidden"
	case fiber.StatusNotFound:
		return "not_found"
	case fiber.StatusMethodNotAllowed:
		return "method_not_allowed"
	case fiber.StatusConflict:
		return "conflict"
	case fiber.StatusTooManyRequests:
		return "rate_limited"
	case fiber.StatusServiceUnavailable:
		return "unavailable"
	}
	if status >= 500 {
		return "internal"
	}
	return "validation"
}

// statusMessageKey is the generic message of a status when the error brings none.
func statusMessageKey(status int) string {
	switch status {
	case fiber.StatusBadRequest:
		return "errors.bad_request"
	case fiber.StatusRequestEntityTooLarge:
		return "errors.too_large"
	case fiber.StatusRequestTimeout:
		return "errors.timeout"
	case fiber.StatusUnprocessableEntity:
		return "errors.validation"
	}
	if status >= 500 && status != fiber.StatusServiceUnavailable {
		return "errors.internal"
	}
	if status >= 400 && status < 500 && errorCode(status) == "validation" {
		return "errors.bad_request"
	}
	return "errors." + errorCode(status)
}

// classify maps every error the app can meet to one answer; this is the only place that knows
// how domain errors become HTTP.
func classify(lang string, err error) answer {
	var (
		se *statusError
		ve *domain.ValidationError
		ce *domain.ConflictError
		fe *fiber.Error
	)
	a := answer{fields: map[string]string{}}
	var (
		rl *domain.RateLimitError
		me *domain.MessageError
	)
	switch {
	case errors.As(err, &me):
		a = classify(lang, me.Err)
		a.message, a.specific = locales.T(lang, me.Key, me.Args...), true
		return a
	case errors.As(err, &rl):
		return classify(lang, rateLimited(rl.Wait))
	case errors.Is(err, domain.ErrLoginFailed):
		return classify(lang, withMessage(fiber.StatusUnauthorized, "errors.login_failed"))
	case errors.Is(err, domain.ErrAccountDisabled):
		return classify(lang, withMessage(fiber.StatusForbidden, "errors.account_disabled"))
	case errors.As(err, &se):
		a.status, a.retryAfter = se.status, se.retryAfter
		a.message, a.specific = locales.T(lang, se.key, se.args...), true
		if se.fields != nil {
			a.fields = translateFields(lang, se.fields)
		}
	case errors.As(err, &ve):
		a.status = fiber.StatusUnprocessableEntity
		a.fields = translateFields(lang, ve)
	case errors.As(err, &ce):
		a.status = fiber.StatusConflict
		a.fields[ce.Field] = fieldMessage(lang, domain.FieldProblem{Key: ce.Key})
	case errors.Is(err, domain.ErrConflict):
		a.status = fiber.StatusConflict
	case errors.Is(err, domain.ErrNotFound):
		a.status = fiber.StatusNotFound
	case errors.Is(err, domain.ErrForbidden):
		a.status = fiber.StatusForbidden
	case errors.Is(err, domain.ErrUnauthorized):
		a.status = fiber.StatusUnauthorized
	case errors.As(err, &fe):
		a.status = fe.Code
		if a.status == fiber.StatusRequestEntityTooLarge {
			a.fields["body"] = locales.T(lang, "errors.field.too_large")
		}
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		a.status = fiber.StatusServiceUnavailable
		a.retryAfter = 5 * time.Second
		a.internal = true
	default:
		a.status = fiber.StatusInternalServerError
		a.internal = true
	}
	if a.status < 400 || a.status > 599 {
		a.status, a.internal = fiber.StatusInternalServerError, true
	}
	a.code = errorCode(a.status)
	if a.message == "" {
		a.message = locales.T(lang, statusMessageKey(a.status))
	}
	return a
}

// translateFields renders each field problem in lang.
func translateFields(lang string, v *domain.ValidationError) map[string]string {
	out := make(map[string]string, len(v.Fields))
	for f, p := range v.Fields {
		out[f] = fieldMessage(lang, p)
	}
	return out
}

// fieldMessage translates one problem (key "errors.field.<Key>"). A key nobody translated yet
// reads as a generic "is not valid" rather than as a raw key in front of a user.
func fieldMessage(lang string, p domain.FieldProblem) string {
	// A key with a dot is already whole: areas keep their own messages under their prefix ("ops.…").
	if strings.Contains(p.Key, ".") && locales.Has(lang, p.Key) {
		return locales.T(lang, p.Key, p.Args...)
	}
	key := "errors.field." + p.Key
	if strings.Contains(p.Key, ".") {
		key = p.Key // a full message key of an area's own file ("trust.field.…")
	}
	if !locales.Has(lang, key) {
		return locales.T(lang, "errors.field.invalid")
	}
	return locales.T(lang, key, p.Args...)
}

// handleError is Fiber's ErrorHandler and the one responder for errors: the JSON envelope under
// /api/, the error page elsewhere. 5xx are logged with the request ID, which is all the client sees.
func (h *Handler) handleError(c *fiber.Ctx, err error) error {
	lang := currentLocale(c)
	a := classify(lang, err)
	rid := requestIDOf(c)
	if a.internal {
		h.web.log.Error("request failed", "request_id", rid, "method", c.Method(),
			"route", routeLabel(c), "err", err)
		if a.status == fiber.StatusInternalServerError {
			a.message = locales.T(lang, "errors.internal", rid)
		}
	}
	setRetryAfter(c, a.retryAfter)
	if isAPI(c) {
		if a.status == fiber.StatusUnauthorized {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="duijie"`) // RFC 6750
		}
		return c.Status(a.status).JSON(fiber.Map{"error": fiber.Map{
			"code": a.code, "message": a.message, "fields": a.fields,
		}})
	}
	if a.status == fiber.StatusUnauthorized && (c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead) {
		return c.Redirect(loginURL(c), fiber.StatusSeeOther)
	}
	title := locales.T(lang, "errorpage.code", a.status)
	if k := "errorpage." + strconv.Itoa(a.status) + ".title"; locales.Has(lang, k) {
		title = locales.T(lang, k)
	}
	message := a.message
	if k := "errorpage." + strconv.Itoa(a.status) + ".message"; !a.specific && !a.internal && locales.Has(lang, k) {
		message = locales.T(lang, k)
	}
	if rerr := h.renderError(c, a.status, title, message); rerr != nil {
		// The page itself failed (a template bug): still answer, in plain text.
		h.web.log.Error("render error page", "request_id", rid, "err", rerr)
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.Status(a.status).SendString(title + "\n" + message)
	}
	return nil
}

// setRetryAfter tells the client when to try again (429, 503); zero sets nothing.
func setRetryAfter(c *fiber.Ctx, d time.Duration) {
	if d > 0 {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int((d+time.Second-1)/time.Second)))
	}
}

// loginURL is the sign-in page that brings the user back to this request's page afterwards.
func loginURL(c *fiber.Ctx) string {
	next := string(c.Request().URI().RequestURI())
	if !safeNext(next) {
		return "/login"
	}
	return "/login?next=" + url.QueryEscape(next)
}
