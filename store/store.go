// Package store defines the repositories the rest of Duijie uses. Two engines implement them:
// store/sqlite (embedded default) and store/mongo. store/storetest holds the one behavioural
// suite both must pass. Correctness rests on atomic single-record operations and unique keys,
// which both engines give; no repository relies on multi-document transactions.
package store

import (
	"context"
	"fmt"
	"time"

	"duijie/domain"
)

// Store bundles the repositories of one engine. New capabilities add a field here and an
// implementation in each engine.
type Store struct {
	Engine      string // "sqlite" or "mongodb", for logs and /readyz
	Users       UserRepo
	Sessions    SessionRepo
	Tokens      TokenRepo
	Clusters    ClusterRepo
	Enterprises EnterpriseRepo
	Audit       AuditRepo
	Health      Health
	// Events capability: events with agendas, registrations, door scans, calendar feeds.
	Events        EventRepo
	Registrations RegistrationRepo
	Checkins      CheckinRepo
	Calendars     CalendarRepo
	// Jobs and mail capability: job leases and runs, checkpoints, outbox, preferences.
	Leases      LeaseRepo
	JobRuns     JobRunRepo
	Checkpoints CheckpointRepo
	Outbox      OutboxRepo
	Preferences PreferenceRepo
	// Profiles and leads capability: order leads (enterprises are above).
	Leads LeadRepo
	// Matching capability: matches of leads and suppliers, one per pair.
	Matches MatchRepo
	// Campaign capability: yearly 十百千万 targets and the counts behind the dashboard.
	Campaign CampaignRepo
	// Meetings capability: 1:1 meeting requests at events and their schedule.
	Meetings MeetingRepo
	// Trust and accounts capability (trust.go): business licences, failure counters shared by
	// every instance, and single-use account links (password reset, invitations).
	Licences     LicenceRepo
	Limits       LimitRepo
	AccountLinks AccountLinkRepo
	// Deal loop capability: registration walk for mails, instant notices, quotes,
	// shortlists.
	RegFeed    RegistrationFeed
	Notices    NoticeRepo
	Quotes     QuoteRepo
	Shortlists ShortlistRepo
	// Triage lessons (triage.go): the cluster office's corrections of inferred clusters and the
	// learned links switched off.
	Triage TriageRepo
}

// Health is what the process needs of the engine itself.
type Health interface {
	Ping(ctx context.Context) error
	// Empty reports whether the database holds no users, clusters or enterprises yet; demo data
	// is loaded only then.
	Empty(ctx context.Context) (bool, error)
	Close() error
}

// Page asks for one page of a list. Cursor is opaque to callers: pass back what the previous
// page returned in Next.
type Page struct {
	Limit  int
	Cursor string
}

// Clamp bounds the page size so no caller can ask for the whole table.
func (p Page) Clamp(def, max int) Page {
	if p.Limit <= 0 {
		p.Limit = def
	}
	if p.Limit > max {
		p.Limit = max
	}
	return p
}

// UserRepo stores accounts. Emails are unique (case-insensitive: callers pass them normalised).
type UserRepo interface {
	// Create stores u; a taken email is a *domain.ConflictError on "email".
	Create(ctx context.Context, u *domain.User) error
	Get(ctx context.Context, id string) (*domain.User, error)
	GetByEmail(ctx context.Context, email string) (*domain.User, error)
	// Update replaces the stored user with u (matched by ID).
	Update(ctx context.Context, u *domain.User) error
	// List returns users, newest first; role "" means all.
	List(ctx context.Context, role domain.Role, page Page) ([]domain.User, string, error)
	// ByEnterprise returns the members of an enterprise.
	ByEnterprise(ctx context.Context, enterpriseID string) ([]domain.User, error)
	Count(ctx context.Context) (int, error)
}

// SessionRepo stores browser sessions.
type SessionRepo interface {
	Create(ctx context.Context, s *domain.Session) error
	// Get returns the session unless it does not exist or has expired at now.
	Get(ctx context.Context, id string, now time.Time) (*domain.Session, error)
	Delete(ctx context.Context, id string) error
	DeleteByUser(ctx context.Context, userID string) error
	// DeleteExpired removes sessions that expired before now and says how many.
	DeleteExpired(ctx context.Context, now time.Time) (int, error)
}

