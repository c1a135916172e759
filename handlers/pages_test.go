package handlers

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/locales"
)

var titleRE = regexp.MustCompile(`<title>([^<]+)</title>`)

// checkPage fails unless res is a complete HTML page in lang with a title and no untranslated
// message keys.
func checkPage(t *testing.T, label, lang string, res *response, status int) {
	t.Helper()
	if res.status != status {
		t.Errorf("%s: status %d, want %d; body: %.400s", label, res.status, status, res.body)
	}
	if res.status >= 500 {
		return
	}
	body := string(res.body)
	if m := titleRE.FindStringSubmatch(body); m == nil || strings.TrimSpace(m[1]) == "" {
		t.Errorf("%s: no <title>", label)
	}
	if !strings.Contains(body, `<html lang="`+lang+`">`) {
		t.Errorf("%s: page is not in %s", label, lang)
	}
	if !strings.Contains(body, "</html>") {
		t.Errorf("%s: page is cut short", label)
	}
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("%s: Content-Type %q", label, ct)
	}
	if missing := locales.Missing(); len(missing) > 0 {
		t.Errorf("%s: untranslated keys %v", label, missing)
	}
}

// pageCase is a request whose answer is a page: a GET, or a form post that is refused and
// re-renders its form.
type pageCase struct {
	as, method, path, body string
	status                 int
}

// TestEveryPageRendersInBothLanguages renders every page of this area, as the callers who may
// see it, in Chinese and English: no 5xx, a title, and no message key left untranslated.
func TestEveryPageRendersInBothLanguages(t *testing.T) {
	f := newFixture(t)
	var cases []pageCase
	for _, as := range roles {
		cases = append(cases, pageCase{as, "GET", "/", "", 200})
		cases = append(cases, pageCase{as, "GET", "/no-such-page", "", 404})
	}
	for _, as := range roles[1:] {
		cases = append(cases, pageCase{as, "GET", "/account", "", 200})
		cases = append(cases, pageCase{as, "POST", "/account/tokens", "name=", 422})
		cases = append(cases, pageCase{as, "POST", "/account/tokens", "name=nightly+sync", 200})
	}
	cases = append(cases,
		pageCase{asAnonymous, "GET", "/login", "", 200},
		pageCase{asAnonymous, "GET", "/login?next=/account", "", 200},
		pageCase{asAnonymous, "POST", "/login", "email=nobody%40example.cn&password=wrong-password", 401},
		pageCase{asAnonymous, "POST", "/login", "email=&password=", 422},
		pageCase{asAnonymous, "GET", "/signup", "", 200},
		pageCase{asAnonymous, "POST", "/signup", "email=bad&password=short&name=&enterprise.name=&enterprise.uscc=123&enterprise.clusters=L1", 422},
		pageCase{asMember, "GET", "/admin/clusters", "", 403},
		pageCase{asAdmin, "GET", "/admin/clusters", "", 200},
		pageCase{asAdmin, "POST", "/admin/clusters", "code=1x&tier=&nameZh=&industryCodes=Z99&sortOrder=-1", 422},
		pageCase{asAdmin, "POST", "/admin/clusters", "code=L1&tier=landmark&nameZh=%E9%87%8D%E5%A4%8D", 409},
		pageCase{asAdmin, "POST", "/admin/clusters/L2", "nameZh=&nameEn=", 422},
		pageCase{asAdmin, "POST", "/admin/clusters/ZZ", "nameZh=x", 404},
		pageCase{asAdmin, "GET", "/admin/users", "", 200},
		pageCase{asAdmin, "GET", "/admin/users?role=organiser", "", 200},
		pageCase{asAdmin, "GET", "/admin/users?role=member&limit=1", "", 200},
		pageCase{asAdmin, "POST", "/admin/users", "email=x&password=short&name=&role=organiser", 422},
		pageCase{asAdmin, "POST", "/admin/users", "email=admin%40fixture.duijie.test&password=long+enough+pw&name=A&role=admin", 409},
	)
	for _, lang := range locales.Supported {
		for _, pc := range cases {
			locales.ResetMissing()
			sep := "?"
			if strings.Contains(pc.path, "?") {
				sep = "&"
			}
			res := f.do(pc.as, pc.method, pc.path+sep+"lang="+lang, pc.body)
			checkPage(t, fmt.Sprintf("%s %s %s as %s", lang, pc.method, pc.path, pc.as), lang, res, pc.status)
		}
	}
}

