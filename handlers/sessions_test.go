package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/store"
)

// raw sends a request with exactly the given headers (no fixture credentials).
func (f *fixture) raw(app *fiber.App, method, path, body string, headers map[string]string) *response {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := app.Test(req, -1)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &response{status: res.StatusCode, header: res.Header, body: b}
}

// apiLogin signs a fixture user in through the API and returns its Bearer token, session cookie
// and CSRF token.
func (f *fixture) apiLogin(app *fiber.App, email string, headers map[string]string) (token, cookie, csrf string) {
	f.t.Helper()
	res := f.raw(app, "POST", "/api/v1/auth/login", loginBody(email, testPassword), headers).wantStatus(f.t, 200)
	d := res.json(f.t)["data"].(map[string]any)
	c := res.cookieOf(sessionCookie)
	if c == nil {
		f.t.Fatal("login set no session cookie")
	}
	return d["token"].(string), c.Value, d["csrfToken"].(string)
}

// Hole 7: the token an API login issues ends with the browser session it came with, logging out
// with a Bearer token revokes it, and a password change revokes every session and token.
func TestTokensEndWithLogoutAndPasswordChange(t *testing.T) {
	f := newFixture(t)
	email := f.actors[asMember].user.Email
	bearer := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }

	// Browser logout revokes the token issued with that session.
	tok, cookie, csrf := f.apiLogin(f.app, email, nil)
	f.raw(f.app, "GET", "/api/v1/me", "", bearer(tok)).wantStatus(t, 200)
	tokens := f.raw(f.app, "GET", "/api/v1/me/tokens", "", bearer(tok)).wantStatus(t, 200).json(t)["data"].([]any)
	if len(tokens) < 2 {
		t.Fatalf("tokens listed: %v", tokens)
	}
	f.raw(f.app, "POST", "/logout", "", map[string]string{"Cookie": sessionCookie + "=" + cookie, csrfHeader: csrf}).
		wantStatus(t, 303)
	f.raw(f.app, "GET", "/api/v1/me", "", bearer(tok)).wantStatus(t, 401)

	// Bearer logout revokes the token and the session issued with it.
	tok, cookie, _ = f.apiLogin(f.app, email, nil)
	f.raw(f.app, "POST", "/api/v1/auth/logout", "", bearer(tok)).wantStatus(t, 204)
	f.raw(f.app, "GET", "/api/v1/me", "", bearer(tok)).wantStatus(t, 401)
	f.raw(f.app, "GET", "/api/v1/me", "", map[string]string{"Cookie": sessionCookie + "=" + cookie}).wantStatus(t, 401)

	// A token made on the account page survives a browser logout, until revoked by its owner.
	tok, _, _ = f.apiLogin(f.app, email, nil)
	made := f.raw(f.app, "POST", "/api/v1/me/tokens", `{"name":"ci"}`, bearer(tok)).wantStatus(t, 201).json(t)["data"].(map[string]any)
	script := made["token"].(string)
	id := made["id"].(string)
	f.raw(f.app, "POST", "/api/v1/auth/logout", "", bearer(tok)).wantStatus(t, 204)
	f.raw(f.app, "GET", "/api/v1/me", "", bearer(script)).wantStatus(t, 200)
	f.raw(f.app, "DELETE", "/api/v1/me/tokens/"+id, "", bearer(script)).wantStatus(t, 204)
	f.raw(f.app, "GET", "/api/v1/me", "", bearer(script)).wantStatus(t, 401)

	// A password change revokes every session and token of the account.
	tok, cookie, _ = f.apiLogin(f.app, email, nil)
	other, _, _ := f.apiLogin(f.app, email, nil)
	f.raw(f.app, "POST", "/api/v1/me/password", `{"current":"`+testPassword+`","password":"a brand new passphrase"}`,
		bearer(tok)).wantStatus(t, 204)
	for _, tk := range []string{tok, other, f.actors[asMember].token} {
		f.raw(f.app, "GET", "/api/v1/me", "", bearer(tk)).wantStatus(t, 401)
	}
	f.raw(f.app, "GET", "/api/v1/me", "", map[string]string{"Cookie": sessionCookie + "=" + cookie}).wantStatus(t, 401)
	f.raw(f.app, "POST", "/api/v1/auth/login", loginBody(email, "a brand new passphrase"), nil).wantStatus(t, 200)
}

