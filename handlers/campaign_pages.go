package handlers

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/service/campaign"
)

// campaignTile is one KPI as the dashboard draws it: figures already formatted for the locale.
type campaignTile struct {
	domain.CampaignKPI
	Value, Target, Expected string
	Unit                    string // locale key of the unit after a count; "" for money
	Detail                  string // how the figure is made up, translated
	Pill                    string // CSS modifier of the status
}

var kpiPills = map[domain.KPIStatus]string{
	domain.KPIMet: "success", domain.KPIOnTrack: "info", domain.KPIBehind: "warning", domain.KPIMissed: "danger",
	domain.KPIUpcoming: "neutral", domain.KPINoTarget: "neutral", domain.KPIShare: "neutral",
}

// moneyKPI reports whether the KPI's figures are yuan.
func moneyKPI(key string) bool { return key == "signedValue" || key == "intendedValue" }

// campaignTiles formats KPIs for lang; details explain the four core figures.
func campaignTiles(lang string, kpis []domain.CampaignKPI, a domain.CampaignActuals) []campaignTile {
	out := make([]campaignTile, len(kpis))
	for i, k := range kpis {
		t := campaignTile{CampaignKPI: k, Pill: kpiPills[k.Status]}
		if moneyKPI(k.Key) {
			t.Value, t.Target, t.Expected = campaignMoney(lang, k.Actual), campaignMoney(lang, k.Target), campaignMoney(lang, k.Expected)
		} else {
			t.Value, t.Target, t.Expected = formatNumber(k.Actual), formatNumber(k.Target), formatNumber(k.Expected)
			t.Unit = "campaign.unit." + k.Key
		}
		switch k.Key {
		case "flagshipEvents":
			if a.FlagshipScheduled > 0 {
				t.Detail = locales.T(lang, "campaign.detail.flagship", formatNumber(a.FlagshipScheduled))
			}
		case "matchmakingSessions":
			t.Detail = locales.T(lang, "campaign.detail.sessions", formatNumber(a.MatchmakingEvents),
				formatNumber(a.MatchmakingRounds))
			if a.MatchmakingScheduled > 0 {
				t.Detail += locales.T(lang, "campaign.detail.sessionsScheduled", formatNumber(a.MatchmakingScheduled))
			}
			if a.MeetingsHeld > 0 {
				t.Detail += locales.T(lang, "meet2.campaign.held", formatNumber(a.MeetingsHeld))
			}
		case "enterprises":
			t.Detail = locales.T(lang, "campaign.detail.enterprises", formatNumber(a.EventEnterprises),
				formatNumber(a.BuyerEnterprises), formatNumber(a.SupplierEnterprises))
		case "leads":
			t.Detail = locales.T(lang, "campaign.detail.leads")
		}
		out[i] = t
	}
	return out
}

// campaignMoney prints yuan as every campaign view does (campaign.FormatMoney).
func campaignMoney(lang string, yuan int64) string { return campaign.FormatMoney(lang, yuan) }

// campaignYears are the years the dashboard offers: the configured ones and a few around now.
func (h *Handler) campaignYears(c *fiber.Ctx, selected int) ([]int, error) {
	this := h.now().In(h.loadZone("")).Year()
	years := []int{this - 2, this - 1, this, this + 1, selected}
	stored, err := h.deps.Store.Campaign.ListTargets(c.UserContext())
	if err != nil {
		return nil, fmt.Errorf("campaign: list targets: %w", err)
	}
	for _, t := range stored {
		years = append(years, t.Year)
	}
	slices.Sort(years)
	years = slices.Compact(years)
	slices.Reverse(years)
	return years, nil
}

