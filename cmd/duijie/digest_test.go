package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/jobs"
	"duijie/mail/mailtest"
	"duijie/store/storetest"
)

// TestDigestRun: a member with a daily digest whose registered event changed venue in the
// period gets one digest from `duijie digest run`, sent over SMTP; a dry run changes nothing
// and a second run queues nothing.
func TestDigestRun(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openDataDir(t, dir)
	e := storetest.NewEvent("L1", 5, 50)
	storetest.MustCreateEvent(t, st, e)
	ent := storetest.NewEnterprise(1)
	storetest.Must(t, st.Enterprises.Create(ctx, ent), "enterprise")
	u := storetest.NewUser(1, domain.RoleMember)
	u.EnterpriseID = ent.ID
	storetest.Must(t, st.Users.Create(ctx, u), "user")
	r := storetest.NewRegistration(e, 1, 1)
	r.EnterpriseID = ent.ID
	if _, _, err := st.Registrations.Register(ctx, r, time.Now()); err != nil {
		t.Fatal(err)
	}
	p := storetest.NewPreferences(u.ID, domain.DigestDaily)
	storetest.Must(t, st.Preferences.Put(ctx, p), "preferences")
	period, _ := jobs.PeriodAt(domain.DigestDaily, time.Now(), nil)
	moved := *e
	moved.Venue = "无锡国际会议中心"
	storetest.Must(t, st.Events.Update(ctx, &moved, domain.NoticeChanges(e, &moved, "o", period.End.Add(-time.Hour))), "move event")
	storetest.Must(t, st.Health.Close(), "close")

	srv := mailtest.Start(t)
	env := map[string]string{"DATA_DIR": dir, "SMTP_URL": fmt.Sprintf("smtp://%s:%d", srv.Host, srv.Port),
		"MAIL_FROM": "对接 <no-reply@duijie.example.org>", "LOG_LEVEL": "error"}

	code, out, errOut := run(t, env, "digest", "run", "--period", "daily", "--dry-run")
	if code != 0 || !strings.Contains(out, "would queue") || !strings.Contains(out, u.Email) {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, env, "digest", "run", "--period", "daily")
	if code != 0 || !strings.Contains(out, "queued 1") || !strings.Contains(out, "sent 1") {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errOut)
	}
	got := srv.To(u.Email)
	if len(got) != 1 {
		t.Fatalf("SMTP server got %d digests", len(got))
	}
	msg, err := got[0].Parse()
	if err != nil || !strings.Contains(msg.Text, "无锡国际会议中心") || msg.Header.Get("List-Unsubscribe-Post") == "" {
		t.Fatalf("digest %+v, %v", msg, err)
	}
	code, out, _ = run(t, env, "digest", "run", "--period", "daily")
	if code != 0 || !strings.Contains(out, "periods_already_done 1") || srv.Count() != 1 {
		t.Fatalf("second run: exit %d, server %d\n%s", code, srv.Count(), out)
	}

	for _, args := range [][]string{{"digest"}, {"digest", "run"}, {"digest", "run", "--period", "hourly"}, {"digest", "send"}} {
		if code, _, _ := run(t, env, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := run(t, map[string]string{"DATA_DIR": dir, "SMTP_URL": "smtp://:25"}, "digest", "run", "--period", "daily"); code != 1 ||
		!strings.Contains(errOut, "SMTP_URL") {
		t.Errorf("broken SMTP_URL: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, map[string]string{"DATA_DIR": dir, "JOBS_DIGEST_DAILY": "30 25 * * *"}, "digest", "run", "--period", "daily"); code != 1 ||
		!strings.Contains(errOut, "JOBS_DIGEST_DAILY") {
		t.Errorf("malformed cron spec: exit %d, %q", code, errOut)
	}
}
