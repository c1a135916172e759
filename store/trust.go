package store

import (
	"context"
	"time"

	"duijie/domain"
)

// LicenceRepo stores one business licence per enterprise.
type LicenceRepo interface {
	// Put stores l, replacing the enterprise's previous licence.
	Put(ctx context.Context, l *domain.Licence) error
	Get(ctx context.Context, enterpriseID string) (*domain.Licence, error)
}

// LimitRepo keeps failure counters (failed sign-ins, sign-ups per address) in the database, so
// that every instance behind a load balancer counts the same failures.
type LimitRepo interface {
	// Hit counts one failure under key at now and returns the counter; a counter whose first
	// failure is window or more before now starts again at 1.
	Hit(ctx context.Context, key string, now time.Time, window time.Duration) (domain.LimitCounter, error)
	// Get returns the counter of key, zero when there is none or it is older than window.
	Get(ctx context.Context, key string, now time.Time, window time.Duration) (domain.LimitCounter, error)
	// Reset forgets key (a successful sign-in, a password reset); a missing key is not an error.
	Reset(ctx context.Context, key string) error
	// DeleteIdle removes counters whose last failure is before t and says how many.
	DeleteIdle(ctx context.Context, t time.Time) (int, error)
}

// AccountLinkRepo stores single-use account links by the hash of their secret.
type AccountLinkRepo interface {
	Create(ctx context.Context, l *domain.AccountLink) error
	// Get returns the link of kind if it is live (unused and unexpired) at now, else ErrNotFound.
	Get(ctx context.Context, id string, kind domain.AccountLinkKind, now time.Time) (*domain.AccountLink, error)
	// Use marks a live link of kind used at now, atomically, and returns it: of two requests with
	// one link only one succeeds; the other gets ErrNotFound, as for a dead link.
	Use(ctx context.Context, id string, kind domain.AccountLinkKind, now time.Time) (*domain.AccountLink, error)
	// Invitations lists the live invitations to an enterprise, newest first.
	Invitations(ctx context.Context, enterpriseID string, now time.Time) ([]domain.AccountLink, error)
	// Revoke ends every live link of kind for the user ID or address (a second reset mail
	// replaces the first; a removed invitation stops working).
	Revoke(ctx context.Context, kind domain.AccountLinkKind, userID, email string, now time.Time) error
	// List returns up to limit links, live or not, with an ID greater than after, in ID order:
	// the walk of `duijie migrate`, so that links already mailed keep working after the move.
	List(ctx context.Context, after string, limit int) ([]domain.AccountLink, error)
}