func TestResolveClientIP(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.1/32")}
	for _, tc := range []struct {
		name, peer, xff, want string
		trusted               []netip.Prefix
	}{
		{"no proxies configured: header ignored", "203.0.113.5", "198.51.100.7", "203.0.113.5", nil},
		{"untrusted peer: header ignored", "203.0.113.5", "198.51.100.7", "203.0.113.5", proxies},
		{"trusted proxy", "10.1.2.3", "198.51.100.7", "198.51.100.7", proxies},
		{"spoofed left end is skipped", "10.1.2.3", "1.2.3.4, 198.51.100.7", "198.51.100.7", proxies},
		{"two trusted hops", "10.1.2.3", "198.51.100.7, 192.0.2.1", "198.51.100.7", proxies},
		{"all hops trusted", "10.1.2.3", "10.9.9.9", "10.9.9.9", proxies},
		{"garbage hop", "10.1.2.3", "nonsense", "10.1.2.3", proxies},
		{"ipv6 client", "10.1.2.3", "2001:db8::1", "2001:db8::1", proxies},
		{"no header", "10.1.2.3", "", "10.1.2.3", proxies},
	} {
		if got := resolveClientIP(tc.peer, tc.xff, tc.trusted); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

// Hole 5: behind a trusted proxy the client address comes from X-Forwarded-For, so an attacker's
// failures do not slow the owner at another address; the account-wide delay is capped, so even a
// distributed guess cannot lock the owner out; a spoofed header from an untrusted peer counts for
// nothing. The limits live in the store: a second instance on the same database sees them.
func TestLoginLimitsBehindProxy(t *testing.T) {
	// app.Test connects from 0.0.0.0: that is the proxy here.
	f := newFixture(t, func(o *Options) {
		o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}
		o.LoginAttempts, o.LoginWindow = 5, 15*time.Minute
	})
	admin := f.actors[asAdmin].user.Email
	from := func(ip string) map[string]string { return map[string]string{fiber.HeaderXForwardedFor: ip} }
	for i := 0; i < 50; i++ {
		res := f.raw(f.app, "POST", "/api/v1/auth/login", loginBody(admin, "guessing-"+fmt.Sprint(i)), from("203.0.113.9"))
		if res.status != 401 && res.status != 429 {
			t.Fatalf("attempt %d: %d", i, res.status)
		}
		f.clock.advance(time.Second)
	}
	// The attacker's own pair is slowed for long.
	res := f.raw(f.app, "POST", "/api/v1/auth/login", loginBody(admin, testPassword), from("203.0.113.9")).wantStatus(t, 429)
	if ra := res.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After %q", ra)
	}
	// A second instance on the same database agrees about the attacker's pair.
	app2, _, err := newApp(Deps{Store: f.store, Now: f.clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Options: Options{BaseURL: "http://duijie.test", SessionSecret: "test-secret", LoginAttempts: 5, LoginWindow: 15 * time.Minute,
			TrustedProxies: []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}}})
	if err != nil {
		t.Fatal(err)
	}
	f.raw(app2, "POST", "/api/v1/auth/login", loginBody(admin, testPassword), from("203.0.113.9")).wantStatus(t, 429)

	// The owner at the office waits at most the account-wide cap, then gets in.
	res = f.raw(f.app, "POST", "/api/v1/auth/login", loginBody(admin, testPassword), from("198.51.100.7"))
	if res.status == 429 {
		f.clock.advance(31 * time.Second)
		res = f.raw(f.app, "POST", "/api/v1/auth/login", loginBody(admin, testPassword), from("198.51.100.7"))
	}
	res.wantStatus(t, 200)
	// A colleague behind the same office address signs in at once.
	f.raw(f.app, "POST", "/api/v1/auth/login", loginBody(f.actors[asOrganiser].user.Email, testPassword), from("198.51.100.7")).
		wantStatus(t, 200)

	// Without a trusted peer the header is ignored: failures count against the real peer.
	g := newFixture(t, func(o *Options) { o.LoginAttempts = 3 })
	for i := 0; i < 3; i++ {
		g.raw(g.app, "POST", "/api/v1/auth/login", loginBody("member@fixture.duijie.test", "wrong-pw-xx"), from(fmt.Sprintf("198.51.100.%d", i))).
			wantStatus(t, 401)
	}
	g.raw(g.app, "POST", "/api/v1/auth/login", loginBody("member@fixture.duijie.test", testPassword), from("198.51.100.99")).
		wantStatus(t, 429)
}

