package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/campaign"
)

// campaignReport is the 十百千万 dashboard of one year as one viewer may see it. Outcomes and
// ByCluster are left out for members (domain.CampaignScopeFor).
type campaignReport struct {
	Year      int                    `json:"year"`
	Cluster   string                 `json:"cluster,omitempty"`  // the one cluster asked for
	Clusters  []string               `json:"clusters,omitempty"` // the organiser's clusters counted together
	Whole     bool                   `json:"whole"`              // the whole programme, judged against the targets
	Elapsed   float64                `json:"elapsed"`            // share of the year passed
	Targets   domain.CampaignTargets `json:"targets"`
	Actuals   domain.CampaignActuals `json:"actuals"`
	KPIs      []domain.CampaignKPI   `json:"kpis"`
	Outcomes  []domain.CampaignKPI   `json:"outcomes,omitempty"`
	ByCluster []campaignClusterRow   `json:"byCluster,omitempty"`
	Funnel    *domain.MatchFunnel    `json:"funnel,omitempty"` // the year's matches, sent to signed
}

// campaignClusterRow is one cluster's line of the breakdown.
type campaignClusterRow struct {
	Code    string                 `json:"cluster"`
	Name    string                 `json:"name"`
	Tier    domain.ClusterTier     `json:"tier"`
	Actuals domain.CampaignActuals `json:"actuals"`
	// FlagshipHeld: "一个产业一个品牌活动", each cluster holds its brand event once a year.
	FlagshipHeld bool `json:"flagshipHeld"`
	// Contribution is the cluster's share of the four core targets in percent, Behind that it
	// lags an even share of the pace (domain.CampaignContribution, CampaignClusterBehind).
	Contribution float64 `json:"contribution"`
	Behind       bool    `json:"behind"`
}

// campaignYearParam reads a year from s; "" is the current year in the programme's zone.
func (h *Handler) campaignYearParam(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return h.now().In(h.loadZone("")).Year(), nil
	}
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0, badRequest("year", "campaign_year", domain.MinCampaignYear, domain.MaxCampaignYear)
	}
	return y, domain.ValidateCampaignYear(y)
}

// campaignMonthParam reads ?month= (1–12); "" is 0, the whole year.
func campaignMonthParam(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	m, err := strconv.Atoi(s)
	if err != nil || m < 1 || m > 12 {
		return 0, badRequest("month", "report_month")
	}
	return m, nil
}

// campaignService is the campaign's use cases over this handler's store and clock.
func (h *Handler) campaignService() *campaign.Service {
	return campaign.New(h.deps.Store, h.loadZone(""), h.now)
}

// campaignTargets returns the targets stored for year, or the working definition.
func (h *Handler) campaignTargets(ctx context.Context, year int) (domain.CampaignTargets, error) {
	return h.campaignService().Targets(ctx, year)
}

// buildCampaignReport counts year for u, narrowed to cluster ("" for all the viewer may see).
func (h *Handler) buildCampaignReport(ctx context.Context, u *domain.User, lang string, year, month int, cluster string) (*campaignReport, error) {
	r, err := h.campaignService().Report(ctx, u, year, month, cluster)
	if err != nil {
		return nil, err
	}
	return campaignReportView(r, lang), nil
}

// campaignReportView is the JSON shape of r in lang.
func campaignReportView(r *campaign.Report, lang string) *campaignReport {
	v := &campaignReport{Year: r.Year, Cluster: r.Cluster, Clusters: r.Clusters, Whole: r.Scope.Whole, Elapsed: r.Elapsed,
		Targets: r.Targets, Actuals: r.Actuals, KPIs: r.KPIs, Outcomes: r.Outcomes, Funnel: r.Funnel}
	for _, row := range r.ByCluster {
		v.ByCluster = append(v.ByCluster, campaignClusterRow{Code: row.Cluster.Code, Name: row.Cluster.Name(lang),
			Tier: row.Cluster.Tier, Actuals: row.Actuals, FlagshipHeld: row.Actuals.FlagshipEvents > 0,
			Contribution: row.Contribution, Behind: row.Behind})
	}
	return v
}

