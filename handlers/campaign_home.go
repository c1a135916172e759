package handlers

import "context"

// homeCampaignTargets are the year's four targets for the home page's tiles: the ones an admin
// set, else the working definition, so the public page never advertises stale numbers.
func (h *Handler) homeCampaignTargets(ctx context.Context, year int) ([]campaignTarget, error) {
	t, err := h.campaignTargets(ctx, year)
	if err != nil {
		return nil, err
	}
	return []campaignTarget{
		{"十", "home.campaign.flagship", t.FlagshipEvents},
		{"百", "home.campaign.sessions", t.MatchmakingSessions},
		{"千", "home.campaign.enterprises", t.Enterprises},
		{"万", "home.campaign.leads", t.Leads},
	}, nil
}
