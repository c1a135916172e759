package domain

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestCampaignTargetsValidate(t *testing.T) {
	ok := DefaultCampaignTargets(2026)
	tests := []struct {
		name   string
		change func(*CampaignTargets)
		fields []string
	}{
		{"defaults", func(*CampaignTargets) {}, nil},
		{"outcome targets set", func(c *CampaignTargets) {
			c.Intentions, c.SignedDeals, c.SignedValue, c.IntendedValue = 300, 50, 2_000_000_000, 5_000_000_000
		}, nil},
		{"year too early", func(c *CampaignTargets) { c.Year = 1999 }, []string{"year"}},
		{"year typo", func(c *CampaignTargets) { c.Year = 20026 }, []string{"year"}},
		{"core target zero", func(c *CampaignTargets) { c.FlagshipEvents = 0 }, []string{"flagshipEvents"}},
		{"every core target missing", func(c *CampaignTargets) {
			c.FlagshipEvents, c.MatchmakingSessions, c.Enterprises, c.Leads = 0, 0, 0, 0
		}, []string{"enterprises", "flagshipEvents", "leads", "matchmakingSessions"}},
		{"negative outcome", func(c *CampaignTargets) { c.SignedDeals = -1 }, []string{"signedDeals"}},
		{"count too large", func(c *CampaignTargets) { c.Leads = MaxCampaignCount + 1 }, []string{"leads"}},
		{"value too large", func(c *CampaignTargets) { c.IntendedValue = MaxCampaignValue + 1 }, []string{"intendedValue"}},
		{"negative value", func(c *CampaignTargets) { c.SignedValue = -5 }, []string{"signedValue"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.change(&c)
			err := c.Validate()
			var ve *ValidationError
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.As(err, &ve) {
				t.Fatalf("Validate = %v, want a validation error", err)
			}
			var got []string
			for f := range ve.Fields {
				got = append(got, f)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.fields) {
				t.Fatalf("fields %v, want %v", got, tt.fields)
			}
		})
	}
}

