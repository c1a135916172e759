package domain

import (
	"testing"
	"time"
)

// The one definition of the campaign's outcomes, case by case: what the funnel, the dashboard,
// the monthly series and the bulletin all read.
func TestCampaignOutcomes(t *testing.T) {
	type m struct {
		status   MatchStatus
		lostFrom MatchStatus
		value    int64
		currency string
	}
	tests := []struct {
		name    string
		matches []m
		want    CampaignResults
	}{
		{"nothing", nil, CampaignResults{}},
		{"an intention", []m{{MatchIntent, "", 300_000, "CNY"}}, CampaignResults{Intentions: 1, IntendedValue: 300_000}},
		{"a signed deal counts as an intention too, at its signed value",
			[]m{{MatchSigned, "", 800_000, "CNY"}}, CampaignResults{Intentions: 1, SignedDeals: 1, IntendedValue: 800_000, SignedValue: 800_000}},
		{"lost after intent: an intention without value", []m{{MatchLost, MatchIntent, 200_000, "CNY"}}, CampaignResults{Intentions: 1}},
		{"lost while negotiating: nothing", []m{{MatchLost, MatchNegotiating, 0, ""}}, CampaignResults{}},
		{"dollars count as deals, not as yuan", []m{{MatchSigned, "", 100, "USD"}, {MatchIntent, "", 50, "USD"}},
			CampaignResults{Intentions: 2, SignedDeals: 1}},
		{"earlier stages: nothing", []m{{MatchInterested, "", 0, ""}, {MatchNegotiating, "", 0, ""}, {MatchDeclined, "", 0, ""}},
			CampaignResults{}},
		{"the issue's example: 200,000 intended and 380,000 signed make 580,000 意向成交额",
			[]m{{MatchIntent, "", 200_000, "CNY"}, {MatchSigned, "", 380_000, "CNY"}},
			CampaignResults{Intentions: 2, SignedDeals: 1, IntendedValue: 580_000, SignedValue: 380_000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewMatchCounts()
			for _, x := range tt.matches {
				mt := Match{Status: x.status, LostFrom: x.lostFrom}
				c.ByStatus[x.status]++
				c.ByReached[mt.Reached()]++
				if x.currency == "CNY" {
					c.Values[x.status] += x.value
				}
			}
			if got := c.Outcomes(); got != tt.want {
				t.Fatalf("outcomes %+v, want %+v", got, tt.want)
			}
			f := c.Funnel()
			if f.Outcomes != tt.want || f.IntentValue != tt.want.IntendedValue || f.SignedValue != tt.want.SignedValue {
				t.Fatalf("the funnel reads %+v (intent %d, signed %d), want %+v", f.Outcomes, f.IntentValue, f.SignedValue, tt.want)
			}
			// Split into two halves, the sum of the halves is the whole.
			if got := NewMatchCounts().Add(c).Outcomes(); got != tt.want {
				t.Fatalf("added outcomes %+v", got)
			}
		})
	}
}

func TestCampaignMonths(t *testing.T) {
	loc, _ := LoadZone(DefaultTimezone)
	cuts := CampaignMonthCuts(2026, loc)
	if len(cuts) != 13 || !cuts[0].Equal(time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC)) ||
		!cuts[12].Equal(time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Fatalf("cuts %v", cuts)
	}
	if CampaignMonthLabel(2026, 0) != "2026-01" || CampaignMonthLabel(2026, 11) != "2026-12" {
		t.Fatalf("labels")
	}
	months := []CampaignMonth{
		CampaignMonthOf("2026-01", CampaignTally{FlagshipEvents: 1, MatchmakingEvents: 2, MatchmakingRounds: 3, NewEnterprises: 4, Leads: 5}),
		CampaignMonthOf("2026-02", CampaignTally{FlagshipEvents: 1, NewEnterprises: 1, Leads: 2}),
	}
	if months[0].MatchmakingSessions != 5 {
		t.Fatalf("百 of a month adds events and rounds: %+v", months[0])
	}
	cum := CampaignCumulative(months)
	if cum[1].FlagshipEvents != 2 || cum[1].Enterprises != 5 || cum[1].Leads != 7 || cum[1].Month != "2026-02" {
		t.Fatalf("cumulative %+v", cum[1])
	}
}
