package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// The robustness sweep calls every route of the table with hostile input and checks the answer
// is a clear 4xx (or a success), never a 5xx, a panic, a stack trace or unescaped markup. It walks
// h.routes() itself, so a new route is swept as soon as routes_test.go knows a valid call of it.

// Markup that must never come back unescaped in a page.
const (
	xssScript = `<script>alert("dj")</script>`
	xssAttr   = `"'><svg onload=alert(1)>`
)

// hugeString is larger than any field allows and than the fixture's default body limit.
var hugeString = strings.Repeat("A", 100<<10)

// Path segments put where a route expects an ID, code, year, name or token.
var hostileSegments = []string{"zzz", "{{absentID}}", "..%2F..%2Fetc%2Fpasswd", "-1", "99999999999999999999",
	"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%00", "%FF%FE"}

// Odd query parameters for GET routes, one at a time.
var hostileQueries = []string{"limit=-1", "limit=100000", "limit=abc", "cursor=garbage", "cursor=%FF%00", "page=abc",
	"status=nonsense", "from=notadate", "to=2026-13-45", "year=abc", "year=-1", "year=99999999999999999999",
	"month=2026-13", "cluster=%3Cscript%3E", "q=" + url.QueryEscape(xssScript), "q=" + url.QueryEscape(xssAttr),
	"kind=nonsense", "mine=zzz", "tier=nonsense", "region=zzz", "show=zzz", "role=nonsense", "lead=zzz",
	"lang=%3Cscript%3E", "next=%2F%2Fevil.example", "dryRun=maybe", "v=%3Cscript%3E"}

