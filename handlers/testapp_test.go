package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/seed"
	"duijie/store"
	"duijie/store/sqlite"
)

// The five callers every access test is run as.
const (
	asAnonymous      = "anonymous"
	asMember         = "member"          // member of an enterprise in cluster L1
	asOtherOrganiser = "organiser-other" // organiser of A2 only
	asOrganiser      = "organiser"       // organiser of L1
	asAdmin          = "admin"
)

// roles lists the callers in the column order of the route table test.
var roles = []string{asAnonymous, asMember, asOtherOrganiser, asOrganiser, asAdmin}

// testPassword is every fixture user's password.
const testPassword = "fixture-password-2026"

// fixtureHash is computed once: argon2id is deliberately slow and tests create many users.
var fixtureHash = sync.OnceValue(func() string {
	h, err := domain.HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// actor is a signed-in fixture user with both kinds of credential.
type actor struct {
	user   *domain.User
	token  string // Bearer secret
	cookie string // session cookie value
	csrf   string // the session's CSRF token
}

// fixture is a Duijie app over a fresh SQLite database with the seeded clusters, an enterprise
// in L1 with its member, an enterprise in A2, two organisers and an admin.
type fixture struct {
	t     *testing.T
	app   *fiber.App
	h     *Handler
	store *store.Store
	logs  *lockedBuffer
	clock *testClock

	actors        map[string]*actor
	enterprise    *domain.Enterprise // the member's, in L1
	otherEnt      *domain.Enterprise // in A2, nobody of the fixture belongs to it
	memberTokenID string             // a second token of the member, for revocation tests
}

// newFixture builds the app; tune may adjust the options before it is built.
func newFixture(t *testing.T, tune ...func(*Options)) *fixture {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	ctx := context.Background()
	if err := seed.Clusters(ctx, st); err != nil {
		t.Fatalf("seed clusters: %v", err)
	}
	f := &fixture{t: t, store: st, logs: &lockedBuffer{}, clock: &testClock{now: time.Now()},
		actors: map[string]*actor{asAnonymous: {}}}
	opts := Options{
		BaseURL: "http://duijie.test", SessionSecret: "test-secret", BodyLimit: 64 << 10,
		RequestTimeout: 5 * time.Second, SessionTTL: time.Hour, DefaultTZ: "Asia/Shanghai",
		LoginAttempts: 3, LoginWindow: time.Minute,
		// Fixture events lie days to years ahead; eventday_test.go checks the window itself.
		CheckinOpensBefore: 10 * 365 * 24 * time.Hour,
	}
	for _, fn := range tune {
		fn(&opts)
	}
	f.app, f.h, err = newApp(Deps{
		Store: st, Options: opts, Now: f.clock.Now,
		Logger: slog.New(slog.NewJSONHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if err != nil {
		t.Fatalf("new app: %v", err)
	}
	t.Cleanup(f.h.events.WaitMail) // before the store closes

	f.enterprise = f.addEnterprise("无锡物联感知科技有限公司", "L1")
	f.otherEnt = f.addEnterprise("无锡纺织服饰有限公司", "A2")
	f.addActor(asMember, &domain.User{Role: domain.RoleMember, EnterpriseID: f.enterprise.ID})
	f.addActor(asOtherOrganiser, &domain.User{Role: domain.RoleOrganiser, Clusters: []string{"A2"}})
	f.addActor(asOrganiser, &domain.User{Role: domain.RoleOrganiser, Clusters: []string{"L1"}})
	f.addActor(asAdmin, &domain.User{Role: domain.RoleAdmin})
	_, tok, err := f.h.issueToken(ctx, f.actors[asMember].user, "spare")
	if err != nil {
		t.Fatal(err)
	}
	f.memberTokenID = tok.ID
	return f
}

var usccSerial atomic.Int64

// newUSCC returns a valid unified social credit code never used before in this process.
func newUSCC() string {
	return domain.CompleteUSCC(fmt.Sprintf("91320214MA%07d", usccSerial.Add(1)))
}

func (f *fixture) addEnterprise(name, cluster string) *domain.Enterprise {
	f.t.Helper()
	now := f.clock.Now()
	e := &domain.Enterprise{
		ID: domain.NewID(), Name: name, USCC: newUSCC(), Clusters: []string{cluster},
		IndustryCodes: []string{}, HSCodes: []string{}, Products: []string{}, Certifications: []string{},
		ExportMarkets: []string{}, Region: "320214", Tier: domain.TierBackbone, Status: domain.EnterpriseActive,
		Verification: domain.VerificationVerified, // registered by the office; trust tests unverify their own
		Contact:      domain.Contact{Name: "王经理", Email: "contact@" + strings.ToLower(cluster) + ".example.cn"},
		CreatedAt:    now, UpdatedAt: now,
	}
	if err := f.store.Enterprises.Create(context.Background(), e); err != nil {
		f.t.Fatalf("create enterprise: %v", err)
	}
	return e
}

// addActor stores u as the user of role name, with an API token and a browser session.
func (f *fixture) addActor(name string, u *domain.User) {
	f.t.Helper()
	ctx := context.Background()
	now := f.clock.Now()
	u.ID, u.Email, u.Name = domain.NewID(), name+"@fixture.duijie.test", "Fixture "+name
	u.PasswordHash, u.CreatedAt, u.UpdatedAt = fixtureHash(), now, now
	if u.Clusters == nil {
		u.Clusters = []string{}
	}
	if err := f.store.Users.Create(ctx, u); err != nil {
		f.t.Fatalf("create user %s: %v", name, err)
	}
	secret, _, err := f.h.issueToken(ctx, u, "fixture")
	if err != nil {
		f.t.Fatal(err)
	}
	cookie := domain.RandomToken(32)
	s := &domain.Session{ID: hashSecret(cookie), UserID: u.ID, CSRFToken: domain.RandomToken(32),
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := f.store.Sessions.Create(ctx, s); err != nil {
		f.t.Fatal(err)
	}
	f.actors[name] = &actor{user: u, token: secret, cookie: cookie, csrf: s.CSRFToken}
}

// response is a finished request.
type response struct {
	status int
	header http.Header
	body   []byte
}

// reqOpt adjusts a request before it is sent.
type reqOpt func(*http.Request)

func header(k, v string) reqOpt { return func(r *http.Request) { r.Header.Set(k, v) } }
func cookie(name, v string) reqOpt {
	return func(r *http.Request) { r.AddCookie(&http.Cookie{Name: name, Value: v}) }
}
func withoutCSRF() reqOpt            { return func(r *http.Request) { r.Header.Set("X-Test-No-CSRF", "1") } }
func asSession() reqOpt              { return func(r *http.Request) { r.Header.Set("X-Test-Session", "1") } }
func contentType(ct string) reqOpt   { return header(fiber.HeaderContentType, ct) }
func acceptLanguage(l string) reqOpt { return header(fiber.HeaderAcceptLanguage, l) }

// do sends a request as the named caller. API paths authenticate with the caller's Bearer
// token (or its session cookie with asSession); other paths with the session cookie, and unsafe
// methods get the CSRF token as a form field or header. Every response is checked for leaked
// stack traces.
func (f *fixture) do(as, method, path, body string, opts ...reqOpt) *response {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	api := strings.HasPrefix(path, "/api/")
	if body != "" {
		if api {
			req.Header.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		} else {
			req.Header.Set(fiber.HeaderContentType, fiber.MIMEApplicationForm)
		}
	}
	for _, o := range opts {
		o(req)
	}
	session := !api || req.Header.Get("X-Test-Session") != ""
	csrf := unsafeMethod(method) && req.Header.Get("X-Test-No-CSRF") == ""
	req.Header.Del("X-Test-Session")
	req.Header.Del("X-Test-No-CSRF")
	a := f.actors[as]
	if a == nil {
		f.t.Fatalf("no fixture caller %q", as)
	}
	switch {
	case a.user == nil && !api && csrf:
		seed := domain.RandomToken(32)
		req.AddCookie(&http.Cookie{Name: csrfCookie, Value: seed})
		req.Header.Set(csrfHeader, f.h.anonCSRFToken(seed))
	case a.user == nil:
	case session:
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: a.cookie})
		if csrf {
			req.Header.Set(csrfHeader, a.csrf)
		}
	default:
		req.Header.Set(fiber.HeaderAuthorization, "Bearer "+a.token)
	}
	res, err := f.app.Test(req, -1)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	// Registration mail is queued after the response (service/events): tests read the outbox
	// once it is there.
	f.h.events.WaitMail()
	if bytes.Contains(b, []byte("goroutine ")) || bytes.Contains(b, []byte(".go:")) {
		f.t.Errorf("%s %s: response body shows a stack trace or source position:\n%s", method, path, b)
	}
	return &response{status: res.StatusCode, header: res.Header, body: b}
}

// json decodes the body into a generic value.
func (r *response) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body is not JSON (%v): %s", err, r.body)
	}
	return v
}

// wantStatus fails the test unless the response has status.
func (r *response) wantStatus(t *testing.T, status int) *response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, r.body)
	}
	return r
}

// apiError returns the code and fields of an error envelope.
func (r *response) apiError(t *testing.T) (string, map[string]any) {
	t.Helper()
	e, ok := r.json(t)["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error envelope: %s", r.body)
	}
	fields, _ := e["fields"].(map[string]any)
	if _, ok := e["message"].(string); !ok {
		t.Errorf("error envelope without message: %s", r.body)
	}
	code, _ := e["code"].(string)
	return code, fields
}

// cookieOf returns the Set-Cookie of name, or nil.
func (r *response) cookieOf(name string) *http.Cookie {
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// form encodes key/value pairs as a form body.
func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

// testClock is the app's clock, moved by tests that need time to pass.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// lockedBuffer collects log output written from request goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
