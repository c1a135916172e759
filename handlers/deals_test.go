package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/domain"
)

// quoteBody is a valid quote with its unit price and currency.
func (f *fixture) quoteBody(price float64, currency string, days int) string {
	return fmt.Sprintf(`{"unitPrice":%g,"currency":%q,"quantity":500,"moq":50,"leadTimeDays":%d,"validUntil":%q,"note":"含税含运"}`,
		price, currency, days, f.clock.Now().Add(20*24*time.Hour).Format(time.RFC3339))
}

// TestQuotesCompareAndShortlist is the buyer's loop: three suppliers quote, one in dollars; the
// buyer compares them sorted by total with currencies apart, shortlists one, and the quote's
// total becomes the match's value, which the funnel counts at intent.
func TestQuotesCompareAndShortlist(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	lead := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	type sup struct {
		name     string
		price    float64
		currency string
	}
	sups := []sup{{"无锡甲传感有限公司", 210.5, "CNY"}, {"无锡乙电子有限公司", 198, "CNY"}, {"Acme Sensors Ltd", 29.9, "USD"}}
	matches := map[string]*domain.Match{}
	for i, s := range sups {
		ent := f.addEnterprise(s.name, "L1")
		m := f.newMatch(lead, ent, domain.MatchInterested)
		matches[s.name] = m
		name := fmt.Sprintf("sup%d", i)
		f.addActor(name, &domain.User{Role: domain.RoleMember, EnterpriseID: ent.ID})
		res := f.do(name, "POST", "/api/v1/matches/"+m.ID+"/quote", f.quoteBody(s.price, s.currency, 10+i)).wantStatus(t, 201).json(t)
		if d := res["data"].(map[string]any); d["total"] != s.price*500 || d["revision"] != float64(1) {
			t.Fatalf("quote answer %v", d)
		}
	}
	// A revised quote replaces the first.
	f.do("sup0", "POST", "/api/v1/matches/"+matches[sups[0].name].ID+"/quote", f.quoteBody(190, "CNY", 12)).wantStatus(t, 201)

	body := f.do(asMember, "GET", "/api/v1/leads/"+lead.ID+"/quotes", "").wantStatus(t, 200).json(t)
	rows := body["data"].([]any)
	var order []string
	for _, r := range rows {
		q := r.(map[string]any)
		order = append(order, fmt.Sprintf("%s %s %v", q["currency"], q["supplier"], q["total"]))
	}
	want := []string{"CNY 无锡甲传感有限公司 95000", "CNY 无锡乙电子有限公司 99000", "USD Acme Sensors Ltd 14950"}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Fatalf("order %q, want %q", order, want)
	}
	if cur := body["currencies"].([]any); len(cur) != 2 {
		t.Fatalf("currencies %v", cur)
	}
	desc := f.do(asMember, "GET", "/api/v1/leads/"+lead.ID+"/quotes?sort=leadTimeDays&desc=1", "").wantStatus(t, 200).json(t)
	if first := desc["data"].([]any)[0].(map[string]any); first["supplier"] != "无锡甲传感有限公司" {
		t.Fatalf("by lead time, longest first: %v", first)
	}
	f.do(asMember, "GET", "/api/v1/leads/"+lead.ID+"/quotes?sort=colour", "").wantStatus(t, 422)

	// The buyer shortlists the cheapest from the comparison page and stays there; the page
	// shows it (supplier first in each row), and the quote's total is the value.
	cheapest := matches[sups[0].name]
	page := string(f.do(asMember, "GET", "/leads/"+lead.ID+"/quotes", "").wantStatus(t, 200).body)
	if strings.Count(page, `action="/leads/`+lead.ID+`/shortlist"`) != 3 || !strings.Contains(page, `<th scope="row" class="quote-supplier">`) {
		t.Fatal("the comparison offers no shortlist button per quote, or rows are not headed by the supplier")
	}
	res := f.do(asMember, "POST", "/leads/"+lead.ID+"/shortlist", form("enterpriseId", cheapest.EnterpriseID, "back", "quotes")).wantStatus(t, 303)
	if loc := res.header.Get("Location"); loc != "/leads/"+lead.ID+"/quotes" {
		t.Fatalf("shortlisting from the comparison returns to %q", loc)
	}
	// The organiser of the lead's cluster sees the quotes; one of another cluster does not.
	if n := len(f.do(asOrganiser, "GET", "/api/v1/leads/"+lead.ID+"/quotes", "").wantStatus(t, 200).json(t)["data"].([]any)); n != 3 {
		t.Errorf("the cluster's organiser sees %d quotes, want 3", n)
	}
	if other := f.do(asOtherOrganiser, "GET", "/leads/"+lead.ID+"/quotes", ""); other.status == 200 {
		t.Error("an organiser of another cluster sees the quotes")
	}
	if other := f.do(asOtherOrganiser, "GET", "/api/v1/leads/"+lead.ID+"/quotes", ""); other.status == 200 {
		t.Error("an organiser of another cluster reads the quotes")
	}
	page = string(f.do(asMember, "GET", "/leads/"+lead.ID+"/quotes", "").wantStatus(t, 200).body)
	for _, w := range []string{"95,000.00", "14,950.00", "无锡乙电子有限公司", "候选", "USD 报价"} {
		if !strings.Contains(page, w) {
			t.Errorf("compare page lacks %q", w)
		}
	}
	m, _ := f.store.Matches.Get(context.Background(), cheapest.ID)
	if m.Value != 95000 || m.Currency != "CNY" {
		t.Fatalf("match value %d %s, want the quote's total", m.Value, m.Currency)
	}
	for _, st := range []string{"contacted", "negotiating", "intent"} {
		f.do(asMember, "POST", "/api/v1/matches/"+cheapest.ID+"/outcome", `{"stage":"`+st+`"}`).wantStatus(t, 200)
	}
	fun := f.do(asOrganiser, "GET", "/api/v1/matches/funnel?lead="+lead.ID, "").wantStatus(t, 200).json(t)
	if !strings.Contains(fmt.Sprint(fun["data"]), "95000") {
		t.Fatalf("funnel does not count the quoted value at intent: %v", fun["data"])
	}

	// Days later the quotes have expired: marked, and left out of the currency summary.
	f.clock.advance(21 * 24 * time.Hour)
	late := f.do(asMember, "GET", "/api/v1/leads/"+lead.ID+"/quotes", "").wantStatus(t, 200).json(t)
	if q := late["data"].([]any)[0].(map[string]any); q["expired"] != true || len(late["currencies"].([]any)) != 0 {
		t.Fatalf("after validity: %v %v", q, late["currencies"])
	}
	f.addActor("late", &domain.User{Role: domain.RoleMember, EnterpriseID: f.enterprise.ID}) // a session of today
	if !strings.Contains(string(f.do("late", "GET", "/leads/"+lead.ID+"/quotes", "").wantStatus(t, 200).body), "已过期") {
		t.Error("compare page does not mark expired quotes")
	}
}

