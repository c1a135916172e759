package config

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // as in main: zone names must load on machines without zoneinfo
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDefaults(t *testing.T) {
	c, err := Load(nil, envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Addr", c.Addr, ":8080"},
		{"DataDir", c.DataDir, "./data"},
		{"MongoURI", c.MongoURI, ""},
		{"MongoDB", c.MongoDB, "duijie"},
		{"BaseURL", c.BaseURL, "http://localhost:8080"},
		{"SMTP nil", c.SMTP == nil, true},
		{"MailFrom", c.MailFrom, "Duijie <no-reply@duijie.local>"},
		{"TZName", c.TZName, "Asia/Shanghai"},
		{"JobsEnabled", c.JobsEnabled, true},
		{"SessionSecretGenerated", c.SessionSecretGenerated, true},
		{"SessionSecret length", len(c.SessionSecret), 64},
		{"BodyLimit", c.BodyLimit, 8 << 20},
		{"RequestTimeout", c.RequestTimeout, 15 * time.Second},
		{"SessionTTL", c.SessionTTL, 7 * 24 * time.Hour},
		{"LoginAttempts", c.LoginAttempts, 10},
		{"LoginWindow", c.LoginWindow, 15 * time.Minute},
		{"LogLevel", c.LogLevel, slog.LevelInfo},
		{"LogFormat", c.LogFormat, "text"},
		{"SecureCookies", c.SecureCookies(), false},
		{"BaseURLDerived", c.BaseURLDerived, true},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %v, want %v", ch.name, ch.got, ch.want)
		}
	}
	if c.DefaultTZ == nil || c.DefaultTZ.String() != "Asia/Shanghai" {
		t.Errorf("DefaultTZ = %v", c.DefaultTZ)
	}
	other, _ := Load(nil, envOf(nil))
	if other.SessionSecret == c.SessionSecret {
		t.Error("two starts without SESSION_SECRET got the same random secret")
	}
}

