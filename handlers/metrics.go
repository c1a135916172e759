package handlers

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// httpMetrics are the Prometheus series of the web layer.
type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// newHTTPMetrics registers the series on reg, reusing them when an earlier app registered them
// on the same registry (tests build many apps).
func newHTTPMetrics(reg *prometheus.Registry) (*httpMetrics, error) {
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "duijie_http_requests_total",
		Help: "HTTP requests by route pattern, method and status.",
	}, []string{"route", "method", "status"})
	duration := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "duijie_http_request_duration_seconds",
		Help:    "Time to answer HTTP requests, by route pattern and method.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "method"})
	m := &httpMetrics{}
	var err error
	if m.requests, err = registerOrReuse(reg, requests); err != nil {
		return nil, err
	}
	if m.duration, err = registerOrReuse(reg, duration); err != nil {
		return nil, err
	}
	return m, nil
}

func registerOrReuse[C prometheus.Collector](reg *prometheus.Registry, c C) (C, error) {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing, nil
			}
		}
		return c, fmt.Errorf("register metrics: %w", err)
	}
	return c, nil
}

func (m *httpMetrics) observe(route, method string, status int, d time.Duration) {
	method = methodLabel(method)
	m.requests.WithLabelValues(route, method, statusLabel(status)).Inc()
	m.duration.WithLabelValues(route, method).Observe(d.Seconds())
}

// methodLabel is the metric label of a method, one of a fixed set. Prometheus keeps label values
// for the life of the process: a value that was a view of a request buffer (before the app was
// made Immutable) was overwritten by later requests, two series collided and /metrics answered
// 500. Constants cannot change under it, and bound the label to the methods served.
func methodLabel(m string) string {
	for _, known := range []string{fiber.MethodGet, fiber.MethodHead, fiber.MethodPost, fiber.MethodPut,
		fiber.MethodPatch, fiber.MethodDelete, fiber.MethodOptions} {
		if m == known {
			return known
		}
	}
	return "other"
}

// metricsEndpoint serves the registry in the Prometheus text format.
func (h *Handler) metricsEndpoint() fiber.Handler {
	serve := adaptor.HTTPHandler(promhttp.HandlerFor(h.web.registry, promhttp.HandlerOpts{}))
	want := h.deps.Options.MetricsToken
	if want == "" {
		return serve
	}
	// METRICS_TOKEN set: the scraper sends it as a Bearer token (Prometheus' authorization
	// setting); anyone else learns nothing about traffic or routes.
	return func(c *fiber.Ctx) error {
		scheme, got, _ := strings.Cut(c.Get(fiber.HeaderAuthorization), " ")
		if !strings.EqualFold(scheme, "Bearer") ||
			subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(want)) != 1 {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="metrics"`)
			return c.Status(fiber.StatusUnauthorized).SendString("metrics token required")
		}
		return serve(c)
	}
}

// isMetricsScrape reports whether the request is for /metrics guarded by METRICS_TOKEN: its
// Bearer token is the metrics token, not an API token, so authentication leaves it alone.
func (h *Handler) isMetricsScrape(c *fiber.Ctx) bool {
	return h.deps.Options.MetricsToken != "" && c.Path() == "/metrics"
}

// healthz answers while the process is up; it touches nothing else.
func (h *Handler) healthz(c *fiber.Ctx) error {
	return c.Status(fiber.StatusOK).SendString("ok")
}

// readyz answers 200 when the database answers a ping within a short time and the matching
// index has been built, else 503, so a load balancer sends no traffic to an instance whose
// database is unreachable or whose rankings would draw from part of the store.
func (h *Handler) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := h.deps.Store.Health.Ping(ctx); err != nil {
		h.web.log.Warn("readiness: database ping failed", "engine", h.deps.Store.Engine, "err", err)
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unavailable")
	}
	if !h.deps.Matches.Ready() {
		return c.Status(fiber.StatusServiceUnavailable).SendString("matching index building")
	}
	return c.Status(fiber.StatusOK).SendString("ready")
}