// richCases are valid calls with more fields than routeCases sends, so the sweep can make every
// field hostile. They take precedence over routeCases for the route they hit. {{eventAt:N}} and
// {{eventLocal:N}} are N minutes after the start of {{event}}, as RFC 3339 and as a form's
// datetime-local.
var richCases = []routeCase{
	{method: "PATCH", path: "/api/v1/users/{{member}}",
		body: `{"name":"改名","role":"member","clusters":[],"enterpriseId":"{{enterprise}}","disabled":false}`},
	{method: "POST", path: "/api/v1/clusters", body: `{"code":"X{{n}}","tier":"future","nameZh":"低空经济{{n}}",
		"nameEn":"Low-altitude economy {{n}}","industryCodes":["C3741"],"sortOrder":20}`},
	{method: "PATCH", path: "/api/v1/clusters/F5", body: `{"tier":"future","nameZh":"深海装备","nameEn":"Deep-sea equipment",
		"industryCodes":["C3731"],"sortOrder":15}`},
	{method: "PUT", path: "/api/v1/enterprises/me", body: `{"name":"无锡物联感知科技有限公司","clusters":["L1"],
		"industryCodes":["C3973"],"hsCodes":["854231"],"products":["温度传感器"],"description":"冷链监测",
		"certifications":["ISO9001"],"region":"320214","scale":"small","exportMarkets":["EU"],
		"contact":{"name":"王工","email":"wang@example.cn","phone":"0510-81234567"}}`},
	{method: "POST", path: "/api/v1/leads", body: leadJSON},
	{method: "PATCH", path: "/api/v1/leads/{{lead}}", body: leadJSON},
	{method: "POST", path: "/api/v1/events", body: `{"title":"集成电路供需对接会","titleEn":"IC matchmaking","cluster":"L1",
		"kind":"matchmaking","venue":"无锡国际会议中心","address":"新吴区","startsAt":"2031-05-20T09:00:00+08:00",
		"endsAt":"2031-05-20T17:00:00+08:00","timezone":"Asia/Shanghai","capacity":100,"maxAttendeesPerEnterprise":2,
		"registrationOpensAt":"2031-04-01T09:00:00+08:00","registrationClosesAt":"2031-05-19T17:00:00+08:00",
		"description":"对接"}`},
	{method: "PATCH", path: "/api/v1/events/{{event}}", body: `{"title":"物联网产业供需对接会","description":"更新说明",
		"capacity":80,"maxAttendeesPerEnterprise":3,"endsAt":"{{eventAt:480}}","registrationClosesAt":null}`},
	{method: "PUT", path: "/api/v1/events/{{event}}/agenda", body: `{"sessions":[{"title":"开幕致辞",
		"startsAt":"{{eventAt:0}}","endsAt":"{{eventAt:30}}","room":"A厅","track":"主论坛","kind":"talk",
		"speakers":[{"name":"王主任","position":"主任","organisation":"市集群办"}]}]}`},
	{method: "POST", path: "/api/v1/events/{{newEvent}}/registrations", body: `{"attendees":[{"name":"张伟",
		"position":"采购经理","mobile":"13812345678","email":"zhang@example.cn"}]}`},
	{method: "POST", path: "/api/v1/events/{{event}}/checkins", body: `{"code":"{{newCode}}","device":"东门"}`},
	{method: "POST", path: "/api/v1/matches/{{newInterestedMatch}}/outcome",
		body: `{"stage":"signed","value":500000,"currency":"CNY","note":"签约"}`},
	{method: "PUT", path: "/api/v1/me/preferences", body: `{"digest":"daily","locale":"en","optOut":["reminder"]}`},

	{method: "POST", path: "/events", body: "title=%E5%AF%B9%E6%8E%A5%E4%BC%9A&titleEn=Matchmaking&cluster=L1&kind=matchmaking" +
		"&venue=%E6%97%A0%E9%94%A1&address=%E6%96%B0%E5%90%B4&timezone=Asia%2FShanghai&startsAt=2031-05-20T09%3A00" +
		"&endsAt=2031-05-20T17%3A00&capacity=50&maxAttendeesPerEnterprise=2&registrationOpensAt=2031-04-01T09%3A00" +
		"&registrationClosesAt=2031-05-19T17%3A00&description=x"},
	{method: "POST", path: "/events/{{event}}/agenda", body: "rows=1&sessions%5B0%5D.title=%E5%BC%80%E5%B9%95" +
		"&sessions%5B0%5D.startsAt={{eventLocal:0}}&sessions%5B0%5D.endsAt={{eventLocal:30}}&sessions%5B0%5D.room=A" +
		"&sessions%5B0%5D.track=main&sessions%5B0%5D.kind=talk&sessions%5B0%5D.speakers=%E7%8E%8B%E4%B8%BB%E4%BB%BB"},
	{method: "POST", path: "/events/{{newEvent}}/register", body: "attendees%5B0%5D.name=%E5%BC%A0%E4%BC%9F" +
		"&attendees%5B0%5D.position=buyer&attendees%5B0%5D.mobile=13812345678&attendees%5B0%5D.email=zhang%40example.cn"},
	{method: "POST", path: "/events/{{event}}/checkin", body: "code={{newCode}}&device=door"},
	{method: "POST", path: "/enterprises/me", body: "name=%E6%97%A0%E9%94%A1%E7%89%A9%E8%81%94&clusters=L1" +
		"&industryCodes=C3973&hsCodes=854231&products=PCBA&description=x&certifications=ISO9001&region=320214" +
		"&scale=small&exportMarkets=EU&contact.name=%E7%8E%8B&contact.email=w%40example.cn&contact.phone=0510-81234567"},
	{method: "POST", path: "/leads", body: leadForm + "&status=open"},
	{method: "POST", path: "/leads/{{lead}}", body: leadForm},
	{method: "POST", path: "/matches/{{newInterestedMatch}}/outcome", body: "stage=signed&value=50&currency=CNY&note=ok"},
	{method: "POST", path: "/admin/clusters", body: "code=Y{{n}}&tier=future&nameZh=%E4%BD%8E%E7%A9%BA{{n}}&nameEn=Low" +
		"&industryCodes=C3741&sortOrder=20"},
	{method: "POST", path: "/campaign/targets/2026", body: "flagshipEvents=12&matchmakingSessions=120&enterprises=1200" +
		"&leads=12000&intentions=300&signedDeals=50&signedValue=26.5&intendedValue=100"},
	{method: "PUT", path: "/api/v1/campaign/targets/2026", body: `{"flagshipEvents":12,"matchmakingSessions":120,
		"enterprises":1200,"leads":12000,"intentions":300,"signedDeals":50,"signedValue":2650000000,"intendedValue":100}`},
}

const leadJSON = `{"title":"采购温度传感器","description":"冷库温度远程监测改造","clusters":["L1"],"industryCodes":["C4011"],
	"hsCodes":["902519"],"quantity":10,"unit":"套","budgetMin":1000,"budgetMax":5000,"currency":"CNY",
	"deliveryRegion":"320214","exportMarket":"EU","requiredCertifications":["CE"],"preferredTiers":["backbone"],
	"deadline":"2031-01-01T00:00:00+08:00","buyerName":"Müller GmbH",
	"contact":{"name":"李工","email":"li@example.cn","phone":"0510-88886666"}}`

const leadForm = "title=%E9%87%87%E8%B4%AD&description=x&clusters=L1&industryCodes=C4011&hsCodes=902519&quantity=10" +
	"&unit=%E5%A5%97&budgetMin=1000&budgetMax=5000&currency=CNY&deliveryRegion=320214&exportMarket=EU" +
	"&requiredCertifications=CE&preferredTiers=backbone&deadline=2031-01-01&buyerName=M%C3%BCller" +
	"&contact.name=%E6%9D%8E&contact.email=li%40example.cn&contact.phone=0510-88886666"

