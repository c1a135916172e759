package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/locales"
)

func TestCampaignPagesRenderInBothLanguages(t *testing.T) {
	f := newFixture(t)
	f.seedCampaign2025()
	f.addActor("organiser-none", &domain.User{Role: domain.RoleOrganiser})
	cases := []pageCase{
		{asMember, "GET", "/campaign", "", 200},
		{asMember, "GET", "/campaign?year=2025", "", 200},
		{asOtherOrganiser, "GET", "/campaign?year=2025", "", 200},
		{asOrganiser, "GET", "/campaign?year=2025&cluster=L1", "", 200},
		{asAdmin, "GET", "/campaign?year=2025", "", 200},
		{asAdmin, "GET", "/campaign?year=2025&cluster=F5", "", 200},
		{asAdmin, "GET", "/campaign?year=1066", "", 422},
		{asOrganiser, "GET", "/campaign?cluster=A2", "", 403},
		{"organiser-none", "GET", "/campaign", "", 200},
		{asAdmin, "GET", "/campaign/targets/2026", "", 200},
		{asAdmin, "GET", "/campaign/report?year=2025&month=6", "", 200},
		{asOrganiser, "GET", "/campaign/report?year=2025&month=12", "", 200},
		{asAdmin, "GET", "/campaign/report", "", 200},
		{asAdmin, "GET", "/campaign/report?year=2025&month=13", "", 400},
		{asMember, "GET", "/campaign/report?year=2025&month=6", "", 403},
		{asAdmin, "POST", "/campaign/targets/2026", "flagshipEvents=&matchmakingSessions=x&enterprises=0&leads=10000&signedValue=-1", 422},
	}
	for _, lang := range locales.Supported {
		for _, pc := range cases {
			locales.ResetMissing()
			sep := "?"
			if strings.Contains(pc.path, "?") {
				sep = "&"
			}
			res := f.do(pc.as, pc.method, pc.path+sep+"lang="+lang, pc.body)
			checkPage(t, fmt.Sprintf("%s %s %s as %s", lang, pc.method, pc.path, pc.as), lang, res, pc.status)
		}
	}
}

func TestCampaignDashboardShowsWhatEachRoleMaySee(t *testing.T) {
	f := newFixture(t)
	f.seedCampaign2025()
	tests := []struct {
		as        string
		want, not []string
	}{
		{asAdmin, []string{"十", "万", `id="outcomes-h"`, "分集群情况", "L1 · 物联网", "60万元", "设置 2025 年度目标", "未达成", "年度已结束"},
			[]string{"占全市目标"}},
		{asOrganiser, []string{"我负责的集群 · 2025 年度", "占全市目标", "60万元", `value="L1"`}, []string{`value="A2"`, "设置 2025"}},
		{asMember, []string{"全市 · 2025 年度", "当前使用默认目标", "十", "万"},
			[]string{`id="outcomes-h"`, "分集群情况", "60万元", `name="cluster"`, "设置 2025"}},
	}
	for _, tt := range tests {
		body := string(f.do(tt.as, "GET", "/campaign?year=2025", "").wantStatus(t, 200).body)
		for _, s := range tt.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s: page lacks %q", tt.as, s)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(body, s) {
				t.Errorf("%s: page shows %q", tt.as, s)
			}
		}
	}
	res := f.do(asAnonymous, "GET", "/campaign", "").wantStatus(t, 303)
	if loc := res.header.Get("Location"); loc != "/login?next=%2Fcampaign" {
		t.Errorf("anonymous sent to %q", loc)
	}
}

func TestCampaignTargetsForm(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	res := f.do(asAdmin, "POST", "/campaign/targets/2027", form("flagshipEvents", "", "matchmakingSessions", "1e2",
		"enterprises", "1,200", "leads", "12000", "signedValue", "abc"))
	res.wantStatus(t, 422)
	body := string(res.body)
	for _, msg := range []string{"为必填项", "须为整数", "须为 0 到 100000000 之间的数", `value="1e2"`} {
		if !strings.Contains(body, msg) {
			t.Errorf("re-rendered form lacks %q", msg)
		}
	}
	if _, err := f.store.Campaign.Targets(ctx, 2027); err == nil {
		t.Fatal("refused form stored targets")
	}

	res = f.do(asAdmin, "POST", "/campaign/targets/2027", form("flagshipEvents", "11", "matchmakingSessions", "110",
		"enterprises", "1,100", "leads", "11000", "intentions", "", "signedValue", "265000", "intendedValue", "0.5"))
	res.wantStatus(t, 303)
	if loc := res.header.Get("Location"); loc != "/campaign?year=2027" {
		t.Errorf("saved form goes to %q", loc)
	}
	got, err := f.store.Campaign.Targets(ctx, 2027)
	if err != nil {
		t.Fatal(err)
	}
	want := domain.CampaignTargets{Year: 2027, FlagshipEvents: 11, MatchmakingSessions: 110, Enterprises: 1100, Leads: 11000,
		SignedValue: 2_650_000_000, IntendedValue: 5_000, UpdatedBy: f.actors[asAdmin].user.ID, UpdatedAt: got.UpdatedAt}
	if *got != want {
		t.Fatalf("stored %+v\nwant   %+v", *got, want)
	}
	// The form shows money back in 万元, and who saved it.
	page := string(f.do(asAdmin, "GET", "/campaign/targets/2027", "").wantStatus(t, 200).body)
	for _, s := range []string{`value="265000"`, `value="0.5"`, "Fixture admin"} {
		if !strings.Contains(page, s) {
			t.Errorf("targets form lacks %q", s)
		}
	}
	f.do(asAdmin, "GET", "/campaign/targets/20x7", "").wantStatus(t, 400)
}

func TestCampaignMoney(t *testing.T) {
	tests := []struct {
		lang string
		yuan int64
		want string
	}{
		{"zh-CN", 0, "0元"},
		{"zh-CN", 9_999, "9,999元"},
		{"zh-CN", 600_000, "60万元"},
		{"zh-CN", 12_345, "1.23万元"},
		{"zh-CN", 2_650_000_000, "26.5亿元"},
		{"zh-CN", 99_999_999, "9,999.99万元"},
		{"zh-CN", 1_234_500_000_000, "12,345亿元"},
		{"en", 600_000, "CNY 600k"},
		{"en", 2_650_000_000, "CNY 2.65bn"},
		{"en", 1_999_999, "CNY 1.99m"},
		{"en", 999, "CNY 999"},
	}
	for _, tt := range tests {
		if got := campaignMoney(tt.lang, tt.yuan); got != tt.want {
			t.Errorf("campaignMoney(%s, %d) = %q, want %q", tt.lang, tt.yuan, got, tt.want)
		}
	}
}
