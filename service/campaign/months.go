package campaign

import (
	"context"
	"fmt"
	"time"

	"duijie/domain"
)

// Months is the year's monthly series for one viewer, with the year before for comparison.
type Months struct {
	Year     int
	Month    int // the series ends with this month; 0: the whole year
	Cluster  string
	Scope    domain.CampaignScope
	Targets  domain.CampaignTargets
	Months   []domain.CampaignMonth // January to December; months to come count nothing held
	Previous []domain.CampaignMonth // the same months of the year before (year-on-year)
}

// Months counts year month by month for u, narrowed to cluster like Report. Members get no
// outcome figures (domain.CampaignScopeFor).
// month (1–12) ends the series with that month: the months after it count nothing.
func (s *Service) Months(ctx context.Context, u *domain.User, year, month int, cluster string) (*Months, error) {
	if err := ValidateMonth(month); err != nil {
		return nil, err
	}
	now := s.now()
	scope, _, err := s.scope(ctx, u, year, cluster)
	if err != nil {
		return nil, err
	}
	targets, err := s.Targets(ctx, year)
	if err != nil {
		return nil, err
	}
	m := &Months{Year: year, Month: month, Cluster: cluster, Scope: scope, Targets: targets}
	if m.Months, err = s.months(ctx, year, month, scope, now); err != nil {
		return nil, err
	}
	if year-1 >= domain.MinCampaignYear {
		if m.Previous, err = s.months(ctx, year-1, month, scope, now); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (s *Service) months(ctx context.Context, year, month int, scope domain.CampaignScope, now time.Time) ([]domain.CampaignMonth, error) {
	tallies, err := s.Campaign.Monthly(ctx, s.window(year, month, scope.Clusters, now), domain.CampaignMonthCuts(year, s.Loc))
	if err != nil {
		return nil, fmt.Errorf("campaign: count the months of %d: %w", year, err)
	}
	w := s.window(year, month, scope.Clusters, now)
	cuts := domain.CampaignMonthCuts(year, s.Loc)
	out := make([]domain.CampaignMonth, len(tallies))
	for i, t := range tallies {
		out[i] = domain.CampaignMonthOf(domain.CampaignMonthLabel(year, i), t)
		if !scope.Detail {
			out[i].CampaignResults = domain.CampaignResults{}
		}
		if s.Meetings == nil || !cuts[i].Before(w.Until) {
			continue
		}
		mw := w
		mw.From, mw.Until = cuts[i], cuts[i+1]
		if w.Until.Before(mw.Until) {
			mw.Until = w.Until
		}
		if out[i].MeetingsHeld, err = s.Meetings.Held(ctx, mw); err != nil {
			return nil, fmt.Errorf("campaign: meetings held in %s: %w", out[i].Month, err)
		}
	}
	return out, nil
}
