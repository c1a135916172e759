package handlers

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/mail/mailtest"
)

// TestTrustMailsReachTheRelay takes the account mails of the trust issue through the outbox to a
// real SMTP server: a password reset, an invitation of a colleague and a verification decision.
// Each reaches whom it should, once (a second drain and a restarted sender send nothing again),
// in the recipient's language, with a working link and no unsubscribe link (they are not
// optional).
func TestTrustMailsReachTheRelay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	member := f.actors[asMember].user
	member.Locale = "en"
	must(t, "member in English", f.store.Users.Update(ctx, member))

	f.do(asAnonymous, "POST", "/api/v1/auth/password-reset", `{"email":"`+strings.ToUpper(member.Email)+`"}`).wantStatus(t, 202)
	f.do(asMember, "POST", "/api/v1/enterprises/me/members", `{"email":"colleague@example.cn","name":"Li Na"}`).wantStatus(t, 201)
	_, err := f.store.Enterprises.SetVerification(ctx, f.enterprise.ID, domain.VerificationPending, "", f.clock.Now())
	must(t, "queue the member's firm", err)
	f.do(asOrganiser, "POST", "/api/v1/enterprises/"+f.enterprise.ID+"/verify", "").wantStatus(t, 200)

	srv := mailtest.Start(t)
	drain := func() int {
		s, err := mail.NewSMTP(mail.SMTPConfig{Host: srv.Host, Port: srv.Port, From: "对接 <no-reply@duijie.example.org>", Timeout: 5 * time.Second})
		must(t, "smtp", err)
		defer s.Close()
		res, err := (&mail.Dispatcher{Outbox: f.store.Outbox, Sender: s, Holder: "test"}).Drain(ctx, nil)
		must(t, "drain", err)
		return res.Sent
	}
	if n := drain(); n < 3 {
		t.Fatalf("sent %d mails, want the reset, the invitation and the decision", n)
	}
	if n := drain(); n != 0 { // a restarted sender on the same outbox
		t.Fatalf("a second sender sent %d again", n)
	}

	for _, c := range []struct {
		to, subject, link string
	}{
		{member.Email, "Choose a new Duijie password", `http://duijie\.test/reset/[0-9a-f]{16,}`},
		{member.Email, "Your enterprise is verified on Duijie", `http://duijie\.test/`},
		{"colleague@example.cn", "You are invited to join your enterprise on Duijie", `http://duijie\.test/invitations/[0-9a-f]{16,}`},
	} {
		var got *mailtest.Parsed
		for _, m := range srv.To(c.to) {
			p, err := m.Parse()
			must(t, "parse", err)
			if p.Subject == c.subject {
				if got != nil {
					t.Errorf("%q reached %s twice", c.subject, c.to)
				}
				got = p
			}
		}
		if got == nil {
			t.Errorf("no %q for %s", c.subject, c.to)
			continue
		}
		if !regexp.MustCompile(c.link).MatchString(got.Text) || !strings.Contains(got.HTML, "http://duijie.test/") {
			t.Errorf("%q has no link %s:\n%s", c.subject, c.link, got.Text)
		}
		if got.Header.Get("List-Unsubscribe") != "" {
			t.Errorf("%q carries an unsubscribe link, but cannot be turned off", c.subject)
		}
	}
}