// The reset link always works: a reset clears the account-wide failures.
func TestResetClearsAccountFailures(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.LoginAttempts = 2 })
	u := f.actors[asMember].user
	for i := 0; i < 6; i++ {
		f.raw(f.app, "POST", "/api/v1/auth/login", loginBody(u.Email, "wrong-pw-xx"), nil)
	}
	secret := f.resetLink(u)
	f.raw(f.app, "POST", "/api/v1/auth/password-reset/"+secret, `{"password":"after the reset 2026"}`, nil).wantStatus(t, 204)
	if c, _ := f.store.Limits.Get(context.Background(), "login:acct:"+u.Email, f.clock.Now(), time.Minute); c.Count != 0 {
		t.Errorf("account failures after reset: %+v", c)
	}
}

// resetLink asks for a reset of u and returns the secret of the link the mail carries.
func (f *fixture) resetLink(u *domain.User) string {
	f.t.Helper()
	f.raw(f.app, "POST", "/api/v1/auth/password-reset", `{"email":"`+u.Email+`"}`, nil).wantStatus(f.t, 202)
	return f.linkInOutbox(u.Email, "/reset/")
}

// linkInOutbox finds the last mail to addr in the outbox and returns the secret after prefix in
// its link.
func (f *fixture) linkInOutbox(addr, prefix string) string {
	f.t.Helper()
	ms, _, _, err := f.store.Outbox.List(context.Background(), store.OutboxFilter{To: addr}, store.Page{Limit: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, m := range ms {
		full, err := f.store.Outbox.Get(context.Background(), m.ID) // the listing leaves bodies out
		if err != nil {
			f.t.Fatal(err)
		}
		m = *full
		i := strings.Index(m.Text, prefix)
		if i < 0 {
			continue
		}
		rest := m.Text[i+len(prefix):]
		end := strings.IndexAny(rest, " \n\r")
		if end < 0 {
			end = len(rest)
		}
		return rest[:end]
	}
	f.t.Fatalf("no mail to %s with a %s link", addr, prefix)
	return ""
}

// METRICS_TOKEN set: /metrics answers only the scraper holding it.
func TestMetricsToken(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.MetricsToken = "scrape-secret-0123456789" })
	f.raw(f.app, "GET", "/metrics", "", nil).wantStatus(t, 401)
	f.raw(f.app, "GET", "/metrics", "", map[string]string{"Authorization": "Bearer wrong-token-000000000"}).wantStatus(t, 401)
	f.raw(f.app, "GET", "/metrics", "", map[string]string{"Authorization": "Bearer " + f.actors[asAdmin].token}).wantStatus(t, 401)
	res := f.raw(f.app, "GET", "/metrics", "", map[string]string{"Authorization": "Bearer scrape-secret-0123456789"}).wantStatus(t, 200)
	if !strings.Contains(string(res.body), "# TYPE") {
		t.Errorf("not Prometheus text: %.200s", res.body)
	}
	// Unset, /metrics stays open as before.
	newFixture(t).raw(f.app, "GET", "/healthz", "", nil).wantStatus(t, 200)
}