// probe is one hostile request of the sweep.
type probe struct {
	name       string // what is hostile, for failure messages
	path, body string
	opts       []reqOpt
	field      string // the body field made hostile; a 400 must name it in "fields"
	want       int    // a required status; 0: anything but 5xx
}

// TestRoutesSurviveHostileInput is the sweep: one fixture, one subtest per route.
func TestRoutesSurviveHostileInput(t *testing.T) {
	skipTableWalkUnderRace(t)
	// The production body limit, so 100 KB strings reach the handlers' own checks, and a login
	// limit the sweep's many failed logins cannot reach (TestLoginFormIsRateLimited and
	// TestRepeatedFailedLoginsAreLimited cover it).
	f := newFixture(t, func(o *Options) { o.BodyLimit, o.LoginAttempts = 0, 1<<20 })
	f.matchService()
	parent := f.t
	defer func() { f.t = parent }()
	secrets := []string{testPassword, "long enough pw"}
	valid := validCalls(f.h.routes())

	for _, r := range f.h.routes() {
		rc, ok := valid[r.method+" "+r.path]
		if !ok {
			t.Errorf("%s %s: no valid call in routeCases or richCases to sweep from", r.method, r.path)
			continue
		}
		t.Run(r.method+" "+r.path, func(t *testing.T) {
			f.t = t
			defer func() { f.t = parent }()
			for i, as := range sweepCallers(r.access) {
				secrets = append(secrets, f.renewCredentials(as)...)
				for _, p := range probesFor(t, r, rc, as, i == 0) {
					res := f.do(as, r.method, f.sweepFill(p.path), f.sweepFill(p.body), p.opts...)
					checkAnswer(t, fmt.Sprintf("as %s, %s %s [%s]", as, r.method, shorten(p.path), p.name), r.path, res, p)
					secrets = append(secrets, issuedSecrets(res)...)
					if signedOut(res) {
						secrets = append(secrets, f.renewCredentials(as)...)
					}
				}
			}
		})
	}

	// Whatever hostile text was stored on the way must come back escaped in every page.
	t.Run("stored input is escaped", func(t *testing.T) {
		f.t = t
		shown := 0 // pages that show a stored payload, escaped: the check above is not vacuous
		for _, r := range f.h.routes() {
			rc, ok := valid[r.method+" "+r.path]
			if r.method != fiber.MethodGet || !ok {
				continue
			}
			for _, as := range sweepCallers(r.access) {
				secrets = append(secrets, f.renewCredentials(as)...)
				res := f.do(as, r.method, f.sweepFill(rc.path), "")
				checkAnswer(t, fmt.Sprintf("as %s, GET %s", as, rc.path), r.path, res, probe{})
				if bytes.Contains(res.body, []byte("&lt;script&gt;alert(")) {
					shown++
				}
			}
		}
		if shown == 0 {
			t.Error("no page shows any of the stored <script> payloads: the sweep stored nothing")
		}
	})

	logs := f.logs.String()
	for _, s := range secrets {
		if s != "" && strings.Contains(logs, s) {
			t.Errorf("the log carries a password, token or cookie (%.12s…)", s)
		}
	}
}

// issuedSecrets are the session cookie and API token an answer hands out (sign-in, sign-up,
// token creation), which the log must not carry either.
func issuedSecrets(res *response) []string {
	var out []string
	if c := res.cookieOf(sessionCookie); c != nil && c.Value != "" {
		out = append(out, c.Value)
	}
	var v struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if json.Unmarshal(res.body, &v) == nil && v.Data.Token != "" {
		out = append(out, v.Data.Token)
	}
	return out
}

// signedOut reports an answer that means the caller's credentials are gone (a logout route
// did its job), so the next probe needs new ones.
func signedOut(res *response) bool {
	return res.status == fiber.StatusUnauthorized || strings.HasPrefix(res.header.Get("Location"), "/login") ||
		res.cookieOf(sessionCookie) != nil
}

