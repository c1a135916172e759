package store

import (
	"context"
	"time"

	"duijie/domain"
)

// LeaseRepo keeps one lease per job name, so that one instance at a time runs the job. Every
// method is one atomic single-record operation on both engines.
type LeaseRepo interface {
	// Acquire gives the lease name to holder until until when nobody holds it, its holder's time
	// ran out at now, or holder already holds it. It reports whether holder now has the lease.
	Acquire(ctx context.Context, name, holder string, now, until time.Time) (bool, error)
	// Renew extends the lease if holder still holds it; a lease another holder took over (or
	// that was released) is domain.ErrConflict.
	Renew(ctx context.Context, name, holder string, until time.Time) error
	// Release gives the lease up if holder holds it; otherwise it does nothing.
	Release(ctx context.Context, name, holder string) error
	// List returns every lease ever taken, by name.
	List(ctx context.Context) ([]domain.Lease, error)
}

// JobRunRepo keeps the run history of jobs.
type JobRunRepo interface {
	// Start stores a new run (ID assigned when empty).
	Start(ctx context.Context, r *domain.JobRun) error
	// Finish writes the run's status, end, counts, error, note and folded idle runs.
	Finish(ctx context.Context, r *domain.JobRun) error
	// Delete removes a run (an idle run folded into the next, domain.FoldIdle).
	Delete(ctx context.Context, id string) error
	// Progress writes the counts of a running run, so the admin page shows it moving.
	Progress(ctx context.Context, id string, counts map[string]int) error
	Get(ctx context.Context, id string) (*domain.JobRun, error)
	// List returns runs newest first; job "" means all jobs.
	List(ctx context.Context, job string, page Page) ([]domain.JobRun, string, error)
	// Interrupt marks the job's runs still recorded as running (their process died) as
	// interrupted at at, except keep, and says how many. Callers hold the job's lease.
	Interrupt(ctx context.Context, job, keep string, at time.Time) (int, error)
}

// CheckpointRepo keeps how far a job got through one unit of work.
type CheckpointRepo interface {
	// Get returns the checkpoint of (job, key) or domain.ErrNotFound.
	Get(ctx context.Context, job, key string) (*domain.Checkpoint, error)
	// Save creates or replaces the checkpoint of (c.Job, c.Key).
	Save(ctx context.Context, c *domain.Checkpoint) error
}

// OutboxFilter narrows the outbox listing.
type OutboxFilter struct {
	Status domain.OutboxStatus // "" means all
	Kind   domain.MailKind     // "" means all
	To     string              // exact recipient address; "" means all
}

// OutboxRepo is the transactional outbox: mail is enqueued where the decision to send it is
// made, and senders claim, send and mark it. DedupKey is unique, so enqueuing is idempotent.
type OutboxRepo interface {
	// Enqueue stores m as pending (ID, CreatedAt and NextAttemptAt filled when zero) unless a
	// message with its DedupKey exists; created is false then and m is left as given.
	Enqueue(ctx context.Context, m *domain.OutboxMessage) (created bool, err error)
	// Claim takes up to limit messages due at now (pending with NextAttemptAt <= now, or sending
	// whose claim ran out) for holder until until, oldest due first, and counts the attempt.
	// Each message is claimed by one atomic update, so two senders never get the same one.
	Claim(ctx context.Context, holder string, now, until time.Time, limit int) ([]domain.OutboxMessage, error)
	// EnqueueMany stores several messages as Enqueue does, in one write where the engine allows
	// (queueing is batched so a digest run is not bound by one write per message);
	// created[i] tells whether ms[i] was new.
	EnqueueMany(ctx context.Context, ms []*domain.OutboxMessage) (created []bool, err error)
	// MarkSent records delivery of a message holder claimed; a lost claim is domain.ErrConflict.
	MarkSent(ctx context.Context, id, holder string, at time.Time) error
	// MarkSentMany records delivery of several messages holder claimed, in one write; messages
	// whose claim was lost are left alone. It returns how many it marked.
	MarkSentMany(ctx context.Context, ids []string, holder string, at time.Time) (int, error)
	// Retry puts a claimed message back to pending until next, keeping the error.
	Retry(ctx context.Context, id, holder, errText string, next time.Time) error
	// Fail records a permanent failure of a claimed message.
	Fail(ctx context.Context, id, holder, errText string, at time.Time) error
	Get(ctx context.Context, id string) (*domain.OutboxMessage, error)
	// List returns a page newest first without bodies, the next cursor and the total.
	List(ctx context.Context, f OutboxFilter, page Page) ([]domain.OutboxMessage, string, int, error)
	// Counts returns how many messages are in each status.
	Counts(ctx context.Context) (map[domain.OutboxStatus]int, error)
	// Restore stores messages copied from another installation as they were (status, attempts,
	// claim, times), skipping those whose ID or DedupKey is already stored, and says how many it
	// stored (`duijie migrate`: the keys of mail already sent keep it from going out twice).
	Restore(ctx context.Context, ms []domain.OutboxMessage) (int, error)
}

// PreferenceRepo stores users' mail preferences, one record per user.
type PreferenceRepo interface {
	// Get returns the user's preferences or domain.ErrNotFound when never saved.
	Get(ctx context.Context, userID string) (*domain.Preferences, error)
	// Put creates or replaces the user's preferences. UnsubscribeToken must be set and unique.
	Put(ctx context.Context, p *domain.Preferences) error
	// ByToken returns the preferences whose unsubscribe token is token, or domain.ErrNotFound.
	ByToken(ctx context.Context, token string) (*domain.Preferences, error)
	// ListDigest returns up to limit preferences with digest frequency f and a user ID greater
	// than after, ordered by user ID: the resumable walk of a digest run.
	ListDigest(ctx context.Context, f domain.DigestFrequency, after string, limit int) ([]domain.Preferences, error)
}
