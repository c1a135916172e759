package handlers

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/exports"
	"duijie/locales"
	"duijie/service/campaign"
)

// bulletinParams reads ?year=&month=&cluster= of a bulletin; without year and month it is the
// last month completed (January's own while January runs).
func (h *Handler) bulletinParams(c *fiber.Ctx) (year, month int, cluster string, err error) {
	now := h.now().In(h.loadZone(""))
	year, month = bulletinMonthFor(now, now.Year())
	if s := strings.TrimSpace(c.Query("year")); s != "" {
		if year, err = h.campaignYearParam(s); err != nil {
			return 0, 0, "", err
		}
		if c.Query("month") == "" {
			year, month = bulletinMonthFor(now, year)
		}
	}
	if s := c.Query("month"); s != "" {
		if month, err = campaignMonthParam(s); err != nil {
			return 0, 0, "", err
		}
	}
	return year, month, strings.ToUpper(strings.TrimSpace(c.Query("cluster"))), nil
}

// bulletin builds the bulletin the request asks for.
func (h *Handler) bulletin(c *fiber.Ctx) (*campaign.Bulletin, error) {
	year, month, cluster, err := h.bulletinParams(c)
	if err != nil {
		return nil, err
	}
	return h.campaignService().Bulletin(c.UserContext(), currentUser(c), year, month, cluster)
}

// bulletinJSON is GET /api/v1/campaign/report: the bulletin's figures as data.
type bulletinJSON struct {
	Year        int                    `json:"year"`
	Month       int                    `json:"month"`
	Cluster     string                 `json:"cluster,omitempty"`
	Overview    []campaign.OverviewRow `json:"overview"`
	Report      *campaignReport        `json:"report"`
	Months      campaignMonthsView     `json:"months"`
	Events      []bulletinEvent        `json:"events"`
	BrandEvents []bulletinEvent        `json:"brandEvents"`
	Deals       []bulletinDeal         `json:"deals"`
	DealsCut    bool                   `json:"dealsCut"`
	Behind      []string               `json:"behind"` // cluster codes
}

type bulletinEvent struct {
	ID        string           `json:"id"`
	Title     string           `json:"title"`
	Cluster   string           `json:"cluster"`
	Kind      domain.EventKind `json:"kind"`
	StartsAt  time.Time        `json:"startsAt"`
	Venue     string           `json:"venue"`
	Confirmed int              `json:"confirmedCount"`
}

type bulletinDeal struct {
	MatchID   string   `json:"matchId"`
	LeadID    string   `json:"leadId"`
	LeadTitle string   `json:"leadTitle"`
	Buyer     string   `json:"buyer"`
	Supplier  string   `json:"supplier"`
	Clusters  []string `json:"clusters"`
	Value     int64    `json:"value"`
	Currency  string   `json:"currency"`
}

func bulletinEvents(es []domain.Event, lang string) []bulletinEvent {
	out := make([]bulletinEvent, len(es))
	for i, e := range es {
		title := e.Title
		if lang == "en" && e.TitleEn != "" {
			title = e.TitleEn
		}
		out[i] = bulletinEvent{ID: e.ID, Title: title, Cluster: e.Cluster, Kind: e.Kind, StartsAt: e.StartsAt,
			Venue: e.Venue, Confirmed: e.ConfirmedCount}
	}
	return out
}

func bulletinDeals(ds []campaign.Deal) []bulletinDeal {
	out := make([]bulletinDeal, len(ds))
	for i, d := range ds {
		out[i] = bulletinDeal{MatchID: d.Match.ID, LeadID: d.Match.LeadID, LeadTitle: d.LeadTitle, Buyer: d.Buyer,
			Supplier: d.Match.EnterpriseName, Clusters: d.Match.Clusters, Value: d.Match.Value, Currency: d.Match.Currency}
	}
	return out
}

// apiCampaignReport answers the bulletin's figures as JSON (organisers, admins).
func (h *Handler) apiCampaignReport(c *fiber.Ctx) error {
	b, err := h.bulletin(c)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	out := bulletinJSON{Year: b.Year, Month: b.Month, Cluster: b.Cluster, Overview: b.Overview(),
		Report: campaignReportView(b.Report, lang), Months: campaignMonthsJSON(b.Months),
		Events: bulletinEvents(b.Events, lang), BrandEvents: bulletinEvents(b.BrandEvents, lang),
		Deals: bulletinDeals(b.Deals), DealsCut: b.DealsCut, Behind: []string{}}
	for _, r := range b.Behind {
		out.Behind = append(out.Behind, r.Cluster.Code)
	}
	return sendData(c, fiber.StatusOK, out)
}

// campaignReportXLSX sends the bulletin as a workbook (sheets 总览, 分集群, 月度趋势, 品牌活动,
// 签约成果).
func (h *Handler) campaignReportXLSX(c *fiber.Ctx) error {
	b, err := h.bulletin(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := exports.WriteBulletin(&buf, b, currentLocale(c), h.loadZone("")); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+exports.BulletinFileName(b)+`"`)
	return c.Send(buf.Bytes())
}

// overviewLine is an overview row formatted for the page.
type overviewLine struct {
	campaign.OverviewRow
	Target, Month, ToDate, Expected string
	Pill                            string
}

func overviewLines(lang string, rows []campaign.OverviewRow) []overviewLine {
	out := make([]overviewLine, len(rows))
	for i, r := range rows {
		f := func(v int64) string { return formatNumber(v) }
		if r.Money {
			f = func(v int64) string { return campaignMoney(lang, v) }
		}
		out[i] = overviewLine{OverviewRow: r, Target: f(r.Target), Month: f(r.Month), ToDate: f(r.ToDate),
			Expected: f(r.Expected), Pill: kpiPills[r.Status]}
	}
	return out
}

// pageCampaignReport is the printable monthly bulletin (通报).
func (h *Handler) pageCampaignReport(c *fiber.Ctx) error {
	b, err := h.bulletin(c)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	r := campaignReportView(b.Report, lang)
	q := "year=" + strconv.Itoa(b.Year) + "&month=" + strconv.Itoa(b.Month)
	if b.Cluster != "" {
		q += "&cluster=" + b.Cluster
	}
	data := &campaignBulletinView{
		Page:         Page{Title: locales.T(lang, "report.bulletin.title", b.Year, b.Month)},
		B:            b,
		R:            r,
		Overview:     overviewLines(lang, b.Overview()),
		Ranked:       campaign.RankByContribution(b.Report.ByCluster),
		Money:        campaignRowMoney(lang, r.ByCluster),
		TopDeals:     b.Deals[:min(len(b.Deals), campaign.TopDeals)],
		Months:       newMonthsTable(lang, b.Months.Months[:b.Month]),
		ChartAPI:     chartAPI(b.Year, b.Cluster) + "&month=" + strconv.Itoa(b.Month),
		ChartKPIs:    chartKPIs("flagshipEvents", "matchmakingSessions", "enterprises", "leads"),
		Labels:       chartLabels(lang),
		ReportQuery:  q,
		Period:       bulletinPeriod(lang, b.Year, b.Month),
		MonthOptions: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
	}
	return h.render(c, fiber.StatusOK, "campaign/report", data)
}

// bulletinPeriod names the month: 2026年11月, November 2026.
func bulletinPeriod(lang string, year, month int) string {
	if lang == "en" {
		return fmt.Sprintf("%s %d", time.Month(month), year)
	}
	return fmt.Sprintf("%d年%d月", year, month)
}
