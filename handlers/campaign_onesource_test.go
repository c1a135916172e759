package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"duijie/domain"
	"duijie/exports"
	"duijie/service/campaign"
)

// seedIntent2025 adds to seedCampaign2025 a second L1 lead whose match stands at intent for
// value yuan: with the signed 600,000 the year has 意向成交额 600,000 + value.
func (f *fixture) seedIntent2025(value int64) {
	f.t.Helper()
	ctx := context.Background()
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	opened := time.Date(2025, 7, 1, 9, 0, 0, 0, loc)
	l := &domain.Lead{ID: domain.NewID(), Title: "采购压力传感器", Clusters: []string{"L1"}, Currency: "CNY",
		Status: domain.LeadOpen, BuyerEnterpriseID: f.enterprise.ID, BuyerName: f.enterprise.Name, OpenedAt: &opened,
		CreatedAt: opened, UpdatedAt: opened}
	if err := f.store.Leads.Create(ctx, l); err != nil {
		f.t.Fatalf("create lead: %v", err)
	}
	batch := []domain.Match{{LeadID: l.ID, EnterpriseID: f.otherEnt.ID, EnterpriseName: f.otherEnt.Name,
		Clusters: l.Clusters, Status: domain.MatchProposed, CreatedAt: opened, UpdatedAt: opened}}
	if _, err := f.store.Matches.Put(ctx, batch); err != nil {
		f.t.Fatalf("put match: %v", err)
	}
	m, when := &batch[0], opened.AddDate(0, 0, 2)
	for _, mv := range []func() error{
		func() error { return m.Send(when) },
		func() error { _, err := m.Respond(domain.MatchInterested, "", "supplier", when); return err },
		func() error {
			_, err := m.Advance(domain.Outcome{Stage: domain.MatchContacted}, "buyer", when)
			return err
		},
		func() error {
			_, err := m.Advance(domain.Outcome{Stage: domain.MatchNegotiating}, "buyer", when)
			return err
		},
		func() error {
			_, err := m.Advance(domain.Outcome{Stage: domain.MatchIntent, Value: value}, "buyer", when)
			return err
		},
	} {
		from := m.Status
		if err := mv(); err != nil {
			f.t.Fatal(err)
		}
		if err := f.store.Matches.Update(ctx, m, from); err != nil {
			f.t.Fatalf("update match: %v", err)
		}
	}
}

// One source of truth: the same year put through every view of the campaign gives the same
// intentions, signed deals, 意向成交额 and 签约额 (the funnel said 200,000 where the
// dashboard said 58万). Views: the KPI API, the monthly series, the year's funnel inside the KPI
// answer, the matches funnel (its own page and API), the dashboard page, the bulletin page, its
// workbook and its mail (checked where each is built).
func TestCampaignFiguresAgreeAcrossViews(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	f.seedCampaign2025()
	f.seedIntent2025(200_000)
	want := domain.CampaignResults{Intentions: 2, SignedDeals: 1, IntendedValue: 800_000, SignedValue: 600_000}

	// The dashboard's API.
	r := campaignAnswer(t, f.do(asAdmin, "GET", "/api/v1/campaign/kpis?year=2025", "").wantStatus(t, 200))
	if got := r.Actuals.Outcomes(); got != want {
		t.Errorf("KPI API: %+v, want %+v", got, want)
	}
	if r.Funnel == nil || r.Funnel.Outcomes != want || r.Funnel.IntentValue != want.IntendedValue {
		t.Errorf("the year's funnel in the KPI API: %+v", r.Funnel)
	}

	// The monthly series adds up to the same.
	var months struct {
		Data struct {
			Months []domain.CampaignMonth `json:"months"`
		} `json:"data"`
	}
	res := f.do(asAdmin, "GET", "/api/v1/campaign/kpis?year=2025&by=month", "").wantStatus(t, 200)
	if err := json.Unmarshal(res.body, &months); err != nil {
		t.Fatal(err)
	}
	var sum domain.CampaignResults
	for _, m := range months.Data.Months {
		sum.Intentions += m.Intentions
		sum.SignedDeals += m.SignedDeals
		sum.IntendedValue += m.IntendedValue
		sum.SignedValue += m.SignedValue
	}
	if sum != want || len(months.Data.Months) != 12 {
		t.Errorf("monthly series adds up to %+v over %d months, want %+v", sum, len(months.Data.Months), want)
	}

	// The matches funnel (every year; the seed holds only 2025).
	var funnel struct {
		Data domain.MatchFunnel `json:"data"`
	}
	res = f.do(asAdmin, "GET", "/api/v1/matches/funnel", "").wantStatus(t, 200)
	if err := json.Unmarshal(res.body, &funnel); err != nil {
		t.Fatal(err)
	}
	if funnel.Data.Outcomes != want || funnel.Data.IntentValue != want.IntendedValue || funnel.Data.SignedValue != want.SignedValue {
		t.Errorf("matches funnel: outcomes %+v, intent %d, signed %d", funnel.Data.Outcomes, funnel.Data.IntentValue, funnel.Data.SignedValue)
	}

	// The bulletin of December (the year to date is the whole year): its JSON, its workbook.
	var bulletin struct {
		Data struct {
			Overview []campaign.OverviewRow `json:"overview"`
			Deals    []struct {
				Value int64 `json:"value"`
			} `json:"deals"`
		} `json:"data"`
	}
	res = f.do(asAdmin, "GET", "/api/v1/campaign/report?year=2025&month=12", "").wantStatus(t, 200)
	if err := json.Unmarshal(res.body, &bulletin); err != nil {
		t.Fatal(err)
	}
	toDate := map[string]int64{}
	for _, r := range bulletin.Data.Overview {
		toDate[r.Key] = r.ToDate
	}
	if got := (domain.CampaignResults{Intentions: int(toDate["intentions"]), SignedDeals: int(toDate["signedDeals"]),
		IntendedValue: toDate["intendedValue"], SignedValue: toDate["signedValue"]}); got != want {
		t.Errorf("bulletin overview: %+v, want %+v", got, want)
	}
	if len(bulletin.Data.Deals) != 1 || bulletin.Data.Deals[0].Value != want.SignedValue {
		t.Errorf("bulletin deals: %+v", bulletin.Data.Deals)
	}
	res = f.do(asAdmin, "GET", "/campaign/report.xlsx?year=2025&month=12", "").wantStatus(t, 200)
	wb, err := excelize.OpenReader(bytes.NewReader(res.body))
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	if got := wb.GetSheetList(); !slices.Equal(got, exports.BulletinSheets) {
		t.Errorf("sheets %v, want %v", got, exports.BulletinSheets)
	}
	rows, _ := wb.GetRows("总览", excelize.Options{RawCellValue: true})
	cells := map[string]string{}
	for _, r := range rows {
		if len(r) > 3 {
			cells[r[0]] = r[3] // figure → year to date
		}
	}
	for name, v := range map[string]string{"合作意向": "2", "签约项目": "1", "签约额（元）": "600000", "意向成交额（元）": "800000"} {
		if cells[name] != v {
			t.Errorf("workbook 总览 %s = %q, want %s (rows %v)", name, cells[name], v, rows)
		}
	}

	// The pages print the same sums: 80万元 意向成交额 and 60万元 签约额.
	for _, path := range []string{"/campaign?year=2025", "/matches/funnel", "/campaign/report?year=2025&month=12"} {
		body := string(f.do(asAdmin, "GET", path, "").wantStatus(t, 200).body)
		for _, s := range []string{"80万元", "60万元"} {
			if !strings.Contains(body, s) {
				t.Errorf("%s does not show %s", path, s)
			}
		}
	}
}

