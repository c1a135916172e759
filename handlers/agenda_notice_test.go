package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/jobs"
	"duijie/mail"
	"duijie/mail/mailtest"
)

// TestAgendaEditTellsAttendees: an organiser moves a session of a published event to another
// time and room; the member who registered and each attendee of the registration (not members:
// no account) get one change mail naming the session, old and new, through the event-changes
// job and the outbox to a real SMTP server. Saving the same agenda again, and running the job
// again, sends nothing more; editing a draft's agenda records nothing.
func TestAgendaEditTellsAttendees(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var e domain.Event
	f.do(asOrganiser, "POST", "/api/v1/events", newEventBody).wantStatus(t, 201).data(t, &e)
	agenda := `{"sessions":[
		{"title":"开幕式","titleEn":"Opening","startsAt":"2031-09-20T09:00:00+08:00","endsAt":"2031-09-20T09:30:00+08:00","room":"A厅","kind":"talk",
		 "speakers":[{"name":"王主任"}]},
		{"title":"供需洽谈","startsAt":"2031-09-21T09:30:00+08:00","endsAt":"2031-09-21T12:00:00+08:00","room":"A厅","kind":"matchmaking"}]}`
	f.do(asOrganiser, "PUT", "/api/v1/events/"+e.ID+"/agenda", agenda).wantStatus(t, 200).data(t, &e)
	if pending, _ := f.store.Events.PendingChanges(ctx, 10); len(pending) != 0 {
		t.Fatalf("a draft's agenda recorded changes: %+v", pending)
	}
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/publish", "").wantStatus(t, 200)
	body := `{"attendees":[{"name":"张伟","mobile":"13812345678","email":"zhang@example.cn"},
		{"name":"李娜","mobile":"13912345678","email":"li@example.cn"}]}`
	f.do(asMember, "POST", "/api/v1/events/"+e.ID+"/registrations", body).wantStatus(t, 201)

	// The opening moves to 10:00 in hall B; the rest stays.
	sessions := e.Sessions
	sessions[0].StartsAt, sessions[0].EndsAt, sessions[0].Room = sessions[0].StartsAt.Add(time.Hour), sessions[0].EndsAt.Add(time.Hour), "B厅"
	edited, _ := json.Marshal(map[string]any{"sessions": sessions})
	for range 2 { // saved twice: the second save changes nothing
		f.do(asOrganiser, "PUT", "/api/v1/events/"+e.ID+"/agenda", string(edited)).wantStatus(t, 200)
	}
	pending, err := f.store.Events.PendingChanges(ctx, 10)
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending changes %+v, %v; want the opening's time and room", pending, err)
	}

	// The organiser's first screen shows the event as changed.
	o := f.do(asOrganiser, "GET", "/api/v1/me/dashboard", "").wantStatus(t, 200).json(t)["data"].(map[string]any)
	if acts := fmt.Sprint(o["eventsNeedingAction"]); !strings.Contains(acts, e.ID) || !strings.Contains(acts, domain.EventAgendaChanged) {
		t.Errorf("organiser dashboard does not show the agenda change: %s", acts)
	}

	n := &jobs.Notices{Store: f.store, Renderer: f.h.deps.Notify.Renderer()}
	rn := jobs.NewRunner(f.store, slog.New(slog.DiscardHandler))
	rn.Register(n.ChangeJob("@every 1h"))
	srv := mailtest.Start(t)
	smtp, err := mail.NewSMTP(mail.SMTPConfig{Host: srv.Host, Port: srv.Port, From: "对接 <no-reply@duijie.example.org>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer smtp.Close()
	d := &mail.Dispatcher{Outbox: f.store.Outbox, Sender: smtp, Holder: "test"}
	for range 2 { // the job runs every few minutes: the second run finds nothing pending
		if _, err := rn.Run(ctx, jobs.JobChanges, domain.TriggerManual); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Drain(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	member := f.actors[asMember].user
	for _, to := range []string{member.Email, "zhang@example.cn", "li@example.cn"} {
		var changes []*mailtest.Parsed // the registration's confirmation went out too
		for _, m := range srv.To(to) {
			p, err := m.Parse()
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(p.Subject, "活动变更") {
				changes = append(changes, p)
			}
		}
		if len(changes) != 1 {
			t.Fatalf("%s got %d change mails, want 1", to, len(changes))
		}
		p := changes[0]
		for _, want := range []string{"「开幕式」的时间", "2031-09-20 09:00–09:30 (UTC+08:00)", "2031-09-20 10:00–10:30 (UTC+08:00)",
			"「开幕式」的会议室", "A厅", "B厅", "http://duijie.test/events/" + e.ID} {
			if !strings.Contains(p.Text, want) {
				t.Errorf("mail to %s lacks %q:\n%s", to, want, p.Text)
			}
		}
		if strings.Contains(p.Text, "供需洽谈") {
			t.Errorf("mail to %s names the session that did not change:\n%s", to, p.Text)
		}
	}
}
