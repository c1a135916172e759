package handlers

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// Input that cannot be read is a 400 naming the field; input read but invalid is a 422.
func TestStrictJSONDecoding(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name, body string
		opts       []reqOpt
		status     int
		field      string
		message    string // English field message, when checked
	}{
		{"malformed JSON", `{"name": "ci"`, nil, 400, "body", "malformed JSON"},
		{"trailing data", `{"name": "ci"} {"name": "again"}`, nil, 400, "body", "malformed JSON"},
		{"unknown field", `{"name": "ci", "scopes": ["all"]}`, nil, 400, "scopes", "is not a known field"},
		{"wrong type", `{"name": 42}`, nil, 400, "name", "has the wrong type"},
		{"empty body", ``, []reqOpt{contentType("application/json")}, 400, "body", "is required"},
		{"null body", `null`, nil, 400, "body", "is required"},
		{"form instead of JSON", `name=ci`, []reqOpt{contentType("application/x-www-form-urlencoded")}, 400, "body", ""},
		{"valid but invalid value", `{"name": ""}`, nil, 422, "name", "is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]reqOpt{acceptLanguage("en")}, tc.opts...)
			res := f.do(asMember, "POST", "/api/v1/me/tokens", tc.body, opts...).wantStatus(t, tc.status)
			code, fields := res.apiError(t)
			if code != "validation" {
				t.Errorf("code %q, want validation", code)
			}
			got, _ := fields[tc.field].(string)
			if got == "" || (tc.message != "" && got != tc.message) {
				t.Errorf("fields = %v, want %s: %q", fields, tc.field, tc.message)
			}
		})
	}
	// Nested unknown fields are refused too, named by their path.
	res := f.do(asAnonymous, "POST", "/api/v1/auth/signup",
		`{"email":"x@example.cn","password":"long enough pw","name":"x","enterprise":{"name":"y","uscc":"z","ceo":"me"}}`).
		wantStatus(t, 400)
	if _, fields := res.apiError(t); fields["enterprise.ceo"] == nil {
		t.Errorf("fields = %v, want enterprise.ceo", fields)
	}
}

// The body limit is enforced by the server before any handler runs, and app.Test reports it as
// a transport error, so this test talks to a real listener on the loopback interface. It announces
// the length and sends no body: the server refuses on the header alone, and a client still
// writing a body the server will never read races the server's close (a reset that once failed CI).
func TestBodyOverLimit(t *testing.T) {
	f := newFixture(t) // 64 KiB
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = f.app.Listener(ln) }()
	t.Cleanup(func() { _ = f.app.Shutdown() })

	conn, err := net.DialTimeout("tcp", ln.Addr().String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	head := "POST /api/v1/me/tokens HTTP/1.1\r\n" +
		"Host: " + ln.Addr().String() + "\r\n" +
		"Content-Type: application/json\r\n" +
		"Content-Length: " + strconv.Itoa(70<<10) + "\r\n" +
		"Authorization: Bearer " + f.actors[asMember].token + "\r\n\r\n"
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	r := &response{status: res.StatusCode, header: res.Header, body: body}
	r.wantStatus(t, 413)
	code, fields := r.apiError(t)
	if code != "validation" || fields["body"] == nil {
		t.Errorf("code %q fields %v", code, fields)
	}
}

// Field messages are translated in the request's language, with their arguments.
func TestValidationMessagesAreTranslated(t *testing.T) {
	f := newFixture(t)
	long := `{"name":"` + strings.Repeat("长", maxTokenName+1) + `"}`
	for _, tc := range []struct {
		opt  reqOpt
		want string
	}{
		{acceptLanguage("en-GB,en;q=0.9"), "must be at most 60 characters"},
		{acceptLanguage("zh-CN,zh;q=0.9"), "不能超过 60 个字符"},
		{acceptLanguage("fr-FR"), "不能超过 60 个字符"}, // neither: Chinese, the programme's language
	} {
		res := f.do(asMember, "POST", "/api/v1/me/tokens", long, tc.opt).wantStatus(t, 422)
		if _, fields := res.apiError(t); fields["name"] != tc.want {
			t.Errorf("fields = %v, want name: %q", fields, tc.want)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status int
		code   string
		field  string
	}{
		{"validation", domain.Invalid("title", "required"), 422, "validation", "title"},
		{"wrapped validation", errors.Join(errors.New("ctx"), domain.Invalid("title", "required")), 422, "validation", "title"},
		{"conflict with field", domain.Conflict("email", "taken"), 409, "conflict", "email"},
		{"bare conflict", domain.ErrConflict, 409, "conflict", ""},
		{"not found", errors.Join(errors.New("get event"), domain.ErrNotFound), 404, "not_found", ""},
		{"forbidden", domain.ErrForbidden, 403, "forbidden", ""},
		{"unauthorized", domain.ErrUnauthorized, 401, "unauthorized", ""},
		{"fiber 405", fiber.ErrMethodNotAllowed, 405, "method_not_allowed", ""},
		{"fiber 413", fiber.ErrRequestEntityTooLarge, 413, "validation", "body"},
		{"anything else", errors.New("disk on fire"), 500, "internal", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := classify("en", tc.err)
			if a.status != tc.status || a.code != tc.code {
				t.Errorf("classify = %d %s, want %d %s", a.status, a.code, tc.status, tc.code)
			}
			if tc.field != "" && a.fields[tc.field] == "" {
				t.Errorf("fields = %v, want %s", a.fields, tc.field)
			}
			if a.message == "" || strings.HasPrefix(a.message, "errors.") {
				t.Errorf("message %q is not a translated sentence", a.message)
			}
		})
	}
	// An unknown problem key reads as "invalid" rather than a raw key.
	if a := classify("en", domain.Invalid("x", "no_such_key")); a.fields["x"] != "is not valid" {
		t.Errorf("unknown key shown as %q", a.fields["x"])
	}
}

