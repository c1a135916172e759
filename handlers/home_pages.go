package handlers

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
)

// campaignTarget is one of the four yearly targets of the 十百千万 market-expansion campaign.
type campaignTarget struct {
	Glyph  string // 十, 百, 千 or 万
	Key    string // locale key of what is counted
	Target int
}

// tierGroup is the clusters of one tier of the 465 system, in display order.
type tierGroup struct {
	Tier     domain.ClusterTier
	Clusters []domain.Cluster
}

// groupByTier groups clusters landmark, advantage, future; within a tier the store's order
// (SortOrder, then code) is kept. Empty tiers are left out.
func groupByTier(cls []domain.Cluster) []tierGroup {
	groups := []tierGroup{{Tier: domain.TierLandmark}, {Tier: domain.TierAdvantage}, {Tier: domain.TierFuture}}
	for _, c := range cls {
		for i := range groups {
			if groups[i].Tier == c.Tier {
				groups[i].Clusters = append(groups[i].Clusters, c)
			}
		}
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Clusters) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// pageHome is the front page: what Duijie is, the campaign and the clusters by tier.
func (h *Handler) pageHome(c *fiber.Ctx) error {
	cls, err := h.deps.Store.Clusters.List(c.UserContext())
	if err != nil {
		return fmt.Errorf("home: list clusters: %w", err)
	}
	// The targets are data (campaign_home.go): each number is a yearly target the cluster office
	// sets, and the home page says so.
	year := h.now().In(h.loadZone("")).Year()
	targets, err := h.homeCampaignTargets(c.UserContext(), year)
	if err != nil {
		return fmt.Errorf("home: %w", err)
	}
	return h.render(c, fiber.StatusOK, "home", &homeView{
		Page:     Page{Title: locales.T(currentLocale(c), "app.tagline")},
		Clusters: cls, Tiers: groupByTier(cls), Targets: targets, Year: year,
		HasEvents: hasGetRoute(c, "/events"),
	})
}

// pageLogin is the sign-in form; its post is formLogin.
func (h *Handler) pageLogin(c *fiber.Ctx) error {
	if currentUser(c) != nil {
		return c.Redirect(nextOr(c.Query("next"), "/account"), fiber.StatusSeeOther)
	}
	return h.render(c, fiber.StatusOK, "login", &formView{})
}

// pageSignup is the sign-up form for a member and its enterprise; its post is formSignup.
func (h *Handler) pageSignup(c *fiber.Ctx) error {
	if currentUser(c) != nil {
		return c.Redirect("/account", fiber.StatusSeeOther)
	}
	return h.render(c, fiber.StatusOK, "signup", &formView{})
}
