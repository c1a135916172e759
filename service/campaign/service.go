// Package campaign holds the use cases of the 十百千万 campaign: the year's dashboard, its
// monthly series, the ranking of clusters and the monthly bulletin. Handlers, the CLI and the
// bulletin job call it alike; what counts is decided in domain, the counting is the store's.
package campaign

import (
	"context"
	"errors"
	"fmt"
	"time"

	"duijie/domain"
	"duijie/store"
)

// Counter is what the service needs of the campaign store.
type Counter interface {
	Targets(ctx context.Context, year int) (*domain.CampaignTargets, error)
	Actuals(ctx context.Context, w store.CampaignWindow) (domain.CampaignActuals, error)
	Monthly(ctx context.Context, w store.CampaignWindow, cuts []time.Time) ([]domain.CampaignTally, error)
	SignedDeals(ctx context.Context, w store.CampaignWindow, limit int) ([]domain.Match, error)
	MatchTally(ctx context.Context, w store.CampaignWindow) (domain.MatchCounts, error)
}

// MeetingCounter counts the 1:1 meetings held in a window.
type MeetingCounter interface {
	Held(ctx context.Context, w store.CampaignWindow) (int, error)
}

// EventLister pages through events (the bulletin's events of the month and brand events).
type EventLister interface {
	List(ctx context.Context, f store.EventFilter, page store.Page) ([]domain.Event, string, int, error)
}

// LeadGetter loads a lead (the bulletin names each signed deal's lead and buyer).
type LeadGetter interface {
	Get(ctx context.Context, id string) (*domain.Lead, error)
}

// ClusterLister lists the clusters, in display order.
type ClusterLister interface {
	List(ctx context.Context) ([]domain.Cluster, error)
}

// Service answers the campaign's questions for one viewer.
type Service struct {
	Campaign Counter
	Clusters ClusterLister
	Meetings MeetingCounter // nil: meetings held are not counted
	Events   EventLister
	Leads    LeadGetter
	Loc      *time.Location // the programme's zone: years and months are cut there
	Now      func() time.Time
}

// New returns the service over st, counting in loc.
func New(st *store.Store, loc *time.Location, now func() time.Time) *Service {
	return &Service{Campaign: st.Campaign, Clusters: st.Clusters, Meetings: st.Meetings,
		Events: st.Events, Leads: st.Leads, Loc: loc, Now: now}
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Targets returns the targets stored for year, or the working definition.
func (s *Service) Targets(ctx context.Context, year int) (domain.CampaignTargets, error) {
	t, err := s.Campaign.Targets(ctx, year)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return domain.DefaultCampaignTargets(year), nil
	case err != nil:
		return domain.CampaignTargets{}, fmt.Errorf("campaign: targets of %d: %w", year, err)
	}
	return *t, nil
}

// ClusterRow is one cluster's line of the breakdown.
type ClusterRow struct {
	Cluster domain.Cluster
	Actuals domain.CampaignActuals
	// Contribution is the cluster's share of the programme's four core targets, in percent
	// (domain.CampaignContribution); Behind says it lags an even share of the pace.
	Contribution float64
	Behind       bool
}

// Report is the year's dashboard as one viewer may see it. Outcomes and ByCluster are empty for
// members (domain.CampaignScopeFor), and their KPIs carry no verdict.
type Report struct {
	Year      int
	Month     int      // the year up to the end of this month; 0: the whole year
	Cluster   string   // the one cluster asked for
	Clusters  []string // an organiser's clusters counted together
	Scope     domain.CampaignScope
	Elapsed   float64
	Targets   domain.CampaignTargets
	Actuals   domain.CampaignActuals
	KPIs      []domain.CampaignKPI
	Outcomes  []domain.CampaignKPI
	ByCluster []ClusterRow
	// Funnel follows the year's matches from sent to signed (Detail only); its values and
	// counts are Actuals' outcomes, read through the same definition.
	Funnel *domain.MatchFunnel
}

