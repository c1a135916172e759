package sqlite

import (
	"context"

	"duijie/domain"
)

// campaign stores the yearly targets (this file) and counts the actuals (campaign_actuals.go).
type campaign struct{ *db }

const campaignCols = `year, flagship_events, matchmaking_sessions, enterprises, leads, intentions, signed_deals,
	signed_value, intended_value, updated_by, updated_at`

func scanTargets(row scanner) (*domain.CampaignTargets, error) {
	var t domain.CampaignTargets
	err := row.Scan(&t.Year, &t.FlagshipEvents, &t.MatchmakingSessions, &t.Enterprises, &t.Leads, &t.Intentions,
		&t.SignedDeals, &t.SignedValue, &t.IntendedValue, &t.UpdatedBy, timeCol{&t.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

func (r *campaign) Targets(ctx context.Context, year int) (*domain.CampaignTargets, error) {
	t, err := scanTargets(r.r.QueryRowContext(ctx, `SELECT `+campaignCols+` FROM campaign_targets WHERE year = ?`, year))
	return t, dbErr("get campaign targets", err)
}

func (r *campaign) PutTargets(ctx context.Context, t *domain.CampaignTargets) error {
	_, err := r.w.ExecContext(ctx, `INSERT INTO campaign_targets (`+campaignCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (year) DO UPDATE SET flagship_events = excluded.flagship_events,
			matchmaking_sessions = excluded.matchmaking_sessions, enterprises = excluded.enterprises,
			leads = excluded.leads, intentions = excluded.intentions, signed_deals = excluded.signed_deals,
			signed_value = excluded.signed_value, intended_value = excluded.intended_value,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		t.Year, t.FlagshipEvents, t.MatchmakingSessions, t.Enterprises, t.Leads, t.Intentions, t.SignedDeals,
		t.SignedValue, t.IntendedValue, t.UpdatedBy, ms(t.UpdatedAt))
	if err == nil {
		t.Default = false
	}
	return dbErr("put campaign targets", err)
}

func (r *campaign) ListTargets(ctx context.Context) ([]domain.CampaignTargets, error) {
	out, err := queryAll(ctx, r.r, scanTargets, `SELECT `+campaignCols+` FROM campaign_targets ORDER BY year`)
	return out, dbErr("list campaign targets", err)
}
