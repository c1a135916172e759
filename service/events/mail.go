package events

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"duijie/domain"
)

// mailQueueLimit bounds the registrations waiting for their mail in one process. Beyond it a
// registration's mail is left to the registration-mails job (it runs every minute), so a storm
// of registrations costs memory for at most this many.
const mailQueueLimit = 2048

// mailTimeout bounds queueing one registration's mail.
const mailTimeout = 30 * time.Second

// The worker yields to registrations: it waits for a pause of mailQuiet in them before each
// mail, but holds no mail back longer than mailMaxDefer (the registration-mails job's period:
// by then the job sends it anyway). Seats are what a storm of registrations competes for; the
// mail can follow when the storm has passed.
const (
	mailQuiet    = 100 * time.Millisecond
	mailMaxDefer = time.Minute
)

// mailQueue queues registration mail after the request that wrote the registration has been
// answered: rendering and storing a confirmation for the member and each attendee are several
// writes, which inside the request halved the rate a registration storm is served at. One
// worker drains the queue, started when there is work and gone when there is none, and it waits
// for a pause in registrations before each mail (mailQuiet), so that under a storm the CPU and
// the database's one writer go to taking seats. Nothing is
// lost when the process stops or the queue is full: the registration-mails job follows every
// registration change, and the outbox's dedup keys make whichever comes second queue nothing.
type mailQueue struct {
	m     Mailer
	log   *slog.Logger
	limit int // mailQueueLimit; tests make it small

	mu      sync.Mutex
	pending []mailItem
	running bool
	lastAdd time.Time
	hurry   bool          // wait() asked for the queue to drain without pauses
	wake    chan struct{} // interrupts the worker's pause
	idle    *sync.Cond
}

type mailItem struct {
	ctx context.Context
	at  time.Time
	r   domain.Registration
	e   domain.Event
}

func newMailQueue(m Mailer, log *slog.Logger) *mailQueue {
	q := &mailQueue{m: m, log: log, limit: mailQueueLimit, wake: make(chan struct{}, 1)}
	q.idle = sync.NewCond(&q.mu)
	return q
}

// add queues the mail of r (copied, with e) for the worker. ctx's values are kept, its
// cancellation is not: the request it belongs to ends before the mail is queued.
func (q *mailQueue) add(ctx context.Context, r *domain.Registration, e *domain.Event) {
	if q == nil || q.m == nil || r == nil || e == nil {
		return
	}
	now := time.Now()
	it := mailItem{ctx: context.WithoutCancel(ctx), at: now, r: *r, e: *e}
	it.r.Attendees = append([]domain.Attendee(nil), r.Attendees...)
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.pending) >= q.limit {
		q.log.Debug("registration mail left to the job", "registration", r.ID)
		return
	}
	q.pending = append(q.pending, it)
	q.lastAdd = now
	if !q.running {
		q.running = true
		go q.run()
	}
}

func (q *mailQueue) run() {
	for {
		q.mu.Lock()
		if len(q.pending) == 0 {
			q.running, q.hurry = false, false
			q.idle.Broadcast()
			q.mu.Unlock()
			return
		}
		pause := mailQuiet - time.Since(q.lastAdd)
		if q.hurry || time.Since(q.pending[0].at) >= mailMaxDefer {
			pause = 0
		}
		if pause > 0 {
			q.mu.Unlock()
			select {
			case <-time.After(pause):
			case <-q.wake:
			}
			continue
		}
		it := q.pending[0]
		q.pending[0] = mailItem{}
		q.pending = q.pending[1:]
		q.mu.Unlock()
		ctx, cancel := context.WithTimeout(it.ctx, mailTimeout)
		if _, err := q.m.Registration(ctx, &it.r, &it.e); err != nil {
			q.log.Warn("registration mail not queued; the registration-mails job will", "registration", it.r.ID, "err", err)
		}
		cancel()
	}
}

// wait drains the queue without pauses and blocks until it is empty and its worker gone.
func (q *mailQueue) wait() {
	if q == nil {
		return
	}
	q.mu.Lock()
	if q.running {
		q.hurry = true
		select {
		case q.wake <- struct{}{}:
		default:
		}
	}
	for q.running {
		q.idle.Wait()
	}
	q.mu.Unlock()
}
