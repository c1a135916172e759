package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/jobs"
	"duijie/jobs/catalog"
	"duijie/locales"
	"duijie/store"
)

// TestJobsPagesRenderInBothLanguages renders the admin Jobs and Outbox pages (with runs and
// mail in them), the preferences page and the unsubscribe pages in both languages.
func TestJobsPagesRenderInBothLanguages(t *testing.T) {
	f := newFixture(t)
	sched := f.withScheduler()
	if _, err := sched.runner.Run(context.Background(), jobs.JobSessions, domain.TriggerManual); err != nil {
		t.Fatal(err)
	}
	m := f.queueDigest(f.actors[asMember].user)
	p, _ := jobs.Preferences(context.Background(), f.store.Preferences, f.actors[asMember].user)
	cases := []pageCase{
		{asAdmin, "GET", "/admin/jobs", "", 200},
		{asAdmin, "GET", "/admin/jobs?job=session-cleanup", "", 200},
		{asAdmin, "GET", "/admin/outbox", "", 200},
		{asAdmin, "GET", "/admin/outbox?status=pending&kind=digest", "", 200},
		{asAdmin, "GET", "/admin/outbox?status=failed", "", 200},
		{asAdmin, "GET", "/admin/outbox/" + m.ID, "", 200},
		{asAdmin, "GET", "/admin/outbox/" + domain.NewID(), "", 404},
		{asMember, "GET", "/account/preferences", "", 200},
		{asMember, "POST", "/account/preferences", "digest=hourly&locale=fr", 422},
		{asAnonymous, "GET", "/unsubscribe/" + p.UnsubscribeToken + "?kind=reminder", "", 200},
		{asAnonymous, "GET", "/unsubscribe/" + domain.RandomToken(24), "", 200},
		{asAnonymous, "GET", "/unsubscribe/x", "", 200},
	}
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

// testScheduler is a scheduler over the fixture's store, wired into the app as cmd does.
type testScheduler struct {
	*jobs.Scheduler
	runner *jobs.Runner
}

func (f *fixture) withScheduler() *testScheduler {
	f.t.Helper()
	rn, _ := jobs.Build(jobs.Setup{Store: f.store, Holder: "test", Now: f.clock.Now})
	s, err := jobs.NewScheduler(rn, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Stop(ctx)
	})
	f.h.deps.Jobs = s
	return &testScheduler{Scheduler: s, runner: rn}
}

func TestRunJobNow(t *testing.T) {
	f := newFixture(t)
	sched := f.withScheduler()
	res := f.do(asAdmin, "POST", "/admin/jobs/session-cleanup/run", "")
	res.wantStatus(t, 303)
	if err := sched.runner.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	runs, _, err := f.store.JobRuns.List(context.Background(), jobs.JobSessions, store.Page{})
	if err != nil || len(runs) != 1 || runs[0].Trigger != domain.TriggerManual || runs[0].Status != domain.JobSucceeded {
		t.Fatalf("runs %+v, %v", runs, err)
	}
	f.do(asAdmin, "POST", "/api/v1/jobs/no-such-job/run", "").wantStatus(t, 404)
	f.do(asAdmin, "POST", "/api/v1/jobs/outbox/run", "").wantStatus(t, 404) // no dispatcher wired: no such job
	res = f.do(asAdmin, "POST", "/api/v1/jobs/lead-expiry/run", "").wantStatus(t, 202)
	_ = sched.runner.Wait(context.Background())
	body := f.do(asAdmin, "GET", "/api/v1/jobs", "").wantStatus(t, 200).json(t)
	if rows := body["data"].([]any); len(rows) < 5 {
		t.Fatalf("jobs %v", rows)
	}
	page := string(f.do(asAdmin, "GET", "/admin/jobs", "").body)
	if !strings.Contains(page, "session-cleanup") || !strings.Contains(page, "30 8 * * *") {
		t.Errorf("jobs page lacks jobs or schedules")
	}
}

func TestPreferencesAPI(t *testing.T) {
	f := newFixture(t)
	body := f.do(asMember, "GET", "/api/v1/me/preferences", "").wantStatus(t, 200).json(t)
	// A member starts with the daily digest and instant notices.
	if d := body["data"].(map[string]any); d["digest"] != "daily" || d["instant"] != true {
		t.Fatalf("default preferences %v", d)
	}
	res := f.do(asMember, "PUT", "/api/v1/me/preferences", `{"digest":"hourly","locale":"fr"}`).wantStatus(t, 422)
	_, fields := res.apiError(t)
	if fields["digest"] == nil || fields["locale"] == nil {
		t.Fatalf("fields %v", fields)
	}
	f.do(asMember, "PUT", "/api/v1/me/preferences", `{"digest":"weekly","locale":"en","optOut":["reminder"]}`).wantStatus(t, 200)
	f.do(asMember, "PUT", "/api/v1/me/preferences", `{"digest":"weekly","colour":"red"}`).wantStatus(t, 400)
	p, err := f.store.Preferences.Get(context.Background(), f.actors[asMember].user.ID)
	if err != nil || p.Digest != domain.DigestWeekly || p.Locale != "en" || len(p.OptOut) != 1 || p.UnsubscribeToken == "" {
		t.Fatalf("stored %+v, %v", p, err)
	}
	// The form keeps the token, so links in mails already sent still work.
	token := p.UnsubscribeToken
	f.do(asMember, "POST", "/account/preferences", "digest=daily&locale=zh-CN&mail_change=1&mail_instant=1").wantStatus(t, 303)
	p, _ = f.store.Preferences.Get(context.Background(), f.actors[asMember].user.ID)
	if p.Digest != domain.DigestDaily || p.UnsubscribeToken != token || len(p.OptOut) != 1 || p.OptOut[0] != domain.MailReminder {
		t.Fatalf("after the form %+v", p)
	}
	// One click turns instant notices off, by API or form, and back on.
	body = f.do(asMember, "PUT", "/api/v1/me/preferences", `{"digest":"daily","instant":false}`).wantStatus(t, 200).json(t)
	if d := body["data"].(map[string]any); d["instant"] != false {
		t.Fatalf("instant off: %v", d)
	}
	p, _ = f.store.Preferences.Get(context.Background(), f.actors[asMember].user.ID)
	if p.Instant() || !p.Wants(domain.MailDigest) {
		t.Fatalf("stored after instant off %+v", p)
	}
	f.do(asMember, "POST", "/account/preferences", "digest=off&locale=zh-CN&mail_instant=1").wantStatus(t, 303)
	p, _ = f.store.Preferences.Get(context.Background(), f.actors[asMember].user.ID)
	if !p.Instant() || p.Digest != domain.DigestOff {
		t.Fatalf("after the form turned instant on and the digest off %+v", p)
	}
}