// The sign-in form is limited like the API: after the allowed failures even the right password
// gets 429, shown on the form with when to try again.
func TestLoginFormIsRateLimited(t *testing.T) {
	f := newFixture(t) // 3 attempts per minute
	for i := 0; i < 3; i++ {
		res := f.do(asAnonymous, "POST", "/login", form("email", "member@fixture.duijie.test", "password", "wrong-pw-123"))
		res.wantStatus(t, fiber.StatusUnauthorized)
	}
	res := f.do(asAnonymous, "POST", "/login", form("email", "member@fixture.duijie.test", "password", testPassword))
	res.wantStatus(t, fiber.StatusTooManyRequests)
	if ra := res.header.Get(fiber.HeaderRetryAfter); ra == "" || ra == "0" {
		t.Errorf("Retry-After = %q", ra)
	}
	if res.cookieOf(sessionCookie) != nil {
		t.Error("a limited sign-in started a session")
	}
	if !bytes.Contains(res.body, []byte(`name="email"`)) {
		t.Errorf("429 is not the sign-in form again: %.300s", res.body)
	}
}

// What a form post hands to longer-lived state (here the matching service's names of suppliers,
// written into later matches) must stay as posted while other requests reuse the server's
// buffers.
func TestFormValuesOutliveTheRequest(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	const name = "超声波流量计制造有限公司"
	f.do(asMember, "POST", "/enterprises/me", form("name", name, "clusters", "L1", "products", "超声波流量计,电磁流量计",
		"region", "320214")).wantStatus(t, fiber.StatusSeeOther)
	for i := 0; i < 5; i++ { // other posts of the same shape, whose bytes land where the name was read
		f.do(asAdmin, "POST", "/admin/clusters/F5", form("nameZh", strings.Repeat("Z", 30+i), "nameEn", "Deep-sea"))
	}
	res := f.do(asOrganiser, "POST", "/api/v1/leads", `{"title":"采购超声波流量计","description":"电磁流量计",
		"clusters":["L1"],"quantity":10,"buyerName":"Müller GmbH","status":"open"}`).wantStatus(t, fiber.StatusCreated)
	lead, _ := res.json(t)["data"].(map[string]any)
	id, _ := lead["id"].(string)
	var got struct {
		Data []struct {
			EnterpriseID   string `json:"enterpriseId"`
			EnterpriseName string `json:"enterpriseName"`
		} `json:"data"`
	}
	res = f.do(asAdmin, "GET", "/api/v1/leads/"+id+"/matches", "").wantStatus(t, fiber.StatusOK)
	if err := json.Unmarshal(res.body, &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range got.Data {
		if m.EnterpriseID == f.enterprise.ID {
			found = true
			if m.EnterpriseName != name {
				t.Errorf("match names the supplier %q, want %q", m.EnterpriseName, name)
			}
		}
	}
	if !found {
		t.Fatalf("the profile was not matched: %.500s", res.body)
	}
}

// A body that is JSON but does not fit is refused on the field at fault, with the path the
// validators use, also where encoding/json itself names no field (a time, a nested unknown field).
func TestDecodeErrorNamesTheField(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		dst        any
		field, key string
	}{
		{"syntax", `{"title":`, &eventInput{}, "body", "json_malformed"},
		{"time not RFC 3339", `{"title":"x","startsAt":"2026-05-20"}`, &eventInput{}, "startsAt", "event_time_format"},
		{"optional time", `{"registrationClosesAt":"soon"}`, &eventInput{}, "registrationClosesAt", "event_time_format"},
		{"time as number", `{"startsAt":5}`, &eventInput{}, "startsAt", "json_type"},
		{"time in a list", `{"sessions":[{"title":"a"},{"title":"b","endsAt":"noon"}]}`, &agendaInput{},
			"sessions[1].endsAt", "event_time_format"},
		{"number overflow", `{"capacity":99999999999999999999}`, &eventInput{}, "capacity", "json_type"},
		{"unknown top-level field", `{"title":"x","colour":"red"}`, &eventInput{}, "colour", "json_unknown_field"},
		{"unknown nested field", `{"title":"x","contact":{"name":"王","fax":"1"}}`, &leadInput{}, "contact.fax",
			"json_unknown_field"},
		{"object for a struct list item", `{"attendees":[{"name":"a"},"x"]}`, &registrationInput{}, "attendees[1]",
			"json_type"},
		{"own decoder, inner field", `{"attendees":[{"name":5}]}`, &registrationInput{}, "attendees[0].name", "json_type"},
		{"own decoder, unknown field", `{"attendees":[{"name":"a","fax":"1"}]}`, &registrationInput{},
			"attendees[0].fax", "json_unknown_field"},
		{"wrong type in embedded list", `{"enterprise":{"clusters":"L1"}}`, &signupInput{}, "enterprise.clusters", "json_type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dec := json.NewDecoder(strings.NewReader(tc.body))
			dec.DisallowUnknownFields()
			err := dec.Decode(tc.dst)
			if err == nil {
				t.Fatal("decoded without error")
			}
			var se *statusError
			if !errors.As(decodeError(err, []byte(tc.body), tc.dst), &se) || se.fields == nil {
				t.Fatalf("not a 400 naming a field: %v", err)
			}
			if p, ok := se.fields.Fields[tc.field]; !ok || p.Key != tc.key || len(se.fields.Fields) != 1 {
				t.Errorf("fields %v, want only %s: %s", se.fields.Fields, tc.field, tc.key)
			}
		})
	}
}

