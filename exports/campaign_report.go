package exports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/service/campaign"
)

// BulletinSheets are the workbook's sheets, named as docs/contract.md fixes them whatever the
// reader's language: overview, clusters, monthly trend, brand events, signed deals.
var BulletinSheets = []string{"总览", "分集群", "月度趋势", "品牌活动", "签约成果"}

// BulletinFileName is the download's name: duijie-bulletin-2026-11[-L1].xlsx.
func BulletinFileName(b *campaign.Bulletin) string {
	name := fmt.Sprintf("duijie-bulletin-%d-%02d", b.Year, b.Month)
	if b.Cluster != "" {
		name += "-" + b.Cluster
	}
	return name + ".xlsx"
}

// sheetWriter fills one sheet row by row.
type sheetWriter struct {
	f     *excelize.File
	name  string
	row   int
	bold  int
	money int
	err   error
}

func (s *sheetWriter) put(vals ...any) {
	if s.err != nil {
		return
	}
	s.row++
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	s.err = s.f.SetSheetRow(s.name, cell, &vals)
}

// header writes a bold row.
func (s *sheetWriter) header(vals ...any) {
	s.put(vals...)
	if s.err == nil {
		last, _ := excelize.CoordinatesToCellName(len(vals), s.row)
		first, _ := excelize.CoordinatesToCellName(1, s.row)
		s.err = s.f.SetCellStyle(s.name, first, last, s.bold)
	}
}

// moneyCols formats the given 1-based columns of rows from..to as yuan with separators.
func (s *sheetWriter) moneyCols(from, to int, cols ...int) {
	for _, c := range cols {
		if s.err != nil || to < from {
			return
		}
		a, _ := excelize.CoordinatesToCellName(c, from)
		b, _ := excelize.CoordinatesToCellName(c, to)
		s.err = s.f.SetCellStyle(s.name, a, b, s.money)
	}
}

