package handlers

import (
	"errors"
	"log/slog"
	"net/netip"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"duijie/domain"
	"duijie/mail"
	"duijie/service/accounts"
	"duijie/service/dashboard"
	"duijie/service/deals"
	"duijie/service/notify"
)

// Defaults for options that the caller left zero, so tests and tools can pass a sparse Options.
const (
	defaultBodyLimit      = 8 << 20 // imports of enterprise lists are the largest bodies
	defaultRequestTimeout = 15 * time.Second
	defaultSessionTTL     = 14 * 24 * time.Hour
	defaultLoginAttempts  = 10
	defaultLoginWindow    = 15 * time.Minute
	// addressShare is how many accounts' worth of failed logins one address may have before it
	// is slowed (domain.NewLoginPolicy): a cluster office's staff sit behind one NAT address.
	addressShare = 5
)

// webCore is the state the middleware shares across requests.
type webCore struct {
	log      *slog.Logger
	metrics  *httpMetrics
	csrfKey  []byte // keys the anonymous double-submit CSRF token
	registry *prometheus.Registry
	proxies  []netip.Prefix // peers whose X-Forwarded-For is believed (TRUSTED_PROXIES)
}

// New builds the Fiber application: middleware, views and every route of routes.go.
func New(deps Deps) (*fiber.App, error) {
	app, _, err := newApp(deps)
	return app, err
}

// newApp is New that also returns the Handler, for tests that need its state.
func newApp(deps Deps) (*fiber.App, *Handler, error) {
	if deps.Store == nil {
		return nil, nil, errors.New("handlers: Deps.Store is required")
	}
	o := &deps.Options
	if o.BodyLimit <= 0 {
		o.BodyLimit = defaultBodyLimit
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = defaultRequestTimeout
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = defaultSessionTTL
	}
	if o.LoginAttempts <= 0 {
		o.LoginAttempts = defaultLoginAttempts
	}
	if o.LoginWindow <= 0 {
		o.LoginWindow = defaultLoginWindow
	}
	if deps.Logger == nil {
		deps.Logger = slog.Default()
	}
	if deps.Registry == nil {
		deps.Registry = prometheus.NewRegistry()
	}
	if deps.Notify == nil {
		// Mail is queued in the outbox whatever the instance: without a relay it waits there.
		r, err := mail.NewRenderer(o.BaseURL)
		if err != nil {
			return nil, nil, err
		}
		deps.Notify = notify.New(deps.Store, r, deps.Logger, deps.Now)
	}
	if deps.Dashboard == nil {
		deps.Dashboard = dashboard.New(deps.Store, deps.Now)
	}
	if deps.Deals == nil {
		deps.Deals = deals.New(deps.Store, deps.Notify, deps.Logger, deps.Now)
	}
	secret := o.SessionSecret
	if secret == "" {
		// cmd warns about an unset secret; here a random one keeps a sparse test config safe.
		secret = domain.RandomToken(32)
	}
	h := &Handler{deps: deps}
	h.events = newEvents(h)
	m, err := newHTTPMetrics(deps.Registry)
	if err != nil {
		return nil, nil, err
	}
	h.web = &webCore{
		log:      deps.Logger,
		metrics:  m,
		csrfKey:  []byte("duijie csrf\x00" + secret),
		registry: deps.Registry,
		proxies:  o.TrustedProxies,
	}
	renderer, err := mail.NewRenderer(o.BaseURL)
	if err != nil {
		return nil, nil, err
	}
	h.accounts = accounts.New(deps.Store, renderer, deps.Logger, h.now)
	h.accounts.LoginPolicy = domain.NewLoginPolicy(o.LoginAttempts, o.LoginWindow)
	h.newServices()

	views, err := h.newViews()
	if err != nil {
		return nil, nil, err
	}
	app := fiber.New(fiber.Config{
		AppName:   "duijie",
		BodyLimit: o.BodyLimit,
		// Values of the context (form values, params, headers) are copies, not views of
		// fasthttp's reused buffers: handlers pass them on to what outlives the request (the
		// matching index, zone and metrics caches), which otherwise read a later request's
		// bytes (a stored match named after another user's form post).
		Immutable:             true,
		ErrorHandler:          h.handleError,
		Views:                 views,
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          o.RequestTimeout + 15*time.Second,
		IdleTimeout:           120 * time.Second,
	})

	// Order matters: the request ID first so every later log line carries it; observe next so it
	// sees the final status of everything below, including recovered panics.
	app.Use(h.clientAddress, h.requestID, h.observe, h.recoverPanics, h.securityHeaders, h.requestContext,
		h.locale, h.authenticate, h.csrf)
	if err := h.mount(app); err != nil {
		return nil, nil, err
	}
	return app, h, nil
}
