package campaign

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"duijie/domain"
	"duijie/store"
)

// Difference is one window whose running totals disagree with the count from the records.
type Difference struct {
	Year    int
	Cluster string // "" the whole programme; "L1+L2" an organiser's scope
	What    string // "year" or a month "2026-03"
	Totals  any
	Records any
}

func (d Difference) String() string {
	scope := d.Cluster
	if scope == "" {
		scope = "all clusters"
	}
	return fmt.Sprintf("%d %s, %s:\n  totals  %+v\n  records %+v", d.Year, scope, d.What, d.Totals, d.Records)
}

// Rebuilder recomputes the running totals from the records (store.CampaignRepo).
type Rebuilder interface {
	RebuildTotals(ctx context.Context) error
}

// ScopeLister lists the organisers' scopes whose totals are kept (store.CampaignRepo).
type ScopeLister interface {
	Scopes(ctx context.Context) ([][]string, error)
}

// CheckTotals recounts year from the records, for the whole programme, each cluster and each
// kept scope of several clusters (an organiser's), and lists where the running totals the
// dashboard reads say otherwise. Nothing is changed.
func (s *Service) CheckTotals(ctx context.Context, year int) ([]Difference, error) {
	if err := domain.ValidateCampaignYear(year); err != nil {
		return nil, err
	}
	cls, err := s.Clusters.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("campaign: list clusters: %w", err)
	}
	scopes := [][]string{nil}
	for _, c := range cls {
		scopes = append(scopes, []string{c.Code})
	}
	if l, ok := s.Campaign.(ScopeLister); ok {
		kept, err := l.Scopes(ctx)
		if err != nil {
			return nil, fmt.Errorf("campaign: list scopes: %w", err)
		}
		scopes = append(scopes, kept...)
	}
	cuts := domain.CampaignMonthCuts(year, s.Loc)
	var out []Difference
	for _, sc := range scopes {
		w := s.window(year, 0, sc, s.now())
		recs := w
		recs.FromRecords = true
		name := ""
		if sc != nil {
			name = strings.Join(sc, "+")
		}
		got, err := s.Campaign.Actuals(ctx, w)
		if err != nil {
			return nil, err
		}
		want, err := s.Campaign.Actuals(ctx, recs)
		if err != nil {
			return nil, err
		}
		if got != want {
			out = append(out, Difference{Year: year, Cluster: name, What: "year", Totals: got, Records: want})
		}
		gm, err := s.Campaign.Monthly(ctx, w, cuts)
		if err != nil {
			return nil, err
		}
		wm, err := s.Campaign.Monthly(ctx, recs, cuts)
		if err != nil {
			return nil, err
		}
		for i := range gm {
			a, b := domain.CampaignMonthOf("", gm[i]), domain.CampaignMonthOf("", wm[i])
			if !reflect.DeepEqual(a, b) {
				out = append(out, Difference{Year: year, Cluster: name, What: domain.CampaignMonthLabel(year, i), Totals: a, Records: b})
			}
		}
	}
	return out, nil
}

// RepairTotals recomputes the running totals from the records (after CheckTotals found a
// difference).
func (s *Service) RepairTotals(ctx context.Context) error {
	r, ok := s.Campaign.(Rebuilder)
	if !ok {
		return fmt.Errorf("campaign: this store keeps no running totals")
	}
	if err := r.RebuildTotals(ctx); err != nil {
		return fmt.Errorf("campaign: rebuild totals: %w", err)
	}
	return nil
}

var (
	_ Rebuilder   = store.CampaignRepo(nil)
	_ ScopeLister = store.CampaignRepo(nil)
)
