package handlers

import (
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// localRoute holds the route-table pattern the request matched, set by the route's first handler.
const localRoute = "duijie.route"

// routeLabel names the request's route by its pattern (never the raw path, which would give
// metrics one series per ID), or "unmatched" when no route of the table took it.
func routeLabel(c *fiber.Ctx) string {
	if r, ok := c.Locals(localRoute).(string); ok {
		return r
	}
	return "unmatched"
}

// observe writes one access-log line and the metrics of every request. Errors returned by the
// chain are answered here, so the log and metrics see the status the client got. Only the path
// is logged: no query string, headers, cookies or bodies, which may carry secrets.
func (h *Handler) observe(c *fiber.Ctx) error {
	start := time.Now()
	if err := c.Next(); err != nil {
		if herr := h.handleError(c, err); herr != nil {
			h.web.log.Error("error handler failed", "request_id", requestIDOf(c), "err", herr)
			c.Status(fiber.StatusInternalServerError)
		}
	}
	elapsed := time.Since(start)
	status := c.Response().StatusCode()
	route := routeLabel(c)
	h.web.metrics.observe(route, c.Method(), status, elapsed)

	attrs := []slog.Attr{
		slog.String("request_id", requestIDOf(c)),
		slog.String("method", c.Method()),
		slog.String("path", loggablePath(c)),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Float64("ms", float64(elapsed.Microseconds())/1000),
		slog.Int("bytes", len(c.Response().Body())),
		slog.String("ip", clientIP(c)),
	}
	if u := currentUser(c); u != nil {
		attrs = append(attrs, slog.String("user_id", u.ID))
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	h.web.log.LogAttrs(c.UserContext(), level, "http", attrs...)
	return nil
}

// loggablePath returns the path with the values of token parameters (calendar feeds,
// unsubscribe links) masked: those paths are credentials.
func loggablePath(c *fiber.Ctx) string {
	p := c.Path()
	if _, matched := c.Locals(localRoute).(string); !matched {
		return p
	}
	for _, name := range c.Route().Params {
		if strings.Contains(strings.ToLower(name), "token") {
			if v := c.Params(name); v != "" {
				p = strings.ReplaceAll(p, v, "***")
			}
		}
	}
	return p
}

// statusLabel is the metric label of a status code.
func statusLabel(code int) string { return strconv.Itoa(code) }