// TestDealBadInput refuses what must be refused, naming the field or the state, and writes
// nothing.
func TestDealBadInput(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	buyerLead := f.newLead(f.otherEnt, "L1", domain.LeadOpen)
	sent := f.newMatch(buyerLead, f.enterprise, domain.MatchSent)
	interested := f.newMatch(f.newLead(f.otherEnt, "L1", domain.LeadOpen), f.enterprise, domain.MatchInterested)
	past := f.clock.Now().Add(-time.Hour).Format(time.RFC3339)
	for _, c := range []struct {
		name, id, body string
		status         int
		field          string
	}{
		{"negative price", interested.ID, `{"unitPrice":-5,"currency":"CNY","quantity":10,"validUntil":"2099-01-01"}`, 422, "unitPrice"},
		{"absurd quantity", interested.ID, strings.Replace(f.quoteBody(5, "CNY", 3), `"quantity":500`, `"quantity":50000000000`, 1), 422, "quantity"},
		{"valid until in the past", interested.ID, `{"unitPrice":5,"currency":"CNY","quantity":10,"validUntil":"` + past + `"}`, 422, "validUntil"},
		{"valid until unreadable", interested.ID, `{"unitPrice":5,"currency":"CNY","quantity":10,"validUntil":"soon"}`, 422, "validUntil"},
		{"unknown currency", interested.ID, f.quoteBody(5, "ABC", 3), 422, "currency"},
		{"not answered interested", sent.ID, f.quoteBody(5, "CNY", 3), 409, "status"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := f.do(asMember, "POST", "/api/v1/matches/"+c.id+"/quote", c.body, acceptLanguage("en")).wantStatus(t, c.status)
			_, fields := res.apiError(t)
			if fields[c.field] == nil {
				t.Fatalf("no problem named on %s: %s", c.field, res.body)
			}
		})
	}
	if qs, _ := f.store.Quotes.ByLead(context.Background(), interested.LeadID); len(qs) != 0 {
		t.Fatalf("refused quotes were stored: %+v", qs)
	}
	// The form names the field too, in the page's language.
	page := f.do(asMember, "POST", "/matches/"+interested.ID+"/quote", "unitPrice=abc&currency=CNY&quantity=10").wantStatus(t, 422)
	if !strings.Contains(string(page.body), "field-error") {
		t.Error("the quote form shows no field error")
	}

	own := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	blocked := f.addEnterprise("被停用企业", "L1")
	blocked.Status = domain.EnterpriseBlocked
	if err := f.store.Enterprises.Update(context.Background(), blocked); err != nil {
		t.Fatal(err)
	}
	supplier := f.supplierIn("L1")
	f.newMatch(own, supplier, domain.MatchSent)
	for _, c := range []struct {
		name, body string
		status     int
		field      string
	}{
		{"own enterprise", `{"enterpriseId":"` + f.enterprise.ID + `"}`, 422, "enterpriseId"},
		{"blocked enterprise", `{"enterpriseId":"` + blocked.ID + `"}`, 422, "enterpriseId"},
		{"unknown enterprise", `{"enterpriseId":"` + domain.NewID() + `"}`, 422, "enterpriseId"},
		{"already matched", `{"enterpriseId":"` + supplier.ID + `"}`, 409, "enterpriseId"},
	} {
		t.Run("invite "+c.name, func(t *testing.T) {
			res := f.do(asMember, "POST", "/api/v1/leads/"+own.ID+"/invite", c.body).wantStatus(t, c.status)
			if _, fields := res.apiError(t); fields[c.field] == nil {
				t.Fatalf("no problem named on %s: %s", c.field, res.body)
			}
		})
	}
	f.do(asMember, "POST", "/api/v1/leads/"+own.ID+"/shortlist", `{"enterpriseId":"`+f.otherEnt.ID+`"}`).wantStatus(t, 422)
	closed := f.newLead(f.enterprise, "L1", domain.LeadClosed)
	res := f.do(asMember, "POST", "/api/v1/leads/"+closed.ID+"/shortlist", `{"enterpriseId":"`+supplier.ID+`"}`).wantStatus(t, 409)
	if _, fields := res.apiError(t); fields["status"] == nil {
		t.Fatalf("closed lead: %s", res.body)
	}
	if ids, _ := f.store.Shortlists.ByLead(context.Background(), closed.ID); len(ids) != 0 {
		t.Fatal("a closed lead's shortlist was written")
	}
}