func TestCampaignWindowIsTheYearInBeijing(t *testing.T) {
	loc, err := LoadZone("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	from, until := CampaignWindow(2026, loc)
	if got := from.UTC(); !got.Equal(time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("from = %v", got)
	}
	if got := until.Sub(from); got != 365*24*time.Hour {
		t.Errorf("2026 lasts %v", got)
	}
	// 00:30 on New Year's Day in Wuxi is still the old year in UTC, and belongs to the new one.
	ny := time.Date(2025, 12, 31, 16, 30, 0, 0, time.UTC)
	if ny.Before(from) || !ny.Before(until) {
		t.Errorf("%v is outside [%v, %v)", ny, from, until)
	}
}

func TestYearElapsed(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	until := from.AddDate(1, 0, 0)
	tests := []struct {
		now  time.Time
		want float64
	}{
		{from.Add(-time.Hour), 0},
		{from, 0},
		{from.Add(until.Sub(from) / 4), 0.25},
		{until, 1},
		{until.AddDate(3, 0, 0), 1},
	}
	for _, tt := range tests {
		if got := YearElapsed(from, until, tt.now); got != tt.want {
			t.Errorf("YearElapsed at %v = %v, want %v", tt.now, got, tt.want)
		}
	}
}

func TestNewCampaignKPI(t *testing.T) {
	tests := []struct {
		name           string
		target, actual int64
		elapsed        float64
		whole          bool
		want           CampaignKPI
	}{
		{"met early", 10, 10, 0.3, true, CampaignKPI{Target: 10, Actual: 10, Percent: 100, Expected: 3, Status: KPIMet}},
		{"beaten", 100, 120, 1, true, CampaignKPI{Target: 100, Actual: 120, Percent: 120, Expected: 100, Status: KPIMet}},
		{"on pace", 1000, 500, 0.5, true, CampaignKPI{Target: 1000, Actual: 500, Percent: 50, Expected: 500, Status: KPIOnTrack}},
		{"behind pace", 1000, 499, 0.5, true, CampaignKPI{Target: 1000, Actual: 499, Percent: 49, Expected: 500, Status: KPIBehind}},
		{"past year missed", 10, 9, 1, true, CampaignKPI{Target: 10, Actual: 9, Percent: 90, Expected: 10, Status: KPIMissed}},
		{"year not begun", 10, 0, 0, true, CampaignKPI{Target: 10, Status: KPIUpcoming}},
		{"elapsed out of range is clamped", 10, 0, 7, true, CampaignKPI{Target: 10, Expected: 10, Status: KPIMissed}},
		{"no target", 0, 42, 0.5, true, CampaignKPI{Actual: 42, Status: KPINoTarget}},
		{"a cluster's share", 10000, 2500, 0.9, false, CampaignKPI{Target: 10000, Actual: 2500, Percent: 25, Status: KPIShare}},
		{"huge actual stays printable", 1, 1 << 62, 1, true, CampaignKPI{Target: 1, Actual: 1 << 62, Percent: maxPercent, Expected: 1, Status: KPIMet}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewCampaignKPI("k", "", tt.target, tt.actual, tt.elapsed, tt.whole)
			tt.want.Key = "k"
			if got != tt.want {
				t.Fatalf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCampaignCoreAndOutcomes(t *testing.T) {
	tg := DefaultCampaignTargets(2026)
	tg.SignedValue = 1_000_000
	a := CampaignActuals{FlagshipEvents: 4, MatchmakingEvents: 30, MatchmakingRounds: 12, Enterprises: 1200,
		Leads: 2000, Intentions: 8, SignedDeals: 3, SignedValue: 250_000, IntendedValue: 900_000}
	core := CampaignCore(tg, a, 0.5, true)
	var glyphs string
	for _, k := range core {
		glyphs += k.Glyph
	}
	if glyphs != "十百千万" {
		t.Fatalf("glyphs %q", glyphs)
	}
	if k := core[1]; k.Actual != 42 || k.Status != KPIBehind {
		t.Errorf("百 counts events and rounds: %+v", k)
	}
	if k := core[2]; k.Status != KPIMet || k.Percent != 120 || k.Bar() != 100 {
		t.Errorf("千: %+v (bar %d)", k, k.Bar())
	}
	out := CampaignOutcomes(tg, a, 0.5, true)
	if out[0].Status != KPINoTarget || out[0].Actual != 8 {
		t.Errorf("intentions without a target: %+v", out[0])
	}
	if out[2].Key != "signedValue" || out[2].Percent != 25 || out[2].Status != KPIBehind {
		t.Errorf("signed value: %+v", out[2])
	}
}

func TestCampaignScopeFor(t *testing.T) {
	admin := &User{Role: RoleAdmin}
	org := &User{Role: RoleOrganiser, Clusters: []string{"L1", "A5"}}
	lonely := &User{Role: RoleOrganiser}
	member := &User{Role: RoleMember, EnterpriseID: "e"}
	tests := []struct {
		name    string
		u       *User
		cluster string
		want    CampaignScope
		err     error
	}{
		{"admin everything", admin, "", CampaignScope{Whole: true, Detail: true}, nil},
		{"admin one cluster", admin, "F3", CampaignScope{Clusters: []string{"F3"}, Detail: true}, nil},
		{"organiser's clusters", org, "", CampaignScope{Clusters: []string{"L1", "A5"}, Detail: true}, nil},
		{"organiser one of theirs", org, "A5", CampaignScope{Clusters: []string{"A5"}, Detail: true}, nil},
		{"organiser another's cluster", org, "L2", CampaignScope{}, ErrForbidden},
		{"organiser without clusters", lonely, "", CampaignScope{Clusters: []string{}, Detail: true, Empty: true}, nil},
		{"member programme totals", member, "", CampaignScope{Whole: true}, nil},
		{"member may not filter", member, "L1", CampaignScope{}, ErrForbidden},
		{"anonymous", nil, "", CampaignScope{}, ErrUnauthorized},
		{"unknown role", &User{Role: "guest"}, "", CampaignScope{}, ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CampaignScopeFor(tt.u, tt.cluster)
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if !slices.Equal(got.Clusters, tt.want.Clusters) || (got.Clusters == nil) != (tt.want.Clusters == nil) ||
				got.Whole != tt.want.Whole || got.Detail != tt.want.Detail || got.Empty != tt.want.Empty {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	// The scope is the caller's copy: narrowing it must not change the user.
	sc, _ := CampaignScopeFor(org, "")
	sc.Clusters[0] = "X"
	if org.Clusters[0] != "L1" {
		t.Fatal("scope aliases the user's clusters")
	}
}