// validCalls maps each route ("METHOD /pattern") to a valid call of it: the first of richCases,
// then routeCases, that Fiber would dispatch to that route (the first matching route of the table).
func validCalls(rs []route) map[string]routeCase {
	out := map[string]routeCase{}
	for _, rc := range append(append([]routeCase{}, richCases...), routeCases...) {
		p, _, _ := strings.Cut(rc.path, "?")
		for _, r := range rs {
			if r.method == rc.method && (r.path == p || matchPattern(r.path, p)) {
				if _, ok := out[r.method+" "+r.path]; !ok {
					out[r.method+" "+r.path] = rc
				}
				break
			}
		}
	}
	return out
}

// sweepCallers are the callers a route is swept as: its natural caller first, then the admin
// when the guard lets the admin in.
func sweepCallers(a access) []string {
	switch {
	case !a.signedIn:
		return []string{asAnonymous, asAdmin}
	case len(a.roles) == 0:
		return []string{asMember, asAdmin}
	}
	var out []string
	for _, want := range []domain.Role{domain.RoleMember, domain.RoleOrganiser, domain.RoleAdmin} {
		for _, r := range a.roles {
			if r == want {
				out = append(out, map[domain.Role]string{domain.RoleMember: asMember,
					domain.RoleOrganiser: asOrganiser, domain.RoleAdmin: asAdmin}[r])
			}
		}
	}
	return out
}

// renewCredentials gives the caller a new token and session, so that a route that signs out or
// revokes (logout, token deletion) leaves the next route a working caller. It returns the new
// secrets, which must never be logged.
func (f *fixture) renewCredentials(as string) []string {
	a := f.actors[as]
	if a.user == nil {
		return nil
	}
	f.t.Helper()
	old := *a
	f.actors[as] = &old
	f.addCredentials(as)
	return []string{f.actors[as].token, f.actors[as].cookie, f.actors[as].csrf}
}