// WriteBulletin writes the bulletin b as a workbook, labels in lang, times in loc. Its figures
// are the bulletin page's and the mail's: all three read b.
func WriteBulletin(w io.Writer, b *campaign.Bulletin, lang string, loc *time.Location) error {
	f := excelize.NewFile()
	defer f.Close()
	t := func(key string, args ...any) string { return locales.T(lang, key, args...) }
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("bulletin xlsx: %w", err)
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	if err != nil {
		return fmt.Errorf("bulletin xlsx: %w", err)
	}
	sheets := make([]*sheetWriter, len(BulletinSheets))
	for i, name := range BulletinSheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return fmt.Errorf("bulletin xlsx: %w", err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("bulletin xlsx: %w", err)
		}
		sheets[i] = &sheetWriter{f: f, name: name, bold: bold, money: money}
	}
	kpi := func(key string) string { return t("campaign.kpi." + key) }
	scope := t("report.bulletin.scopeWhole")
	if b.Cluster != "" {
		scope = b.Cluster
	} else if b.Report.Clusters != nil {
		scope = strings.Join(b.Report.Clusters, ", ")
	}

	// 总览
	s := sheets[0]
	s.header(t("report.bulletin.heading", b.Year, b.Month))
	s.put(t("report.xlsx.scope"), scope)
	s.put(t("report.xlsx.generated"), b.Generated.In(loc).Format("2006-01-02 15:04"))
	s.put()
	s.header(t("report.xlsx.figure"), t("report.xlsx.target"), t("report.xlsx.month"), t("report.xlsx.toDate"),
		t("report.xlsx.percent"), t("report.xlsx.expected"), t("report.xlsx.status"))
	var moneyRows []int
	for _, r := range b.Overview() {
		name := kpi(r.Key)
		if r.Money {
			name += t("report.xlsx.yuanSuffix")
			moneyRows = append(moneyRows, s.row+1)
		}
		s.put(name, r.Target, r.Month, r.ToDate, r.Percent, r.Expected, t("campaign.status."+string(r.Status)))
	}
	for _, row := range moneyRows {
		s.moneyCols(row, row, 2, 3, 4, 6)
	}

	// 分集群
	s = sheets[1]
	s.header(t("report.xlsx.rank"), t("report.xlsx.code"), t("report.xlsx.cluster"), t("campaign.byCluster.brand"),
		kpi("flagshipEvents"), kpi("matchmakingSessions"), kpi("enterprises"), kpi("leads"), kpi("intentions"),
		kpi("signedDeals"), kpi("signedValue")+t("report.xlsx.yuanSuffix"), kpi("intendedValue")+t("report.xlsx.yuanSuffix"),
		t("report.contribution")+" (%)", t("report.behind"))
	first := s.row + 1
	for i, r := range campaign.RankByContribution(b.Report.ByCluster) {
		a := r.Actuals
		held, behind := t("campaign.byCluster.notHeld"), ""
		if a.FlagshipEvents > 0 {
			held = t("campaign.byCluster.held")
		}
		if r.Behind {
			behind = t("report.behind")
		}
		s.put(i+1, r.Cluster.Code, r.Cluster.Name(lang), held, a.FlagshipEvents, a.MatchmakingSessions(), a.Enterprises,
			a.Leads, a.Intentions, a.SignedDeals, a.SignedValue, a.IntendedValue, r.Contribution, behind)
	}
	s.moneyCols(first, s.row, 11, 12)

	// 月度趋势
	s = sheets[2]
	monthHeader := []any{t("report.months.month"), kpi("flagshipEvents"), kpi("matchmakingSessions"),
		t("report.months.newEnterprises"), kpi("leads"), t("report.kpi.meetingsHeld"), kpi("intentions"), kpi("signedDeals"),
		kpi("signedValue") + t("report.xlsx.yuanSuffix"), kpi("intendedValue") + t("report.xlsx.yuanSuffix")}
	monthRows := func(ms []domain.CampaignMonth) {
		first := s.row + 1
		for _, m := range ms {
			s.put(m.Month, m.FlagshipEvents, m.MatchmakingSessions, m.Enterprises, m.Leads, m.MeetingsHeld, m.Intentions,
				m.SignedDeals, m.SignedValue, m.IntendedValue)
		}
		if cum := domain.CampaignCumulative(ms); len(cum) > 0 {
			m := cum[len(cum)-1]
			s.put(t("report.months.total"), m.FlagshipEvents, m.MatchmakingSessions, m.Enterprises, m.Leads, m.MeetingsHeld,
				m.Intentions, m.SignedDeals, m.SignedValue, m.IntendedValue)
		}
		s.moneyCols(first, s.row, 9, 10)
	}
	s.header(t("report.xlsx.thisYear", b.Year))
	s.header(monthHeader...)
	monthRows(b.Months.Months[:b.Month])
	if len(b.Months.Previous) >= b.Month {
		s.put()
		s.header(t("report.xlsx.lastYear", b.Year-1))
		s.header(monthHeader...)
		monthRows(b.Months.Previous[:b.Month])
	}

	// 品牌活动
	s = sheets[3]
	s.header(t("report.xlsx.date"), t("report.xlsx.code"), t("report.xlsx.event"), t("report.xlsx.venue"),
		t("report.xlsx.confirmed"), t("report.xlsx.rounds"))
	for _, e := range b.BrandEvents {
		title := e.Title
		if lang == "en" && e.TitleEn != "" {
			title = e.TitleEn
		}
		rounds := 0
		for _, ss := range e.Sessions {
			if ss.Kind == domain.SessionMatchmaking {
				rounds++
			}
		}
		s.put(e.StartsAt.In(loc).Format("2006-01-02"), e.Cluster, title, e.Venue, e.ConfirmedCount, rounds)
	}
	if len(b.BrandEvents) == 0 {
		s.put(t("report.bulletin.noBrandEvents"))
	}

	// 签约成果
	s = sheets[4]
	s.header(t("report.xlsx.rank"), t("report.xlsx.lead"), t("report.xlsx.buyer"), t("report.xlsx.supplier"),
		t("report.xlsx.code"), t("report.xlsx.value"), t("report.xlsx.currency"))
	first = s.row + 1
	for i, d := range b.Deals {
		s.put(i+1, d.LeadTitle, d.Buyer, d.Match.EnterpriseName, strings.Join(d.Match.Clusters, ", "), d.Match.Value,
			d.Match.Currency)
	}
	s.moneyCols(first, s.row, 6)
	if len(b.Deals) == 0 {
		s.put(t("report.bulletin.noDeals"))
	}
	if b.DealsCut {
		s.put(t("report.bulletin.dealsCut", campaign.MaxBulletinDeals))
	}

	for i, sw := range sheets {
		if sw.err != nil {
			return fmt.Errorf("bulletin xlsx sheet %s: %w", BulletinSheets[i], sw.err)
		}
		_ = f.SetColWidth(sw.name, "A", "A", 22)
		_ = f.SetColWidth(sw.name, "B", "N", 14)
	}
	_ = f.SetColWidth(BulletinSheets[4], "B", "D", 28)
	_ = f.SetColWidth(BulletinSheets[3], "C", "D", 30)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("bulletin xlsx: %w", err)
	}
	return nil
}
