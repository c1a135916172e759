package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/mail/mailtest"
	"duijie/matchsvc"
	"duijie/store/storetest"
)

// TestNewMatchReachesTheMember is the "done when" on the jobs side: a member sets a
// daily digest, a new lead matching the enterprise opens, the matching index re-syncs, the
// morning digest is queued with the lead and why it matched, and the outbox sender delivers it
// over SMTP with a one-click unsubscribe link. Running everything again sends nothing more.
func TestNewMatchReachesTheMember(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	sh, _ := domain.LoadZone(Zone)
	clock := time.Date(2026, 11, 26, 15, 0, 0, 0, sh)
	now := func() time.Time { return clock }

	supplier := addMember(t, st, 1, domain.DigestDaily, "zh-CN")
	ent, _ := st.Enterprises.Get(ctx, supplier.EnterpriseID)
	ent.Products = []string{"IGBT 功率模块", "电驱控制器"}
	ent.Description = "车规级功率模块封装测试"
	if err := st.Enterprises.Update(ctx, ent); err != nil {
		t.Fatal(err)
	}
	buyer := storetest.NewEnterprise(2)
	if err := st.Enterprises.Create(ctx, buyer); err != nil {
		t.Fatal(err)
	}
	// The same matching service the server runs: it ranks suppliers when a lead opens, stores
	// the matches and sends the best ones, which is what the digest reports.
	matches := matchsvc.New(st, matchsvc.Config{BaseURL: "https://duijie.example.org", Now: now})
	if err := matches.Start(ctx); err != nil {
		t.Fatal(err)
	}
	lead := storetest.NewLead(1, "L1", buyer.ID)
	lead.Title, lead.RequiredCertifications = "采购车规级 IGBT 功率模块", nil
	opened := clock
	lead.OpenedAt, lead.CreatedAt, lead.UpdatedAt = &opened, clock, clock
	if err := st.Leads.Create(ctx, lead); err != nil {
		t.Fatal(err)
	}
	matches.LeadChanged(ctx, *lead)

	srv := mailtest.Start(t)
	smtp, err := mail.NewSMTP(mail.SMTPConfig{Host: srv.Host, Port: srv.Port, From: "对接 <no-reply@duijie.example.org>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer smtp.Close()
	rn, _ := Build(Setup{
		Store: st, Renderer: renderer(t), Holder: "test", Now: now, Fresh: matches.Fresh,
		Dispatcher: &mail.Dispatcher{Outbox: st.Outbox, Sender: smtp, Holder: "test", Now: now},
		Sources: Sources{Leads: matches, Answers: matches,
			Events: StoreEvents{Store: st, BaseURL: "https://duijie.example.org"}},
	})
	for _, job := range []string{JobName(domain.DigestDaily), JobOutbox} {
		if _, err := rn.Run(ctx, job, domain.TriggerSchedule); err != nil {
			t.Fatalf("%s: %v", job, err)
		}
	}
	if srv.Count() != 0 {
		t.Fatalf("%d mails before the morning", srv.Count())
	}
	clock = time.Date(2026, 11, 27, 8, 30, 0, 0, sh)
	for range 2 {
		for _, job := range []string{JobName(domain.DigestDaily), JobOutbox} {
			if _, err := rn.Run(ctx, job, domain.TriggerSchedule); err != nil {
				t.Fatalf("%s: %v", job, err)
			}
		}
	}
	got := srv.To(supplier.Email)
	if len(got) != 1 || srv.Count() != 1 {
		t.Fatalf("supplier got %d mails, server %d", len(got), srv.Count())
	}
	msg, err := got[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{lead.Title, "https://duijie.example.org/me/matches#match-", "/unsubscribe/"} {
		if !strings.Contains(msg.Text, want) || !strings.Contains(msg.HTML, want) {
			t.Errorf("digest lacks %q:\n%s", want, msg.Text)
		}
	}
	if !strings.HasPrefix(msg.Header.Get("List-Unsubscribe"), "<https://duijie.example.org/unsubscribe/") ||
		msg.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("unsubscribe headers %q %q", msg.Header.Get("List-Unsubscribe"), msg.Header.Get("List-Unsubscribe-Post"))
	}
	if n := len(srv.To("contact2@example.test")); n != 0 {
		t.Errorf("the buyer got %d mails", n)
	}
}
