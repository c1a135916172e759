package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loginBody(email, password string) string {
	return `{"email":"` + email + `","password":"` + password + `"}`
}

func TestLoginIssuesTokenAndSession(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody(" Member@Fixture.duijie.test ", testPassword)).
		wantStatus(t, 200)
	data := res.json(t)["data"].(map[string]any)
	token, _ := data["token"].(string)
	if !strings.HasPrefix(token, tokenPrefix) {
		t.Fatalf("token %q lacks the %q prefix", token, tokenPrefix)
	}
	user := data["user"].(map[string]any)
	if user["email"] != "member@fixture.duijie.test" || user["role"] != "member" {
		t.Errorf("user = %v", user)
	}
	if strings.Contains(string(res.body), "argon2id") || strings.Contains(string(res.body), "passwordHash") {
		t.Errorf("login answer exposes the password hash: %s", res.body)
	}
	ck := res.cookieOf(sessionCookie)
	if ck == nil || ck.Value == "" {
		t.Fatal("no session cookie")
	}
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure || ck.Path != "/" {
		t.Errorf("session cookie flags: HttpOnly=%v SameSite=%v Secure=%v Path=%q", ck.HttpOnly, ck.SameSite, ck.Secure, ck.Path)
	}
	// The session is stored by the hash of the cookie, never the cookie itself.
	ctx := context.Background()
	if _, err := f.store.Sessions.Get(ctx, ck.Value, f.clock.Now()); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("session found under the raw cookie value: %v", err)
	}
	if _, err := f.store.Sessions.Get(ctx, hashSecret(ck.Value), f.clock.Now()); err != nil {
		t.Errorf("session not stored under the cookie's hash: %v", err)
	}

	// The token works for the API; the cookie works as a browser session.
	f.actors["login"] = &actor{user: &domain.User{}, token: token, cookie: ck.Value}
	me := f.do("login", "GET", "/api/v1/me", "").wantStatus(t, 200).json(t)["data"].(map[string]any)
	if me["email"] != "member@fixture.duijie.test" {
		t.Errorf("/me = %v", me)
	}
	f.do("login", "GET", "/api/v1/me", "", asSession()).wantStatus(t, 200)

	// The secret never reaches the log.
	if logs := f.logs.String(); strings.Contains(logs, token) || strings.Contains(logs, ck.Value) || strings.Contains(logs, testPassword) {
		t.Errorf("log contains a credential:\n%s", logs)
	}
}

func TestSecureCookiesAndHSTS(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.SecureCookies = true })
	res := f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("admin@fixture.duijie.test", testPassword)).
		wantStatus(t, 200)
	if ck := res.cookieOf(sessionCookie); ck == nil || !ck.Secure {
		t.Errorf("session cookie is not Secure with SecureCookies: %v", ck)
	}
	if res.header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS header with SecureCookies")
	}
	plain := newFixture(t).do(asAnonymous, "GET", "/healthz", "")
	if plain.header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent on a plain-HTTP deployment")
	}
}

func TestLoginFailures(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.LoginAttempts = 10 })
	ctx := context.Background()
	disabled := f.actors[asOrganiser].user
	disabled.Disabled = true
	if err := f.store.Users.Update(ctx, disabled); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"wrong password", loginBody("member@fixture.duijie.test", "not-the-password"), 401, "unauthorized"},
		{"unknown email", loginBody("nobody@fixture.duijie.test", testPassword), 401, "unauthorized"},
		{"disabled account", loginBody(disabled.Email, testPassword), 403, "forbidden"},
		{"missing fields", `{"email":""}`, 422, "validation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(asAnonymous, "POST", "/api/v1/auth/login", tc.body).wantStatus(t, tc.status)
			if code, _ := res.apiError(t); code != tc.code {
				t.Errorf("code %q, want %q", code, tc.code)
			}
			if res.cookieOf(sessionCookie) != nil {
				t.Error("a failed login set a session cookie")
			}
		})
	}
	// Wrong password and unknown email read the same, so the answer does not reveal accounts.
	a := f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("member@fixture.duijie.test", "nope-nope-nope"))
	b := f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("ghost@fixture.duijie.test", "nope-nope-nope"))
	if string(a.body) != string(b.body) {
		t.Errorf("answers differ: %s vs %s", a.body, b.body)
	}
}