// TestInviteOutsideTheRanking invites a supplier that the engine did not match: it receives the
// lead, a notice is recorded for its members, and it may answer and quote.
func TestInviteOutsideTheRanking(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	lead := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	outsider := f.addEnterprise("无锡外部供应商有限公司", "A2")
	f.addActor("outsider", &domain.User{Role: domain.RoleMember, EnterpriseID: outsider.ID})
	page := string(f.do(asMember, "GET", "/leads/"+lead.ID+"/matches?invite_q=外部供应商", "").wantStatus(t, 200).body)
	if !strings.Contains(page, "无锡外部供应商有限公司") || !strings.Contains(page, `action="/leads/`+lead.ID+`/invite"`) {
		t.Fatal("the invite search does not offer the supplier")
	}
	res := f.do(asMember, "POST", "/api/v1/leads/"+lead.ID+"/invite", `{"enterpriseId":"`+outsider.ID+`","note":"请报价"}`).wantStatus(t, 201).json(t)
	id := res["data"].(map[string]any)["id"].(string)
	ns, _ := f.store.Notices.PendingFor(context.Background(), f.actors["outsider"].user.ID)
	if len(ns) != 1 || ns[0].Kind != domain.NoticeInvite {
		t.Fatalf("invitation notices %+v", ns)
	}
	f.do("outsider", "POST", "/api/v1/matches/"+id+"/respond", `{"decision":"interested"}`).wantStatus(t, 200)
	f.do("outsider", "POST", "/api/v1/matches/"+id+"/quote", f.quoteBody(88, "CNY", 7)).wantStatus(t, 201)
	page = string(f.do(asMember, "GET", "/leads/"+lead.ID+"/matches", "").wantStatus(t, 200).body)
	for _, w := range []string{"受邀", "已报价", "比较报价（1）"} {
		if !strings.Contains(page, w) {
			t.Errorf("ranking page lacks %q", w)
		}
	}
}
