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

// BenchmarkOutboxThroughput is BENCHMARKS.md's "Outbox throughput (issue 11)": N composed
// notices (DUIJIE_BENCH_MAILS, default 10,000) through the outbox on the embedded database and
// real SMTP connections to a local sink, against a bare SMTP loop of the same messages in the
// same run. It reports, as separate metrics:
//
//   - bare-msgs/s: the messages straight to SMTP, 4 connections, no database;
//   - queue-msgs/s and drain-msgs/s: queueing in batches (EnqueueMany, 500 a write) and sending
//     them (claim 500, send on 4 connections, record deliveries 64 a write);
//   - ratio: drain ÷ bare, the outbox's overhead on sending;
//   - e2e-ratio: N ÷ (queue + drain time) ÷ bare;
//   - old-*: the same with one write per queued message and one per delivery, as before issue 11.
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
	const conc = 4
	ctx := context.Background()
	st := openStoreB(b)
	b.ResetTimer()

	// The bare loop.
	bare := newSender()
	defer bare.Close()
	bareMsgs := msgs("bare")
	for _, m := range bareMsgs {
		m.ID = domain.NewID()
	}
	start, before := time.Now(), srv.Count()
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
	for _, m := range bareMsgs {
		work <- m
	}
	close(work)
	wg.Wait()
	bareTook := time.Since(start)
	if srv.Count()-before != n {
		b.Fatalf("bare loop sent %d", srv.Count()-before)
	}

	// The outbox, batched.
	queueTook, drainTook := runOutbox(b, st, newSender, msgs("new"), 500, 64, srv)
	// The outbox as before: one write per message queued and per delivery recorded.
	oldQueue, oldDrain := runOutbox(b, st, newSender, msgs("old"), 1, 1, srv)
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
	b.Logf("%d notices: bare SMTP %s (%.0f/s); batched queue %s (%.0f/s), drain %s (%.0f/s) = %.2f× bare; one write each: queue %s, drain %s (%.0f/s) = %.2f× bare",
		n, bareTook.Round(time.Millisecond), bareRate, queueTook.Round(time.Millisecond), rate(queueTook),
		drainTook.Round(time.Millisecond), rate(drainTook), rate(drainTook)/bareRate, oldQueue.Round(time.Millisecond),
		oldDrain.Round(time.Millisecond), rate(oldDrain), rate(oldDrain)/bareRate)
}

// runOutbox queues ms (queueBatch per write; 1 = Enqueue one by one) and drains them with
// deliveries recorded markBatch per write, and says how long each took.
func runOutbox(b *testing.B, st *store.Store, newSender func() *SMTP, ms []*domain.OutboxMessage, queueBatch, markBatch int,
	srv *mailtest.Server) (time.Duration, time.Duration) {
	b.Helper()
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < len(ms); i += queueBatch {
		chunk := ms[i:min(i+queueBatch, len(ms))]
		if queueBatch == 1 {
			if _, err := st.Outbox.Enqueue(ctx, chunk[0]); err != nil {
				b.Fatal(err)
			}
			continue
		}
		if _, err := st.Outbox.EnqueueMany(ctx, chunk); err != nil {
			b.Fatal(err)
		}
	}
	queued := time.Since(start)
	sender := newSender()
	defer sender.Close()
	d := &Dispatcher{Outbox: st.Outbox, Sender: sender, Holder: "bench", Concurrency: 4, Batch: 500, MarkBatch: markBatch}
	before := srv.Count()
	start = time.Now()
	res, err := d.Drain(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	drained := time.Since(start)
	if res.Sent != len(ms) || srv.Count()-before != len(ms) {
		b.Fatalf("drained %d (relay %d) of %d", res.Sent, srv.Count()-before, len(ms))
	}
	return queued, drained
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