func TestRepeatedFailedLoginsAreLimited(t *testing.T) {
	f := newFixture(t) // 3 attempts per minute
	bad := loginBody("member@fixture.duijie.test", "wrong-password")
	for i := 0; i < 3; i++ {
		f.do(asAnonymous, "POST", "/api/v1/auth/login", bad).wantStatus(t, 401)
	}
	res := f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("member@fixture.duijie.test", testPassword)).
		wantStatus(t, 429)
	if code, _ := res.apiError(t); code != "rate_limited" {
		t.Errorf("code %q, want rate_limited", code)
	}
	if ra := res.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After = %q", ra)
	}
	// The window slides: once the failures are older than the window, the right password works.
	f.clock.advance(61 * time.Second)
	f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("member@fixture.duijie.test", testPassword)).wantStatus(t, 200)

	// The same address guessing across many emails is limited too, after five accounts' worth of
	// failures (an office shares one address): 3 × addressShare here.
	g := newFixture(t)
	for i := 0; i < 3*addressShare; i++ {
		email := fmt.Sprintf("guess%d@x.cn", i)
		if res := g.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody(email, "whatever-pw")); res.status != 401 {
			t.Fatalf("attempt %d: status %d", i, res.status)
		}
	}
	g.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("admin@fixture.duijie.test", testPassword)).wantStatus(t, 429)

	// A colleague behind the same address is not locked out by one person's typos.
	o := newFixture(t)
	for i := 0; i < 3; i++ {
		o.do(asAnonymous, "POST", "/api/v1/auth/login", bad).wantStatus(t, 401)
	}
	o.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("admin@fixture.duijie.test", testPassword)).wantStatus(t, 200)
}

func signupBody(email, password, uscc string) string {
	return `{"email":"` + email + `","password":"` + password + `","name":"李雷",
		"enterprise":{"name":"无锡新锐传感有限公司","uscc":"` + uscc + `","clusters":["物联网","L1"]}}`
}

func TestSignup(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	uscc := newUSCC()
	res := f.do(asAnonymous, "POST", "/api/v1/auth/signup", signupBody("li.lei@example.cn", "a long passphrase", uscc)).
		wantStatus(t, 201)
	data := res.json(t)["data"].(map[string]any)
	ent := data["enterprise"].(map[string]any)
	if ent["uscc"] != uscc || len(ent["clusters"].([]any)) != 1 || ent["clusters"].([]any)[0] != "L1" {
		t.Errorf("enterprise = %v (clusters by name and code should resolve to one L1)", ent)
	}
	u, err := f.store.Users.GetByEmail(ctx, "li.lei@example.cn")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != domain.RoleMember || u.EnterpriseID != ent["id"] {
		t.Errorf("user = %+v", u)
	}
	if res.cookieOf(sessionCookie) == nil || data["token"] == "" {
		t.Error("signup did not sign the member in")
	}
}

func TestSignupRefusesBadInputWithoutWriting(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	goodUSCC := newUSCC()
	badCheck := goodUSCC[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", goodUSCC[17])+1)%31])
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
		field      string
	}{
		{"invalid USCC check character", signupBody("a1@example.cn", "a long passphrase", badCheck), 422, "validation", "enterprise.uscc"},
		{"short password", signupBody("a2@example.cn", "short", newUSCC()), 422, "validation", "password"},
		{"bad email", signupBody("not-an-email", "a long passphrase", newUSCC()), 422, "validation", "email"},
		{"duplicate email", signupBody("member@fixture.duijie.test", "a long passphrase", newUSCC()), 409, "conflict", "email"},
		{"duplicate USCC", signupBody("a3@example.cn", "a long passphrase", f.enterprise.USCC), 409, "conflict", "enterprise.uscc"},
		{"unknown cluster", strings.Replace(signupBody("a4@example.cn", "a long passphrase", newUSCC()), `"L1"`, `"Z9"`, 1),
			422, "validation", "enterprise.clusters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(asAnonymous, "POST", "/api/v1/auth/signup", tc.body).wantStatus(t, tc.status)
			code, fields := res.apiError(t)
			if code != tc.code || fields[tc.field] == nil {
				t.Errorf("code %q fields %v, want %q on %s", code, fields, tc.code, tc.field)
			}
		})
	}
	// Nothing half-written: the duplicate-email attempt created no enterprise, the duplicate-USCC
	// attempt no user.
	if _, err := f.store.Users.GetByEmail(ctx, "a3@example.cn"); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("user of the refused duplicate-USCC signup exists: %v", err)
	}
	users, err := f.store.Users.Count(ctx)
	if err != nil || users != 4 {
		t.Errorf("users = %d (%v), want the 4 of the fixture", users, err)
	}
	_, _, total, err := f.store.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 10})
	if err != nil || total != 2 {
		t.Errorf("enterprises = %d (%v), want the 2 of the fixture", total, err)
	}
}

