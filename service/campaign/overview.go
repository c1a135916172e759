package campaign

import "duijie/domain"

// OverviewRow is one figure of the bulletin's overview (总览): the year's target, the month's own
// figure and the year to the end of the month. The page, the workbook's first sheet and the mail
// print these rows, so their figures cannot differ.
type OverviewRow struct {
	Key      string           `json:"key"`             // flagshipEvents, …, intendedValue (campaign.kpi.<Key>)
	Glyph    string           `json:"glyph,omitempty"` // 十 百 千 万 for the core figures
	Money    bool             `json:"money"`           // yuan
	Target   int64            `json:"target"`
	Month    int64            `json:"month"`
	ToDate   int64            `json:"toDate"`
	Percent  int              `json:"percent"`
	Expected int64            `json:"expected"`
	Status   domain.KPIStatus `json:"status"`
}

// Overview returns the core figures, then the outcomes.
func (b *Bulletin) Overview() []OverviewRow {
	m := b.ThisMonth
	month := map[string]int64{
		"flagshipEvents": int64(m.FlagshipEvents), "matchmakingSessions": int64(m.MatchmakingSessions),
		"enterprises": int64(m.Enterprises), "leads": int64(m.Leads), "intentions": int64(m.Intentions),
		"signedDeals": int64(m.SignedDeals), "signedValue": m.SignedValue, "intendedValue": m.IntendedValue,
	}
	var out []OverviewRow
	for _, k := range append(append([]domain.CampaignKPI{}, b.Report.KPIs...), b.Report.Outcomes...) {
		out = append(out, OverviewRow{Key: k.Key, Glyph: k.Glyph, Money: k.Key == "signedValue" || k.Key == "intendedValue",
			Target: k.Target, Month: month[k.Key], ToDate: k.Actual, Percent: k.Percent, Expected: k.Expected, Status: k.Status})
	}
	return out
}
