package mail

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail/mailtest"
	"duijie/store"
	"duijie/store/sqlite"
)

// BenchmarkOutboxThroughput is BENCHMARKS.md's "Outbox throughput": N composed
// notices (DUIJIE_BENCH_MAILS, default 10,000) through the outbox on the embedded database and
// real SMTP connections (4) to a local sink, against a bare SMTP loop of the same messages in the
// same run. The bare loop and the outbox take turns in 5 rounds of N/5, so the noise of a shared
// machine falls on both alike. Metrics:
//
//   - bare-msgs/s: the messages straight to SMTP, no database;
//   - queue-msgs/s, drain-msgs/s: queueing in batches (EnqueueMany, 500 a write) and sending
//     (claim 500 while the previous 500 send, record deliveries 200 a write);
//   - ratio: drain ÷ bare, the outbox's cost on sending; e2e-ratio counts the queueing too;
//   - old-*: the same dispatcher with one write per queued message and per delivery;
//   - bare-cpu-µs/msg, drain-cpu-µs/msg, cpu-ratio: the process's CPU time per message (the
//     in-process relay's included, alike for both) and bare ÷ drain. On a shared machine
//     where other work takes the cores, wall-clock throughput follows CPU per message, so
//     cpu-ratio is the figure that noise moves least.
//
// Run it 5 times and take the medians:
//
//	go test -run '^$' -bench OutboxThroughput -benchtime 1x -count 5 ./mail/
func BenchmarkOutboxThroughput(b *testing.B) {
	n := 10_000
	if v := os.Getenv("DUIJIE_BENCH_MAILS"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	srv, err := mailtest.Listen()
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	srv.Discard(true)
	r, err := NewRenderer("https://duijie.example.org")
	if err != nil {
		b.Fatal(err)
	}
	base, err := r.Compose(domain.MailInstant, TemplateInstant, Recipient{UserID: "u", Email: "m@example.test", Name: "王芳",
		Locale: "zh-CN", UnsubscribeToken: "tok"}, &InstantData{Items: []InstantItem{{Kind: "quote", Title: "采购 PCBA 贴片加工",
		Detail: "无锡甲公司 报价：单价 CNY 41.50，合计 CNY 83,000.00。", Link: "https://duijie.example.org/leads/x/quotes"}}}, "k")
	if err != nil {
		b.Fatal(err)
	}
	msgs := func(prefix string) []*domain.OutboxMessage {
		out := make([]*domain.OutboxMessage, n)
		for i := range out {
			m := *base
			m.DedupKey, m.To = fmt.Sprintf("%s:%d", prefix, i), fmt.Sprintf("m%d@example.test", i)
			out[i] = &m
		}
		return out
	}
	newSender := func() *SMTP {
		s, err := NewSMTP(SMTPConfig{Host: srv.Host, Port: srv.Port, From: "对接 <no-reply@duijie.example.org>", Timeout: 30 * time.Second})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	const conc, rounds = 4, 5
	ctx := context.Background()
	stNew, stOld := openStoreB(b), openStoreB(b)
	b.ResetTimer()

	// Queue both sets: the new way (500 a write) and the old (one write each). Round r's
	// messages fall due r minutes after t0, so each round below drains only its own.
	t0 := time.Now().Add(-time.Hour)
	due := func(i int) time.Time { return t0.Add(time.Duration(i*rounds/n) * time.Minute) }
	newMsgs, oldMsgs := msgs("new"), msgs("old")
	for i := range newMsgs {
		newMsgs[i].CreatedAt, newMsgs[i].NextAttemptAt = t0, due(i)
		oldMsgs[i].CreatedAt, oldMsgs[i].NextAttemptAt = t0, due(i)
	}
	start := time.Now()
	for i := 0; i < n; i += 500 {
		if _, err := stNew.Outbox.EnqueueMany(ctx, newMsgs[i:min(i+500, n)]); err != nil {
			b.Fatal(err)
		}
	}
	queueTook := time.Since(start)
	start = time.Now()
	for _, m := range oldMsgs {
		if _, err := stOld.Outbox.Enqueue(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
	oldQueue := time.Since(start)

	// The bare loop and the two outboxes take turns in rounds, so the machine's noise (a shared
	// 2-core box) falls on all three alike.
	bare := newSender()
	defer bare.Close()
	bareMsgs := msgs("bare")
	for _, m := range bareMsgs {
		m.ID = domain.NewID()
	}
	// One sender per outbox, kept across rounds like the bare loop's (and production's).
	newOut, oldOut := newSender(), newSender()
	defer newOut.Close()
	defer oldOut.Close()
	var bareTook, drainTook, oldDrain, bareCPU, drainCPU time.Duration
	for r := range rounds {
		lo, hi := r*n/rounds, (r+1)*n/rounds
		before := srv.Count()
		start, cpu := time.Now(), processCPU()
		var wg sync.WaitGroup
		work := make(chan *domain.OutboxMessage)
		for range conc {
			wg.Go(func() {
				for m := range work {
					if err := bare.Send(ctx, m); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, m := range bareMsgs[lo:hi] {
			work <- m
		}
		close(work)
		wg.Wait()
		bareTook += time.Since(start)
		bareCPU += processCPU() - cpu
		if srv.Count()-before != hi-lo {
			b.Fatalf("bare loop sent %d", srv.Count()-before)
		}
		at := t0.Add(time.Duration(r) * time.Minute)
		cpu = processCPU()
		drainTook += drainRound(b, stNew, newOut, srv, at, 0, hi-lo)
		drainCPU += processCPU() - cpu
		oldDrain += drainRound(b, stOld, oldOut, srv, at, 1, hi-lo)
	}
	b.StopTimer()

	rate := func(d time.Duration) float64 { return float64(n) / d.Seconds() }
	bareRate := rate(bareTook)
	b.ReportMetric(bareRate, "bare-msgs/s")
	b.ReportMetric(rate(queueTook), "queue-msgs/s")
	b.ReportMetric(rate(drainTook), "drain-msgs/s")
	b.ReportMetric(rate(drainTook)/bareRate, "ratio")
	b.ReportMetric(rate(queueTook+drainTook)/bareRate, "e2e-ratio")
	b.ReportMetric(rate(oldQueue), "old-queue-msgs/s")
	b.ReportMetric(rate(oldDrain), "old-drain-msgs/s")
	b.ReportMetric(rate(oldDrain)/bareRate, "old-ratio")
	perMsg := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(n) }
	if bareCPU > 0 && drainCPU > 0 {
		b.ReportMetric(perMsg(bareCPU), "bare-cpu-µs/msg")
		b.ReportMetric(perMsg(drainCPU), "drain-cpu-µs/msg")
		b.ReportMetric(float64(bareCPU)/float64(drainCPU), "cpu-ratio")
	}
	b.Logf("%d notices: bare SMTP %s (%.0f/s); batched queue %s (%.0f/s), drain %s (%.0f/s) = %.2f× bare; one write each: queue %s, drain %s (%.0f/s) = %.2f× bare",
		n, bareTook.Round(time.Millisecond), bareRate, queueTook.Round(time.Millisecond), rate(queueTook),
		drainTook.Round(time.Millisecond), rate(drainTook), rate(drainTook)/bareRate, oldQueue.Round(time.Millisecond),
		oldDrain.Round(time.Millisecond), rate(oldDrain), rate(oldDrain)/bareRate)
}

// drainRound sends what is due at at in st, deliveries recorded markBatch per write (0: the default), checks
// that want messages went out, and says how long it took.
func drainRound(b *testing.B, st *store.Store, sender *SMTP, srv *mailtest.Server, at time.Time, markBatch, want int) time.Duration {
	b.Helper()
	d := &Dispatcher{Outbox: st.Outbox, Sender: sender, Holder: "bench", Concurrency: 4, Batch: 500, MarkBatch: markBatch,
		Now: func() time.Time { return at }}
	before := srv.Count()
	start := time.Now()
	res, err := d.Drain(context.Background(), nil)
	took := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	if res.Sent != want || srv.Count()-before != want {
		b.Fatalf("drained %d (relay %d) of %d", res.Sent, srv.Count()-before, want)
	}
	return took
}

func openStoreB(b *testing.B) *store.Store {
	b.Helper()
	st, err := sqlite.Open(filepath.Join(b.TempDir(), "duijie.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Health.Close() })
	return st
}