// User-supplied names are data, never markup: a cluster, enterprise or person called
// "<script>…" shows as text everywhere.
func TestUserTextIsEscaped(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const evil = `<script>alert("x")</script>`
	f.enterprise.Name = evil
	if err := f.store.Enterprises.Update(ctx, f.enterprise); err != nil {
		t.Fatal(err)
	}
	u := f.actors[asMember].user
	u.Name = evil
	if err := f.store.Users.Update(ctx, u); err != nil {
		t.Fatal(err)
	}
	f.do(asAdmin, "POST", "/admin/clusters/F1", form("nameZh", evil, "nameEn", evil)).wantStatus(t, 303)

	for _, pc := range []pageCase{
		{asAnonymous, "GET", "/", "", 200},
		{asMember, "GET", "/account", "", 200},
		{asMember, "POST", "/account/tokens", form("name", evil), 200},
		{asAdmin, "GET", "/admin/clusters", "", 200},
		{asAdmin, "GET", "/admin/users", "", 200},
		{asAnonymous, "POST", "/signup", form("name", evil, "enterprise.name", evil), 422},
	} {
		res := f.do(pc.as, pc.method, pc.path, pc.body)
		res.wantStatus(t, pc.status)
		body := string(res.body)
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%s %s as %s: user text rendered as markup", pc.method, pc.path, pc.as)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
			t.Errorf("%s %s as %s: escaped name not found", pc.method, pc.path, pc.as)
		}
	}
}

func TestHomeGroupsClustersByTier(t *testing.T) {
	f := newFixture(t)
	body := string(f.do(asAnonymous, "GET", "/?lang=zh-CN", "").wantStatus(t, 200).body)
	landmark := strings.Index(body, `badge-landmark">地标产业`)
	advantage := strings.Index(body, `badge-advantage">优势产业`)
	future := strings.Index(body, `badge-future">未来产业`)
	if landmark < 0 || advantage < landmark || future < advantage {
		t.Errorf("tiers not in order landmark, advantage, future: %d %d %d", landmark, advantage, future)
	}
	for _, want := range []string{"物联网", "汽车及零部件", "深海装备", "≥ 10,000", "年度目标 · 可配置", `href="/signup"`} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	signedIn := string(f.do(asMember, "GET", "/", "").body)
	if strings.Contains(signedIn, `href="/signup"`) {
		t.Error("a signed-in user is offered to sign up")
	}
}