// A member's monthly series carries no outcome fields at all, and a bad ?by= names the field.
func TestCampaignMonthsForMembersAndBadBy(t *testing.T) {
	f := newFixture(t)
	f.seedCampaign2025()
	var out struct {
		Data struct {
			Months []map[string]any `json:"months"`
		} `json:"data"`
	}
	res0 := f.do(asMember, "GET", "/api/v1/campaign/kpis?year=2025&by=month", "").wantStatus(t, 200)
	if err := json.Unmarshal(res0.body, &out); err != nil || len(out.Data.Months) != 12 {
		t.Fatalf("decode %s: %v", res0.body, err)
	}
	for _, m := range out.Data.Months {
		for _, k := range []string{"intentions", "signedDeals", "signedValue", "intendedValue"} {
			if _, ok := m[k]; ok {
				t.Errorf("a member's month carries %s: %v", k, m)
			}
		}
	}
	if out.Data.Months[1]["leads"] != 1.0 {
		t.Errorf("February: %v", out.Data.Months[1])
	}
	res := f.do(asOrganiser, "GET", "/api/v1/campaign/kpis?by=week", "", acceptLanguage("en")).wantStatus(t, 400)
	if _, fields := res.apiError(t); fields["by"] != "must be month" {
		t.Errorf("fields %v", fields)
	}
	// Members never see a verdict of pace.
	page := string(f.do(asMember, "GET", "/campaign?year=2025", "").wantStatus(t, 200).body)
	for _, s := range []string{"落后", "pill-warning", "pill-danger"} {
		if strings.Contains(page, s) {
			t.Errorf("the member's dashboard shows %q", s)
		}
	}
}

// The bulletin (pages: TestCampaignPagesRenderInBothLanguages) refuses a bad month with
// the field named, and an organiser's bulletin counts its clusters only.
func TestCampaignBulletinPages(t *testing.T) {
	f := newFixture(t)
	f.seedCampaign2025()
	res := f.do(asAdmin, "GET", "/api/v1/campaign/report?year=2025&month=13", "", acceptLanguage("en")).wantStatus(t, 400)
	if _, fields := res.apiError(t); fields["month"] != "must be a month from 1 to 12" {
		t.Errorf("fields %v", fields)
	}
	// The organiser runs L1: the A2 matchmaking session is not in its bulletin.
	var b struct {
		Data struct {
			Overview []campaign.OverviewRow `json:"overview"`
			Events   []struct {
				Cluster string `json:"cluster"`
			} `json:"events"`
		} `json:"data"`
	}
	res = f.do(asOrganiser, "GET", "/api/v1/campaign/report?year=2025&month=5", "").wantStatus(t, 200)
	if err := json.Unmarshal(res.body, &b); err != nil {
		t.Fatal(err)
	}
	if len(b.Data.Events) != 0 {
		t.Errorf("the organiser's May holds another cluster's event: %+v", b.Data.Events)
	}
	res = f.do(asAdmin, "GET", "/api/v1/campaign/report?year=2025&month=5", "").wantStatus(t, 200)
	if err := json.Unmarshal(res.body, &b); err != nil {
		t.Fatal(err)
	}
	if len(b.Data.Events) != 1 || b.Data.Events[0].Cluster != "A2" {
		t.Errorf("May's events for the admin: %+v", b.Data.Events)
	}
	// The year to the end of February: one lead, no event held yet.
	res = f.do(asAdmin, "GET", "/api/v1/campaign/kpis?year=2025&month=2", "").wantStatus(t, 200)
	if r := campaignAnswer(t, res); r.Actuals.Leads != 1 || r.Actuals.FlagshipEvents != 0 || r.Actuals.MatchmakingEvents != 0 {
		t.Errorf("to February: %+v", r.Actuals)
	}
}
