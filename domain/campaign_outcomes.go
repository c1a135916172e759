package domain

import "time"

// CampaignResults are the campaign's results: the one definition every view reads (the
// dashboard, the funnel, the monthly series, the bulletin page, its workbook and its mail), so a
// figure never differs between two of them. They are folded from MatchCounts, the tallies both
// engines give for a set of matches:
//   - 合作意向 (Intentions): matches that reached intent, whatever became of them since (signed
//     ones and ones lost after intent included);
//   - 签约 (SignedDeals): matches signed;
//   - 意向成交额 (IntendedValue): CNY yuan of the matches standing at intent or signed — a signed
//     deal's value is its signed value, a lost intention's no longer counts;
//   - 签约额 (SignedValue): CNY yuan of the signed matches.
//
// Values in other currencies count as deals but add nothing to the yuan sums.
type CampaignResults struct {
	Intentions    int   `json:"intentions"`
	SignedDeals   int   `json:"signedDeals"`
	IntendedValue int64 `json:"intendedValue"`
	SignedValue   int64 `json:"signedValue"`
}

// Outcomes applies the definition of CampaignResults to the tallies.
func (c MatchCounts) Outcomes() CampaignResults {
	o := CampaignResults{SignedDeals: c.ByStatus[MatchSigned]}
	for reached, n := range c.ByReached {
		if reached >= MatchIntent.Stage() {
			o.Intentions += n
		}
	}
	o.SignedValue = c.Values[MatchSigned]
	o.IntendedValue = c.Values[MatchIntent] + o.SignedValue
	return o
}

// Add returns the sum of two sets of tallies, for a year made of months.
func (c MatchCounts) Add(d MatchCounts) MatchCounts {
	out := MatchCounts{ByStatus: map[MatchStatus]int{}, ByReached: map[int]int{}, Values: map[MatchStatus]int64{}}
	for _, x := range []MatchCounts{c, d} {
		for k, v := range x.ByStatus {
			out.ByStatus[k] += v
		}
		for k, v := range x.ByReached {
			out.ByReached[k] += v
		}
		for k, v := range x.Values {
			out.Values[k] += v
		}
	}
	return out
}

// NewMatchCounts returns empty tallies ready to be added to.
func NewMatchCounts() MatchCounts {
	return MatchCounts{ByStatus: map[MatchStatus]int{}, ByReached: map[int]int{}, Values: map[MatchStatus]int64{}}
}

// WithOutcomes returns a with the outcome figures of o.
func (a CampaignActuals) WithOutcomes(o CampaignResults) CampaignActuals {
	a.Intentions, a.SignedDeals, a.IntendedValue, a.SignedValue = o.Intentions, o.SignedDeals, o.IntendedValue, o.SignedValue
	return a
}

// Outcomes returns the outcome figures of a.
func (a CampaignActuals) Outcomes() CampaignResults {
	return CampaignResults{Intentions: a.Intentions, SignedDeals: a.SignedDeals, IntendedValue: a.IntendedValue,
		SignedValue: a.SignedValue}
}

// CampaignTally is what the store counts for one month of the campaign; CampaignMonthOf turns it
// into the month's figures. Events are the held ones (started before the window's Now).
type CampaignTally struct {
	FlagshipEvents    int
	MatchmakingEvents int
	MatchmakingRounds int
	// NewEnterprises are the enterprises whose first part in the year (a confirmed registration
	// at an event starting, a lead opened, an interested answer to a lead sent) falls in the
	// month: each enterprise counts once in the year, so the months add up to the year's 千.
	NewEnterprises int
	Leads          int
	Matches        MatchCounts // matches sent in the month
}

// CampaignMonth is one month of the campaign (GET /campaign/kpis?by=month).
type CampaignMonth struct {
	Month               string `json:"month"` // 2026-01
	FlagshipEvents      int    `json:"flagshipEvents"`
	MatchmakingSessions int    `json:"matchmakingSessions"`
	Enterprises         int    `json:"enterprises"`
	Leads               int    `json:"leads"`
	// MeetingsHeld are the 1:1 meetings of the month that a side reported held.
	MeetingsHeld int `json:"meetingsHeld"`
	CampaignResults
}

// CampaignMonthOf is the month labelled month, counted as t.
func CampaignMonthOf(month string, t CampaignTally) CampaignMonth {
	return CampaignMonth{Month: month, FlagshipEvents: t.FlagshipEvents,
		MatchmakingSessions: t.MatchmakingEvents + t.MatchmakingRounds, Enterprises: t.NewEnterprises, Leads: t.Leads,
		CampaignResults: t.Matches.Outcomes()}
}

// CampaignMonthCuts are the 13 instants that cut year into its months in loc: month i is
// [cuts[i], cuts[i+1]).
func CampaignMonthCuts(year int, loc *time.Location) []time.Time {
	cuts := make([]time.Time, 13)
	for i := range cuts {
		cuts[i] = time.Date(year, time.January+time.Month(i), 1, 0, 0, 0, 0, loc)
	}
	return cuts
}

// CampaignMonthLabel is the label of month i (0-based) of year: "2026-01".
func CampaignMonthLabel(year, i int) string {
	return time.Date(year, time.January+time.Month(i), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

// CampaignCumulative returns the running totals of the months, for a chart of progress
// against the target line.
func CampaignCumulative(months []CampaignMonth) []CampaignMonth {
	out := make([]CampaignMonth, len(months))
	var run CampaignMonth
	for i, m := range months {
		run.FlagshipEvents += m.FlagshipEvents
		run.MatchmakingSessions += m.MatchmakingSessions
		run.Enterprises += m.Enterprises
		run.Leads += m.Leads
		run.MeetingsHeld += m.MeetingsHeld
		run.Intentions += m.Intentions
		run.SignedDeals += m.SignedDeals
		run.IntendedValue += m.IntendedValue
		run.SignedValue += m.SignedValue
		run.Month = m.Month
		out[i] = run
	}
	return out
}
