package handlers

import (
	"context"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/store"
)

// Money fields say their unit and take either unit: a lead budget in 元 typed as "12万", a
// match value typed as "12万", a campaign target in 万元 typed in 元.
func TestMoneyFieldsTakeEitherUnit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	page := string(f.do(asMember, "GET", "/leads/new", "").wantStatus(t, 200).body)
	if !strings.Contains(page, "最低预算（元）") || !strings.Contains(page, "12万") {
		t.Error("lead form does not say the budget's unit")
	}
	f.do(asMember, "POST", "/leads", form("title", "采购温湿度传感器", "quantity", "100", "clusters", "L1",
		"budgetMin", "12万", "budgetMax", "150,000元", "currency", "CNY")).wantStatus(t, 303)
	ls, _, _, err := f.store.Leads.List(ctx, store.LeadFilter{Q: "温湿度传感器"}, store.Page{Limit: 5})
	if err != nil || len(ls) != 1 || ls[0].BudgetMin != 120000 || ls[0].BudgetMax != 150000 {
		t.Fatalf("stored budget %+v (%v)", ls, err)
	}
	f.do(asMember, "POST", "/leads", form("title", "采购网关", "quantity", "1", "clusters", "L1", "budgetMin", "12.5")).wantStatus(t, 422)

	f.matchService()
	l := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	m := f.newMatch(l, f.supplierIn("L1"), domain.MatchInterested)
	for _, stage := range []string{"contacted", "negotiating"} {
		f.do(asMember, "POST", "/matches/"+m.ID+"/outcome", form("stage", stage)).wantStatus(t, 303)
	}
	f.do(asMember, "POST", "/matches/"+m.ID+"/outcome", form("stage", "intent", "value", "12万")).wantStatus(t, 303)
	if got, _ := f.store.Matches.Get(ctx, m.ID); got.Value != 120000 {
		t.Errorf("match value %d, want 120000", got.Value)
	}

	f.do(asAdmin, "POST", "/campaign/targets/2028", form("flagshipEvents", "10", "matchmakingSessions", "100",
		"enterprises", "1000", "leads", "10000", "signedValue", "5000000元", "intendedValue", "800万")).wantStatus(t, 303)
	got, err := f.store.Campaign.Targets(ctx, 2028)
	if err != nil || got.SignedValue != 5_000_000 || got.IntendedValue != 8_000_000 {
		t.Fatalf("targets %+v (%v)", got, err)
	}
}

// A failed sign-up keeps what was typed and says the password was not.
func TestSignupSaysPasswordNotKept(t *testing.T) {
	f := newFixture(t)
	body := string(f.do(asAnonymous, "POST", "/signup", form("email", "bad", "password", "short", "name", "",
		"enterprise.name", "无锡测试", "enterprise.uscc", "123")).wantStatus(t, 422).body)
	for _, want := range []string{"密码没有保留", `value="无锡测试"`, `value="bad"`, "为必填项", "必须为 18 位"} {
		if !strings.Contains(body, want) {
			t.Errorf("failed sign-up lacks %q", want)
		}
	}
	if strings.Contains(body, "short") {
		t.Error("the password was echoed")
	}
	if strings.Contains(string(f.do(asAnonymous, "GET", "/signup", "").body), "密码没有保留") {
		t.Error("a fresh form claims a password was dropped")
	}
}

// The second attendee is optional as a whole; its name, mobile and email say they are needed
// only when that person is filled in, and a half-filled person is refused with each missing field.
func TestRegistrationOptionalAttendeeLabels(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	page := string(f.do(asMember, "GET", "/events/"+e.ID+"/register", "").wantStatus(t, 200).body)
	if strings.Count(page, "填写此人时必填") < 3 || !strings.Contains(page, "一旦填写，姓名、手机和邮箱都需填写") {
		t.Errorf("second attendee's labels do not say when they are needed: %s", excerpt(page, "参会人 2"))
	}
	body := string(f.do(asMember, "POST", "/events/"+e.ID+"/register", form(
		"attendees[0].name", "王工", "attendees[0].mobile", "13800000000", "attendees[0].email", "wang@example.cn",
		"attendees[1].position", "采购经理")).wantStatus(t, 422).body)
	for _, want := range []string{`value="采购经理"`, `value="王工"`, `id="f-attendees-1-name-err"`, `id="f-attendees-1-mobile-err"`, `id="f-attendees-1-email-err"`} {
		if !strings.Contains(body, want) {
			t.Errorf("half-filled second attendee: page lacks %q", want)
		}
	}
}

// The directory's region filter takes a city (its districts) or a province (its cities), in
// the API and on the page.
func TestDirectoryRegionIsHierarchical(t *testing.T) {
	f := newFixture(t)
	suzhou := f.addEnterprise("苏州园区精密制造有限公司", "L1")
	suzhou.Region = "320506"
	if err := f.store.Enterprises.Update(context.Background(), suzhou); err != nil {
		t.Fatal(err)
	}
	total := func(region string) int {
		body := f.do(asAdmin, "GET", "/api/v1/enterprises?region="+region, "").wantStatus(t, 200).json(t)
		return int(body["page"].(map[string]any)["total"].(float64))
	}
	wuxiDistrict, wuxi, jiangsu, suzhouCity := total("320214"), total("320200"), total("320000"), total("320500")
	if wuxi != wuxiDistrict || jiangsu != wuxi+1 || suzhouCity != 1 {
		t.Errorf("新吴区 %d, 无锡市 %d, 江苏省 %d, 苏州市 %d: a city must take its districts and a province its cities",
			wuxiDistrict, wuxi, jiangsu, suzhouCity)
	}
	page := string(f.do(asAdmin, "GET", "/enterprises?region=320500", "").wantStatus(t, 200).body)
	if !strings.Contains(page, "苏州园区精密制造有限公司") || strings.Contains(page, "无锡物联感知科技有限公司") {
		t.Error("the directory page filtered by 苏州市 does not list just the Suzhou firm")
	}
}