func TestAdminCreatesAndRenamesClusters(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAdmin, "POST", "/admin/clusters", form("code", "f6", "tier", "future", "nameZh", "低空经济",
		"nameEn", "Low-altitude economy", "industryCodes", "c3741、 I6520"))
	res.wantStatus(t, 303)
	flash := res.cookieOf(flashCookie)
	if flash == nil || flash.Value == "" {
		t.Fatal("no flash message queued")
	}
	cl, err := f.store.Clusters.Get(context.Background(), "F6")
	if err != nil {
		t.Fatalf("created cluster: %v", err)
	}
	if cl.NameEn != "Low-altitude economy" || strings.Join(cl.IndustryCodes, ",") != "C3741,I6520" || cl.SortOrder <= 150 {
		t.Errorf("stored cluster %+v", cl)
	}
	page := string(f.do(asAdmin, "GET", "/admin/clusters?lang=en", "", cookie(flashCookie, flash.Value)).wantStatus(t, 200).body)
	if !strings.Contains(page, "Cluster added.") || !strings.Contains(page, "低空经济") {
		t.Error("the list does not show the flash message and the new cluster")
	}

	res = f.do(asAdmin, "POST", "/admin/clusters?lang=en", form("code", "f6", "tier", "future", "nameZh", "again"))
	res.wantStatus(t, 409)
	if !strings.Contains(string(res.body), "is already used by another cluster") {
		t.Error("duplicate code not explained")
	}
	res = f.do(asAdmin, "POST", "/admin/clusters?lang=en", form("code", "bad code", "tier", "galaxy", "nameZh", ""))
	res.wantStatus(t, 422)
	for _, want := range []string{`value="bad code"`, "must be one of", "is required", `aria-invalid="true"`} {
		if !strings.Contains(string(res.body), want) {
			t.Errorf("refused form lacks %q", want)
		}
	}

	f.do(asAdmin, "POST", "/admin/clusters/f6", form("nameZh", "低空经济产业", "nameEn", "")).wantStatus(t, 303)
	if cl, _ := f.store.Clusters.Get(context.Background(), "F6"); cl.NameZh != "低空经济产业" || cl.NameEn != "" {
		t.Errorf("renamed cluster %+v", cl)
	}
	res = f.do(asAdmin, "POST", "/admin/clusters/F6?lang=en", form("nameZh", "  "))
	res.wantStatus(t, 422)
	if body := string(res.body); !strings.Contains(body, `<details class="inline-edit" open>`) || !strings.Contains(body, "is required") {
		t.Error("refused rename does not reopen its form with the error")
	}
}

func TestAccountTokens(t *testing.T) {
	f := newFixture(t)
	res := f.do(asMember, "POST", "/account/tokens?lang=en", form("name", "ERP sync")).wantStatus(t, 200)
	secret := regexp.MustCompile(`<code id="new-token">(dj_[0-9a-f]+)</code>`).FindStringSubmatch(string(res.body))
	if secret == nil {
		t.Fatalf("new token not shown: %.600s", res.body)
	}
	req := func(tok string) int {
		r, _ := http.NewRequest("GET", "/api/v1/me", nil)
		r.Header.Set("Authorization", "Bearer "+tok)
		out, err := f.app.Test(r, -1)
		if err != nil {
			t.Fatal(err)
		}
		out.Body.Close()
		return out.StatusCode
	}
	if got := req(secret[1]); got != 200 {
		t.Fatalf("new token: status %d", got)
	}
	tokens, err := f.store.Tokens.ListByUser(context.Background(), f.actors[asMember].user.ID)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, tk := range tokens {
		if tk.Name == "ERP sync" {
			id = tk.ID
		}
	}
	if id == "" {
		t.Fatal("token not listed")
	}
	if page := string(f.do(asMember, "GET", "/account", "").body); !strings.Contains(page, "ERP sync") || strings.Contains(page, secret[1]) {
		t.Error("the account page must list the token by name and never show its secret again")
	}
	f.do(asOrganiser, "POST", "/account/tokens/"+id+"/delete", "").wantStatus(t, 404)
	f.do(asMember, "POST", "/account/tokens/"+id+"/delete", "").wantStatus(t, 303)
	if got := req(secret[1]); got != 401 {
		t.Errorf("revoked token: status %d, want 401", got)
	}
	f.do(asMember, "POST", "/account/tokens/not-an-id/delete", "").wantStatus(t, 404)
	long := strings.Repeat("长", maxTokenName+1)
	f.do(asMember, "POST", "/account/tokens", form("name", long)).wantStatus(t, 422)
}

