package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"duijie/domain"
)

// option is one setting: its env name, default, check and where it goes in Config. The order of
// the table matters where a default derives from an earlier option (BASE_URL from ADDR).
type option struct {
	env    string
	def    string
	help   string
	derive func(c *Config) string // default computed from options parsed before
	redact func(raw string) string
	parse  func(c *Config, v string) error
}

func (o option) flagName() string { return strings.ToLower(strings.ReplaceAll(o.env, "_", "-")) }

func (o option) shownDefault() string {
	switch {
	case o.def != "":
		return o.def
	case o.env == "BASE_URL":
		return "from ADDR"
	case o.env == "SESSION_SECRET":
		return "random"
	}
	return "unset"
}

var options = []option{
	{env: "ADDR", def: ":8080", help: "listen address", parse: func(c *Config, v string) error {
		if _, err := splitAddr(v); err != nil {
			return err
		}
		c.Addr = v
		return nil
	}},
	{env: "DATA_DIR", def: "./data", help: "directory of the embedded database", parse: func(c *Config, v string) error {
		if fi, err := os.Stat(v); err == nil && !fi.IsDir() {
			return errors.New("exists and is not a directory")
		}
		c.DataDir = v
		return nil
	}},
	{env: "MONGODB_URI", help: "MongoDB connection string; unset = embedded SQLite", redact: redactURL,
		parse: func(c *Config, v string) error {
			if v == "" {
				return nil
			}
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "mongodb" && u.Scheme != "mongodb+srv") || u.Host == "" {
				return errors.New("want mongodb://host[:port][/?options] or mongodb+srv://host")
			}
			c.MongoURI = v
			return nil
		}},
	{env: "MONGODB_DB", def: "duijie", help: "MongoDB database name", parse: func(c *Config, v string) error {
		if !dbNameRE.MatchString(v) {
			return errors.New("want 1 to 63 letters, digits, _ or -")
		}
		c.MongoDB = v
		return nil
	}},
	{env: "BASE_URL", help: "external URL of the site, for links in pages and mail", derive: baseURLFromAddr,
		parse: func(c *Config, v string) error {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
				u.RawQuery != "" || u.Fragment != "" {
				return errors.New("want http(s)://host[:port]")
			}
			if strings.Trim(u.Path, "/") != "" {
				return errors.New("want no path: Duijie is served at the root of its host")
			}
			c.BaseURL = u.Scheme + "://" + u.Host
			return nil
		}},
	{env: "SMTP_URL", help: "smtp://user:pass@host:port or smtps://…; unset = mail stays in the outbox",
		redact: redactURL, parse: func(c *Config, v string) error {
			if v == "" {
				return nil
			}
			s, err := parseSMTP(v)
			if err != nil {
				return err
			}
			c.SMTP = s
			return nil
		}},
	{env: "MAIL_FROM", def: "Duijie <no-reply@duijie.local>", help: "sender address of mail", parse: func(c *Config, v string) error {
		a, err := mail.ParseAddress(v)
		if err != nil || domain.EmailProblem(a.Address) != "" {
			return errors.New("want an address such as Duijie <no-reply@example.org>")
		}
		c.MailFrom = v
		return nil
	}},
	{env: "TZ_DEFAULT", def: "Asia/Shanghai", help: "IANA time zone of events that name none", parse: func(c *Config, v string) error {
		loc, err := time.LoadLocation(v)
		if err != nil || v == "Local" {
			return errors.New("want an IANA time zone name such as Asia/Shanghai")
		}
		c.DefaultTZ, c.TZName = loc, loc.String()
		return nil
	}},
	{env: "JOBS_ENABLED", def: "true", help: "run scheduled jobs in this process", parse: func(c *Config, v string) error {
		b, err := parseBool(v)
		c.JobsEnabled = b
		return err
	}},
	{env: "SESSION_SECRET", help: "keys cookie signatures and CSRF tokens (≥32 characters)",
		redact: func(raw string) string { return fmt.Sprintf("(hidden, %d characters)", len(raw)) },
		parse: func(c *Config, v string) error {
			if v == "" {
				c.SessionSecret, c.SessionSecretGenerated = randomSecret(), true
				return nil
			}
			if len(v) < 32 {
				return errors.New("want at least 32 characters, e.g. from: openssl rand -hex 32")
			}
			c.SessionSecret = v
			return nil
		}},
	{env: "BODY_LIMIT", def: "8MiB", help: "largest request body accepted (uploads included)", parse: func(c *Config, v string) error {
		n, err := parseSize(v)
		if err != nil || n < 1<<10 || n > 1<<30 {
			return errors.New("want a size from 1KiB to 1GiB, e.g. 8MiB")
		}
		c.BodyLimit = int(n)
		return nil
	}},
	{env: "REQUEST_TIMEOUT", def: "15s", help: "deadline of the database work of one request", parse: func(c *Config, v string) (err error) {
		c.RequestTimeout, err = parseDuration(v, 100*time.Millisecond, 10*time.Minute)
		return err
	}},
	{env: "SESSION_TTL", def: "168h", help: "how long a browser session lasts (e.g. 12h, 7d)", parse: func(c *Config, v string) (err error) {
		c.SessionTTL, err = parseDuration(v, 5*time.Minute, 365*24*time.Hour)
		return err
	}},
	{env: "LOGIN_ATTEMPTS", def: "10", help: "failed logins allowed per window, per address and per email", parse: func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return errors.New("want a whole number from 1 to 1000")
		}
		c.LoginAttempts = n
		return nil
	}},
	{env: "IMPORT_MAX_ROWS", def: "100000", help: "largest enterprise or lead spreadsheet accepted, in rows", parse: func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10_000_000 {
			return errors.New("want a whole number from 1 to 10000000")
		}
		c.ImportMaxRows = n
		return nil
	}},
	{env: "CHECKIN_OPENS_BEFORE", def: "24h", help: "how long before an event starts its check-in opens (e.g. 2h, 1d)", parse: func(c *Config, v string) (err error) {
		c.CheckinOpensBefore, err = parseDuration(v, time.Minute, 30*24*time.Hour)
		return err
	}},
	{env: "LOGIN_WINDOW", def: "15m", help: "window in which failed logins are counted", parse: func(c *Config, v string) (err error) {
		c.LoginWindow, err = parseDuration(v, time.Second, 24*time.Hour)
		return err
	}},
	{env: "TRUSTED_PROXIES", help: "comma-separated CIDRs of reverse proxies whose X-Forwarded-For names the client (default none)",
		parse: func(c *Config, v string) error {
			c.TrustedProxies = nil
			for _, item := range strings.Split(v, ",") {
				if item = strings.TrimSpace(item); item == "" {
					continue
				}
				p, err := parsePrefix(item)
				if err != nil {
					return fmt.Errorf("%q is not an address or CIDR, e.g. 10.0.0.0/8, 127.0.0.1", item)
				}
				c.TrustedProxies = append(c.TrustedProxies, p)
			}
			return nil
		}},
	{env: "METRICS_TOKEN", help: "if set, GET /metrics requires Authorization: Bearer <token> (default open)",
		redact: func(raw string) string { return fmt.Sprintf("(hidden, %d characters)", len(raw)) },
		parse: func(c *Config, v string) error {
			if v != "" && len(v) < 16 {
				return errors.New("want at least 16 characters, e.g. from: openssl rand -hex 16")
			}
			c.MetricsToken = v
			return nil
		}},
	{env: "LOG_LEVEL", def: "info", help: "debug, info, warn or error", parse: func(c *Config, v string) error {
		switch strings.ToLower(v) {
		case "debug":
			c.LogLevel = slog.LevelDebug
		case "info":
			c.LogLevel = slog.LevelInfo
		case "warn", "warning":
			c.LogLevel = slog.LevelWarn
		case "error":
			c.LogLevel = slog.LevelError
		default:
			return errors.New("want debug, info, warn or error")
		}
		return nil
	}},
	{env: "LOG_FORMAT", def: "text", help: "text or json", parse: func(c *Config, v string) error {
		if v != "text" && v != "json" {
			return errors.New("want text or json")
		}
		c.LogFormat = v
		return nil
	}},
}

var dbNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,63}$`)

// splitAddr checks a listen address and returns its port; port 0 lets the system choose.
func splitAddr(v string) (int, error) {
	_, port, err := net.SplitHostPort(v)
	if err != nil {
		return 0, errors.New("want host:port, e.g. :8080 or 127.0.0.1:8080")
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 0 || p > 65535 {
		return 0, errors.New("want host:port with a port from 0 to 65535")
	}
	return p, nil
}

// baseURLFromAddr is the URL a person on this machine would open when BASE_URL is unset.
func baseURLFromAddr(c *Config) string {
	c.BaseURLDerived = true
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return ""
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "1", "t", "true", "yes", "y", "on":
		return true, nil
	case "0", "f", "false", "no", "n", "off":
		return false, nil
	}
	return false, errors.New("want true or false")
}

// parseSize reads a byte count with an optional binary unit: 8388608, 512KiB, 8MiB, 1G.
func parseSize(v string) (int64, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<40)/mult {
		return 0, errors.New("bad size")
	}
	return n * mult, nil
}

// parseDuration reads a Go duration (90s, 15m, 12h) or whole days (7d) within [min, max].
func parseDuration(v string, min, max time.Duration) (time.Duration, error) {
	want := fmt.Errorf("want a duration from %s to %s, e.g. 30s, 15m, 12h or 7d", short(min), short(max))
	var d time.Duration
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 3650 {
			return 0, want
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			return 0, want
		}
	}
	if d < min || d > max {
		return 0, want
	}
	return d, nil
}

// short prints a duration without the zero units time.Duration.String adds ("15m", not "15m0s").
func short(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// parsePrefix reads a CIDR or a single address (a /32 or /128).
func parsePrefix(v string) (netip.Prefix, error) {
	if strings.Contains(v, "/") {
		p, err := netip.ParsePrefix(v)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(v)
	if err != nil {
		return netip.Prefix{}, err
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}
