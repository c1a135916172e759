package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/campaign"
)

// campaignMonthsView is GET /campaign/kpis?by=month: the year month by month, the running totals
// the charts draw against the target line, and the year before for comparison.
type campaignMonthsView struct {
	Year       int                    `json:"year"`
	Cluster    string                 `json:"cluster,omitempty"`
	Whole      bool                   `json:"whole"`
	Detail     bool                   `json:"detail"` // outcomes included
	Targets    domain.CampaignTargets `json:"targets"`
	Months     []any                  `json:"months"`
	Cumulative []any                  `json:"cumulative"`
	Previous   []any                  `json:"previous"`
}

// campaignCoreMonth is a month without outcomes, as members see it: the outcome fields are
// absent rather than zero, so nothing reads as "nothing was signed".
type campaignCoreMonth struct {
	Month               string `json:"month"`
	FlagshipEvents      int    `json:"flagshipEvents"`
	MatchmakingSessions int    `json:"matchmakingSessions"`
	Enterprises         int    `json:"enterprises"`
	Leads               int    `json:"leads"`
	MeetingsHeld        int    `json:"meetingsHeld"`
}

func monthsView(ms []domain.CampaignMonth, detail bool) []any {
	out := make([]any, len(ms))
	for i, m := range ms {
		if detail {
			out[i] = m
			continue
		}
		out[i] = campaignCoreMonth{Month: m.Month, FlagshipEvents: m.FlagshipEvents,
			MatchmakingSessions: m.MatchmakingSessions, Enterprises: m.Enterprises, Leads: m.Leads,
			MeetingsHeld: m.MeetingsHeld}
	}
	return out
}

// campaignMonthsJSON is the JSON shape of m.
func campaignMonthsJSON(m *campaign.Months) campaignMonthsView {
	d := m.Scope.Detail
	return campaignMonthsView{Year: m.Year, Cluster: m.Cluster, Whole: m.Scope.Whole, Detail: d, Targets: m.Targets,
		Months: monthsView(m.Months, d), Cumulative: monthsView(domain.CampaignCumulative(m.Months), d),
		Previous: monthsView(m.Previous, d)}
}

// apiCampaignMonths answers ?by=month.
func (h *Handler) apiCampaignMonths(c *fiber.Ctx, year, month int, cluster string) error {
	m, err := h.campaignService().Months(c.UserContext(), currentUser(c), year, month, cluster)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, campaignMonthsJSON(m))
}
