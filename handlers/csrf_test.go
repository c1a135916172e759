package handlers

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"duijie/domain"
)

// sendRaw sends a request exactly as built, without the fixture's credentials.
func (f *fixture) sendRaw(req *http.Request) *response {
	f.t.Helper()
	res, err := f.app.Test(req, -1)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: b}
}

func TestCSRFOnForms(t *testing.T) {
	f := newFixture(t)
	login := "email=member%40fixture.duijie.test&password=" + testPassword
	newReq := func(method, path, body string) *http.Request {
		r := httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}

	// Anonymous form without the double-submit cookie or token.
	f.do(asAnonymous, "POST", "/login", login, withoutCSRF()).wantStatus(t, 403)

	// With the cookie but a token made for another cookie.
	r := newReq("POST", "/login", login+"&_csrf="+f.h.anonCSRFToken(strings.Repeat("a", 64)))
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: strings.Repeat("b", 64)})
	f.sendRaw(r).wantStatus(t, 403)

	// The cookie and its token as a form field pass.
	seed := strings.Repeat("c", 64)
	r = newReq("POST", "/login", login+"&_csrf="+f.h.anonCSRFToken(seed))
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: seed})
	f.sendRaw(r).wantStatus(t, 303)

	// A cookie alone, echoed as the token, is not enough: the token is the cookie's HMAC.
	r = newReq("POST", "/login", login+"&_csrf="+seed)
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: seed})
	f.sendRaw(r).wantStatus(t, 403)

	// Signed in: the session's token is required, another session's is refused.
	m := f.actors[asMember]
	r = newReq("POST", "/logout", "")
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: m.cookie})
	f.sendRaw(r).wantStatus(t, 403)
	r = newReq("POST", "/logout", "_csrf="+f.actors[asAdmin].csrf)
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: m.cookie})
	f.sendRaw(r).wantStatus(t, 403)
	r = newReq("POST", "/logout", "_csrf="+m.csrf)
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: m.cookie})
	f.sendRaw(r).wantStatus(t, 303)
	if s, _, err := f.h.loadSession(t.Context(), m.cookie); err != nil || s != nil {
		t.Errorf("session after logout: %v, %v", s, err)
	}
}

func TestCSRFOnAPI(t *testing.T) {
	f := newFixture(t)
	// A browser session calling the API must send X-CSRF-Token …
	res := f.do(asOrganiser, "POST", "/api/v1/me/tokens", `{"name":"x"}`, asSession(), withoutCSRF()).wantStatus(t, 403)
	if code, _ := res.apiError(t); code != "forbidden" {
		t.Errorf("code %q", code)
	}
	f.do(asOrganiser, "POST", "/api/v1/me/tokens", `{"name":"x"}`, asSession()).wantStatus(t, 201)
	// … a Bearer token is exempt, and so is an anonymous JSON call.
	f.do(asOrganiser, "POST", "/api/v1/me/tokens", `{"name":"x"}`, withoutCSRF()).wantStatus(t, 201)
	f.do(asAnonymous, "POST", "/api/v1/auth/login", loginBody("admin@fixture.duijie.test", testPassword)).wantStatus(t, 200)
	// Safe methods need no token.
	f.do(asOrganiser, "GET", "/api/v1/me", "", asSession()).wantStatus(t, 200)
}

// Pages get a token to embed on every request; anonymous visitors get the cookie that backs it.
func TestCSRFTokenIsProvided(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAnonymous, "GET", "/login", "").wantStatus(t, 200)
	ck := res.cookieOf(csrfCookie)
	if ck == nil || len(ck.Value) != 64 || !ck.HttpOnly {
		t.Fatalf("anonymous CSRF cookie = %v", ck)
	}
	if want := f.h.anonCSRFToken(ck.Value); !strings.Contains(string(res.body), want) {
		t.Error("the sign-in page does not embed the token matching its cookie")
	}
	if f.do(asAnonymous, "GET", "/healthz", "").cookieOf(csrfCookie) != nil {
		t.Error("a CSRF cookie was set on /healthz")
	}
	if f.do(asAnonymous, "GET", "/api/v1/clusters", "").cookieOf(csrfCookie) != nil {
		t.Error("a CSRF cookie was set on an API call")
	}
}

// The sign-in and sign-up forms re-render with the submitted values (never the password) and a
// message per field; success redirects to a same-site next or home.
func TestLoginAndSignupForms(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAnonymous, "POST", "/login", form("email", "member@fixture.duijie.test", "password", "wrong-password",
		"next", "/account"), acceptLanguage("en")).wantStatus(t, 401)
	body := string(res.body)
	if !strings.Contains(body, "The email or password is not correct.") || !strings.Contains(body, "member@fixture.duijie.test") {
		t.Errorf("login page after a wrong password lacks the message or the email:\n%.3000s", body)
	}
	if strings.Contains(body, "wrong-password") {
		t.Error("the password is echoed back")
	}

	res = f.do(asAnonymous, "POST", "/login", form("email", "member@fixture.duijie.test", "password", testPassword,
		"next", "/account")).wantStatus(t, 303)
	if loc := res.header.Get("Location"); loc != "/account" {
		t.Errorf("Location %q, want /account", loc)
	}
	if res.cookieOf(sessionCookie) == nil {
		t.Error("no session cookie after form login")
	}
	res = f.do(asAnonymous, "POST", "/login", form("email", "member@fixture.duijie.test", "password", testPassword,
		"next", "//evil.example/")).wantStatus(t, 303)
	if loc := res.header.Get("Location"); loc != "/dashboard" { // sign-in lands on the dashboard
		t.Errorf("Location %q for an off-site next, want /dashboard", loc)
	}

	uscc := newUSCC()
	bad := uscc[:17] + map[bool]string{true: "1", false: "0"}[uscc[17] == '0']
	res = f.do(asAnonymous, "POST", "/signup", form("email", "wang@example.cn", "password", "short", "name", "王芳",
		"enterprise.name", "无锡芯片封测有限公司", "enterprise.uscc", bad), acceptLanguage("en")).wantStatus(t, 422)
	body = string(res.body)
	for _, want := range []string{"must be at least 10 characters long", "last character does not match", "无锡芯片封测有限公司"} {
		if !strings.Contains(body, want) {
			t.Errorf("sign-up page lacks %q", want)
		}
	}
	if strings.Contains(body, `value="short"`) {
		t.Error("the password is echoed back")
	}
	f.do(asAnonymous, "POST", "/signup", form("email", "wang@example.cn", "password", "long enough pw", "name", "王芳",
		"enterprise.name", "无锡芯片封测有限公司", "enterprise.uscc", uscc, "enterprise.clusters", "L2",
		"enterprise.clusters", "A5")).wantStatus(t, 303)
	u, err := f.store.Users.GetByEmail(t.Context(), "wang@example.cn")
	if err != nil {
		t.Fatal(err)
	}
	e, err := f.store.Enterprises.Get(t.Context(), u.EnterpriseID)
	if err != nil || len(e.Clusters) != 2 || u.Role != domain.RoleMember {
		t.Errorf("signed-up enterprise %+v (%v)", e, err)
	}
	// Taken email: a conflict shown on the form.
	f.do(asAnonymous, "POST", "/signup", form("email", "wang@example.cn", "password", "long enough pw", "name", "王芳",
		"enterprise.name", "另一家公司", "enterprise.uscc", newUSCC())).wantStatus(t, 409)
}
