package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"duijie/domain"
	"duijie/store"
)

// Dispatcher drains the outbox: it claims due messages, sends them with bounded concurrency and
// rate, and records each outcome. Several dispatchers (instances) may run at once: a claim
// gives each message to one of them. A process that dies after the relay accepted a message
// but before recording it sends that message again when the claim runs out; the Message-ID
// stays the same, so mail systems can recognise the repeat.
type Dispatcher struct {
	Outbox      store.OutboxRepo
	Sender      Sender
	Holder      string        // this instance, recorded on claims
	Concurrency int           // messages in flight at once; default 4
	Rate        float64       // messages per second; 0 = as fast as the relay takes them
	Batch       int           // messages claimed at a time; default 100
	ClaimTTL    time.Duration // how long a claim lasts before another sender may take it; default 10 min
	MarkBatch   int           // deliveries recorded per write; default 200
	Log         *slog.Logger
	Now         func() time.Time

	pace     *pacer
	paceOnce sync.Once
}

// Result counts what one drain did.
type Result struct {
	Sent, Retried, Failed int
}

func (d *Dispatcher) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Dispatcher) log() *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.Default()
}

// Drain sends due messages until none is left or ctx ends. Without a Sender it does nothing:
// mail then stays in the outbox, where the admin Outbox page shows it. progress, when set, is
// told the running counts after every Batch outcomes and at the end, from one goroutine.
//
// Drain is a pipeline of three stages, so that neither the relay connections nor the database
// wait for each other: a claimer keeps up to one batch claimed ahead of the senders, Concurrency
// senders take messages one by one, and a recorder writes deliveries in batches (MarkBatch a
// write, at least every second). A sender never waits for a database write: before, every
// sender stopped at the end of each batch until the slowest finished, and the one that filled a
// batch of deliveries stopped while it was written.
func (d *Dispatcher) Drain(ctx context.Context, progress func(Result)) (Result, error) {
	var res Result
	if d.Sender == nil {
		return res, nil
	}
	d.paceOnce.Do(func() { d.pace = newPacer(d.Rate) })
	conc, batch, ttl := d.Concurrency, d.Batch, d.ClaimTTL
	if conc <= 0 {
		conc = 4
	}
	if batch <= 0 {
		batch = 100
	}
	if ttl <= 0 {
		ttl = 10 * time.Minute
	}
	if d.Rate > 0 {
		// Up to two batches are claimed ahead of the senders; at a slow rate they must go out
		// well within the claim, or another instance would take them over and send them too.
		batch = max(1, min(batch, int(ttl.Seconds()*d.Rate/4)))
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	// stop ends claiming and sending after a failed write; what is claimed and not yet sent is
	// then handed back by sendOne, which sees run ended.
	run, stop := context.WithCancel(ctx)
	defer stop()
	work := make(chan *domain.OutboxMessage, batch)
	var claimErr error
	go func() {
		defer close(work)
		// The first claim is small so the connections start at once; the rest are full batches.
		limit := min(batch, 2*conc)
		for run.Err() == nil {
			now := d.now()
			msgs, err := d.Outbox.Claim(run, d.Holder, now, now.Add(ttl), limit)
			if err != nil {
				if run.Err() == nil {
					claimErr = fmt.Errorf("claim mail: %w", err)
					stop()
				}
				return
			}
			if len(msgs) == 0 {
				return
			}
			for i := range msgs {
				work <- &msgs[i]
			}
			limit = batch
		}
	}()

	type outcome struct {
		id     string
		status domain.OutboxStatus
		err    error
	}
	// The buffer holds what the senders finish while a batch of deliveries is written; it also
	// bounds what a killed process sent without recording (MarkBatch + buffer), hence no bigger.
	outcomes := make(chan outcome, d.markBatch()+conc)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for m := range work {
				status, err := d.sendOne(run, m)
				outcomes <- outcome{m.ID, status, err}
			}
		})
	}
	go func() { wg.Wait(); close(outcomes) }()

	// Deliveries are recorded in batches (one write per MarkBatch messages instead of one each):
	// a process that dies before a batch is recorded sends those messages again when their
	// claim runs out, with the same Message-ID, as it did for one message before.
	var (
		firstErr error
		sent     []string // delivered, not yet recorded
		since    int      // outcomes since progress was last told
	)
	record := func() {
		if len(sent) == 0 {
			return
		}
		rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if _, err := d.Outbox.MarkSentMany(rec, sent, d.Holder, d.now()); err != nil && firstErr == nil {
			firstErr = fmt.Errorf("mark %d mails sent: %w", len(sent), err)
			stop()
		}
		sent = sent[:0]
	}
	tell := func() {
		record()
		if progress != nil && since > 0 {
			progress(res)
		}
		since = 0
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case o, ok := <-outcomes:
			if !ok {
				tell()
				return res, errors.Join(claimErr, firstErr, ctx.Err())
			}
			since++
			switch o.status {
			case domain.OutboxSent:
				res.Sent++
				sent = append(sent, o.id)
			case domain.OutboxPending:
				res.Retried++
			case domain.OutboxFailed:
				res.Failed++
			}
			if o.err != nil && firstErr == nil {
				firstErr = o.err
				stop()
			}
			switch {
			case since >= batch:
				tell()
			case len(sent) >= d.markBatch():
				record()
			}
		case <-tick.C:
			// A slow relay (Rate) must not leave deliveries unrecorded for long.
			record()
		}
	}
}

