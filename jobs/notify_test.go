package jobs

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	leadsvc "duijie/service/leads"
	"duijie/store"
	"duijie/store/storetest"
)

// eventFixture is a published event starting in 30 hours with two registered enterprises: one
// member each, the second opted out of reminders.
func eventFixture(t *testing.T) (*store.Store, *domain.Event, []*domain.User) {
	t.Helper()
	st := openStore(t)
	ctx := t.Context()
	e := storetest.NewEvent("L1", 0, 100)
	e.StartsAt = time.Now().Add(30 * time.Hour).Truncate(time.Minute)
	e.EndsAt = e.StartsAt.Add(8 * time.Hour)
	storetest.MustCreateEvent(t, st, e)
	var users []*domain.User
	for i := range 2 {
		u := addMember(t, st, i+1, domain.DigestOff, []string{"zh-CN", "en"}[i])
		r := storetest.NewRegistration(e, i, 1)
		r.EnterpriseID = u.EnterpriseID
		if _, _, err := st.Registrations.Register(ctx, r, time.Now()); err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	p, _ := st.Preferences.Get(ctx, users[1].ID)
	p.OptOut = []domain.MailKind{domain.MailReminder}
	if err := st.Preferences.Put(ctx, p); err != nil {
		t.Fatal(err)
	}
	return st, e, users
}

func TestReminders(t *testing.T) {
	st, e, users := eventFixture(t)
	clock := time.Now()
	n := &Notices{Store: st, Renderer: renderer(t), Now: func() time.Time { return clock }}
	count := func() map[string]int { return outboxByUser(t, st, domain.MailReminder) }

	run := newRun(st)
	if err := n.Reminders(t.Context(), run); err != nil {
		t.Fatal(err)
	}
	if len(count()) != 0 {
		t.Fatalf("30 hours ahead: reminders %v", count())
	}
	clock = e.StartsAt.Add(-20 * time.Hour)
	for range 2 { // the job runs every few minutes: the second run adds nothing
		if err := n.Reminders(t.Context(), newRun(st)); err != nil {
			t.Fatal(err)
		}
	}
	if got := count(); got[users[0].ID] != 1 || got[users[1].ID] != 0 {
		t.Fatalf("T-20h reminders %v", got)
	}
	clock = e.StartsAt.Add(-90 * time.Minute)
	if err := n.Reminders(t.Context(), newRun(st)); err != nil {
		t.Fatal(err)
	}
	if got := count(); got[users[0].ID] != 2 {
		t.Fatalf("T-90min reminders %v", got)
	}
	ms, _, _, _ := st.Outbox.List(context.Background(), store.OutboxFilter{Kind: domain.MailReminder}, store.Page{})
	full, _ := st.Outbox.Get(context.Background(), ms[0].ID)
	if !strings.Contains(full.Subject, "2 小时后开始") || !strings.Contains(full.Text, "https://duijie.example.org/events/"+e.ID) {
		t.Errorf("2h reminder: %q\n%s", full.Subject, full.Text)
	}
	clock = e.StartsAt.Add(time.Minute)
	if err := n.Reminders(t.Context(), newRun(st)); err != nil {
		t.Fatal(err)
	}
	if got := count(); got[users[0].ID] != 2 {
		t.Fatalf("after the start: %v", got)
	}
}

func TestChangeNotices(t *testing.T) {
	st, e, users := eventFixture(t)
	ctx := t.Context()
	n := &Notices{Store: st, Renderer: renderer(t)}
	updated := *e
	updated.Venue = "无锡国际会议中心"
	changes := domain.NoticeChanges(e, &updated, "organiser", time.Now())
	if err := st.Events.Update(ctx, &updated, changes); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := n.Changes(ctx, newRun(st)); err != nil {
			t.Fatal(err)
		}
	}
	got := outboxByUser(t, st, domain.MailChange)
	if got[users[0].ID] != 1 || got[users[1].ID] != 1 {
		t.Fatalf("change notices %v (opting out of reminders does not opt out of changes)", got)
	}
	pending, _ := st.Events.PendingChanges(ctx, 10)
	if len(pending) != 0 {
		t.Fatalf("changes still pending: %+v", pending)
	}
	ms, _, _, _ := st.Outbox.List(ctx, store.OutboxFilter{To: users[1].Email}, store.Page{})
	full, _ := st.Outbox.Get(ctx, ms[0].ID)
	if !strings.Contains(full.Text, "无锡国际会议中心") || !strings.Contains(full.Subject, "Event changed") {
		t.Errorf("English change notice: %q\n%s", full.Subject, full.Text)
	}
	// Every attendee hears of it too, in the registering member's language, once.
	for i, want := range []string{"活动变更", "Event changed"} {
		ms, _, _, _ := st.Outbox.List(ctx, store.OutboxFilter{To: fmt.Sprintf("a%d.0@example.test", i)}, store.Page{})
		if len(ms) != 1 || !strings.Contains(ms[0].Subject, want) || ms[0].Headers["List-Unsubscribe"] != "" {
			t.Fatalf("attendee %d: %d mails %+v", i, len(ms), ms)
		}
	}

	// A later change of the same event is news again.
	again := updated
	again.Address = "无锡市滨湖区"
	if err := st.Events.Update(ctx, &again, domain.NoticeChanges(&updated, &again, "organiser", time.Now())); err != nil {
		t.Fatal(err)
	}
	if err := n.Changes(ctx, newRun(st)); err != nil {
		t.Fatal(err)
	}
	if got := outboxByUser(t, st, domain.MailChange); got[users[0].ID] != 2 {
		t.Fatalf("after a second change %v", got)
	}
}

