package handlers

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/locales"
)

// These tests pin what a walk through the pages as a user found clumsy and was fixed: each
// asserts what the person sees, in the language they read.

func TestSentence(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"registration has closed", "Registration has closed."},
		{"a check-in code has 8 letters and digits, like K7QF-9M2X", "A check-in code has 8 letters and digits, like K7QF-9M2X."},
		{"this registration is not confirmed (waitlisted or cancelled)", "This registration is not confirmed (waitlisted or cancelled)."},
		{"Already a sentence.", "Already a sentence."},
		{"该活动目前不接受报名", "该活动目前不接受报名"},
		{"", ""},
	} {
		if got := sentence(tc.in); got != tc.want {
			t.Errorf("sentence(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRateLimitedSaysMinutesForLongWaits(t *testing.T) {
	for _, tc := range []struct {
		wait     time.Duration
		lang     string
		want     string
		retrySec int
	}{
		{30 * time.Second, "en", "Please try again in 30 seconds.", 30},
		{119 * time.Second, "zh-CN", "请 119 秒后再试", 119},
		{883 * time.Second, "zh-CN", "请 15 分钟后再试", 883},
		{15 * time.Minute, "en", "Please try again in 15 minutes.", 900},
	} {
		var se *statusError
		if !errors.As(rateLimited(tc.wait), &se) {
			t.Fatalf("rateLimited(%v) is not a statusError", tc.wait)
		}
		if msg := locales.T(tc.lang, se.key, se.args...); !strings.Contains(msg, tc.want) {
			t.Errorf("wait %v (%s): %q, want it to say %q", tc.wait, tc.lang, msg, tc.want)
		}
		if se.retryAfter != time.Duration(tc.retrySec)*time.Second {
			t.Errorf("wait %v: Retry-After %v, want %ds", tc.wait, se.retryAfter, tc.retrySec)
		}
	}
}

func TestSignupFormLeadsToTheProfile(t *testing.T) {
	f := newFixture(t)
	signup := func(email string, extra ...string) *response {
		kv := append([]string{"email", email, "password", "long enough pw", "name", "王芳",
			"enterprise.name", "无锡芯片封测有限公司", "enterprise.uscc", newUSCC()}, extra...)
		return f.do(asAnonymous, "POST", "/signup", form(kv...)).wantStatus(t, 303)
	}
	for _, tc := range []struct {
		name, email, next, location, flash string
	}{
		{"no next: complete the profile", "a@example.cn", "", "/enterprises/me/edit", "success:signup.welcomeProfile"},
		{"came from an event", "b@example.cn", "/events", "/events", "success:signup.welcome"},
		{"off-site next ignored", "c@example.cn", "//evil.example/", "/enterprises/me/edit", "success:signup.welcomeProfile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := signup(tc.email, "next", tc.next)
			if loc := res.header.Get("Location"); loc != tc.location {
				t.Errorf("Location %q, want %q", loc, tc.location)
			}
			if c := res.cookieOf(flashCookie); c == nil || c.Value != tc.flash {
				t.Errorf("flash cookie %v, want %q", c, tc.flash)
			}
		})
	}
	u, err := f.store.Users.GetByEmail(context.Background(), "a@example.cn")
	if err != nil {
		t.Fatal(err)
	}
	if e, err := f.store.Enterprises.Get(context.Background(), u.EnterpriseID); err != nil ||
		e.Contact.Name != "王芳" || e.Contact.Email != "a@example.cn" {
		t.Errorf("the sign-up's contact person is not the enterprise's contact: %+v (%v)", e, err)
	}
	for _, lang := range []string{"en", "zh-CN"} {
		if !locales.Has(lang, "signup.welcome") || !locales.Has(lang, "signup.welcomeProfile") {
			t.Errorf("%s lacks the welcome messages", lang)
		}
	}
}

func TestEventPageSaysWhenRegistrationIsOver(t *testing.T) {
	f := newFixture(t)
	ended := f.newEvent("L1", -3, domain.EventPublished, 10)
	completed := f.newEvent("L1", -30, domain.EventCompleted, 80)
	full := f.newEvent("L1", 12, domain.EventPublished, 1)
	f.registerFor(full, f.otherEnt, 1)
	f.registerFor(full, f.addEnterprise("无锡候补企业", "L1"), 1)
	for _, tc := range []struct {
		name, path, lang string
		want, not        []string
	}{
		{"ended", "/events/" + ended.ID, "en", []string{"This event has ended."},
			[]string{"Seats left", "not open for registration", "Sign in to register"}},
		{"completed", "/events/" + completed.ID, "en", []string{"This event has ended."},
			[]string{"Seats left", "of 80 seats", "this event is not open"}},
		{"completed zh", "/events/" + completed.ID, "zh-CN", []string{"该活动已结束。"}, []string{"剩余名额"}},
		{"full", "/events/" + full.ID, "en", []string{"Seats left", "Fully booked", "1 enterprises are on the waitlist"}, nil},
		{"full zh", "/events/" + full.ID, "zh-CN", []string{"名额已满", "目前 1 家企业在候补"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := string(f.do(asAnonymous, "GET", tc.path+"?lang="+tc.lang, "").wantStatus(t, 200).body)
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(body, n) {
					t.Errorf("page shows %q", n)
				}
			}
		})
	}
}