func TestAdminCreatesUsers(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAdmin, "POST", "/admin/users", form("email", "Lead.Dept@Example.CN", "name", "集成电路促进中心",
		"password", "long enough pw", "role", "organiser", "clusters", "L2", "clusters", "F3"))
	res.wantStatus(t, 303)
	u, err := f.store.Users.GetByEmail(context.Background(), "lead.dept@example.cn")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != domain.RoleOrganiser || strings.Join(u.Clusters, ",") != "L2,F3" {
		t.Errorf("stored user %+v", u)
	}
	if ok, _ := domain.VerifyPassword(u.PasswordHash, "long enough pw"); !ok {
		t.Error("password not hashed from the form")
	}
	list := string(f.do(asAdmin, "GET", "/admin/users?role=organiser", "").wantStatus(t, 200).body)
	if !strings.Contains(list, "lead.dept@example.cn") || strings.Contains(list, "member@fixture") {
		t.Error("organiser tab lists the wrong accounts")
	}

	for _, tc := range []struct {
		name, body string
		status     int
		field      string
	}{
		{"organiser without clusters", form("email", "a@example.cn", "name", "A", "password", "long enough pw", "role", "organiser"), 422, "clusters"},
		{"unknown cluster", form("email", "a@example.cn", "name", "A", "password", "long enough pw", "role", "organiser", "clusters", "Q9"), 422, "clusters"},
		{"member without enterprise", form("email", "a@example.cn", "name", "A", "password", "long enough pw", "role", "member"), 422, "enterprise"},
		{"member of unknown enterprise", form("email", "a@example.cn", "name", "A", "role", "member", "enterprise", "91320214MA0000001X"), 422, "enterprise"},
		{"unknown role", form("email", "a@example.cn", "name", "A", "password", "long enough pw", "role", "boss"), 422, "role"},
		{"short password", form("email", "a@example.cn", "name", "A", "password", "short", "role", "admin"), 422, "password"},
		{"taken email", form("email", "LEAD.DEPT@example.cn", "name", "A", "password", "long enough pw", "role", "admin"), 409, "email"},
	} {
		res := f.do(asAdmin, "POST", "/admin/users", tc.body)
		if res.status != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, res.status, tc.status)
		}
		if !strings.Contains(string(res.body), `id="`+fieldID(tc.field)+`-err"`) {
			t.Errorf("%s: no inline error on %s", tc.name, tc.field)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAnonymous, "GET", assetURL("app.css"), "").wantStatus(t, 200)
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := res.header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned asset Cache-Control %q", cc)
	}
	if cc := f.do(asAnonymous, "GET", "/static/app.css?v=old", "").header.Get("Cache-Control"); strings.Contains(cc, "immutable") {
		t.Errorf("stale version cached for good: %q", cc)
	}
	for _, p := range []string{"/static/embed.go", "/static/nope.css", "/static/", "/static/..%2Fgo.mod"} {
		f.do(asAnonymous, "GET", p, "").wantStatus(t, 404)
	}
}

// A queued message is shown once, and a forged one naming no message is ignored.
func TestFlashShownOnce(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAdmin, "GET", "/?lang=en", "", cookie(flashCookie, "success:admin.users.created"))
	if !strings.Contains(string(res.body), "Account created.") {
		t.Error("flash not shown")
	}
	if c := res.cookieOf(flashCookie); c == nil || c.Value != "" {
		t.Error("flash not cleared")
	}
	for _, v := range []string{"success:no.such.key", "evil:admin.users.created", "garbage"} {
		locales.ResetMissing()
		if body := string(f.do(asAdmin, "GET", "/", "", cookie(flashCookie, v)).body); strings.Contains(body, `class="flash`) {
			t.Errorf("cookie %q shows a flash", v)
		}
	}
}

// The header links only to sections that exist and that the user may open.
func TestNavigationFollowsRoleAndRoutes(t *testing.T) {
	f := newFixture(t)
	admin := string(f.do(asAdmin, "GET", "/", "").body)
	member := string(f.do(asMember, "GET", "/", "").body)
	if !strings.Contains(admin, `href="/admin/clusters"`) || strings.Contains(member, `href="/admin/clusters"`) {
		t.Error("the admin link must show for admins only")
	}
	for _, it := range navItems {
		if !hasRoute(f, it.Path) && strings.Contains(admin, `href="`+it.Path+`"`) {
			t.Errorf("nav links to %s, which no route serves", it.Path)
		}
	}
}