func TestStoreEventsSource(t *testing.T) {
	st, e, users := eventFixture(t)
	ctx := t.Context()
	src := StoreEvents{Store: st, BaseURL: "https://duijie.example.org"}
	evs, err := src.UpcomingEvents(ctx, users[0], time.Now(), 7*24*time.Hour, "en")
	if err != nil || len(evs) != 1 || evs[0].Status != "Confirmed" || !strings.Contains(evs[0].When, "(UTC+08:00)") {
		t.Fatalf("upcoming %+v, %v", evs, err)
	}
	evs, _ = src.UpcomingEvents(ctx, users[0], time.Now(), time.Hour, "en")
	if len(evs) != 0 {
		t.Fatalf("an event 30h ahead is within a 1h horizon: %+v", evs)
	}
	updated := *e
	updated.StartsAt = e.StartsAt.Add(time.Hour)
	updated.EndsAt = e.EndsAt.Add(time.Hour)
	before := time.Now()
	if err := st.Events.Update(ctx, &updated, domain.NoticeChanges(e, &updated, "o", time.Now())); err != nil {
		t.Fatal(err)
	}
	chs, err := src.EventChanges(ctx, users[0], before.Add(-time.Second), time.Now().Add(time.Second), "zh-CN")
	if err != nil || len(chs) != 2 || (chs[0].Field != "开始时间" && chs[1].Field != "开始时间") {
		t.Fatalf("changes %+v, %v", chs, err)
	}
	chs, _ = src.EventChanges(ctx, users[0], time.Now().Add(time.Hour), time.Now().Add(2*time.Hour), "zh-CN")
	if len(chs) != 0 {
		t.Fatalf("changes outside the window %+v", chs)
	}
}

func TestMaintenanceJobs(t *testing.T) {
	st := openStore(t)
	ctx := t.Context()
	now := time.Now()
	for i, ttl := range []time.Duration{-time.Hour, time.Hour} {
		s := &domain.Session{ID: domain.RandomToken(32), UserID: "u", CSRFToken: "c", CreatedAt: now.Add(-2 * time.Hour),
			ExpiresAt: now.Add(ttl)}
		if err := st.Sessions.Create(ctx, s); err != nil {
			t.Fatal(i, err)
		}
	}
	rn := NewRunner(st, nil)
	clock := func() time.Time { return now }
	rn.Register(SessionCleanupJob(st, "", clock))
	rn.Register(WaitlistJob(st, "", clock))
	rn.Register(LeadExpiryJob(leadsvc.New(st, nil, nil, nil, clock), ""))
	for name, counter := range map[string]string{JobSessions: "sessions_deleted", JobWaitlist: "offers_expired",
		JobLeadExpiry: "leads_expired"} {
		rec, err := rn.Run(ctx, name, domain.TriggerManual)
		if err != nil || rec.Status != domain.JobSucceeded {
			t.Fatalf("%s: %+v, %v", name, rec, err)
		}
		if _, ok := rec.Counts[counter]; !ok {
			t.Errorf("%s: counts %v lack %s", name, rec.Counts, counter)
		}
	}
	if n, _ := st.Sessions.DeleteExpired(ctx, now); n != 0 {
		t.Errorf("the job left %d expired sessions", n)
	}
}