// TestOptionValues gives every option good and bad values; a bad one must be refused with one
// line naming the option.
func TestOptionValues(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain-file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	secret := strings.Repeat("s", 32)
	tests := []struct {
		env, value string
		ok         bool
		check      func(Config) bool // for good values: did it land where it should
	}{
		{"ADDR", ":9090", true, func(c Config) bool { return c.Addr == ":9090" }},
		{"ADDR", "127.0.0.1:0", true, func(c Config) bool { return c.Addr == "127.0.0.1:0" }},
		{"ADDR", "[::1]:8080", true, nil},
		{"ADDR", "abc", false, nil},
		{"ADDR", ":http", false, nil},
		{"ADDR", ":70000", false, nil},
		{"DATA_DIR", "/var/lib/duijie", true, func(c Config) bool { return c.DataDir == "/var/lib/duijie" }},
		{"DATA_DIR", file, false, nil},
		{"MONGODB_URI", "mongodb://db1:27017,db2:27017/?replicaSet=rs0", true, func(c Config) bool { return c.MongoURI != "" }},
		{"MONGODB_URI", "mongodb+srv://cluster0.example.org", true, nil},
		{"MONGODB_URI", "postgres://x", false, nil},
		{"MONGODB_URI", "mongodb://", false, nil},
		{"MONGODB_DB", "duijie_prod", true, func(c Config) bool { return c.MongoDB == "duijie_prod" }},
		{"MONGODB_DB", "a.b", false, nil},
		{"MONGODB_DB", strings.Repeat("d", 64), false, nil},
		{"BASE_URL", "https://duijie.example.org/", true, func(c Config) bool {
			return c.BaseURL == "https://duijie.example.org" && c.SecureCookies() && !c.BaseURLDerived
		}},
		{"BASE_URL", "http://10.0.0.5:8080", true, func(c Config) bool { return !c.SecureCookies() }},
		{"BASE_URL", "duijie.example.org", false, nil},
		{"BASE_URL", "ftp://duijie.example.org", false, nil},
		{"BASE_URL", "https://example.org/duijie", false, nil},
		{"SMTP_URL", "smtp://user:p%40ss@mail.example.org:2525", true, func(c Config) bool {
			s := c.SMTP
			return s != nil && s.Host == "mail.example.org" && s.Port == 2525 && s.Username == "user" &&
				s.Password == "p@ss" && !s.ImplicitTLS
		}},
		{"SMTP_URL", "smtps://mail.example.org", true, func(c Config) bool {
			return c.SMTP.Port == 465 && c.SMTP.ImplicitTLS && c.SMTP.Addr() == "mail.example.org:465"
		}},
		{"SMTP_URL", "smtp://mail.example.org", true, func(c Config) bool { return c.SMTP.Port == 587 }},
		{"SMTP_URL", "http://mail.example.org", false, nil},
		{"SMTP_URL", "smtp://:25", false, nil},
		{"SMTP_URL", "smtp://mail.example.org:0", false, nil},
		{"SMTP_URL", "smtp://mail.example.org:x", false, nil},
		{"SMTP_URL", "smtp://mail.example.org/inbox", false, nil},
		{"MAIL_FROM", "对接平台 <no-reply@duijie.example.org>", true, func(c Config) bool { return strings.Contains(c.MailFrom, "duijie.example.org") }},
		{"MAIL_FROM", "no-reply@duijie.example.org", true, nil},
		{"MAIL_FROM", "no-reply", false, nil},
		{"REPORT_RECIPIENTS", "office@wuxi.example.cn, Leader <Lead@Wuxi.example.cn>,office@wuxi.example.cn", true, func(c Config) bool {
			return len(c.ReportRecipients) == 2 && c.ReportRecipients[1] == "lead@wuxi.example.cn"
		}},
		{"REPORT_RECIPIENTS", "", true, func(c Config) bool { return len(c.ReportRecipients) == 0 }},
		{"REPORT_RECIPIENTS", "office@wuxi.example.cn, not-an-address", false, nil},
		{"TZ_DEFAULT", "Europe/Berlin", true, func(c Config) bool { return c.DefaultTZ.String() == "Europe/Berlin" }},
		{"TZ_DEFAULT", "UTC", true, nil},
		{"TZ_DEFAULT", "Asia/Wuxi", false, nil},
		{"TZ_DEFAULT", "Local", false, nil},
		{"JOBS_ENABLED", "false", true, func(c Config) bool { return !c.JobsEnabled }},
		{"JOBS_ENABLED", "off", true, func(c Config) bool { return !c.JobsEnabled }},
		{"JOBS_ENABLED", "1", true, func(c Config) bool { return c.JobsEnabled }},
		{"JOBS_ENABLED", "maybe", false, nil},
		{"SESSION_SECRET", secret, true, func(c Config) bool { return c.SessionSecret == secret && !c.SessionSecretGenerated }},
		{"SESSION_SECRET", "short", false, nil},
		{"BODY_LIMIT", "16MiB", true, func(c Config) bool { return c.BodyLimit == 16<<20 }},
		{"BODY_LIMIT", "512k", true, func(c Config) bool { return c.BodyLimit == 512<<10 }},
		{"BODY_LIMIT", "2048", true, func(c Config) bool { return c.BodyLimit == 2048 }},
		{"BODY_LIMIT", "100", false, nil},
		{"BODY_LIMIT", "2GiB", false, nil},
		{"BODY_LIMIT", "lots", false, nil},
		{"BODY_LIMIT", "-5MiB", false, nil},
		{"REQUEST_TIMEOUT", "30s", true, func(c Config) bool { return c.RequestTimeout == 30*time.Second }},
		{"REQUEST_TIMEOUT", "10ms", false, nil},
		{"REQUEST_TIMEOUT", "soon", false, nil},
		{"SESSION_TTL", "7d", true, func(c Config) bool { return c.SessionTTL == 168*time.Hour }},
		{"SESSION_TTL", "12h", true, func(c Config) bool { return c.SessionTTL == 12*time.Hour }},
		{"SESSION_TTL", "1m", false, nil},
		{"SESSION_TTL", "400d", false, nil},
		{"SESSION_TTL", "xd", false, nil},
		{"LOGIN_ATTEMPTS", "5", true, func(c Config) bool { return c.LoginAttempts == 5 }},
		{"LOGIN_ATTEMPTS", "0", false, nil},
		{"LOGIN_ATTEMPTS", "ten", false, nil},
		{"LOGIN_WINDOW", "1h", true, func(c Config) bool { return c.LoginWindow == time.Hour }},
		{"LOGIN_WINDOW", "2d", false, nil},
		{"IMPORT_MAX_ROWS", "5000", true, func(c Config) bool { return c.ImportMaxRows == 5000 }},
		{"IMPORT_MAX_ROWS", "0", false, nil},
		{"IMPORT_MAX_ROWS", "lots", false, nil},
		{"TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,::1", true, func(c Config) bool {
			return len(c.TrustedProxies) == 3 && c.TrustedProxies[0].String() == "10.0.0.0/8" &&
				c.TrustedProxies[1].String() == "127.0.0.1/32" && c.TrustedProxies[2].String() == "::1/128"
		}},
		{"TRUSTED_PROXIES", "10.1.2.3/8", true, func(c Config) bool { return c.TrustedProxies[0].String() == "10.0.0.0/8" }},
		{"TRUSTED_PROXIES", "proxy.local", false, nil},
		{"TRUSTED_PROXIES", "10.0.0.0/99", false, nil},
		{"METRICS_TOKEN", "0123456789abcdef0123", true, func(c Config) bool { return c.MetricsToken == "0123456789abcdef0123" }},
		{"METRICS_TOKEN", "short", false, nil},
		{"LOG_LEVEL", "DEBUG", true, func(c Config) bool { return c.LogLevel == slog.LevelDebug }},
		{"LOG_LEVEL", "warn", true, func(c Config) bool { return c.LogLevel == slog.LevelWarn }},
		{"LOG_LEVEL", "error", true, func(c Config) bool { return c.LogLevel == slog.LevelError }},
		{"LOG_LEVEL", "loud", false, nil},
		{"LOG_FORMAT", "json", true, func(c Config) bool { return c.LogFormat == "json" }},
		{"LOG_FORMAT", "xml", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.env+"="+tc.value, func(t *testing.T) {
			c, err := Load(nil, envOf(map[string]string{tc.env: tc.value}))
			if tc.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if tc.check != nil && !tc.check(c) {
					t.Errorf("value did not land in Config: %+v", c)
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *config.Error", err)
			}
			msg := err.Error()
			if ce.Option != tc.env || !strings.HasPrefix(msg, "config: "+tc.env+"=") || strings.Contains(msg, "\n") {
				t.Errorf("message %q does not name %s on one line", msg, tc.env)
			}
			if ce.Reason == "" {
				t.Error("no reason given")
			}
		})
	}
}