// addCredentials issues a token and a browser session for an existing fixture user.
func (f *fixture) addCredentials(as string) {
	a := f.actors[as]
	ctx, now := f.t.Context(), f.clock.Now()
	secret, _, err := f.h.issueToken(ctx, a.user, "sweep")
	if err != nil {
		f.t.Fatal(err)
	}
	cookie := domain.RandomToken(32)
	s := &domain.Session{ID: hashSecret(cookie), UserID: a.user.ID, CSRFToken: domain.RandomToken(32),
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := f.store.Sessions.Create(ctx, s); err != nil {
		f.t.Fatal(err)
	}
	a.token, a.cookie, a.csrf = secret, cookie, s.CSRFToken
}

// sweepFill replaces the sweep's own placeholders, then the route table's.
func (f *fixture) sweepFill(s string) string {
	if strings.Contains(s, "{{absentID}}") {
		s = strings.ReplaceAll(s, "{{absentID}}", domain.NewID())
	}
	for _, tag := range []string{"{{eventAt:", "{{eventLocal:"} {
		for {
			i := strings.Index(s, tag)
			if i < 0 {
				break
			}
			j := strings.Index(s[i:], "}}")
			mins, _ := strconv.Atoi(s[i+len(tag) : i+j])
			e := f.events().event
			at := e.StartsAt.In(e.Location()).Add(time.Duration(mins) * time.Minute)
			v := at.Format(time.RFC3339)
			if tag == "{{eventLocal:" {
				v = url.QueryEscape(at.Format(formLocal))
			}
			s = s[:i] + v + s[i+j+2:]
		}
	}
	return f.fill(s)
}

// probesFor lists the hostile requests of one route for one caller. The natural caller (first)
// gets them all; the admin after it the same kinds with fewer values per field and no query
// probes, which keeps the sweep fast.
func probesFor(t *testing.T, r route, rc routeCase, as string, first bool) []probe {
	validPath, _, _ := strings.Cut(rc.path, "?")
	api := strings.HasPrefix(r.path, "/api/")
	var ps []probe
	if unsafeMethod(r.method) && !r.access.noCSRF && (as != asAnonymous || !api) {
		// A browser request without the form token, or with a forged one, is refused whatever
		// else it carries. API callers are tested on their session, since Bearer calls need none.
		// These go first, before another probe may have signed the caller out.
		opts := []reqOpt{withoutCSRF()}
		if api {
			opts = append(opts, asSession())
		}
		ps = append(ps,
			probe{name: "no CSRF token", path: rc.path, body: rc.body, opts: opts, want: fiber.StatusForbidden},
			probe{name: "forged CSRF token", path: rc.path, body: rc.body, want: fiber.StatusForbidden,
				opts: append([]reqOpt{header(csrfHeader, domain.RandomToken(32))}, opts...)})
	}
	ps = append(ps, pathProbes(r.path, validPath)...)
	switch {
	case r.method == fiber.MethodGet && first:
		for _, q := range hostileQueries {
			sep := "?"
			if strings.Contains(rc.path, "?") {
				sep = "&"
			}
			ps = append(ps, probe{name: q, path: rc.path + sep + q})
		}
	case r.method == fiber.MethodGet, r.method == fiber.MethodDelete:
		// No body to make hostile; the admin's GETs get the path probes only.
	case strings.HasSuffix(r.path, "/import") || strings.HasPrefix(r.path, "/admin/import/"):
		ps = append(ps, importProbes(t, rc.path)...)
	case api:
		ps = append(ps, jsonProbes(t, rc.path, rc.body, first)...)
	default:
		ps = append(ps, formProbes(rc.path, rc.body, first)...)
	}
	return ps
}

// pathProbes puts each hostile segment in place of each parameter of pattern, the other
// parameters keeping their valid values.
func pathProbes(pattern, validPath string) []probe {
	ps, vs := strings.Split(pattern, "/"), strings.Split(validPath, "/")
	var out []probe
	for i, seg := range ps {
		if !strings.HasPrefix(seg, ":") && !strings.HasPrefix(seg, "*") {
			continue
		}
		suffix := strings.TrimLeft(strings.TrimPrefix(seg, ":"),
			"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_*")
		for _, h := range hostileSegments {
			xs := append([]string{}, vs...)
			if i >= len(xs) {
				break
			}
			xs[i] = h + suffix
			if seg == "*" {
				xs = xs[:i+1]
			}
			out = append(out, probe{name: "path " + seg + "=" + h, path: strings.Join(xs, "/")})
		}
	}
	return out
}

// jsonProbes are malformed bodies, bodies of the wrong shape, and the valid body with one field
// at a time made hostile.
func jsonProbes(t *testing.T, path, body string, full bool) []probe {
	ps := []probe{
		{name: "malformed JSON", path: path, body: `{"title":`},
		{name: "form body as JSON", path: path, body: `title=x&y=z`},
		{name: "array body", path: path, body: `[]`},
		{name: "string body", path: path, body: `"x"`},
		{name: "number body", path: path, body: `42`},
		{name: "empty object", path: path, body: `{}`},
		{name: "two values", path: path, body: `{}{}`},
		{name: "deep nesting", path: path, body: strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000)},
		{name: "invalid UTF-8", path: path, body: "{\"title\":\"\xff\xfe\"}"},
		{name: "wrong content type", path: path, body: `{}`, opts: []reqOpt{contentType("text/plain")}},
	}
	if strings.TrimSpace(body) == "" {
		// A route that takes no body (publish, accept) only has to ignore or refuse one.
		return ps[:4]
	}
	if !full {
		ps = ps[:4]
	}
	var doc any
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("valid body of %s is not JSON: %v", path, err)
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return ps
	}
	ps = append(ps,
		probe{name: "array instead of object", path: path, body: "[" + body + "]"},
		probe{name: "unknown field", path: path, body: rawJSON(t, withKey(obj, "zzUnknown", 1)), field: "zzUnknown"},
		probe{name: "numbers as strings", path: path, body: rawJSON(t, numbersAsStrings(doc))})
	for _, leaf := range leaves(doc, nil) {
		for _, v := range hostileJSONValues(leaf.value, leaf.name(), full) {
			d := replaceAt(copyJSON(t, doc), leaf.path, v.value)
			ps = append(ps, probe{name: leaf.String() + " " + v.name, path: path, body: rawJSON(t, d),
				field: leaf.name()})
		}
	}
	return ps
}

