package jobs

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/mail/mailtest"
)

// BenchmarkDigestRun is the digest run of BENCHMARKS.md ("Jobs"): DUIJIE_BENCH_MEMBERS members
// (default 100,000) with daily digests, half of them with a new matched lead, on the embedded
// database; the run queues their digests and the outbox sender hands them to a local SMTP sink
// over real SMTP connections. It reports messages per second end to end (compose + queue +
// claim + SMTP), the same for a bare SMTP send loop of the same messages, their ratio, and the
// process's peak resident memory. Run it with -benchtime=1x:
//
//	go test -run='^$' -bench=DigestRun -benchtime=1x ./jobs/
func BenchmarkDigestRun(b *testing.B) {
	members := 100_000
	if v := os.Getenv("DUIJIE_BENCH_MEMBERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 {
			b.Fatalf("DUIJIE_BENCH_MEMBERS=%q", v)
		}
		members = n
	}
	st := openStore(b)
	ctx := context.Background()
	sh, _ := domain.LoadZone(Zone)
	now := time.Date(2026, 11, 27, 8, 30, 0, 0, sh)
	p, _ := PeriodAt(domain.DigestDaily, now, sh)
	feed := &leadFeed{matches: map[string][]fedLead{}}
	setup := time.Now()
	for i := range members {
		u := &domain.User{ID: domain.NewID(), Email: fmt.Sprintf("member%06d@example.test", i), Name: fmt.Sprintf("成员%d", i),
			Role: domain.RoleMember, Locale: []string{"zh-CN", "en"}[i%2], CreatedAt: now, UpdatedAt: now}
		if err := st.Users.Create(ctx, u); err != nil {
			b.Fatal(err)
		}
		if err := st.Preferences.Put(ctx, &domain.Preferences{UserID: u.ID, Digest: domain.DigestDaily, Locale: u.Locale,
			UnsubscribeToken: domain.RandomToken(24), UpdatedAt: now}); err != nil {
			b.Fatal(err)
		}
		if i%2 == 0 {
			feed.matches[u.ID] = []fedLead{{fmt.Sprintf("冷库温度远程监测改造项目 %d", i), p.End.Add(-time.Hour)}}
		}
	}
	b.Logf("setup: %d members in %s", members, time.Since(setup).Round(time.Millisecond))

	srv, err := mailtest.Listen()
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	srv.Discard(true)
	newSender := func() *mail.SMTP {
		s, err := mail.NewSMTP(mail.SMTPConfig{Host: srv.Host, Port: srv.Port, From: "对接 <no-reply@duijie.example.org>", Timeout: 30 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	const conc = 4
	r := renderer(b)
	d := &Digest{Store: st, Renderer: r, Sources: Sources{Leads: feed}, Batch: 500, Now: func() time.Time { return now }}
	sender := newSender()
	defer sender.Close()
	disp := &mail.Dispatcher{Outbox: st.Outbox, Sender: sender, Holder: "bench", Concurrency: conc, Batch: 500,
		Now: func() time.Time { return now.Add(time.Minute) }}

	// As in production, the outbox sender drains while the digest job is still queuing (the
	// outbox job runs every minute); the run ends when the digest is done and the outbox empty.
	b.ResetTimer()
	start := time.Now()
	run := newRun(st)
	var composed time.Duration
	digestDone := make(chan error, 1)
	go func() {
		err := d.RunPeriod(ctx, run, p, nil)
		composed = time.Since(start)
		digestDone <- err
	}()
	sent := 0
	for finished := false; ; {
		res, err := disp.Drain(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		sent += res.Sent
		if finished && res.Sent == 0 {
			break
		}
		select {
		case err := <-digestDone:
			if err != nil {
				b.Fatal(err)
			}
			finished = true
		default:
			if res.Sent == 0 {
				time.Sleep(20 * time.Millisecond)
			}
		}
	}
	total := time.Since(start)
	b.StopTimer()
	if sent != members/2+members%2 || srv.Count() != sent {
		b.Fatalf("sent %d (server %d), want %d; counts %v", sent, srv.Count(), members/2, run.Counts())
	}

	// The bare loop: the same number of already composed messages straight to SMTP with the same
	// concurrency, no database.
	msgs := make([]*domain.OutboxMessage, 0, 256)
	for i := range 256 {
		m, err := r.Compose(domain.MailDigest, mail.TemplateDigest, mail.Recipient{UserID: "u", Email: fmt.Sprintf("bare%d@example.test", i),
			Locale: "zh-CN", UnsubscribeToken: "t"}, &mail.DigestData{Period: "daily", PeriodLabel: p.Label,
			Leads: []mail.DigestLead{{Title: "冷库温度远程监测改造项目", Why: "物联网", Link: "https://duijie.example.org/leads/x"}}}, "k")
		if err != nil {
			b.Fatal(err)
		}
		m.ID = domain.NewID()
		msgs = append(msgs, m)
	}
	bare := newSender()
	defer bare.Close()
	before := srv.Count()
	bareStart := time.Now()
	var wg sync.WaitGroup
	work := make(chan int)
	for range conc {
		wg.Go(func() {
			for i := range work {
				if err := bare.Send(ctx, msgs[i%len(msgs)]); err != nil {
					b.Error(err)
				}
			}
		})
	}
	for i := range sent {
		work <- i
	}
	close(work)
	wg.Wait()
	bareTook := time.Since(bareStart)
	if srv.Count()-before != sent {
		b.Fatalf("bare loop sent %d", srv.Count()-before)
	}

	rate := float64(sent) / total.Seconds()
	bareRate := float64(sent) / bareTook.Seconds()
	peak := peakRSSMiB()
	b.ReportMetric(rate, "msgs/s")
	b.ReportMetric(bareRate, "bare-msgs/s")
	b.ReportMetric(rate/bareRate, "ratio")
	b.ReportMetric(total.Seconds(), "total-s")
	b.ReportMetric(peak, "peak-MiB")
	b.Logf("%d members, %d digests: all queued after %s, all handed to SMTP after %s = %.0f msgs/s; bare SMTP loop %s = %.0f msgs/s; ratio %.2f; peak RSS %.0f MiB",
		members, sent, composed.Round(time.Millisecond), total.Round(time.Millisecond),
		rate, bareTook.Round(time.Millisecond), bareRate, rate/bareRate, peak)
}

// peakRSSMiB reads the process's peak resident set (VmHWM) on Linux; 0 elsewhere.
func peakRSSMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