// pageCampaign is the 十百千万 dashboard: tiles with progress per target, outcomes, and the
// breakdown by cluster, filtered by ?year= and ?cluster=.
func (h *Handler) pageCampaign(c *fiber.Ctx) error {
	lang, u := currentLocale(c), currentUser(c)
	year, err := h.campaignYearParam(c.Query("year"))
	if err != nil {
		return err
	}
	cluster := strings.ToUpper(strings.TrimSpace(c.Query("cluster")))
	svc := h.campaignService()
	rep, err := svc.Report(c.UserContext(), u, year, 0, cluster)
	if err != nil {
		return err
	}
	months, err := svc.Months(c.UserContext(), u, year, 0, cluster)
	if err != nil {
		return err
	}
	r := campaignReportView(rep, lang)
	years, err := h.campaignYears(c, year)
	if err != nil {
		return err
	}
	var options []campaignClusterRow
	if u.Role != domain.RoleMember {
		options = r.ByCluster
	}
	ry, rm := bulletinMonthFor(h.now().In(h.loadZone("")), year)
	data := &campaignDashboardView{
		Page:           Page{Title: locales.T(lang, "campaign.title")},
		campaignCharts: chartData(lang, rep, months),
		R:              r,
		Tiles:          campaignTiles(lang, r.KPIs, r.Actuals),
		OutcomeTiles:   campaignTiles(lang, r.Outcomes, r.Actuals),
		Years:          years,
		ClusterOptions: options,
		ElapsedPct:     int(math.Floor(r.Elapsed * 100)),
		CanEdit:        u.Role == domain.RoleAdmin,
		CanReport:      u.Role != domain.RoleMember,
		ReportYear:     ry,
		ReportMonth:    rm,
		SignedValues:   campaignRowMoney(lang, r.ByCluster),
		NoClusters:     u.Role == domain.RoleOrganiser && len(u.Clusters) == 0,
	}
	return h.render(c, fiber.StatusOK, "campaign/dashboard", data)
}

// bulletinMonthFor is the month whose bulletin the dashboard of year offers at now: the last
// month completed in the current year (January's own while January runs), December for a past
// year, January for a year to come.
func bulletinMonthFor(now time.Time, year int) (int, int) {
	switch {
	case year < now.Year():
		return year, 12
	case year > now.Year():
		return year, 1
	case now.Month() == time.January:
		return year, 1
	}
	return year, int(now.Month()) - 1
}

// campaignRowMoney formats each breakdown row's signed value.
func campaignRowMoney(lang string, rows []campaignClusterRow) map[string]string {
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Code] = campaignMoney(lang, r.Actuals.SignedValue)
	}
	return out
}

// campaignTargetFields are the form's fields in order; values are whole numbers, money in 万元.
var campaignTargetFields = []campaignTargetField{
	{"flagshipEvents", false, true}, {"matchmakingSessions", false, true}, {"enterprises", false, true},
	{"leads", false, true}, {"intentions", false, false}, {"signedDeals", false, false},
	{"signedValue", true, false}, {"intendedValue", true, false},
}

// yuanPerWan: the form takes money in 万元, the unit of the programme's reports.
const yuanPerWan = 10_000

// campaignTargetsForm fills the form's values from t.
func campaignTargetsForm(t domain.CampaignTargets) map[string]string {
	// An outcome without a target is a blank field, as the admin left it.
	opt := func(v int) string {
		if v == 0 {
			return ""
		}
		return strconv.Itoa(v)
	}
	wan := func(v int64) string {
		if v == 0 {
			return ""
		}
		return strconv.FormatFloat(float64(v)/yuanPerWan, 'f', -1, 64)
	}
	return map[string]string{
		"flagshipEvents": strconv.Itoa(t.FlagshipEvents), "matchmakingSessions": strconv.Itoa(t.MatchmakingSessions),
		"enterprises": strconv.Itoa(t.Enterprises), "leads": strconv.Itoa(t.Leads),
		"intentions": opt(t.Intentions), "signedDeals": opt(t.SignedDeals),
		"signedValue": wan(t.SignedValue), "intendedValue": wan(t.IntendedValue),
	}
}

