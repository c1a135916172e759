package handlers

import (
	"encoding/json"
	"net/url"
	"strconv"
	"time"

	"duijie/domain"
	"duijie/locales"
	"duijie/service/campaign"
)

// campaignMonthRow is one line of the monthly table, money formatted for the locale.
type campaignMonthRow struct {
	domain.CampaignMonth
	Label                              string
	SignedValueText, IntendedValueText string
}

// campaignMonthsTable is the monthly table beside the charts: the same figures the charts read
// from the API, for screen readers, printing and pages without JavaScript.
type campaignMonthsTable struct {
	Rows  []campaignMonthRow
	Total campaignMonthRow
}

func newMonthsTable(lang string, months []domain.CampaignMonth) campaignMonthsTable {
	var t campaignMonthsTable
	row := func(m domain.CampaignMonth, label string) campaignMonthRow {
		return campaignMonthRow{CampaignMonth: m, Label: label, SignedValueText: campaignMoney(lang, m.SignedValue),
			IntendedValueText: campaignMoney(lang, m.IntendedValue)}
	}
	for i, m := range months {
		t.Rows = append(t.Rows, row(m, monthName(lang, i)))
	}
	if cum := domain.CampaignCumulative(months); len(cum) > 0 {
		t.Total = row(cum[len(cum)-1], "")
	}
	return t
}

// monthName is month i (0-based) as each audience writes it: 1月, Jan.
func monthName(lang string, i int) string {
	if lang == "en" {
		return time.Month(i + 1).String()[:3]
	}
	return strconv.Itoa(i+1) + "月"
}

// chartLabels are the words the charts print, in lang, handed to the script as JSON.
func chartLabels(lang string) string {
	months := make([]string, 12)
	for i := range months {
		months[i] = monthName(lang, i)
	}
	tr := func(k string) string { return locales.T(lang, k) }
	b, _ := json.Marshal(map[string]any{ // plain values: cannot fail
		"monthShort": months, "monthly": tr("report.chart.monthly"), "cumulative": tr("report.chart.cumulative"),
		"pace": tr("report.chart.pace"), "target": tr("report.chart.target"), "wan": tr("report.chart.wan"),
		"contribution": tr("report.contribution"), "signedValue": tr("campaign.kpi.signedValue"),
		"funnel": map[string]string{"leads": tr("campaign.kpi.leads"), "sent": tr("report.funnel.sent"),
			"interested": tr("report.funnel.interested"), "intent": tr("campaign.kpi.intentions"),
			"signed": tr("campaign.kpi.signedDeals")},
	})
	return string(b)
}

// chartAPI is the API address the charts read, for the year and cluster shown.
func chartAPI(year int, cluster string) string {
	q := url.Values{"year": {strconv.Itoa(year)}}
	if cluster != "" {
		q.Set("cluster", cluster)
	}
	return "/api/v1/campaign/kpis?" + q.Encode()
}

// chartKPI is one figure a chart draws: its key in the API's months and the locale key of its
// name.
type chartKPI struct{ Key, Label string }

func chartKPIs(keys ...string) []chartKPI {
	out := make([]chartKPI, len(keys))
	for i, k := range keys {
		out[i] = chartKPI{Key: k, Label: "campaign.kpi." + k}
		if k == "meetingsHeld" {
			out[i].Label = "report.kpi.meetingsHeld"
		}
	}
	return out
}

// chartData is what the dashboard's chart section needs.
func chartData(lang string, r *campaign.Report, m *campaign.Months) campaignCharts {
	core := []string{"flagshipEvents", "matchmakingSessions", "enterprises", "leads", "meetingsHeld"}
	kpis, yoy := chartKPIs(core...), chartKPIs(core...)
	if len(r.Outcomes) > 0 {
		kpis = append(kpis, chartKPIs("intentions", "signedValue")...)
		yoy = append(yoy, chartKPIs("intentions", "signedDeals", "signedValue", "intendedValue")...)
	}
	return campaignCharts{ChartAPI: chartAPI(r.Year, r.Cluster), ChartLabels: chartLabels(lang), ChartKPIs: kpis,
		YoYKeys: yoy, Months: newMonthsTable(lang, m.Months)}
}