// formProbes are the valid form with one field at a time made hostile, plus unknown and
// missing fields.
func formProbes(path, body string, full bool) []probe {
	ps := []probe{
		{name: "empty form", path: path, body: ""},
		{name: "unknown field", path: path, body: body + "&zzUnknown=1"},
		{name: "broken encoding", path: path, body: body + "&%zz=%%"},
		{name: "JSON instead of form", path: path, body: `{"title":"x"}`},
	}
	vals, err := url.ParseQuery(body)
	if err != nil {
		return ps
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		values := []string{xssScript, hugeString, "nonsense"}
		if full {
			values = append(values, xssAttr, "", "-1", "99999999999999999999", "1e400", "2026-13-45T25:61", "\xff\xfe")
		}
		for _, v := range values {
			x := url.Values{}
			for kk, vv := range vals {
				x[kk] = vv
			}
			x.Set(k, v)
			ps = append(ps, probe{name: fmt.Sprintf("%s=%.20q", k, v), path: path, body: x.Encode()})
		}
	}
	return ps
}

// importProbes upload files that are not what they claim to be.
func importProbes(t *testing.T, path string) []probe {
	var ps []probe
	csvBad := "name,uscc,clusters\n" + xssScript + ",zzz,L1\n\"" + hugeString + "\",," + xssAttr + "\n"
	for _, up := range []struct{ name, data string }{
		{"garbage.xlsx", "\x00\x01PK\x03\x04 not a zip"},
		{"garbage.csv", "\xff\xfe\x00binary\x00"},
		{"hostile.csv", csvBad},
		{"only-header.csv", "name,uscc\n"},
		{"empty.csv", ""},
		{"evil.exe", "MZ"},
		{"../../etc/passwd.csv", "name\nx\n"},
	} {
		body, ct := upload(t, up.name, []byte(up.data))
		ps = append(ps, probe{name: "upload " + up.name, path: path, body: body, opts: []reqOpt{ct}})
	}
	return append(ps, probe{name: "JSON instead of a file", path: path, body: `{"file":"x"}`,
		opts: []reqOpt{contentType(fiber.MIMEApplicationJSON)}})
}

