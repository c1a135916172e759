package store

import (
	"context"
	"time"

	"duijie/domain"
)

// RegistrationFeed is what the registration mails walk: registrations as they change, and
// offers about to lapse. Both engines serve it from an index.
type RegistrationFeed interface {
	// ChangedSince returns up to limit registrations whose UpdatedAt is after (since, afterID)
	// in (UpdatedAt, ID) order: the resumable walk of a job with a checkpoint.
	ChangedSince(ctx context.Context, since time.Time, afterID string, limit int) ([]domain.Registration, error)
	// OffersExpiring returns up to limit open offers that lapse before t, soonest first.
	OffersExpiring(ctx context.Context, t time.Time, limit int) ([]domain.Registration, error)
}

// NoticeRepo keeps the items of members' instant mails until they are queued.
type NoticeRepo interface {
	// Add stores n (ID and CreatedAt filled when zero) unless the user has a notice with its
	// Key; created is false then.
	Add(ctx context.Context, n *domain.Notice) (created bool, err error)
	// PendingUsers returns up to limit users with notices not yet queued and an ID greater than
	// after, in ID order.
	PendingUsers(ctx context.Context, after string, limit int) ([]string, error)
	// PendingFor returns the user's notices not yet queued, oldest first.
	PendingFor(ctx context.Context, userID string) ([]domain.Notice, error)
	// MarkQueued records that the notices went into the mail with dedup key mailKey.
	MarkQueued(ctx context.Context, ids []string, mailKey string, at time.Time) error
	// List returns up to limit notices, queued or not, with an ID greater than after, in ID
	// order: the walk of `duijie migrate`, which copies them all (a queued notice's key keeps
	// the same item from being mailed again).
	List(ctx context.Context, after string, limit int) ([]domain.Notice, error)
}

// QuoteRepo stores suppliers' quotes, one current quote per match.
type QuoteRepo interface {
	// Put creates the match's quote or replaces it (keeping ID and CreatedAt, counting
	// Revision up); q is filled with what is stored.
	Put(ctx context.Context, q *domain.Quote) error
	// ByMatch returns the match's quote or domain.ErrNotFound.
	ByMatch(ctx context.Context, matchID string) (*domain.Quote, error)
	// ByLead returns the lead's quotes, oldest first.
	ByLead(ctx context.Context, leadID string) ([]domain.Quote, error)
	// CountByLeads counts the quotes of each lead (leads without any are left out).
	CountByLeads(ctx context.Context, leadIDs []string) (map[string]int, error)
}

// ShortlistRepo keeps the suppliers a buyer shortlisted on each lead.
type ShortlistRepo interface {
	// Add shortlists the supplier on the lead; added is false when it was already.
	Add(ctx context.Context, leadID, enterpriseID, by string, at time.Time) (added bool, err error)
	// Remove takes it off; removed is false when it was not on the list.
	Remove(ctx context.Context, leadID, enterpriseID string) (removed bool, err error)
	// ByLead returns the shortlisted suppliers of the lead, in the order they were added.
	ByLead(ctx context.Context, leadID string) ([]string, error)
	// Entries returns the lead's shortlist with who added each supplier and when, in ByLead's
	// order: what `duijie migrate` copies.
	Entries(ctx context.Context, leadID string) ([]ShortlistEntry, error)
}

// ShortlistEntry is one supplier on a lead's shortlist.
type ShortlistEntry struct {
	EnterpriseID string
	AddedBy      string
	AddedAt      time.Time
}
