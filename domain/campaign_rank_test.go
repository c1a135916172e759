package domain

import "testing"

func TestCampaignContribution(t *testing.T) {
	tg := DefaultCampaignTargets(2026) // 10, 100, 1,000, 10,000
	tests := []struct {
		name string
		a    CampaignActuals
		want float64
	}{
		{"nothing", CampaignActuals{}, 0},
		{"the doc's example", CampaignActuals{FlagshipEvents: 2, MatchmakingEvents: 20, MatchmakingRounds: 10, Enterprises: 200, Leads: 1000}, 20},
		{"one figure beyond its target is capped", CampaignActuals{FlagshipEvents: 50}, 25},
		{"everything met", CampaignActuals{FlagshipEvents: 10, MatchmakingEvents: 100, Enterprises: 1000, Leads: 10000}, 100},
		{"rounded down to a tenth", CampaignActuals{Leads: 1}, 0},
		{"a third of a percent", CampaignActuals{FlagshipEvents: 1, Leads: 30}, 2.5},
	}
	for _, tt := range tests {
		if got := CampaignContribution(tg, tt.a); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCampaignClusterBehind(t *testing.T) {
	tests := []struct {
		contribution, elapsed float64
		clusters              int
		want                  bool
	}{
		{0, 0, 15, false},     // the year has not begun
		{0, 0.5, 0, false},    // no clusters
		{3.3, 0.5, 15, false}, // half a year, 15 clusters: 3.3 % is the even pace
		{3.2, 0.5, 15, true},  // below it
		{6.6, 1, 15, false},   // the year is over: a full even share
		{6.5, 1.5, 15, true},  // elapsed is capped at the whole year
		{50, 0.9, 1, true},    // one cluster carries the whole programme
	}
	for _, tt := range tests {
		if got := CampaignClusterBehind(tt.contribution, tt.elapsed, tt.clusters); got != tt.want {
			t.Errorf("behind(%v, %v, %d) = %v, want %v", tt.contribution, tt.elapsed, tt.clusters, got, tt.want)
		}
	}
}

func TestWithoutVerdicts(t *testing.T) {
	in := []CampaignKPI{{Key: "a", Status: KPIBehind, Expected: 5}, {Key: "b", Status: KPIOnTrack, Expected: 5},
		{Key: "c", Status: KPIMissed}, {Key: "d", Status: KPIMet}, {Key: "e", Status: KPIUpcoming}}
	out := WithoutVerdicts(in)
	want := []KPIStatus{KPIProgress, KPIProgress, KPIProgress, KPIMet, KPIUpcoming}
	for i, k := range out {
		if k.Status != want[i] || (k.Status == KPIProgress && k.Expected != 0) {
			t.Errorf("%s: %+v", k.Key, k)
		}
	}
	if in[0].Status != KPIBehind {
		t.Errorf("the input was changed")
	}
}