// checkAnswer asserts what every answer must be: no server error, no trace, escaped markup, and
// under /api/ the error envelope, naming the field at fault where there is one.
func checkAnswer(t *testing.T, what, route string, res *response, p probe) {
	t.Helper()
	if p.want != 0 && res.status != p.want {
		t.Errorf("%s: status %d, want %d; body: %.300s", what, res.status, p.want, res.body)
	}
	if res.status >= 500 || res.status < 100 {
		t.Errorf("%s: status %d; body: %.300s", what, res.status, res.body)
	}
	for _, leak := range []string{"goroutine ", "panic", ".go:", "runtime error"} {
		if bytes.Contains(res.body, []byte(leak)) {
			t.Errorf("%s: body shows %q: %.300s", what, leak, res.body)
		}
	}
	ct := res.header.Get(fiber.HeaderContentType)
	if strings.HasPrefix(ct, fiber.MIMETextHTML) || strings.HasPrefix(ct, fiber.MIMEApplicationJSON) {
		for _, raw := range []string{xssScript, xssAttr, "<script>alert(", "<svg onload="} {
			if bytes.Contains(res.body, []byte(raw)) {
				t.Errorf("%s: %s answer shows %q unescaped", what, ct, raw)
			}
		}
	}
	if !strings.HasPrefix(route, "/api/") || res.status < 400 {
		return
	}
	var env struct {
		Error *struct {
			Code    string            `json:"code"`
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	if err := json.Unmarshal(res.body, &env); err != nil || env.Error == nil {
		t.Errorf("%s: status %d without the error envelope: %.300s", what, res.status, res.body)
		return
	}
	if env.Error.Code == "" || strings.TrimSpace(env.Error.Message) == "" {
		t.Errorf("%s: error envelope without code or message: %.300s", what, res.body)
	}
	if res.status != fiber.StatusBadRequest && res.status != fiber.StatusUnprocessableEntity {
		return
	}
	if len(env.Error.Fields) == 0 {
		t.Errorf("%s: %d names no field: %.300s", what, res.status, res.body)
		return
	}
	// Input that cannot be read (400) is named where it was read; a 422 may name another field
	// when the problem is a relation ("ends before it starts" on endsAt).
	if p.field != "" && res.status == fiber.StatusBadRequest && !namesField(env.Error.Fields, p.field) {
		t.Errorf("%s: %d does not name field %q: %.300s", what, res.status, p.field, res.body)
	}
}

// namesField reports whether the answer's fields point at name: the field itself or a path
// through it ("attendees[0].email" names "attendees" and "email").
func namesField(fields map[string]string, name string) bool {
	for k := range fields {
		for _, seg := range strings.Split(indexRE.ReplaceAllString(k, ""), ".") {
			if strings.EqualFold(seg, name) {
				return true
			}
		}
	}
	return false
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// jsonLeaf is a value of a JSON document and where it sits.
type jsonLeaf struct {
	path  []any // string keys and int indexes
	value any
}

// name is the nearest key of the leaf: "name" for attendees[0].name, "clusters" for clusters[0].
func (l jsonLeaf) name() string {
	for i := len(l.path) - 1; i >= 0; i-- {
		if s, ok := l.path[i].(string); ok {
			return s
		}
	}
	return "body"
}

func (l jsonLeaf) String() string {
	var b strings.Builder
	for _, p := range l.path {
		switch p := p.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		}
	}
	return b.String()
}

// leaves lists every value of doc below the root, containers included.
func leaves(doc any, at []any) []jsonLeaf {
	var out []jsonLeaf
	if len(at) > 0 {
		out = append(out, jsonLeaf{path: at, value: doc})
	}
	switch d := doc.(type) {
	case map[string]any:
		keys := make([]string, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, leaves(d[k], append(append([]any{}, at...), k))...)
		}
	case []any:
		for i, v := range d {
			out = append(out, leaves(v, append(append([]any{}, at...), i))...)
		}
	}
	return out
}

type namedValue struct {
	name  string
	value any
}

// hostileJSONValues are the values put in place of v: wrong types always, and for its own type
// the values most likely to break a handler.
func hostileJSONValues(v any, key string, full bool) []namedValue {
	out := []namedValue{{"as object", map[string]any{"x": 1}}}
	if !full {
		if _, ok := v.(string); ok {
			out = append(out, namedValue{"script", xssScript}, namedValue{"100 KB", hugeString})
		}
		return out
	}
	switch v.(type) {
	case string:
		out = append(out, namedValue{"script", xssScript}, namedValue{"attribute break", xssAttr},
			namedValue{"100 KB", hugeString}, namedValue{"bad enum", "nonsense"}, namedValue{"empty", ""},
			namedValue{"as number", json.Number("12345")}, namedValue{"as array", []any{"x"}},
			namedValue{"NUL", "a\x00b"})
		if isDateKey(key) {
			out = append(out, namedValue{"not a date", "notadate"}, namedValue{"bad date", "2026-13-45T25:61:00+08:00"},
				namedValue{"date only", "2026-05-20"}, namedValue{"year 1", "0001-01-01T00:00:00Z"},
				namedValue{"year 9999", "9999-12-31T23:59:59+14:00"})
		}
	case json.Number:
		out = append(out, namedValue{"negative", json.Number("-1")}, namedValue{"huge", json.Number("1000000000000000000")},
			namedValue{"overflow", json.Number("99999999999999999999")}, namedValue{"1e400", json.Number("1e400")},
			namedValue{"fraction", json.Number("1.5")}, namedValue{"as string", "12"}, namedValue{"null", nil})
	case bool:
		out = append(out, namedValue{"as string", "true"}, namedValue{"as number", json.Number("1")})
	case []any:
		many := make([]any, 5000)
		for i := range many {
			many[i] = "x"
		}
		out = append(out, namedValue{"as string", "x"}, namedValue{"5000 items", many},
			namedValue{"with null", []any{nil}}, namedValue{"with number", []any{json.Number("7")}})
	case map[string]any:
		out = append(out, namedValue{"as string", "x"}, namedValue{"as array", []any{}})
	case nil:
		out = append(out, namedValue{"as string", "x"})
	}
	return out
}

func isDateKey(k string) bool {
	return strings.HasSuffix(k, "At") || k == "deadline" || k == "date" || k == "from" || k == "to"
}

func replaceAt(doc any, path []any, v any) any {
	if len(path) == 0 {
		return v
	}
	switch d := doc.(type) {
	case map[string]any:
		k := path[0].(string)
		d[k] = replaceAt(d[k], path[1:], v)
	case []any:
		i := path[0].(int)
		d[i] = replaceAt(d[i], path[1:], v)
	}
	return doc
}

func numbersAsStrings(doc any) any {
	switch d := doc.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, v := range d {
			out[k] = numbersAsStrings(v)
		}
		return out
	case []any:
		out := make([]any, len(d))
		for i, v := range d {
			out[i] = numbersAsStrings(v)
		}
		return out
	case json.Number:
		return d.String()
	}
	return doc
}

func withKey(obj map[string]any, k string, v any) map[string]any {
	out := map[string]any{k: v}
	for kk, vv := range obj {
		out[kk] = vv
	}
	return out
}

func copyJSON(t *testing.T, doc any) any {
	var out any
	dec := json.NewDecoder(strings.NewReader(rawJSON(t, doc)))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// rawJSON encodes without HTML escaping, so "<script>" reaches the server as typed.
func rawJSON(t *testing.T, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

// shorten keeps failure messages readable when a probe carries 100 KB.
func shorten(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