// scope checks the year and the cluster and returns what u may see.
func (s *Service) scope(ctx context.Context, u *domain.User, year int, cluster string) (domain.CampaignScope, []domain.Cluster, error) {
	if err := domain.ValidateCampaignYear(year); err != nil {
		return domain.CampaignScope{}, nil, err
	}
	scope, err := domain.CampaignScopeFor(u, cluster)
	if err != nil {
		return scope, nil, err
	}
	cls, err := s.Clusters.List(ctx)
	if err != nil {
		return scope, nil, fmt.Errorf("campaign: list clusters: %w", err)
	}
	if cluster != "" && !hasCluster(cls, cluster) {
		return scope, nil, domain.Invalid("cluster", "cluster_unknown", cluster)
	}
	return scope, cls, nil
}

// window is the store's window of year for scope, at now; month (1–12) ends it with that month
// — the year to date a monthly bulletin reports — and 0 leaves the whole year.
func (s *Service) window(year, month int, clusters []string, now time.Time) store.CampaignWindow {
	from, until := domain.CampaignWindow(year, s.Loc)
	if month > 0 {
		until = domain.CampaignMonthCuts(year, s.Loc)[month]
		if now.After(until) {
			now = until
		}
	}
	return store.CampaignWindow{From: from, Until: until, Now: now, Clusters: clusters}
}

// ValidateMonth refuses a month outside 1–12 (0: the whole year).
func ValidateMonth(month int) error {
	if month < 0 || month > 12 {
		return domain.Invalid("month", "report_month")
	}
	return nil
}

// Report counts year for u, narrowed to cluster ("" for all the viewer may see); month (1–12)
// counts the year up to the end of that month, 0 the whole year.
func (s *Service) Report(ctx context.Context, u *domain.User, year, month int, cluster string) (*Report, error) {
	if err := ValidateMonth(month); err != nil {
		return nil, err
	}
	scope, cls, err := s.scope(ctx, u, year, cluster)
	if err != nil {
		return nil, err
	}
	targets, err := s.Targets(ctx, year)
	if err != nil {
		return nil, err
	}
	w := s.window(year, month, scope.Clusters, s.now())
	actuals, err := s.actuals(ctx, w)
	if err != nil {
		return nil, fmt.Errorf("campaign: count %d: %w", year, err)
	}
	from, until := domain.CampaignWindow(year, s.Loc)
	elapsed := domain.YearElapsed(from, until, w.Now)
	r := &Report{Year: year, Month: month, Cluster: cluster, Scope: scope, Elapsed: elapsed, Targets: targets, Actuals: actuals,
		KPIs: domain.CampaignCore(targets, actuals, elapsed, scope.Whole)}
	if cluster == "" && u.Role == domain.RoleOrganiser {
		r.Clusters = scope.Clusters
	}
	if !scope.Detail {
		r.Actuals = actuals.WithoutOutcomes()
		r.KPIs = domain.WithoutVerdicts(r.KPIs)
		return r, nil
	}
	r.Outcomes = domain.CampaignOutcomes(targets, actuals, elapsed, scope.Whole)
	// The funnel reads the same match tallies as the outcomes (the running totals at scale); an
	// organiser without clusters gets nothing, not everything.
	counts, err := s.Campaign.MatchTally(ctx, w)
	if err != nil {
		return nil, fmt.Errorf("campaign: funnel of %d: %w", year, err)
	}
	f := counts.Funnel()
	r.Funnel = &f
	for _, cl := range cls {
		if !u.CanManageCluster(cl.Code) {
			continue
		}
		w.Clusters = []string{cl.Code}
		a, err := s.actuals(ctx, w)
		if err != nil {
			return nil, fmt.Errorf("campaign: count %d for %s: %w", year, cl.Code, err)
		}
		c := domain.CampaignContribution(targets, a)
		r.ByCluster = append(r.ByCluster, ClusterRow{Cluster: cl, Actuals: a, Contribution: c,
			Behind: domain.CampaignClusterBehind(c, elapsed, len(cls))})
	}
	return r, nil
}

// actuals are the store's counts of w with the meetings held in it.
func (s *Service) actuals(ctx context.Context, w store.CampaignWindow) (domain.CampaignActuals, error) {
	a, err := s.Campaign.Actuals(ctx, w)
	if err != nil || s.Meetings == nil {
		return a, err
	}
	a.MeetingsHeld, err = s.Meetings.Held(ctx, w)
	return a, err
}

func hasCluster(cls []domain.Cluster, code string) bool {
	for _, c := range cls {
		if c.Code == code {
			return true
		}
	}
	return false
}
