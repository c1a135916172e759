package handlers

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

func TestSecurityHeadersAndRequestID(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/", "/api/v1/clusters", "/api/v1/no-such-thing"} {
		res := f.do(asAnonymous, "GET", path, "")
		h := res.header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		for k, want := range map[string]string{
			"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
		} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", path, k, got, want)
			}
		}
		if len(h.Get("X-Request-ID")) < 8 {
			t.Errorf("%s: X-Request-ID %q", path, h.Get("X-Request-ID"))
		}
	}
	// A sane caller ID is kept, a hostile one replaced.
	if id := f.do(asAnonymous, "GET", "/healthz", "", header("X-Request-ID", "lb-123.abc")).header.Get("X-Request-ID"); id != "lb-123.abc" {
		t.Errorf("kept ID = %q", id)
	}
	if id := f.do(asAnonymous, "GET", "/healthz", "", header("X-Request-ID", "x\" injected=1")).header.Get("X-Request-ID"); strings.Contains(id, "injected") {
		t.Errorf("hostile ID kept: %q", id)
	}
}

func TestLocale(t *testing.T) {
	f := newFixture(t)
	msg := func(res *response) string {
		return res.json(t)["error"].(map[string]any)["message"].(string)
	}
	en := msg(f.do(asAnonymous, "GET", "/api/v1/none", "", acceptLanguage("en")))
	zh := msg(f.do(asAnonymous, "GET", "/api/v1/none", "", acceptLanguage("zh-CN")))
	if en == zh || !strings.Contains(en, "Not found") {
		t.Fatalf("en %q zh %q", en, zh)
	}
	for _, tc := range []struct {
		name string
		path string
		opts []reqOpt
		want string
	}{
		{"default is Chinese", "/api/v1/none", nil, zh},
		{"Accept-Language", "/api/v1/none", []reqOpt{acceptLanguage("de-DE, en;q=0.5")}, en},
		{"cookie beats header", "/api/v1/none", []reqOpt{acceptLanguage("en"), cookie("lang", "zh-CN")}, zh},
		{"query beats cookie", "/api/v1/none?lang=en", []reqOpt{cookie("lang", "zh-CN")}, en},
		{"unsupported query ignored", "/api/v1/none?lang=fr", []reqOpt{acceptLanguage("en")}, en},
		{"bad cookie ignored", "/api/v1/none", []reqOpt{acceptLanguage("en"), cookie("lang", "xx")}, en},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := msg(f.do(asAnonymous, "GET", tc.path, "", tc.opts...)); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
		})
	}
	res := f.do(asAnonymous, "GET", "/?lang=en", "")
	if ck := res.cookieOf(langCookie); ck == nil || ck.Value != "en" {
		t.Errorf("?lang=en did not set the lang cookie: %v", ck)
	}
	if !strings.Contains(string(res.body), `lang="en"`) {
		t.Error("page not rendered in English after ?lang=en")
	}
}

func TestHealthAndMetrics(t *testing.T) {
	f := newFixture(t)
	f.do(asAnonymous, "GET", "/healthz", "").wantStatus(t, 200)
	f.do(asAnonymous, "GET", "/readyz", "").wantStatus(t, 200)
	f.do(asMember, "GET", "/api/v1/enterprises/"+f.enterprise.ID, "").wantStatus(t, 200)
	f.do(asAnonymous, "GET", "/api/v1/no/such/"+f.enterprise.ID, "").wantStatus(t, 404)

	body := string(f.do(asAnonymous, "GET", "/metrics", "").wantStatus(t, 200).body)
	for _, want := range []string{
		`duijie_http_requests_total{method="GET",route="/api/v1/enterprises/:id",status="200"} 1`,
		`duijie_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`duijie_http_request_duration_seconds_bucket{method="GET",route="/readyz"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, f.enterprise.ID) {
		t.Error("a raw ID became a metric label")
	}

	// With the database gone, readiness fails while liveness holds.
	if err := f.store.Health.Close(); err != nil {
		t.Fatal(err)
	}
	f.do(asAnonymous, "GET", "/readyz", "").wantStatus(t, 503)
	f.do(asAnonymous, "GET", "/healthz", "").wantStatus(t, 200)
}

// One JSON access line per request, with the route and status but no credentials.
func TestAccessLog(t *testing.T) {
	f := newFixture(t)
	f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("admin@fixture.duijie.test", testPassword)+" ",
		header("X-Request-ID", "trace-1"))
	f.do(asMember, "GET", "/api/v1/me?token=query-secret", "", asSession(), header("X-Request-ID", "trace-2"))
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(f.logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %s", l)
		}
		if m["msg"] == "http" {
			lines = append(lines, m)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("access lines = %d, want 2", len(lines))
	}
	if l := lines[0]; l["request_id"] != "trace-1" || l["route"] != "/api/v1/auth/login" || l["status"] != float64(200) {
		t.Errorf("first line = %v", l)
	}
	if l := lines[1]; l["user_id"] != f.actors[asMember].user.ID || l["path"] != "/api/v1/me" {
		t.Errorf("second line = %v", l)
	}
	logs := f.logs.String()
	for _, secret := range []string{testPassword, f.actors[asMember].cookie, f.actors[asMember].token, "query-secret"} {
		if strings.Contains(logs, secret) {
			t.Errorf("log contains %q", secret)
		}
	}
}

// Token parameters in paths (calendar feeds, unsubscribe links) are masked in the log.
func TestLoggablePathMasksTokens(t *testing.T) {
	f := newFixture(t)
	f.app.Get("/test-feed/:token.ics", f.h.guard(route{path: "/test-feed/:token.ics", access: secretLink}),
		func(c *fiber.Ctx) error { return c.SendString("BEGIN:VCALENDAR") })
	f.do(asAnonymous, "GET", "/test-feed/s3cr3t-feed-token.ics", "").wantStatus(t, 200)
	logs := f.logs.String()
	if strings.Contains(logs, "s3cr3t-feed-token") || !strings.Contains(logs, `"path":"/test-feed/***.ics"`) {
		t.Errorf("token not masked:\n%s", logs)
	}
}

// Store calls get the request's deadline through c.UserContext().
func TestRequestContextHasDeadline(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.RequestTimeout = 3 * time.Second })
	var left time.Duration
	f.app.Get("/api/v1/test-deadline", func(c *fiber.Ctx) error {
		if d, ok := c.UserContext().Deadline(); ok {
			left = time.Until(d)
		}
		return c.SendStatus(204)
	})
	f.do(asAnonymous, "GET", "/api/v1/test-deadline", "").wantStatus(t, 204)
	if left <= 0 || left > 3*time.Second {
		t.Errorf("time left %v, want within the 3 s request timeout", left)
	}
}
