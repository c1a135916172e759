package store

import (
	"context"
	"time"

	"duijie/domain"
)

// CampaignWindow is what the campaign counts: events, leads and matches of [From, Until) (a
// programme year) in Clusters. Events starting before Now are held; later ones are scheduled.
type CampaignWindow struct {
	From, Until time.Time
	Now         time.Time // zero: every event of the window counts as held
	// Clusters narrows the count to events, leads and matches of any of these clusters; nil
	// means every cluster. An empty non-nil list counts nothing, so an organiser without
	// clusters never sees the whole programme by accident.
	Clusters []string
	// FromRecords counts from the records themselves instead of the running totals: the
	// consistency check, and the way of windows the totals do not cut (CampaignWindow.Totals).
	FromRecords bool
}

// CampaignRepo stores the yearly campaign targets (settings as data: one record per year,
// written whole by an admin) and counts the campaign's actuals from the events, registrations,
// leads and matches of both engines (domain.CampaignActuals says what counts).
type CampaignRepo interface {
	// Targets returns the stored targets of year (Default false), or domain.ErrNotFound.
	Targets(ctx context.Context, year int) (*domain.CampaignTargets, error)
	// PutTargets stores t as the targets of t.Year, replacing any stored before.
	PutTargets(ctx context.Context, t *domain.CampaignTargets) error
	// ListTargets returns the targets of every configured year, oldest first.
	ListTargets(ctx context.Context) ([]domain.CampaignTargets, error)
	// Actuals counts what the campaign did in w.
	Actuals(ctx context.Context, w CampaignWindow) (domain.CampaignActuals, error)
	// Monthly counts w month by month: month i is [cuts[i], cuts[i+1]) (domain.CampaignMonthCuts).
	// Its months add up to Actuals of the same window (held events, enterprises once, outcomes).
	Monthly(ctx context.Context, w CampaignWindow, cuts []time.Time) ([]domain.CampaignTally, error)
	// SignedDeals returns up to limit signed matches among those sent in w (the matches the
	// outcome counts take), the largest value first, then by ID: the bulletin's deal list.
	SignedDeals(ctx context.Context, w CampaignWindow, limit int) ([]domain.Match, error)
	// MatchTally tallies the matches sent in w (the funnel of the dashboard), from the running
	// totals when w allows it: the same tallies Actuals folds into its outcomes.
	MatchTally(ctx context.Context, w CampaignWindow) (domain.MatchCounts, error)
	// RebuildTotals recomputes every running total from the records: the repair after the
	// consistency check finds a difference (on MongoDB, a write interrupted between the
	// record and its totals).
	RebuildTotals(ctx context.Context) error
	// RegisterScope keeps running totals for an organiser of these clusters (two or more;
	// fewer is a no-op, as is a scope kept already), filling them from the member clusters'
	// totals: the organiser's distinct enterprises then read a few rows, not every part of
	// the clusters. Giving an organiser several clusters registers them on both engines;
	// RebuildTotals registers every organiser's and keeps those registered.
	RegisterScope(ctx context.Context, clusters []string) error
	// Scopes lists the cluster sets whose totals are kept, each sorted (store.ScopeKey).
	Scopes(ctx context.Context) ([][]string, error)
}
