// Package handlers is the Fiber application: routes.go lists every URL with who may call it,
// and each resource has its own file. JSON and HTML responders are separate; domain errors are
// mapped to HTTP in errors.go only.
package handlers

import (
	"log/slog"
	"net/netip"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"duijie/matchsvc"
	"duijie/service/dashboard"
	"duijie/service/deals"
	"duijie/service/notify"
	"duijie/store"
)

// Options are the settings of the web layer, filled from the process config by cmd.
type Options struct {
	BaseURL        string        // external URL, for links in pages and mail
	SessionSecret  string        // keys cookie signatures and CSRF tokens
	SecureCookies  bool          // set when BaseURL is https
	BodyLimit      int           // bytes; larger requests get 413
	RequestTimeout time.Duration // context deadline of every request's store calls
	SessionTTL     time.Duration
	DefaultTZ      string
	// LoginAttempts failed logins per LoginWindow for one email (five times as many from one
	// address) before 429.
	LoginAttempts int
	LoginWindow   time.Duration
	// MailRelay names the SMTP relay for the admin Outbox page; "" means mail stays in the outbox.
	MailRelay string
	// ImportMaxRows refuses larger enterprise and lead files up front; 0 means the importer's default.
	ImportMaxRows int
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the client (TRUSTED_PROXIES);
	// from any other peer the header is ignored. Empty: the peer is the client.
	TrustedProxies []netip.Prefix
	// MetricsToken, when set, is the Bearer token /metrics requires (METRICS_TOKEN).
	MetricsToken string
	// CheckinOpensBefore is how long before an event starts its door takes check-ins; 0 means
	// domain.DefaultCheckinOpensBefore.
	CheckinOpensBefore time.Duration
}

// Deps are what the web layer needs from the process.
type Deps struct {
	Store    *store.Store
	Options  Options
	Logger   *slog.Logger
	Registry *prometheus.Registry // /metrics serves this registry
	Now      func() time.Time     // injectable clock for tests; nil means time.Now
	// Jobs runs scheduled jobs on demand (admin Jobs page); nil on web-only instances.
	Jobs JobControl
	// Matches is the matching service: rankings, match records and the hooks that keep its index
	// current; nil turns matching off (its hooks do nothing, its routes answer 503).
	Matches *matchsvc.Service
	// Notify queues the deal loop's mail (registrations, meetings, instant notices); nil builds
	// one over Store with BaseURL.
	Notify *notify.Service
	// Deals runs shortlists, invitations and quotes; nil builds one over Store.
	Deals *deals.Service
	// Dashboard builds each role's first screen; nil builds one over Store.
	Dashboard *dashboard.Service
}