func TestErrorLine(t *testing.T) {
	_, err := Load(nil, envOf(map[string]string{"ADDR": "abc"}))
	want := `config: ADDR="abc": want host:port, e.g. :8080 or 127.0.0.1:8080`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

func TestSecretsNotEchoed(t *testing.T) {
	for _, tc := range []struct{ env, value, secret string }{
		{"SESSION_SECRET", "hunter2-too-short", "hunter2"},
		{"SMTP_URL", "ftp://mailer:hunter2@mail.example.org", "hunter2"},
		{"MONGODB_URI", "http://admin:hunter2@db.example.org", "hunter2"},
	} {
		_, err := Load(nil, envOf(map[string]string{tc.env: tc.value}))
		if err == nil {
			t.Fatalf("%s=%s accepted", tc.env, tc.value)
		}
		if strings.Contains(err.Error(), tc.secret) {
			t.Errorf("%s: error %q reveals the secret", tc.env, err)
		}
	}
}

func TestFlagsOverrideEnv(t *testing.T) {
	env := envOf(map[string]string{"ADDR": ":7000", "LOG_FORMAT": "json", "DATA_DIR": "/srv/duijie"})
	c, err := Load([]string{"--addr", "127.0.0.1:7001", "--log-format=text"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7001" || c.LogFormat != "text" || c.DataDir != "/srv/duijie" {
		t.Errorf("got addr %q format %q dir %q", c.Addr, c.LogFormat, c.DataDir)
	}
	if c.BaseURL != "http://127.0.0.1:7001" {
		t.Errorf("BaseURL = %q, want it derived from the flag's address", c.BaseURL)
	}
	_, err = Load([]string{"--addr", "nope"}, env)
	var ce *Error
	if !errors.As(err, &ce) || ce.Option != "--addr" {
		t.Errorf("bad flag value: err = %v, want it to name --addr", err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--no-such-option"}, {"stray"}, {"--addr"}} {
		_, err := Load(args, envOf(nil))
		if !errors.Is(err, ErrUsage) {
			t.Errorf("Load(%q) = %v, want ErrUsage", args, err)
		}
	}
}

func TestUsageListsEveryOption(t *testing.T) {
	var b strings.Builder
	Usage(&b)
	for _, o := range options {
		if !strings.Contains(b.String(), o.env) || !strings.Contains(b.String(), "--"+o.flagName()) {
			t.Errorf("usage lacks %s", o.env)
		}
	}
}

func TestDescribeHidesSecrets(t *testing.T) {
	c, err := Load(nil, envOf(map[string]string{
		"SMTP_URL":       "smtp://mailer:hunter2@mail.example.org",
		"MONGODB_URI":    "mongodb://admin:hunter2@db.example.org",
		"SESSION_SECRET": strings.Repeat("hunter2", 5),
	}))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("config", c.Describe()...)
	if strings.Contains(b.String(), "hunter2") {
		t.Errorf("Describe reveals a secret: %s", b.String())
	}
	if !strings.Contains(b.String(), "mail.example.org") {
		t.Errorf("Describe lacks the SMTP host: %s", b.String())
	}
}
