package handlers

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

const localRequestID = "duijie.requestID"

// A caller's X-Request-ID is kept only when it is short and plain, so it cannot inject into logs.
var requestIDRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID tags the request with an ID (the caller's X-Request-ID when sane) that is echoed in the
// response and written in every log line and 500 answer, so a user's report finds the log.
func (h *Handler) requestID(c *fiber.Ctx) error {
	id := c.Get(fiber.HeaderXRequestID)
	if !requestIDRE.MatchString(id) {
		id = domain.RandomToken(8)
	}
	c.Locals(localRequestID, id)
	c.Set(fiber.HeaderXRequestID, id)
	return c.Next()
}

// requestIDOf returns the request's ID, or "" before the middleware ran (errors raised by the
// server itself, such as an oversized body).
func requestIDOf(c *fiber.Ctx) string {
	id, _ := c.Locals(localRequestID).(string)
	return id
}

// errPanic stands for a recovered panic; its details are in the log, never in the response.
var errPanic = errors.New("panic recovered")

// recoverPanics turns a panic into a 500 answer and logs the stack, which the answer never shows.
func (h *Handler) recoverPanics(c *fiber.Ctx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			h.web.log.Error("panic", "request_id", requestIDOf(c), "method", c.Method(),
				"route", routeLabel(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = errPanic
		}
	}()
	return c.Next()
}

// contentSecurityPolicy allows only same-origin resources and no inline script; images may also
// be data: URLs (QR codes).
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func (h *Handler) securityHeaders(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentSecurityPolicy, contentSecurityPolicy)
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set(fiber.HeaderReferrerPolicy, "same-origin")
	if h.deps.Options.SecureCookies {
		c.Set(fiber.HeaderStrictTransportSecurity, "max-age=63072000; includeSubDomains")
	}
	return c.Next()
}

// requestContext gives the request a context with the configured deadline; handlers pass
// c.UserContext() to the store so a slow query cannot hold a connection forever.
func (h *Handler) requestContext(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), h.deps.Options.RequestTimeout)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}
