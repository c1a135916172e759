package notify_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/mail/mailtest"
	"duijie/service/notify"
	"duijie/store"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

// env is a notify service over a fresh SQLite store, a dispatcher to an in-process SMTP server
// and a clock the test moves.
type env struct {
	t    *testing.T
	st   *store.Store
	svc  *notify.Service
	srv  *mailtest.Server
	disp *mail.Dispatcher
	mu   sync.Mutex
	now  time.Time
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	r, err := mail.NewRenderer("https://duijie.example.org")
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, now: storetest.Ms(time.Now())}
	e.svc = notify.New(st, r, nil, e.clock)
	e.srv = mailtest.Start(t)
	smtp, err := mail.NewSMTP(mail.SMTPConfig{Host: e.srv.Host, Port: e.srv.Port, From: "对接 <no-reply@duijie.example.org>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = smtp.Close() })
	e.disp = &mail.Dispatcher{Outbox: st.Outbox, Sender: smtp, Holder: "test", Now: e.clock}
	return e
}

func (e *env) clock() time.Time { e.mu.Lock(); defer e.mu.Unlock(); return e.now }
func (e *env) advance(d time.Duration) {
	e.mu.Lock()
	e.now = e.now.Add(d)
	e.mu.Unlock()
}

// drain sends what is queued and returns how many went out.
func (e *env) drain() int {
	e.t.Helper()
	res, err := e.disp.Drain(context.Background(), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return res.Sent
}

// member stores a member of a new enterprise (number i) in locale.
func (e *env) member(i int, locale string) *domain.User {
	e.t.Helper()
	ctx := context.Background()
	ent := storetest.NewEnterprise(i)
	if err := e.st.Enterprises.Create(ctx, ent); err != nil {
		e.t.Fatal(err)
	}
	return e.colleague(i, ent.ID, locale)
}

// colleague stores another member of enterprise entID.
func (e *env) colleague(i int, entID, locale string) *domain.User {
	e.t.Helper()
	u := storetest.NewUser(i, domain.RoleMember)
	u.EnterpriseID, u.Locale = entID, locale
	if err := e.st.Users.Create(context.Background(), u); err != nil {
		e.t.Fatal(err)
	}
	return u
}

func (e *env) parsed(rcpt string) []*mailtest.Parsed {
	e.t.Helper()
	var out []*mailtest.Parsed
	for _, m := range e.srv.To(rcpt) {
		p, err := m.Parse()
		if err != nil {
			e.t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func TestRegistrationMails(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	zh := e.member(1, "zh-CN")
	en := e.member(2, "en")
	ev := storetest.MustCreateEvent(t, e.st, storetest.NewEvent("L1", 10, 2))

	// zh's enterprise takes both seats; its member is also one of the attendees.
	r1 := storetest.NewRegistration(ev, 1, 2)
	r1.EnterpriseID, r1.CreatedBy = zh.EnterpriseID, zh.ID
	r1.Attendees[0].Email = strings.ToUpper(zh.Email) // the same person, written differently
	got, _, err := e.st.Registrations.Register(ctx, r1, e.clock())
	if err != nil {
		t.Fatal(err)
	}
	if n, err := e.svc.Registration(ctx, got, ev); err != nil || n != 2 {
		t.Fatalf("confirmed: queued %d, %v; want the member and the second attendee", n, err)
	}
	// en's enterprise is waitlisted.
	r2 := storetest.NewRegistration(ev, 2, 1)
	r2.EnterpriseID, r2.CreatedBy = en.EnterpriseID, en.ID
	wait, _, err := e.st.Registrations.Register(ctx, r2, e.clock())
	if err != nil || wait.Status != domain.RegWaitlisted {
		t.Fatalf("second registration %+v, %v", wait, err)
	}
	if _, err := e.svc.Registration(ctx, wait, ev); err != nil {
		t.Fatal(err)
	}
	// A double run, and the job walking the same registrations, queue nothing more.
	for range 2 {
		if n, err := e.svc.Registration(ctx, got, ev); err != nil || n != 0 {
			t.Fatalf("repeat queued %d, %v", n, err)
		}
		if err := e.svc.RegistrationMails(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if sent := e.drain(); sent != 4 {
		t.Fatalf("sent %d mails, want 4 (member + attendee, waitlisted member + attendee)", sent)
	}

	mine := e.parsed(zh.Email)
	if len(mine) != 1 {
		t.Fatalf("member got %d mails", len(mine))
	}
	m := mine[0]
	if !strings.Contains(m.Subject, "报名成功") || !strings.Contains(m.Subject, ev.Title) {
		t.Errorf("subject %q", m.Subject)
	}
	if m.Header.Get("List-Unsubscribe") != "" {
		t.Error("a transactional mail carries an unsubscribe header")
	}
	if !strings.Contains(m.Text, got.CheckinCode) || !strings.Contains(m.HTML, "https://duijie.example.org/events/"+ev.ID) {
		t.Errorf("confirmation lacks the check-in code or the event link:\n%s", m.Text)
	}
	// The member is also the first attendee: beside the .ics comes the QR of its own code.
	if len(m.Attachments) != 2 || m.Attachments[0].Type != "text/calendar" || m.Attachments[0].Name != "event.ics" ||
		!strings.Contains(string(m.Attachments[0].Data), "UID:event-"+ev.ID+"@duijie") ||
		m.Attachments[1].Name != "checkin-"+got.Attendees[0].CheckinCode+".png" {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	att := e.parsed(got.Attendees[1].Email)
	if len(att) != 1 || !strings.Contains(att[0].Subject, "报名成功") {
		t.Fatalf("second attendee got %d mails", len(att))
	}
	if code := got.Attendees[1].CheckinCode; code != "" && (!strings.Contains(att[0].Text, code) || strings.Contains(att[0].Text, got.Attendees[0].CheckinCode)) {
		t.Errorf("the second attendee's mail does not carry its own check-in code %s:\n%s", code, att[0].Text)
	}
	waitMail := e.parsed(en.Email)
	if len(waitMail) != 1 || !strings.Contains(waitMail[0].Subject, "waitlist") || !strings.Contains(waitMail[0].Text, "place on the waitlist: 1") {
		t.Fatalf("waitlisted mail: %+v", waitMail)
	}
	if strings.Contains(waitMail[0].Text, got.CheckinCode) || len(waitMail[0].Attachments) != 1 {
		t.Error("waitlisted mail: wants the .ics and no check-in code")
	}

	// zh cancels: the store offers the seats to en, and the job's walk mails the offer once.
	e.advance(time.Minute)
	if _, err := e.st.Registrations.Cancel(ctx, got.ID, domain.CancelByMember, e.clock()); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := e.svc.RegistrationMails(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if sent := e.drain(); sent != 2 {
		t.Fatalf("after the cancellation sent %d, want the offer to en's member and attendee", sent)
	}
	offer := e.parsed(en.Email)[1]
	if !strings.Contains(offer.Subject, "A seat is free") || !strings.Contains(offer.Text, "https://duijie.example.org/me/registrations") ||
		len(offer.Attachments) != 0 {
		t.Fatalf("offer mail %q\n%s", offer.Subject, offer.Text)
	}

	// Close to the offer's end a reminder goes out once; after it lapses, the notice that it did.
	e.advance(domain.DefaultOfferTTL - 6*time.Hour)
	for range 2 {
		if err := e.svc.RegistrationMails(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if sent := e.drain(); sent != 2 {
		t.Fatalf("offer reminder: sent %d", sent)
	}
	if s := e.parsed(en.Email)[2].Subject; !strings.Contains(s, "lapses soon") {
		t.Fatalf("reminder subject %q", s)
	}
	e.advance(7 * time.Hour)
	if _, err := e.st.Registrations.ExpireOffers(ctx, e.clock()); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.RegistrationMails(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if sent := e.drain(); sent != 2 {
		t.Fatalf("offer expired: sent %d", sent)
	}
	if s := e.parsed(en.Email)[3].Subject; !strings.Contains(s, "has lapsed") {
		t.Fatalf("expired subject %q", s)
	}
}

func TestMeetingMails(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.member(1, "zh-CN")
	b := e.member(2, "en")
	b2 := e.colleague(3, b.EnterpriseID, "zh-CN")
	ev := storetest.MustCreateEvent(t, e.st, storetest.NewEvent("L1", 10, 20))
	m := &domain.Meeting{ID: domain.NewID(), EventID: ev.ID, RequesterID: a.EnterpriseID, RequesterName: "甲公司",
		RecipientID: b.EnterpriseID, RecipientName: "乙公司", Message: "想了解贵司的功率模块", Status: domain.MeetingRequested}
	for range 2 {
		if _, err := e.svc.Meeting(ctx, m, notify.MeetingRequested, a.EnterpriseID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.svc.Meeting(ctx, m, notify.MeetingAccepted, b.EnterpriseID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Meeting(ctx, m, notify.MeetingCancelled, b.EnterpriseID); err != nil {
		t.Fatal(err)
	}
	if sent := e.drain(); sent != 4 {
		t.Fatalf("sent %d, want 2 requests (both members of the recipient), 1 acceptance, 1 cancellation", sent)
	}
	req := e.parsed(b.Email)
	if len(req) != 1 || req[0].Subject != "甲公司 would like to meet you" || !strings.Contains(req[0].Text, "想了解贵司的功率模块") ||
		!strings.Contains(req[0].Text, "https://duijie.example.org/meetings") {
		t.Fatalf("request mail %+v", req)
	}
	if zh := e.parsed(b2.Email); len(zh) != 1 || zh[0].Subject != "甲公司 希望与您洽谈" {
		t.Fatalf("colleague's mail %+v", zh)
	}
	var subjects []string
	for _, p := range e.parsed(a.Email) {
		subjects = append(subjects, p.Subject)
	}
	slices.Sort(subjects) // sent concurrently: any order
	if !slices.Equal(subjects, []string{"乙公司 取消了洽谈", "乙公司 已接受您的洽谈邀请"}) {
		t.Fatalf("requester's mails: %q", subjects)
	}
}

func TestInstantNotices(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	buyer := e.member(1, "zh-CN")
	quiet := e.colleague(2, buyer.EnterpriseID, "en")
	p, err := notify.Preferences(ctx, e.st.Preferences, quiet)
	if err != nil {
		t.Fatal(err)
	}
	p.SetInstant(false)
	if err := e.st.Preferences.Put(ctx, p); err != nil {
		t.Fatal(err)
	}
	lead := &domain.Lead{ID: domain.NewID(), Title: "采购车规级 IGBT 模块", BuyerEnterpriseID: buyer.EnterpriseID, BuyerName: "甲公司"}
	m := &domain.Match{ID: domain.NewID(), LeadID: lead.ID, EnterpriseID: "s1", EnterpriseName: "乙科技", Status: domain.MatchInterested}

	for range 2 { // recorded twice, noticed once
		if n, err := e.svc.Answered(ctx, m, lead); err != nil || (n != 1 && n != 0) {
			t.Fatalf("answered: %d, %v", n, err)
		}
	}
	if err := e.svc.InstantMails(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if sent := e.drain(); sent != 1 {
		t.Fatalf("sent %d, want one instant mail (the colleague turned them off)", sent)
	}
	first := e.parsed(buyer.Email)[0]
	if first.Subject != "有供应商对您的需求感兴趣："+lead.Title || !strings.Contains(first.Text, "乙科技 表示有意向") ||
		!strings.Contains(first.Text, "每 15 分钟最多一封") || !strings.HasPrefix(first.Header.Get("List-Unsubscribe"), "<https://duijie.example.org/unsubscribe/") {
		t.Fatalf("instant mail %q\n%s", first.Subject, first.Text)
	}

	// Two more things within the quarter hour wait, then go together in one mail.
	e.advance(5 * time.Minute)
	q := &domain.Quote{ID: domain.NewID(), MatchID: m.ID, LeadID: lead.ID, SupplierName: "乙科技", UnitPrice: 123450,
		Currency: "CNY", Quantity: 10, Revision: 1}
	if _, err := e.svc.Quoted(ctx, q, lead); err != nil {
		t.Fatal(err)
	}
	m2 := *m
	m2.ID, m2.EnterpriseName = domain.NewID(), "丙制造"
	if _, err := e.svc.Answered(ctx, &m2, lead); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := e.svc.InstantMails(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if sent := e.drain(); sent != 0 {
		t.Fatalf("sent %d within 15 minutes of the last", sent)
	}
	e.advance(10 * time.Minute)
	for range 2 {
		if err := e.svc.InstantMails(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if sent := e.drain(); sent != 1 {
		t.Fatalf("sent %d after 15 minutes, want one grouped mail", sent)
	}
	grouped := e.parsed(buyer.Email)[1]
	if grouped.Subject != "您的需求与匹配有 2 条新动态" || !strings.Contains(grouped.Text, "单价 CNY 1,234.50") ||
		!strings.Contains(grouped.Text, "CNY 12,345.00") || !strings.Contains(grouped.Text, "丙制造") ||
		!strings.Contains(grouped.Text, "https://duijie.example.org/leads/"+lead.ID+"/quotes") {
		t.Fatalf("grouped mail %q\n%s", grouped.Subject, grouped.Text)
	}
	if n := len(e.parsed(quiet.Email)); n != 0 {
		t.Fatalf("the colleague who turned instant notices off got %d", n)
	}
}

// TestStrongMatchNotice: a supplier hears of a lead matched to it without signing in. A strong
// (rank ≤ 5) match sent to its enterprise becomes an instant notice; a weak one waits for the
// digest; a second run announces nothing again.
func TestStrongMatchNotice(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	supplier := e.member(1, "en")
	weak := e.member(2, "zh-CN")
	lead := storetest.NewLead(1, "L1", domain.NewID())
	lead.Status, lead.Title = domain.LeadOpen, "Temperature sensors for cold stores"
	if err := e.st.Leads.Create(ctx, lead); err != nil {
		t.Fatal(err)
	}
	sent := e.clock()
	batch := []domain.Match{
		{LeadID: lead.ID, EnterpriseID: supplier.EnterpriseID, EnterpriseName: "S", Clusters: []string{"L1"}, Rank: 1, Score: 9,
			Status: domain.MatchSent, SentAt: &sent, CreatedAt: sent, UpdatedAt: sent,
			Explanation: domain.MatchExplanation{Summary: "same cluster; matches temperature sensor", Factors: []domain.MatchFactor{}, MatchedTerms: []string{}}},
		{LeadID: lead.ID, EnterpriseID: weak.EnterpriseID, EnterpriseName: "W", Clusters: []string{"L1"}, Rank: 9, Score: 2,
			Status: domain.MatchSent, SentAt: &sent, CreatedAt: sent, UpdatedAt: sent,
			Explanation: domain.MatchExplanation{Factors: []domain.MatchFactor{}, MatchedTerms: []string{}}},
	}
	if _, err := e.st.Matches.Put(ctx, batch); err != nil {
		t.Fatal(err)
	}
	e.advance(time.Minute)
	for range 2 {
		if err := e.svc.InstantMails(ctx, nil); err != nil {
			t.Fatal(err)
		}
		e.advance(20 * time.Minute)
	}
	if sent := e.drain(); sent != 1 {
		t.Fatalf("sent %d, want the strong match's supplier only, once", sent)
	}
	got := e.parsed(supplier.Email)
	if len(got) != 1 || got[0].Subject != "New lead for you: "+lead.Title || !strings.Contains(got[0].Text, "https://duijie.example.org/me/matches") {
		t.Fatalf("match notice %+v", got)
	}
}
