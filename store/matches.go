package store

import (
	"context"
	"time"

	"duijie/domain"
)

// MatchFilter narrows a match listing or a funnel; every set field must hold.
type MatchFilter struct {
	LeadID       string
	EnterpriseID string               // the supplier ("leads for you")
	Clusters     []string             // matches of leads in any of these clusters
	Statuses     []domain.MatchStatus // any of these
	// SentFrom and SentUntil bound SentAt to [SentFrom, SentUntil); zero leaves a side open.
	// Either one set leaves out matches never sent.
	SentFrom, SentUntil time.Time
}

// MatchRepo stores matches, at most one per (lead, enterprise): a unique key on both engines,
// so storing a lead's ranking twice, or from two instances at once, never duplicates a pair.
// Moves along the lifecycle are conditional on the stored status.
type MatchRepo interface {
	// Put stores a ranking. A pair not stored yet is created as given (ID assigned when empty);
	// a stored pair keeps its ID, status, answers and history and takes the new rank, score,
	// explanation, enterprise name and clusters. ms are filled with what is stored; Put returns
	// how many pairs it created.
	Put(ctx context.Context, ms []domain.Match) (int, error)
	Get(ctx context.Context, id string) (*domain.Match, error)
	// ByLead returns every match of a lead, best score first.
	ByLead(ctx context.Context, leadID string) ([]domain.Match, error)
	// List returns a page, newest first, the next cursor ("" at the end) and the total.
	List(ctx context.Context, f MatchFilter, page Page) ([]domain.Match, string, int, error)
	// Update replaces the stored match (matched by ID) if its stored status is still expect;
	// otherwise domain.ErrConflict (or ErrNotFound when it does not exist).
	Update(ctx context.Context, m *domain.Match, expect domain.MatchStatus) error
	// Counts tallies the matching matches by status and by furthest stage reached, and sums
	// the CNY values of those at intent and at signed.
	Counts(ctx context.Context, f MatchFilter) (domain.MatchCounts, error)
	// SentSince counts, per supplier, the matches sent at or after t: the exposure that fair
	// spreading weighs.
	SentSince(ctx context.Context, t time.Time) (map[string]int, error)
}
