package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/jobs"
)

// TestRunNowSaysWhatItDid runs the daily digest twice from the admin page: the second answer
// says the period was sent already and nothing was queued, in the admin's language.
func TestRunNowSaysWhatItDid(t *testing.T) {
	f := newFixture(t)
	sched := f.withScheduler()
	name := jobs.JobName(domain.DigestDaily)
	for i := 0; i < 2; i++ {
		res := f.do(asAdmin, "POST", "/admin/jobs/"+name+"/run", "").wantStatus(t, 303)
		loc := res.header.Get("Location")
		if !strings.HasPrefix(loc, "/admin/jobs?run=") {
			t.Fatalf("run now redirects to %q, want the run's answer", loc)
		}
		if err := sched.runner.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		page := string(f.do(asAdmin, "GET", loc, "").wantStatus(t, 200).body)
		if i == 1 && !strings.Contains(page, "已发送过：本次排队 0 封") {
			t.Errorf("second run's answer does not say the period was sent already:\n%s", excerpt(page, "刚才运行的结果"))
		}
		if i == 0 && !strings.Contains(page, "刚才运行的结果") {
			t.Errorf("no answer panel after run now")
		}
	}
	body := f.do(asAdmin, "POST", "/api/v1/jobs/"+name+"/run", "", acceptLanguage("en")).wantStatus(t, 202).json(t)
	data := body["data"].(map[string]any)
	if s, _ := data["summary"].(string); !strings.Contains(s, "already sent: 0 queued") {
		t.Errorf("API answer summary %q", data["summary"])
	}
	_ = sched.runner.Wait(context.Background())
}

func TestJobSpecsReadForPeople(t *testing.T) {
	f := newFixture(t)
	f.withScheduler()
	zh := string(f.do(asAdmin, "GET", "/admin/jobs", "").wantStatus(t, 200).body)
	for _, want := range []string{"每天 08:30", "每周一 08:30", "每小时第 17 分", "每 5 分钟", "30 8 * * *"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh jobs page lacks %q", want)
		}
	}
	en := string(f.do(asAdmin, "GET", "/admin/jobs", "", acceptLanguage("en"), cookie("duijie_lang", "en")).wantStatus(t, 200).body)
	for _, want := range []string{"daily at 08:30", "every Monday at 08:30", "hourly at minute 17"} {
		if !strings.Contains(en, want) {
			t.Errorf("en jobs page lacks %q", want)
		}
	}
	rows := f.do(asAdmin, "GET", "/api/v1/jobs", "").wantStatus(t, 200).json(t)["data"].([]any)
	found := false
	for _, r := range rows {
		m := r.(map[string]any)
		found = found || (m["name"] == "digest-daily" && m["specText"] == "每天 08:30")
	}
	if !found {
		t.Errorf("API jobs lack specText: %v", rows)
	}
}

func TestDescribeRun(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 8, 30, 0, 0, time.UTC)
	end := t0.Add(120 * time.Millisecond)
	r := &domain.JobRun{Job: "outbox", Status: domain.JobSucceeded, StartedAt: t0, EndedAt: &end, Counts: map[string]int{"sent": 3, "failed": 0}}
	if got := describeRun("en", r, end); got != "Mail sending — failed 0 · sent 3 (done in 120 ms)" {
		t.Errorf("outbox: %q", got)
	}
	r = &domain.JobRun{Job: "session-cleanup", Status: domain.JobFailed, Error: "db down", StartedAt: t0, EndedAt: &end}
	if got := describeRun("zh-CN", r, end); !strings.Contains(got, "db down") || !strings.Contains(got, "没有需要处理的内容") {
		t.Errorf("failed run: %q", got)
	}
}

// excerpt is the text around marker, for failure messages.
func excerpt(s, marker string) string {
	i := strings.Index(s, marker)
	if i < 0 {
		return "(" + marker + " not found)"
	}
	return s[i:min(len(s), i+400)]
}