// markBatch is how many deliveries are recorded in one write.
func (d *Dispatcher) markBatch() int {
	if d.MarkBatch > 0 {
		return d.MarkBatch
	}
	return 200
}

// sendOne sends one claimed message and records a failure; a delivery is recorded by the
// caller, in batches. Recording uses a context that outlives ctx: what the relay did must be
// written even during shutdown.
func (d *Dispatcher) sendOne(ctx context.Context, m *domain.OutboxMessage) (domain.OutboxStatus, error) {
	// rec is made only for a write: a delivery, the common case, writes nothing here.
	rec := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	}
	if err := d.pace.wait(ctx); err != nil {
		// Shutting down: hand the message back untouched for the next run.
		rctx, cancel := rec()
		defer cancel()
		if rerr := d.Outbox.Retry(rctx, m.ID, d.Holder, m.LastError, d.now()); rerr != nil && !errors.Is(rerr, domain.ErrConflict) {
			return "", fmt.Errorf("hand back mail %s: %w", m.ID, rerr)
		}
		return "", nil
	}
	err := d.Sender.Send(ctx, m)
	if err == nil {
		return domain.OutboxSent, nil // recorded in batches by Drain
	}
	now := d.now()
	rctx, cancel := rec()
	defer cancel()
	switch {
	case Permanent(err) || m.Attempts >= domain.MaxOutboxAttempts:
		d.log().Warn("mail failed for good", "id", m.ID, "to", m.To, "kind", m.Kind, "attempts", m.Attempts, "err", err)
		if err := d.Outbox.Fail(rctx, m.ID, d.Holder, domain.ErrorText(err), now); err != nil {
			return domain.OutboxFailed, fmt.Errorf("mark mail %s failed: %w", m.ID, err)
		}
		return domain.OutboxFailed, nil
	default:
		next := now.Add(domain.OutboxBackoff(m.Attempts))
		d.log().Info("mail will be retried", "id", m.ID, "to", m.To, "attempts", m.Attempts, "next", next, "err", err)
		if err := d.Outbox.Retry(rctx, m.ID, d.Holder, domain.ErrorText(err), next); err != nil {
			return domain.OutboxPending, fmt.Errorf("reschedule mail %s: %w", m.ID, err)
		}
		return domain.OutboxPending, nil
	}
}