// One section is the page's: the triage queue is under /leads, but only Triage is marked.
func TestNavigationMarksOneSection(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ path, want string }{
		{"/leads/triage", `href="/leads/triage" aria-current="page"`},
		{"/leads", `href="/leads" aria-current="page"`},
		{"/events/new", `href="/events" aria-current="page"`},
	} {
		body := string(f.do(asOrganiser, "GET", tc.path, "").wantStatus(t, 200).body)
		nav := body[strings.Index(body, `id="site-nav"`):]
		nav = nav[:strings.Index(nav, "</nav>")]
		if n := strings.Count(nav, `aria-current="page"`); n != 1 || !strings.Contains(nav, tc.want) {
			t.Errorf("%s: %d sections marked current, want only %s", tc.path, n, tc.want)
		}
	}
}

func hasRoute(f *fixture, path string) bool {
	for _, r := range f.app.GetRoutes(true) {
		if r.Method == "GET" && r.Path == path {
			return true
		}
	}
	return false
}

// Pages render concurrently from one parsed template set; run with -race.
func TestConcurrentRendering(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for _, p := range []string{"/", "/login", "/signup", "/no-such-page"} {
				if res := f.do(asAnonymous, "GET", p, ""); res.status >= 500 || !titleRE.Match(res.body) {
					t.Errorf("%s: status %d", p, res.status)
				}
			}
		}(i)
	}
	wg.Wait()
}

func TestTemplateFuncs(t *testing.T) {
	h := &Handler{deps: Deps{Options: Options{DefaultTZ: "Asia/Shanghai"}, Now: func() time.Time {
		return time.Date(2026, 3, 5, 6, 30, 0, 0, time.UTC)
	}}}
	at := time.Date(2026, 3, 5, 6, 30, 0, 0, time.UTC) // 14:30 in Shanghai, a Thursday
	var nilTime *time.Time
	for _, tc := range []struct{ got, want string }{
		{h.fmtDate("zh-CN", at), "2026年3月5日"},
		{h.fmtDate("en", &at), "5 Mar 2026"},
		{h.fmtDate("en", nilTime), ""},
		{h.fmtDate("en", time.Time{}), ""},
		{h.fmtDateTime("zh-CN", at), "2026年3月5日（周四）14:30"},
		{h.fmtDateTime("en", at, "Europe/Berlin"), "Thu 5 Mar 2026, 07:30"},
		{h.fmtClock("en", at, "America/New_York"), "01:30"},
		{h.zoneLabel(""), "Asia/Shanghai (UTC+08:00)"},
		{formatNumber(10000), "10,000"},
		{formatNumber(int64(-1234567)), "-1,234,567"},
		{formatNumber(999), "999"},
		{fieldID("enterprise.uscc"), "f-enterprise-uscc"},
		{fmt.Sprint(percent(30, 40), percent(50, 40), percent(1, 0)), "75 100 0"},
		{strings.Join(splitCSV(" L1, ,A5,"), "|"), "L1|A5"},
		{fmt.Sprint(isCurrent("/admin/users", "/admin"), isCurrent("/administer", "/admin"), isCurrent("/x", "/")), "true false false"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestGroupByTier(t *testing.T) {
	cls := []domain.Cluster{
		{Code: "F1", Tier: domain.TierFuture}, {Code: "L1", Tier: domain.TierLandmark},
		{Code: "L2", Tier: domain.TierLandmark}, {Code: "F2", Tier: domain.TierFuture},
	}
	var got []string
	for _, g := range groupByTier(cls) {
		codes := []string{}
		for _, c := range g.Clusters {
			codes = append(codes, c.Code)
		}
		got = append(got, string(g.Tier)+":"+strings.Join(codes, ","))
	}
	if want := "landmark:L1,L2 future:F1,F2"; strings.Join(got, " ") != want {
		t.Errorf("groupByTier = %v, want %s", got, want)
	}
}