// apiCampaignKPIs answers ?year= (default: this year) and ?cluster= with targets against actuals.
func (h *Handler) apiCampaignKPIs(c *fiber.Ctx) error {
	year, err := h.campaignYearParam(c.Query("year"))
	if err != nil {
		return err
	}
	cluster := strings.ToUpper(strings.TrimSpace(c.Query("cluster")))
	month, err := campaignMonthParam(c.Query("month"))
	if err != nil {
		return err
	}
	switch c.Query("by") {
	case "":
	case "month":
		return h.apiCampaignMonths(c, year, month, cluster)
	default:
		return badRequest("by", "report_by")
	}
	r, err := h.buildCampaignReport(c.UserContext(), currentUser(c), currentLocale(c), year, month, cluster)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, r)
}

// apiCampaignTargets answers the targets of a year, stored or default ("default": true).
func (h *Handler) apiCampaignTargets(c *fiber.Ctx) error {
	year, err := h.campaignYearParam(c.Params("year"))
	if err != nil {
		return err
	}
	t, err := h.campaignTargets(c.UserContext(), year)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, t)
}

// campaignTargetsInput is the whole set of a year's targets; values are yuan. The read-only
// fields of the answer are accepted and ignored, so a client can send back what it read.
type campaignTargetsInput struct {
	Year                *int            `json:"year"`
	FlagshipEvents      int             `json:"flagshipEvents"`
	MatchmakingSessions int             `json:"matchmakingSessions"`
	Enterprises         int             `json:"enterprises"`
	Leads               int             `json:"leads"`
	Intentions          int             `json:"intentions"`
	SignedDeals         int             `json:"signedDeals"`
	SignedValue         int64           `json:"signedValue"`
	IntendedValue       int64           `json:"intendedValue"`
	Default             json.RawMessage `json:"default"`
	UpdatedBy           json.RawMessage `json:"updatedBy"`
	UpdatedAt           json.RawMessage `json:"updatedAt"`
}

// apiPutCampaignTargets replaces the targets of the year in the path (admin).
func (h *Handler) apiPutCampaignTargets(c *fiber.Ctx) error {
	year, err := h.campaignYearParam(c.Params("year"))
	if err != nil {
		return err
	}
	var in campaignTargetsInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Year != nil && *in.Year != year {
		return domain.Invalid("year", "campaign_year_path", year)
	}
	t := &domain.CampaignTargets{Year: year, FlagshipEvents: in.FlagshipEvents, MatchmakingSessions: in.MatchmakingSessions,
		Enterprises: in.Enterprises, Leads: in.Leads, Intentions: in.Intentions, SignedDeals: in.SignedDeals,
		SignedValue: in.SignedValue, IntendedValue: in.IntendedValue}
	if err := h.saveCampaignTargets(c, t); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, t)
}

// saveCampaignTargets validates, stores and audits t as the signed-in admin's decision.
func (h *Handler) saveCampaignTargets(c *fiber.Ctx, t *domain.CampaignTargets) error {
	if err := t.Validate(); err != nil {
		return err
	}
	u := currentUser(c)
	t.UpdatedBy, t.UpdatedAt, t.Default = u.ID, h.now().UTC().Truncate(time.Millisecond), false
	ctx := c.UserContext()
	if err := h.deps.Store.Campaign.PutTargets(ctx, t); err != nil {
		return fmt.Errorf("campaign: put targets of %d: %w", t.Year, err)
	}
	detail, _ := json.Marshal(t) // plain struct: cannot fail
	h.audit(ctx, u.ID, "campaign.targets", "campaign:"+strconv.Itoa(t.Year), string(detail), clientIP(c))
	return nil
}