func TestConsoleShowsCodesOfConfirmedRegistrationsOnly(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 12, domain.EventPublished, 1)
	in := f.registerFor(e, f.otherEnt, 1)
	waiting := f.registerFor(e, f.enterprise, 1)
	if in.Status != domain.RegConfirmed || waiting.Status != domain.RegWaitlisted || waiting.CheckinCode == "" {
		t.Fatalf("fixture: %s and %s (code %q)", in.Status, waiting.Status, waiting.CheckinCode)
	}
	body := string(f.do(asOrganiser, "GET", "/events/"+e.ID+"/console", "").wantStatus(t, 200).body)
	if !strings.Contains(body, in.CheckinCode) {
		t.Errorf("the confirmed registration's code %s is missing", in.CheckinCode)
	}
	if strings.Contains(body, waiting.CheckinCode) {
		t.Errorf("the waitlisted registration's code %s is shown, though it cannot check in", waiting.CheckinCode)
	}
}

func TestOfferDeadlineNamesItsZone(t *testing.T) {
	f := newFixture(t)
	id := f.fillEvents("{{newOffer}}")
	r, err := f.store.Registrations.Get(context.Background(), id)
	if err != nil || r.Status != domain.RegOffered || r.OfferExpiresAt == nil {
		t.Fatalf("fixture offer: %+v (%v)", r, err)
	}
	for _, lang := range []string{"en", "zh-CN"} {
		body := string(f.do(asMember, "GET", "/me/registrations?lang="+lang, "").wantStatus(t, 200).body)
		body = strings.ReplaceAll(body, "&#43;", "+") // html/template writes "UTC+08:00" so
		deadline := f.h.fmtDateTime(lang, r.OfferExpiresAt, domain.DefaultTimezone) + " " + f.h.zoneLabelIn(lang, domain.DefaultTimezone)
		if want := locales.T(lang, "events.mine.offerNote", deadline); !strings.Contains(body, want) {
			t.Errorf("%s: offer note lacks its zone; want %q", lang, want)
		}
	}
}

func TestEventFormReportsEveryProblemAtOnce(t *testing.T) {
	f := newFixture(t)
	body := form("title", "", "cluster", "L1", "kind", "matchmaking", "timezone", "Asia/Shanghai", "venue", "",
		"startsAt", "next tuesday", "endsAt", "", "capacity", "", "maxAttendeesPerEnterprise", "2")
	page := string(f.do(asOrganiser, "POST", "/events?lang=en", body).wantStatus(t, 422).body)
	for field, want := range map[string]string{
		"title": "is required", "venue": "is required", "startsAt": "is not a valid time",
		"endsAt": "is required", "capacity": "is required",
	} {
		if !strings.Contains(page, `id="`+fieldID(field)+`-err"`) {
			t.Errorf("no error under %s", field)
		}
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q (for %s)", want, field)
		}
	}
	if strings.Contains(page, "must be greater than 0") {
		t.Error("an empty capacity reads \"must be greater than 0\" instead of \"is required\"")
	}
}

func TestMembersFindTheirRegistrationsInTheHeader(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		as   string
		want bool
	}{{asMember, true}, {asOrganiser, false}, {asAnonymous, false}} {
		body := string(f.do(tc.as, "GET", "/", "").wantStatus(t, 200).body)
		nav := body[strings.Index(body, `id="site-nav"`):]
		nav = nav[:strings.Index(nav, "</nav>")]
		if got := strings.Contains(nav, `href="/me/registrations"`); got != tc.want {
			t.Errorf("%s: header links my registrations = %v, want %v", tc.as, got, tc.want)
		}
	}
}

