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
// told the running counts after every batch.
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
	type claimed struct {
		msgs []domain.OutboxMessage
		err  error
	}
	claim := func() <-chan claimed {
		ch := make(chan claimed, 1)
		go func() {
			now := d.now()
			msgs, err := d.Outbox.Claim(ctx, d.Holder, now, now.Add(ttl), batch)
			ch <- claimed{msgs, err}
		}()
		return ch
	}
	// The next batch is claimed while this one is sent, so the connections do not wait for
	// the database between batches. A batch claimed when ctx ends still goes through
	// sendBatch, which hands its messages back at once.
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	next := claim()
	for {
		c := <-next
		if c.err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			return res, fmt.Errorf("claim mail: %w", c.err)
		}
		if len(c.msgs) == 0 {
			return res, ctx.Err()
		}
		if ctx.Err() == nil && len(c.msgs) == batch {
			next = claim()
		} else {
			// A short batch was the last one due; look again once it is sent.
			next = nil
		}
		r, err := d.sendBatch(ctx, c.msgs, conc)
		res.Sent, res.Retried, res.Failed = res.Sent+r.Sent, res.Retried+r.Retried, res.Failed+r.Failed
		if progress != nil {
			progress(res)
		}
		if next == nil {
			if err != nil || ctx.Err() != nil {
				return res, errors.Join(err, ctx.Err())
			}
			next = claim()
			continue
		}
		if err != nil {
			c := <-next // hand back what was claimed meanwhile
			if len(c.msgs) > 0 {
				d.sendBatch(cancelled(ctx), c.msgs, conc)
			}
			return res, err
		}
	}
}

// cancelled is ctx already ended, to hand messages back through sendBatch.
func cancelled(ctx context.Context) context.Context {
	c, cancel := context.WithCancel(ctx)
	cancel()
	return c
}

// sendBatch sends msgs with conc workers. A message not yet sent when ctx ends is handed back
// at once rather than waiting for its claim to run out.
func (d *Dispatcher) sendBatch(ctx context.Context, msgs []domain.OutboxMessage, conc int) (Result, error) {
	var (
		mu       sync.Mutex
		res      Result
		firstErr error
		wg       sync.WaitGroup
		sent     []string // delivered, not yet recorded
	)
	// Deliveries are recorded in batches (one write per markBatch messages instead of one
	// each): a process that dies before a batch is recorded sends those messages again when
	// their claim runs out, with the same Message-ID, as it did for one message before.
	// record writes ids outside the lock, so the other workers keep sending meanwhile.
	record := func(ids []string) {
		if len(ids) == 0 {
			return
		}
		rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if _, err := d.Outbox.MarkSentMany(rec, ids, d.Holder, d.now()); err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = fmt.Errorf("mark %d mails sent: %w", len(ids), err)
			}
			mu.Unlock()
		}
	}
	work := make(chan *domain.OutboxMessage)
	for range min(conc, len(msgs)) {
		wg.Go(func() {
			for m := range work {
				outcome, err := d.sendOne(ctx, m)
				var full []string
				mu.Lock()
				switch outcome {
				case domain.OutboxSent:
					res.Sent++
					sent = append(sent, m.ID)
					if len(sent) >= d.markBatch() {
						full, sent = sent, nil
					}
				case domain.OutboxPending:
					res.Retried++
				case domain.OutboxFailed:
					res.Failed++
				}
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				record(full)
			}
		})
	}
	for i := range msgs {
		work <- &msgs[i]
	}
	close(work)
	wg.Wait()
	record(sent)
	return res, firstErr
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
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := d.pace.wait(ctx); err != nil {
		// Shutting down: hand the message back untouched for the next run.
		if rerr := d.Outbox.Retry(rec, m.ID, d.Holder, m.LastError, d.now()); rerr != nil && !errors.Is(rerr, domain.ErrConflict) {
			return "", fmt.Errorf("hand back mail %s: %w", m.ID, rerr)
		}
		return "", nil
	}
	err := d.Sender.Send(ctx, m)
	now := d.now()
	switch {
	case err == nil:
		return domain.OutboxSent, nil // recorded by the batch (sendBatch)
	case Permanent(err) || m.Attempts >= domain.MaxOutboxAttempts:
		d.log().Warn("mail failed for good", "id", m.ID, "to", m.To, "kind", m.Kind, "attempts", m.Attempts, "err", err)
		if err := d.Outbox.Fail(rec, m.ID, d.Holder, domain.ErrorText(err), now); err != nil {
			return domain.OutboxFailed, fmt.Errorf("mark mail %s failed: %w", m.ID, err)
		}
		return domain.OutboxFailed, nil
	default:
		next := now.Add(domain.OutboxBackoff(m.Attempts))
		d.log().Info("mail will be retried", "id", m.ID, "to", m.To, "attempts", m.Attempts, "next", next, "err", err)
		if err := d.Outbox.Retry(rec, m.ID, d.Holder, domain.ErrorText(err), next); err != nil {
			return domain.OutboxPending, fmt.Errorf("reschedule mail %s: %w", m.ID, err)
		}
		return domain.OutboxPending, nil
	}
}