// TestOneClickUnsubscribe follows the List-Unsubscribe link of a queued digest the way a mail
// provider does (RFC 8058: a POST with List-Unsubscribe=One-Click, no session, no CSRF token).
func TestOneClickUnsubscribe(t *testing.T) {
	f := newFixture(t)
	u := f.actors[asMember].user
	p, _ := jobs.Preferences(context.Background(), f.store.Preferences, u)
	p.Digest = domain.DigestDaily
	if err := f.store.Preferences.Put(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	m := f.queueDigest(u)
	link := strings.Trim(m.Headers["List-Unsubscribe"], "<>")
	path := strings.TrimPrefix(link, f.h.deps.Options.BaseURL)
	if !strings.HasPrefix(path, "/unsubscribe/") || m.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
		t.Fatalf("headers %v", m.Headers)
	}

	// Opening the link (or a scanner prefetching it) changes nothing.
	page := f.do(asAnonymous, "GET", path, "").wantStatus(t, 200)
	if !strings.Contains(string(page.body), `method="post"`) {
		t.Fatalf("confirmation page has no button: %.300s", page.body)
	}
	if got, _ := f.store.Preferences.Get(context.Background(), u.ID); got.Digest != domain.DigestDaily {
		t.Fatal("GET unsubscribed")
	}

	res := f.do(asAnonymous, "POST", path, "List-Unsubscribe=One-Click", withoutCSRF())
	res.wantStatus(t, 200)
	got, _ := f.store.Preferences.Get(context.Background(), u.ID)
	if got.Digest != domain.DigestOff || got.Wants(domain.MailDigest) {
		t.Fatalf("after one-click: %+v", got)
	}
	// Used again: a clear page, still 200, nothing changes.
	again := f.do(asAnonymous, "POST", path, "List-Unsubscribe=One-Click", withoutCSRF()).wantStatus(t, 200)
	if !strings.Contains(string(again.body), locales.T("zh-CN", "unsubscribe.already", locales.T("zh-CN", "prefs.kind.digest"))) {
		t.Errorf("reused link page: %.500s", again.body)
	}
	// Unknown token: the same kind of page, no error.
	unknown := f.do(asAnonymous, "POST", "/unsubscribe/"+domain.RandomToken(24), "List-Unsubscribe=One-Click", withoutCSRF())
	unknown.wantStatus(t, 200)
	if !strings.Contains(string(unknown.body), locales.T("zh-CN", "unsubscribe.unknown")) {
		t.Errorf("unknown token page: %.500s", unknown.body)
	}
	// A reminder link opts out of reminders only.
	f.do(asAnonymous, "POST", "/unsubscribe/"+p.UnsubscribeToken+"?kind=reminder", "", withoutCSRF()).wantStatus(t, 200)
	got, _ = f.store.Preferences.Get(context.Background(), u.ID)
	if got.Wants(domain.MailReminder) || !got.Wants(domain.MailChange) {
		t.Fatalf("after reminder opt-out %+v", got)
	}
}

func TestOutboxHTMLIsSandboxed(t *testing.T) {
	f := newFixture(t)
	m := f.queueDigest(f.actors[asMember].user)
	res := f.do(asAdmin, "GET", "/admin/outbox/"+m.ID+"/html", "").wantStatus(t, 200)
	csp := res.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "sandbox") || !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP %q", csp)
	}
	if !strings.Contains(string(res.body), "冷库温度远程监测改造") {
		t.Errorf("html part not served")
	}
	list := f.do(asAdmin, "GET", "/api/v1/outbox?status=pending", "").wantStatus(t, 200).json(t)
	if items := list["data"].([]any); len(items) != 1 || items[0].(map[string]any)["html"] != "" {
		t.Fatalf("outbox list %v", list)
	}
}

// TestJobsPageSaysWhatEachJobDoes: the page's description of a job comes from the one job
// table, in the page's language.
func TestJobsPageSaysWhatEachJobDoes(t *testing.T) {
	f := newFixture(t)
	f.withScheduler()
	j, _ := catalog.Lookup(jobs.JobSessions)
	for lang, want := range map[string]string{"zh-CN": j.DoesZh, "en": j.Does} {
		page := string(f.do(asAdmin, "GET", "/admin/jobs?lang="+lang, "").body)
		if !strings.Contains(page, want) {
			t.Errorf("%s jobs page does not say %q", lang, want)
		}
	}
}