func TestLogout(t *testing.T) {
	f := newFixture(t)
	f.do(asMember, "POST", "/api/v1/auth/logout", "").wantStatus(t, 204)
	f.do(asMember, "GET", "/api/v1/me", "").wantStatus(t, 401) // the token is gone
	f.do(asMember, "GET", "/api/v1/me", "", asSession()).wantStatus(t, 200)

	res := f.do(asAdmin, "POST", "/api/v1/auth/logout", "", asSession()).wantStatus(t, 204)
	if ck := res.cookieOf(sessionCookie); ck == nil || ck.Value != "" {
		t.Errorf("logout did not clear the session cookie: %v", ck)
	}
	f.do(asAdmin, "GET", "/api/v1/me", "", asSession()).wantStatus(t, 401)
	f.do(asAdmin, "GET", "/api/v1/me", "").wantStatus(t, 200) // the admin's token is separate
}

func TestBearerTokens(t *testing.T) {
	f := newFixture(t)
	f.actors["forged"] = &actor{user: &domain.User{}, token: tokenPrefix + strings.Repeat("ab", 32)}
	for _, tc := range []struct {
		name string
		opt  reqOpt
		as   string
	}{
		{"no token", nil, asAnonymous},
		{"unknown token", nil, "forged"},
		{"not a Bearer scheme", header("Authorization", "Basic bWVtYmVyOnB3"), asAnonymous},
		{"empty Bearer", header("Authorization", "Bearer "), asAnonymous},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opts []reqOpt
			if tc.opt != nil {
				opts = append(opts, tc.opt)
			}
			res := f.do(tc.as, "GET", "/api/v1/me", "", opts...).wantStatus(t, 401)
			if code, _ := res.apiError(t); code != "unauthorized" {
				t.Errorf("code %q", code)
			}
			if !strings.HasPrefix(res.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate = %q", res.header.Get("WWW-Authenticate"))
			}
		})
	}
	// A bad token is refused even on a public route: the caller should learn it is broken.
	f.do("forged", "GET", "/api/v1/clusters", "").wantStatus(t, 401)

	// Tokens expire after 30 days and stop working when the account is disabled.
	f.clock.advance(31 * 24 * time.Hour)
	f.do(asMember, "GET", "/api/v1/me", "").wantStatus(t, 401)
	g := newFixture(t)
	u := g.actors[asMember].user
	u.Disabled = true
	if err := g.store.Users.Update(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	g.do(asMember, "GET", "/api/v1/me", "").wantStatus(t, 401)
	g.do(asMember, "GET", "/api/v1/me", "", asSession()).wantStatus(t, 401)
}

func TestTokensAreTouchedAndListed(t *testing.T) {
	f := newFixture(t)
	created := f.do(asOrganiser, "POST", "/api/v1/me/tokens", `{"name":"夜间导入脚本"}`).wantStatus(t, 201).json(t)["data"].(map[string]any)
	secret, _ := created["token"].(string)
	if !strings.HasPrefix(secret, tokenPrefix) || created["name"] != "夜间导入脚本" {
		t.Fatalf("created = %v", created)
	}
	f.actors["script"] = &actor{user: &domain.User{}, token: secret}
	f.do("script", "GET", "/api/v1/me", "").wantStatus(t, 200)
	list := f.do(asOrganiser, "GET", "/api/v1/me/tokens", "").wantStatus(t, 200).json(t)
	items := list["data"].([]any)
	var found map[string]any
	for _, it := range items {
		if m := it.(map[string]any); m["id"] == created["id"] {
			found = m
		}
		if strings.Contains(string(mustJSON(t, it)), secret) {
			t.Error("token list shows a secret")
		}
	}
	if found == nil || found["lastUsedAt"] == nil {
		t.Errorf("new token missing from the list or never touched: %v", found)
	}
	if page := list["page"].(map[string]any); page["total"] != float64(len(items)) {
		t.Errorf("page = %v", page)
	}
	f.do(asOrganiser, "POST", "/api/v1/me/tokens", `{"name":"  "}`).wantStatus(t, 422)
	f.do(asOrganiser, "POST", "/api/v1/me/tokens", `{"name":"`+strings.Repeat("长", maxTokenName+1)+`"}`).wantStatus(t, 422)
	f.do(asOrganiser, "DELETE", "/api/v1/me/tokens/"+created["id"].(string), "").wantStatus(t, 204)
	f.do("script", "GET", "/api/v1/me", "").wantStatus(t, 401)
	f.do(asOrganiser, "DELETE", "/api/v1/me/tokens/not-an-id", "").wantStatus(t, 404)
}