// A panic answers 500 with the request ID and no detail; the stack goes to the log.
func TestPanicIsRecoveredWithoutStack(t *testing.T) {
	f := newFixture(t)
	f.app.Get("/api/v1/test-panic", func(c *fiber.Ctx) error { panic("secret detail of the failure") })
	f.app.Get("/test-panic", func(c *fiber.Ctx) error { panic("secret detail of the failure") })

	res := f.do(asAnonymous, "GET", "/api/v1/test-panic", "", header("X-Request-ID", "req-4711")).wantStatus(t, 500)
	code, _ := res.apiError(t)
	msg := res.json(t)["error"].(map[string]any)["message"].(string)
	if code != "internal" || !strings.Contains(msg, "req-4711") || strings.Contains(string(res.body), "secret detail") {
		t.Errorf("500 answer: %s", res.body)
	}
	page := f.do(asAnonymous, "GET", "/test-panic", "").wantStatus(t, 500)
	if strings.Contains(string(page.body), "secret detail") {
		t.Errorf("error page shows the panic: %s", page.body)
	}
	logs := f.logs.String()
	if !strings.Contains(logs, "secret detail of the failure") || !strings.Contains(logs, "goroutine ") ||
		!strings.Contains(logs, `"request_id":"req-4711"`) {
		t.Errorf("the log lacks the panic, its stack or the request ID:\n%.2000s", logs)
	}
}

func TestUnknownRoutes(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAnonymous, "GET", "/api/v1/no-such-thing", "").wantStatus(t, 404)
	if code, _ := res.apiError(t); code != "not_found" {
		t.Errorf("code %q", code)
	}
	res = f.do(asAnonymous, "PUT", "/api/v1/clusters", `{}`).wantStatus(t, 405)
	if code, _ := res.apiError(t); code != "method_not_allowed" {
		t.Errorf("code %q", code)
	}
	page := f.do(asAnonymous, "GET", "/no-such-page", "").wantStatus(t, 404)
	if ct := page.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("404 page Content-Type %q, want HTML", ct)
	}
}

func TestSafeNext(t *testing.T) {
	for _, tc := range []struct {
		next string
		ok   bool
	}{
		{"/events/42?tab=agenda", true},
		{"/", true},
		{"", false},
		{"events", false},
		{"//evil.example/", false},
		{"/\\evil.example", false},
		{"https://evil.example/", false},
		{"/ok\r\nSet-Cookie: x=y", false},
	} {
		if got := safeNext(tc.next); got != tc.ok {
			t.Errorf("safeNext(%q) = %v, want %v", tc.next, got, tc.ok)
		}
	}
}

func TestDecodeErrorNamesNestedTypeErrors(t *testing.T) {
	var got error
	app := fiber.New(fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error { got = err; return nil }})
	app.Post("/", func(c *fiber.Ctx) error {
		var in signupInput
		return decodeJSON(c, &in)
	})
	req := httptest.NewRequest("POST", "/", strings.NewReader(`{"enterprise":{"uscc":18}}`))
	req.Header.Set("Content-Type", "application/json")
	if _, err := app.Test(req); err != nil {
		t.Fatal(err)
	}
	a := classify("en", got)
	if a.status != 400 || a.fields["enterprise.uscc"] == "" {
		t.Errorf("classify = %d %v, want 400 on enterprise.uscc", a.status, a.fields)
	}
}
