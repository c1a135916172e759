package mail

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail/mailtest"
	"duijie/store"
	"duijie/store/sqlite"
)

func newSMTP(t *testing.T, srv *mailtest.Server, timeout time.Duration) *SMTP {
	t.Helper()
	s, err := NewSMTP(SMTPConfig{Host: srv.Host, Port: srv.Port, From: "对接平台 <no-reply@duijie.example.org>", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	return st
}

func composed(t *testing.T, i int, lang string) *domain.OutboxMessage {
	t.Helper()
	r, err := NewRenderer("https://duijie.example.org")
	if err != nil {
		t.Fatal(err)
	}
	m, err := r.Compose(domain.MailDigest, TemplateDigest, Recipient{UserID: fmt.Sprint(i), Email: fmt.Sprintf("m%d@example.test", i),
		Name: "王芳", Locale: lang, UnsubscribeToken: fmt.Sprintf("tok%d", i)}, sampleDigest(), fmt.Sprintf("digest:%d", i))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSMTPDelivery sends a digest to a real SMTP server and reads it back as a mail client
// would: headers, both parts, links.
func TestSMTPDelivery(t *testing.T) {
	srv := mailtest.Start(t)
	s := newSMTP(t, srv, 5*time.Second)
	m := composed(t, 1, "zh-CN")
	m.ID = domain.NewID()
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.To("m1@example.test")
	if len(got) != 1 {
		t.Fatalf("server got %d messages for the recipient", len(got))
	}
	if got[0].From != "no-reply@duijie.example.org" {
		t.Errorf("envelope sender %q", got[0].From)
	}
	p, err := got[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"List-Unsubscribe":      "<https://duijie.example.org/unsubscribe/tok1?kind=digest>",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		"Auto-Submitted":        "auto-generated",
		"Message-Id":            "<" + m.ID + "@duijie.example.org>",
	}
	for k, want := range checks {
		if v := p.Header.Get(k); v != want {
			t.Errorf("header %s = %q, want %q", k, v, want)
		}
	}
	if !strings.Contains(p.Header.Get("From"), "no-reply@duijie.example.org") {
		t.Errorf("From = %q", p.Header.Get("From"))
	}
	if p.Subject != m.Subject || !strings.Contains(p.Subject, "对接每日摘要") {
		t.Errorf("subject %q, want %q", p.Subject, m.Subject)
	}
	for name, part := range map[string]string{"text": p.Text, "html": p.HTML} {
		for _, want := range []string{"冷库温度远程监测改造", "https://duijie.example.org/leads/abc",
			"https://duijie.example.org/unsubscribe/tok1?kind=digest"} {
			if !strings.Contains(part, want) {
				t.Errorf("%s part lacks %q", name, want)
			}
		}
	}
	// The connection is kept: a second mail reuses it.
	m2 := composed(t, 2, "en")
	m2.ID = domain.NewID()
	if err := s.Send(t.Context(), m2); err != nil {
		t.Fatal(err)
	}
	if srv.Count() != 2 {
		t.Fatalf("server count %d, want 2", srv.Count())
	}
}

func TestSMTPFailuresAreClassified(t *testing.T) {
	srv := mailtest.Start(t)
	s := newSMTP(t, srv, 500*time.Millisecond)
	m := composed(t, 1, "en")
	m.ID = domain.NewID()

	srv.RejectRecipients(func(r string) bool { return true })
	err := s.Send(t.Context(), m)
	if err == nil || !Permanent(err) {
		t.Fatalf("550 recipient: err = %v, permanent = %v", err, Permanent(err))
	}
	srv.RejectRecipients(nil)

	srv.FailNext(1)
	err = s.Send(t.Context(), m)
	if err == nil || Permanent(err) {
		t.Fatalf("451: err = %v, want a temporary error", err)
	}

	srv.Hang(2 * time.Second)
	start := time.Now()
	err = s.Send(t.Context(), m)
	if err == nil || Permanent(err) {
		t.Fatalf("hung server: err = %v, want a temporary error", err)
	}
	if took := time.Since(start); took > 1800*time.Millisecond {
		t.Errorf("a hung server held the send for %s; the timeout is 500ms", took)
	}
	srv.Hang(0)

	down, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: 1, From: "a@example.test", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := down.Send(t.Context(), m); err == nil || Permanent(err) {
		t.Fatalf("refused connection: err = %v, want a temporary error", err)
	}

	bad := *m
	bad.To = "not an address"
	if err := s.Send(t.Context(), &bad); !Permanent(err) {
		t.Fatalf("malformed recipient: err = %v, want permanent", err)
	}
}

func TestNewSMTPRefusesBadConfig(t *testing.T) {
	for _, cfg := range []SMTPConfig{
		{Port: 25, From: "a@example.test"},
		{Host: "mail.example.org", From: "a@example.test"},
		{Host: "mail.example.org", Port: 25, From: "nobody"},
	} {
		if _, err := NewSMTP(cfg); err == nil {
			t.Errorf("NewSMTP(%+v) accepted", cfg)
		}
	}
}

// TestDispatcher drains an outbox through a real SMTP server where one recipient is refused
// and the server fails once: the others are sent, the refused one fails for good, the
// temporary failure is retried later.
func TestDispatcher(t *testing.T) {
	srv := mailtest.Start(t)
	st := openStore(t)
	ctx := t.Context()
	now := time.Now()
	for i := range 8 {
		m := composed(t, i, []string{"zh-CN", "en"}[i%2])
		m.CreatedAt = now.Add(time.Duration(i) * time.Millisecond)
		if _, err := st.Outbox.Enqueue(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	srv.RejectRecipients(func(r string) bool { return r == "m3@example.test" })
	srv.FailNext(1)
	clock := now.Add(time.Second)
	d := &Dispatcher{Outbox: st.Outbox, Sender: newSMTP(t, srv, 5*time.Second), Holder: "test", Concurrency: 1,
		Batch: 3, Now: func() time.Time { return clock }}
	var progress []Result
	res, err := d.Drain(ctx, func(r Result) { progress = append(progress, r) })
	if err != nil {
		t.Fatal(err)
	}
	if res != (Result{Sent: 6, Retried: 1, Failed: 1}) {
		t.Fatalf("result %+v", res)
	}
	if len(progress) != 3 {
		t.Errorf("progress reported %d times, want once per batch (3)", len(progress))
	}
	counts, _ := st.Outbox.Counts(ctx)
	if counts[domain.OutboxSent] != 6 || counts[domain.OutboxPending] != 1 || counts[domain.OutboxFailed] != 1 {
		t.Fatalf("counts %v", counts)
	}
	failed, _, _, _ := st.Outbox.List(ctx, store.OutboxFilter{Status: domain.OutboxFailed}, store.Page{})
	if len(failed) != 1 || failed[0].To != "m3@example.test" || !strings.Contains(failed[0].LastError, "550") {
		t.Fatalf("failed %+v", failed)
	}
	// Nothing is due until the backoff passes; then the retry goes out.
	res, err = d.Drain(ctx, nil)
	if err != nil || res != (Result{}) {
		t.Fatalf("drain before backoff: %+v, %v", res, err)
	}
	clock = clock.Add(domain.OutboxBackoff(1))
	res, err = d.Drain(ctx, nil)
	if err != nil || res != (Result{Sent: 1}) {
		t.Fatalf("drain after backoff: %+v, %v", res, err)
	}
	if srv.Count() != 7 {
		t.Fatalf("server accepted %d, want 7", srv.Count())
	}
	for i := range 8 {
		want := 1
		if i == 3 {
			want = 0
		}
		if n := len(srv.To(fmt.Sprintf("m%d@example.test", i))); n != want {
			t.Errorf("m%d got %d mails, want %d", i, n, want)
		}
	}
}

func TestDispatcherGivesUpAfterMaxAttempts(t *testing.T) {
	srv := mailtest.Start(t)
	st := openStore(t)
	ctx := t.Context()
	if _, err := st.Outbox.Enqueue(ctx, composed(t, 1, "en")); err != nil {
		t.Fatal(err)
	}
	srv.FailNext(domain.MaxOutboxAttempts + 1)
	clock := time.Now().Add(time.Second)
	d := &Dispatcher{Outbox: st.Outbox, Sender: newSMTP(t, srv, 5*time.Second), Holder: "test", Now: func() time.Time { return clock }}
	for range domain.MaxOutboxAttempts {
		if _, err := d.Drain(ctx, nil); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(7 * time.Hour)
	}
	counts, _ := st.Outbox.Counts(ctx)
	if counts[domain.OutboxFailed] != 1 || srv.Count() != 0 {
		t.Fatalf("counts %v, server %d", counts, srv.Count())
	}
}

func TestDispatcherWithoutSenderKeepsMail(t *testing.T) {
	st := openStore(t)
	if _, err := st.Outbox.Enqueue(t.Context(), composed(t, 1, "en")); err != nil {
		t.Fatal(err)
	}
	d := &Dispatcher{Outbox: st.Outbox, Holder: "test"}
	res, err := d.Drain(t.Context(), nil)
	if err != nil || res != (Result{}) {
		t.Fatalf("%+v, %v", res, err)
	}
	counts, _ := st.Outbox.Counts(t.Context())
	if counts[domain.OutboxPending] != 1 {
		t.Fatalf("counts %v", counts)
	}
}

func TestPacer(t *testing.T) {
	p := newPacer(50)
	ctx := context.Background()
	start := time.Now()
	for range 6 {
		if err := p.wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if took := time.Since(start); took < 90*time.Millisecond {
		t.Errorf("6 sends at 50/s took %s, want ≥100ms", took)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	slow := newPacer(0.1)
	_ = slow.wait(ctx)
	if err := slow.wait(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: %v", err)
	}
}

// TestDispatcherSlowRateClaimsLittle: at a slow rate the dispatcher claims no more than it can
// send well within a claim, so no other instance takes over messages still waiting here.
func TestDispatcherSlowRateClaimsLittle(t *testing.T) {
	srv := mailtest.Start(t)
	st := openStore(t)
	ctx := t.Context()
	for i := range 20 {
		m := composed(t, i, "en")
		if _, err := st.Outbox.Enqueue(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	clock := time.Now().Add(time.Second)
	// 4 messages a second and claims of 2 s: at most 2 claimed at a time.
	d := &Dispatcher{Outbox: st.Outbox, Sender: newSMTP(t, srv, 5*time.Second), Holder: "slow", Concurrency: 4, Batch: 100,
		Rate: 4, ClaimTTL: 2 * time.Second, Now: func() time.Time { return clock }}
	run, cancel := context.WithTimeout(ctx, 700*time.Millisecond)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); _, _ = d.Drain(run, nil) }()
	most := 0
	for run.Err() == nil {
		c, err := st.Outbox.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		most = max(most, c[domain.OutboxSending])
		time.Sleep(20 * time.Millisecond)
	}
	<-done
	if most == 0 || most > 2*2+4 {
		t.Fatalf("at most %d messages claimed at once, want some and no more than two batches of 2 and 4 in flight", most)
	}
}
