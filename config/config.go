// Package config reads the process settings from the environment and command-line flags into one
// typed struct. Every option has a default and a check; a bad value stops the process at start
// with one line naming the option, rather than failing later in a request.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"duijie/domain"
)

// Config is the whole process configuration.
type Config struct {
	Addr     string // listen address, host:port
	DataDir  string // where the embedded database lives
	MongoURI string // empty: embedded SQLite
	MongoDB  string // database name on MongoDB
	BaseURL  string // external URL without trailing slash, for links in pages and mail
	// BaseURLDerived is set when BASE_URL was unset and BaseURL was made from ADDR; serve then
	// replaces it with the address it actually listens on (ADDR may have port 0).
	BaseURLDerived bool
	SMTP           *SMTP  // nil: mail stays in the outbox
	MailFrom       string // RFC 5322 address mail is sent from

	// DefaultTZ is the IANA zone for events that do not name one; TZName is its name.
	DefaultTZ *time.Location
	TZName    string

	JobsEnabled bool
	Jobs        Jobs // schedules and mail sending of the jobs (jobs.go)
	// ReportRecipients receive the monthly campaign bulletin (REPORT_RECIPIENTS); empty: nobody.
	ReportRecipients []string

	SessionSecret string
	// SessionSecretGenerated is set when SESSION_SECRET was unset and a random one was made:
	// sessions then end at every restart and differ between instances.
	SessionSecretGenerated bool

	BodyLimit      int // bytes
	RequestTimeout time.Duration
	SessionTTL     time.Duration
	LoginAttempts  int
	ImportMaxRows  int
	LoginWindow    time.Duration
	// CheckinOpensBefore is how long before an event starts its door takes check-ins.
	CheckinOpensBefore time.Duration

	LogLevel  slog.Level
	LogFormat string // "text" or "json"

	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES).
	TrustedProxies []netip.Prefix
	// MetricsToken, when set, guards /metrics with a Bearer token (METRICS_TOKEN).
	MetricsToken string
	// given holds the env names of the options the operator set (flag or environment), so a
	// command can tell a chosen value from a default (serve --demo binds to loopback unless ADDR is given).
	given map[string]bool
}

// Given reports whether the option env (e.g. "ADDR") was set by a flag or the environment.
func (c Config) Given(env string) bool { return c.given[env] }

// SecureCookies reports whether cookies must carry the Secure flag: the site is served over HTTPS.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Error is an invalid option value; its message is the one line the process prints.
type Error struct {
	Option string // env name (ADDR) or flag (--addr), whichever supplied the value
	Value  string // already redacted for secrets
	Reason string
}

func (e *Error) Error() string {
	return fmt.Sprintf("config: %s=%q: %s", e.Option, e.Value, e.Reason)
}

// Flags are the option overrides registered on a command's flag set.
type Flags struct {
	fs     *flag.FlagSet
	values map[string]*string // by env name
}

// Bind registers a flag for every option on fs (--addr, --data-dir, …) so a subcommand can mix
// them with its own flags; call Load after fs.Parse.
func Bind(fs *flag.FlagSet) *Flags {
	f := &Flags{fs: fs, values: map[string]*string{}}
	for _, o := range options {
		f.values[o.env] = fs.String(o.flagName(), "", o.help+" (env "+o.env+", default "+o.shownDefault()+")")
	}
	return f
}

// Load resolves every option: a flag given on the command line wins over the environment, which
// wins over the default.
func (f *Flags) Load(getenv func(string) string) (Config, error) {
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	c := Config{given: map[string]bool{}}
	for _, o := range options {
		name, raw := o.env, getenv(o.env)
		if set[o.flagName()] {
			name, raw = "--"+o.flagName(), *f.values[o.env]
		}
		raw = strings.TrimSpace(raw)
		c.given[o.env] = raw != ""
		if raw == "" {
			raw = o.def
			if raw == "" && o.derive != nil {
				raw = o.derive(&c)
			}
		}
		if err := o.parse(&c, raw); err != nil {
			shown := raw
			if o.redact != nil {
				shown = o.redact(raw)
			}
			return Config{}, &Error{Option: name, Value: shown, Reason: err.Error()}
		}
	}
	return c, nil
}

// Load reads the configuration from getenv and from args, which may hold only option flags.
// A malformed command line is returned as an error wrapping ErrUsage.
func Load(args []string, getenv func(string) string) (Config, error) {
	fs := flag.NewFlagSet("duijie", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := Bind(fs)
	if err := fs.Parse(args); err != nil {
		return Config{}, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("%w: unexpected argument %q", ErrUsage, fs.Arg(0))
	}
	return f.Load(getenv)
}

// ErrUsage marks a malformed command line, as opposed to a bad option value.
var ErrUsage = errors.New("usage")

// Usage writes the table of options with their env names and defaults, for help texts.
func Usage(w io.Writer) {
	fmt.Fprintln(w, "Options (flag, environment variable, default):")
	for _, o := range options {
		fmt.Fprintf(w, "  --%-17s %-16s %-22s %s\n", o.flagName(), o.env, o.shownDefault(), o.help)
	}
}

// Describe lists every option with its effective value for a start-up log line, secrets hidden.
func (c Config) Describe() []any {
	smtp := "off (outbox only)"
	if c.SMTP != nil {
		smtp = c.SMTP.String()
	}
	mongo := ""
	if c.MongoURI != "" {
		mongo = redactURL(c.MongoURI)
	}
	return []any{
		"addr", c.Addr, "dataDir", c.DataDir, "mongodbURI", mongo, "mongodbDB", c.MongoDB,
		"baseURL", c.BaseURL, "smtp", smtp, "mailFrom", c.MailFrom, "tz", c.TZName,
		"jobs", c.JobsEnabled, "bodyLimit", c.BodyLimit, "requestTimeout", c.RequestTimeout,
		"sessionTTL", c.SessionTTL, "logLevel", c.LogLevel.String(), "logFormat", c.LogFormat,
	}
}

// redactURL hides the password of a URL with credentials; unparsable input is hidden whole,
// since it may still hold one.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable, hidden)"
	}
	return u.Redacted()
}

// randomSecret makes a per-process session secret when none is configured.
func randomSecret() string { return domain.RandomToken(32) }