// TokenRepo stores API tokens by the hash of their secret.
type TokenRepo interface {
	Create(ctx context.Context, t *domain.APIToken) error
	// GetByHash returns the token unless it does not exist or has expired at now.
	GetByHash(ctx context.Context, hash string, now time.Time) (*domain.APIToken, error)
	ListByUser(ctx context.Context, userID string) ([]domain.APIToken, error)
	// Delete removes the token if it belongs to userID.
	Delete(ctx context.Context, userID, id string) error
	Touch(ctx context.Context, id string, at time.Time) error
	// DeleteBySession revokes the tokens issued with a browser session (signing it out).
	DeleteBySession(ctx context.Context, sessionID string) (int, error)
	// DeleteByUser revokes every token of the user (password changed or reset).
	DeleteByUser(ctx context.Context, userID string) (int, error)
}

// ClusterRepo stores the clusters, ordered by SortOrder then Code.
type ClusterRepo interface {
	List(ctx context.Context) ([]domain.Cluster, error)
	Get(ctx context.Context, code string) (*domain.Cluster, error)
	// Create stores c; a taken code is a *domain.ConflictError on "code".
	Create(ctx context.Context, c *domain.Cluster) error
	Update(ctx context.Context, c *domain.Cluster) error
}

// EnterpriseFilter narrows an enterprise listing. Q matches name, USCC or products (substring).
type EnterpriseFilter struct {
	Cluster  string
	Clusters []string // any of these; organisers see only their clusters
	Q        string
	Region   string
	Tier     domain.EnterpriseTier
	// Verification "" means any; records from before verification existed count as unverified.
	Verification domain.Verification
}

// EnterpriseRepo stores enterprises. USCCs are unique.
type EnterpriseRepo interface {
	// Create stores e; a taken USCC is a *domain.ConflictError on "uscc".
	Create(ctx context.Context, e *domain.Enterprise) error
	Get(ctx context.Context, id string) (*domain.Enterprise, error)
	GetByUSCC(ctx context.Context, uscc string) (*domain.Enterprise, error)
	// Update replaces the stored enterprise (matched by ID); UpdatedAt is set by the caller.
	Update(ctx context.Context, e *domain.Enterprise) error
	Delete(ctx context.Context, id string) error
	// List returns a page ordered by name, the cursor of the next page ("" at the end) and the total.
	List(ctx context.Context, f EnterpriseFilter, page Page) ([]domain.Enterprise, string, int, error)
	// UpdatedAfter returns up to limit enterprises that come after mark in the (updatedAt, id)
	// order, in that order, for index re-sync. A short page is the last one; limit outside
	// 1..domain.MaxSyncPage is an error, never a silently shorter page.
	UpdatedAfter(ctx context.Context, mark domain.SyncMark, limit int) ([]domain.Enterprise, error)
	// CountMatchable counts the enterprises a matching index should hold: all but the blocked.
	CountMatchable(ctx context.Context) (int, error)
	// UpsertByUSCC creates enterprises with a new USCC and updates the others, keeping their ID,
	// creation time and status; SQLite writes all or none. progress (may be nil) is told how many
	// are done. es is filled with what was stored.
	UpsertByUSCC(ctx context.Context, es []domain.Enterprise, progress func(done int)) (created, updated int, err error)
	// SetVerification moves the enterprise to state to (with note, at) when its current state is
	// one of from, and returns it; another current state is a *domain.ConflictError on
	// "verification". Update and UpsertByUSCC never change the verification fields, so a profile
	// edit racing a decision cannot undo it.
	SetVerification(ctx context.Context, id string, to domain.Verification, note string, at time.Time,
		from ...domain.Verification) (*domain.Enterprise, error)
	// UpsertBatches is UpsertByUSCC over the batches next returns until an empty one, so an
	// import never holds all its rows; SQLite writes all or none of them. Batches whose
	// enterprises have no UpdatedAt are stamped when written.
	UpsertBatches(ctx context.Context, next func() ([]domain.Enterprise, error), progress func(done int)) (created, updated int, err error)
}

// AuditRepo appends to and reads the audit log.
type AuditRepo interface {
	Append(ctx context.Context, e *domain.AuditEntry) error
	// List returns entries newest first; target "" means all.
	List(ctx context.Context, target string, page Page) ([]domain.AuditEntry, string, error)
}

// CheckSyncPage refuses a re-sync page size a store would have to cut short.
func CheckSyncPage(limit int) error {
	if limit < 1 || limit > domain.MaxSyncPage {
		return fmt.Errorf("store: sync page of %d records is outside 1..%d", limit, domain.MaxSyncPage)
	}
	return nil
}

// OneBatch serves es as the only batch of an UpsertBatches.
func OneBatch(es []domain.Enterprise) func() ([]domain.Enterprise, error) {
	served := false
	return func() ([]domain.Enterprise, error) {
		if served {
			return nil, nil
		}
		served = true
		return es, nil
	}
}