// parseCampaignTargetsForm reads the posted form into targets of year. Blank outcome fields
// mean "no target"; money may have up to four decimals of 万元 (whole yuan).
func parseCampaignTargetsForm(c *fiber.Ctx, year int) (*domain.CampaignTargets, map[string]string, *domain.ValidationError) {
	form := map[string]string{}
	v := &domain.ValidationError{}
	nums := map[string]int64{}
	for _, f := range campaignTargetFields {
		s := strings.ReplaceAll(strings.TrimSpace(c.FormValue(f.Name)), ",", "")
		form[f.Name] = s
		if s == "" {
			if f.Core {
				v.Add(f.Name, "required")
			}
			continue
		}
		if !f.Money {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				v.Add(f.Name, "campaign_target_number")
				continue
			}
			nums[f.Name] = n
			continue
		}
		// 万元 by default; "5000000元" or "500万" say their unit (domain.ParseMoney).
		y, ok := domain.ParseMoney(s, domain.WanYuan)
		maxWan := domain.MaxCampaignValue / yuanPerWan
		if !ok || y > domain.MaxCampaignValue {
			v.Add(f.Name, "campaign_target_range", 0, maxWan)
			continue
		}
		nums[f.Name] = y
	}
	clamp := func(n int64) int { return int(max(min(n, math.MaxInt32), math.MinInt32)) }
	t := &domain.CampaignTargets{Year: year, FlagshipEvents: clamp(nums["flagshipEvents"]),
		MatchmakingSessions: clamp(nums["matchmakingSessions"]), Enterprises: clamp(nums["enterprises"]),
		Leads: clamp(nums["leads"]), Intentions: clamp(nums["intentions"]), SignedDeals: clamp(nums["signedDeals"]),
		SignedValue: nums["signedValue"], IntendedValue: nums["intendedValue"]}
	var dv *domain.ValidationError
	if err := t.Validate(); errors.As(err, &dv) {
		for f, p := range dv.Fields {
			if !v.Has(f) {
				v.Add(f, p.Key, p.Args...)
			}
		}
	}
	return t, form, v
}

// pageCampaignTargets is the admin's form for one year's targets.
func (h *Handler) pageCampaignTargets(c *fiber.Ctx) error {
	year, err := h.campaignYearParam(c.Params("year"))
	if err != nil {
		return err
	}
	t, err := h.campaignTargets(c.UserContext(), year)
	if err != nil {
		return err
	}
	return h.renderCampaignTargets(c, fiber.StatusOK, t, campaignTargetsForm(t), nil)
}

func (h *Handler) renderCampaignTargets(c *fiber.Ctx, status int, t domain.CampaignTargets, form, errs map[string]string) error {
	lang := currentLocale(c)
	data := &campaignTargetsView{
		Page:    Page{Title: locales.T(lang, "campaign.targets.title", t.Year), Form: form, Errors: errs},
		Targets: t, Fields: campaignTargetFields,
	}
	if t.UpdatedBy != "" {
		if by, err := h.deps.Store.Users.Get(c.UserContext(), t.UpdatedBy); err == nil {
			data.UpdatedByName = cmp.Or(by.Name, by.Email)
		}
	}
	return h.render(c, status, "campaign/targets", data)
}

// formCampaignTargets saves the posted targets and returns to the year's dashboard.
func (h *Handler) formCampaignTargets(c *fiber.Ctx) error {
	year, err := h.campaignYearParam(c.Params("year"))
	if err != nil {
		return err
	}
	t, form, v := parseCampaignTargetsForm(c, year)
	if v.Err() != nil {
		stored, err := h.campaignTargets(c.UserContext(), year)
		if err != nil {
			return err
		}
		return h.renderCampaignTargets(c, fiber.StatusUnprocessableEntity, stored, form, translateFields(currentLocale(c), v))
	}
	if err := h.saveCampaignTargets(c, t); err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/campaign?year="+strconv.Itoa(year), "success", "campaign.targets.saved")
}