func TestCheckinMessagesReadAsSentences(t *testing.T) {
	f := newFixture(t)
	e := f.events().event
	body := string(f.do(asOrganiser, "POST", "/events/"+e.ID+"/checkin?lang=en", form("code", "ABC")).body)
	if !strings.Contains(body, "A check-in code has 8 letters and digits") {
		t.Errorf("check-in of a malformed code does not read as a sentence:\n%s", body)
	}
}

func TestJobHistoryIsLabelled(t *testing.T) {
	f := newFixture(t)
	now := f.clock.Now()
	run := &domain.JobRun{Job: "outbox", Holder: "test", Trigger: domain.TriggerManual, Status: domain.JobSucceeded,
		StartedAt: now, EndedAt: &now, Counts: map[string]int{"sent": 2, "brand_new_counter": 1}}
	if err := f.store.JobRuns.Start(context.Background(), run); err != nil {
		t.Fatal(err)
	}
	if err := f.store.JobRuns.Finish(context.Background(), run); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{">Started</th>", "sent: 2", "Mail sending", "brand_new_counter: 1"}},
		{"zh-CN", []string{">开始时间</th>", "已发送: 2", "邮件发送"}},
	} {
		body := string(f.do(asAdmin, "GET", "/admin/jobs?lang="+tc.lang, "").wantStatus(t, 200).body)
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: jobs page lacks %q", tc.lang, w)
			}
		}
		if strings.Contains(body, locales.T(tc.lang, "admin.jobs.started")) {
			t.Errorf("%s: a column is headed by the \"job started\" notice", tc.lang)
		}
	}
}

func TestTakenCodesSayWhatToDo(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAnonymous, "POST", "/signup?lang=en", form("email", "colleague@example.cn", "password", "long enough pw",
		"name", "同事", "enterprise.name", f.enterprise.Name, "enterprise.uscc", f.enterprise.USCC)).wantStatus(t, 409)
	if !strings.Contains(string(res.body), "Ask a colleague who uses Duijie to invite you") {
		t.Errorf("a second sign-up of an enterprise does not say how to join it:\n%s", res.body)
	}
	res = f.do(asAdmin, "POST", "/admin/clusters?lang=zh-CN", form("code", "L1", "tier", "future", "nameZh", "重复")).
		wantStatus(t, 409)
	if body := string(res.body); !strings.Contains(body, "已被其他集群使用") || strings.Contains(body, "已被注册") {
		t.Errorf("a taken cluster code is not reported as such")
	}
}

// The site's Content-Security-Policy refuses inline style attributes: a page that relies on one
// breaks (the outbox preview frame shrank to 300×150 and its text ran off the card).
func TestPagesUseNoInlineStyles(t *testing.T) {
	f := newFixture(t)
	m := f.queueDigest(f.actors[asMember].user)
	for _, path := range []string{"/admin/outbox/" + m.ID, "/admin/outbox", "/admin/jobs", "/admin/clusters", "/admin/users",
		"/account", "/events", "/events/" + f.events().event.ID, "/events/" + f.events().event.ID + "/console"} {
		body := string(f.do(asAdmin, "GET", path, "").wantStatus(t, 200).body)
		if i := strings.Index(body, ` style="`); i >= 0 {
			t.Errorf("%s has an inline style, blocked by the CSP: …%s…", path, body[max(0, i-60):min(len(body), i+60)])
		}
	}
}

func TestSignOutSaysSo(t *testing.T) {
	f := newFixture(t)
	res := f.do(asMember, "POST", "/logout", "").wantStatus(t, 303)
	if c := res.cookieOf(flashCookie); c == nil || c.Value != "info:login.signedOut" {
		t.Errorf("flash after sign-out: %v", c)
	}
}

func TestAPIClusterCodeTaken(t *testing.T) {
	f := newFixture(t)
	res := f.do(asAdmin, "POST", "/api/v1/clusters", `{"code":"L1","tier":"future","nameZh":"重复"}`,
		acceptLanguage("en")).wantStatus(t, 409)
	if _, fields := res.apiError(t); fields["code"] != "is already used by another cluster" {
		t.Errorf("fields %v", fields)
	}
}
