package domain

import "time"

// Bounds of campaign years and targets. Values are yuan, like match values, so a target can
// never be larger than the funnel's sums can hold.
const (
	MinCampaignYear  = 2000
	MaxCampaignYear  = 2100
	MaxCampaignCount = 10_000_000
	MaxCampaignValue = MaxMatchValue
)

// CampaignTargets are one year's targets of the "十百千万" market-expansion campaign. No official
// definition is published (docs/field.md), so every number is data an admin sets per year; a year
// nobody configured uses DefaultCampaignTargets. The four core targets are required; an outcome
// target of 0 means the year tracks that outcome without a target.
type CampaignTargets struct {
	Year                int   `json:"year"`
	FlagshipEvents      int   `json:"flagshipEvents"`      // 十: flagship (brand) events held
	MatchmakingSessions int   `json:"matchmakingSessions"` // 百: matchmaking sessions and rounds
	Enterprises         int   `json:"enterprises"`         // 千: enterprises taking part
	Leads               int   `json:"leads"`               // 万: order leads posted
	Intentions          int   `json:"intentions"`          // 合作意向 (count)
	SignedDeals         int   `json:"signedDeals"`         // 签约 (count)
	SignedValue         int64 `json:"signedValue"`         // 签约额, yuan
	IntendedValue       int64 `json:"intendedValue"`       // 意向成交额, yuan
	// Default is set on targets nobody stored: the working definition, not a decision.
	Default   bool      `json:"default"`
	UpdatedBy string    `json:"updatedBy,omitempty"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// DefaultCampaignTargets is the working meaning of 十百千万 (docs/design.md §1): ≥10 flagship events,
// ≥100 matchmaking sessions, ≥1,000 enterprises, ≥10,000 order leads; outcomes untargeted.
func DefaultCampaignTargets(year int) CampaignTargets {
	return CampaignTargets{Year: year, FlagshipEvents: 10, MatchmakingSessions: 100, Enterprises: 1000,
		Leads: 10000, Default: true}
}

// ValidateCampaignYear refuses years outside the bounds, so a typo ("20026") is not stored as a
// campaign nobody will ever look at.
func ValidateCampaignYear(year int) error {
	if year < MinCampaignYear || year > MaxCampaignYear {
		return Invalid("year", "campaign_year", MinCampaignYear, MaxCampaignYear)
	}
	return nil
}

// Validate checks targets before they are stored; every refused field is named.
func (t *CampaignTargets) Validate() error {
	v := &ValidationError{}
	if err := ValidateCampaignYear(t.Year); err != nil {
		v.Add("year", "campaign_year", MinCampaignYear, MaxCampaignYear)
	}
	for _, f := range []struct {
		name     string
		n, least int64
		most     int64
	}{
		{"flagshipEvents", int64(t.FlagshipEvents), 1, MaxCampaignCount},
		{"matchmakingSessions", int64(t.MatchmakingSessions), 1, MaxCampaignCount},
		{"enterprises", int64(t.Enterprises), 1, MaxCampaignCount},
		{"leads", int64(t.Leads), 1, MaxCampaignCount},
		{"intentions", int64(t.Intentions), 0, MaxCampaignCount},
		{"signedDeals", int64(t.SignedDeals), 0, MaxCampaignCount},
		{"signedValue", t.SignedValue, 0, MaxCampaignValue},
		{"intendedValue", t.IntendedValue, 0, MaxCampaignValue},
	} {
		if f.n < f.least || f.n > f.most {
			v.Add(f.name, "campaign_target_range", f.least, f.most)
		}
	}
	return v.Err()
}

// CampaignWindow is the calendar year in loc (the programme's zone, Asia/Shanghai): an event
// on 1 January at 00:30 Beijing time belongs to the new year although it is still 31 December
// in UTC.
func CampaignWindow(year int, loc *time.Location) (from, until time.Time) {
	return time.Date(year, time.January, 1, 0, 0, 0, 0, loc), time.Date(year+1, time.January, 1, 0, 0, 0, 0, loc)
}

// YearElapsed is the share of [from, until) that has passed at now: 0 before, 1 after.
func YearElapsed(from, until, now time.Time) float64 {
	switch {
	case !now.After(from):
		return 0
	case !now.Before(until):
		return 1
	}
	return float64(now.Sub(from)) / float64(until.Sub(from))
}
