package handlers

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"duijie/domain"
)

// A form with an unreadable number still reports every other problem at once, in the page's
// language, each on its field.
func TestLeadFormShowsEveryProblemAtOnce(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"zh-CN", []string{"不是数字", "为必填项", "最低预算不能高于最高预算", "不是出口市场代码"}},
		{"en", []string{"is not a number", "is required", "XX is not an export market code"}},
	} {
		body := form("title", "", "clusters", "L1", "quantity", "十", "budgetMin", "500", "budgetMax", "100", "exportMarket", "XX")
		res := f.do(asMember, "POST", "/leads?lang="+tc.lang, body).wantStatus(t, 422)
		for _, w := range tc.want {
			if !bytes.Contains(res.body, []byte(w)) {
				t.Errorf("%s: form does not say %q: %.3000s", tc.lang, w, res.body)
			}
		}
		for _, id := range []string{"f-title-err", "f-quantity-err", "f-budgetMin-err", "f-exportMarket-err"} {
			if !bytes.Contains(res.body, []byte(`id="`+id+`"`)) {
				t.Errorf("%s: no inline error %s", tc.lang, id)
			}
		}
	}
}

// An organiser edits a lead it posted for an outside buyer through the form: the buyer's name
// is on the form, so saving keeps it (and may correct it).
func TestOrganiserEditsOutsideBuyerLead(t *testing.T) {
	f := newFixture(t)
	l := leadOf(t, f.do(asOrganiser, "POST", "/api/v1/leads", `{"title":"IGBT modules","clusters":["L1"],"quantity":20,
		"buyerName":"Müller GmbH","status":"open"}`).wantStatus(t, 201))
	page := f.do(asOrganiser, "GET", "/leads/"+l.ID+"/edit", "").wantStatus(t, 200)
	if !bytes.Contains(page.body, []byte(`name="buyerName"`)) || !bytes.Contains(page.body, []byte("Müller GmbH")) {
		t.Fatalf("edit form has no buyer name: %.3000s", page.body)
	}
	if bytes.Contains(page.body, []byte(`name="buyerUscc"`)) {
		t.Fatalf("edit form offers to change the buyer to a registered firm")
	}
	res := f.do(asOrganiser, "POST", "/leads/"+l.ID, form("title", "IGBT modules 1200V", "clusters", "L1", "quantity", "20",
		"buyerName", "Müller Antriebstechnik GmbH"))
	if res.status != 303 {
		t.Fatalf("save: status %d: %.3000s", res.status, res.body)
	}
	got, err := f.store.Leads.Get(t.Context(), l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "IGBT modules 1200V" || got.BuyerName != "Müller Antriebstechnik GmbH" {
		t.Fatalf("saved lead: %+v", got)
	}
	// A member's own lead has no buyer fields: the buyer is the member's firm.
	own := f.newLead(f.enterprise, "L1", domain.LeadDraft)
	if p := f.do(asMember, "GET", "/leads/"+own.ID+"/edit", "").wantStatus(t, 200); bytes.Contains(p.body, []byte(`name="buyerName"`)) {
		t.Fatalf("member's edit form asks for a buyer name")
	}
}

// Closing a lead needs an outcome chosen on purpose; a draft can only be cancelled.
func TestCloseLeadNeedsAChosenOutcome(t *testing.T) {
	f := newFixture(t)
	open := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	page := f.do(asMember, "GET", "/leads/"+open.ID, "").wantStatus(t, 200)
	if !bytes.Contains(page.body, []byte(`<option value="">请选择结果</option>`)) {
		t.Fatalf("close form does not start on a choice: %.4000s", page.body)
	}
	res := f.do(asMember, "POST", "/leads/"+open.ID+"/close?lang=en", form("outcome", "")).wantStatus(t, 422)
	if !bytes.Contains(res.body, []byte(`id="f-outcome-err">is required`)) {
		t.Fatalf("no error on the outcome: %.4000s", res.body)
	}
	if !bytes.Contains(res.body, []byte(`class="lang-switch" href="/leads/`+open.ID+`?lang=zh-CN"`)) {
		t.Errorf("language switch does not lead to the lead's page: %.1500s", res.body)
	}
	if got, _ := f.store.Leads.Get(t.Context(), open.ID); got.Status != domain.LeadOpen {
		t.Fatalf("lead closed without an outcome: %s", got.Status)
	}
	draft := f.newLead(f.enterprise, "L1", domain.LeadDraft)
	page = f.do(asMember, "GET", "/leads/"+draft.ID, "").wantStatus(t, 200)
	if bytes.Contains(page.body, []byte(`value="signed"`)) || !bytes.Contains(page.body, []byte(`value="cancelled"`)) {
		t.Fatalf("a draft's close form offers more than cancelling: %.4000s", page.body)
	}
}

// The matched-suppliers button shows only to those who may open the ranking.
func TestLeadPageLinksRankingOnlyForBuyerSide(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	l := f.newLead(f.otherEnt, "L1", domain.LeadOpen)
	link := []byte(`href="/leads/` + l.ID + `/matches"`)
	for _, tc := range []struct {
		as   string
		link bool
	}{{asMember, false}, {asOrganiser, true}, {asAdmin, true}} {
		page := f.do(tc.as, "GET", "/leads/"+l.ID, "").wantStatus(t, 200)
		if bytes.Contains(page.body, link) != tc.link {
			t.Errorf("%s: link to the ranking shown = %v, want %v", tc.as, !tc.link, tc.link)
		}
		if tc.link {
			f.do(tc.as, "GET", "/leads/"+l.ID+"/matches", "").wantStatus(t, 200)
		}
	}
}

// Quantities keep their decimals and thousands separators wherever a lead is shown.
func TestLeadQuantitiesReadAsNumbers(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{0.5, "0.5"}, {8e6, "8,000,000"}, {1234.25, "1,234.25"}, {-1500.5, "-1,500.5"}, {20000.0, "20,000"},
	} {
		if got := formatNumber(tc.in); got != tc.want {
			t.Errorf("formatNumber(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	f := newFixture(t)
	l := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	l.Quantity, l.Unit = 0.5, "吨"
	if err := f.store.Leads.Update(t.Context(), l, domain.LeadOpen); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/leads/" + l.ID, "/leads"} {
		if page := f.do(asMember, "GET", path, "").wantStatus(t, 200); !strings.Contains(string(page.body), "0.5 吨") {
			t.Errorf("%s does not show 0.5 吨", path)
		}
	}
}

// The lead form does not ask for a quantity: left empty it means "not stated", and the lead
// page says so; a negative one is refused on its field in the reader's language.
func TestLeadFormQuantityOptional(t *testing.T) {
	f := newFixture(t)
	page := f.do(asMember, "GET", "/leads/new", "").wantStatus(t, 200)
	if bytes.Contains(page.body, []byte(`name="quantity" required`)) || bytes.Contains(page.body, []byte(`id="f-quantity" required`)) {
		t.Errorf("the form still requires a quantity")
	}
	res := f.do(asMember, "POST", "/leads", form("title", "厂房一下雨就漏", "status", "open"))
	if res.status != 303 {
		t.Fatalf("lead without quantity: status %d: %.2000s", res.status, res.body)
	}
	for lang, want := range map[string]string{"zh-CN": "不能为负数", "en": "must not be negative"} {
		res := f.do(asMember, "POST", "/leads?lang="+lang, form("title", "采购传感器", "quantity", "-2")).wantStatus(t, 422)
		if !bytes.Contains(res.body, []byte(want)) || !bytes.Contains(res.body, []byte(`id="f-quantity-err"`)) {
			t.Errorf("%s: negative quantity not refused on its field: %.2000s", lang, res.body)
		}
	}
	var list struct{ Data []domain.Lead }
	_ = json.Unmarshal(f.do(asMember, "GET", "/api/v1/leads?mine=1", "").wantStatus(t, 200).body, &list)
	checked := 0
	for _, l := range list.Data {
		if l.Quantity != 0 {
			continue
		}
		checked++
		detail := f.do(asMember, "GET", "/leads/"+l.ID, "").wantStatus(t, 200)
		if !bytes.Contains(detail.body, []byte("未注明")) {
			t.Errorf("lead page of a lead without quantity does not say 未注明")
		}
	}
	if checked == 0 {
		t.Errorf("the lead posted without quantity is not listed")
	}
}

// Without JavaScript the form still shows what was understood: "看看我们的理解" posts the form,
// the page comes back with the understanding and the empty fields filled in, nothing stored.
func TestLeadFormUnderstandWithoutJS(t *testing.T) {
	f := newFixture(t)
	page := f.do(asMember, "GET", "/leads/new", "").wantStatus(t, 200)
	if !bytes.Contains(page.body, []byte(`<noscript>`)) || !bytes.Contains(page.body, []byte(`name="understand"`)) {
		t.Fatalf("no no-JS understand button on the form")
	}
	for lang, words := range map[string][]string{"zh-CN": {"我们理解为", "油烟净化设备", "出口至"}, "en": {"What we understood", "kitchen fume purifier", "Export to"}} {
		res := f.do(asMember, "POST", "/leads?lang="+lang, form("title", "食堂油烟太大，楼上住户老投诉",
			"description", "设备发往 Hamburg，需 ISO 14001:2015", "understand", "1")).wantStatus(t, 200)
		for _, w := range words {
			if !bytes.Contains(res.body, []byte(w)) {
				t.Errorf("%s: understood page lacks %q: %.3000s", lang, w, res.body)
			}
		}
		for _, filled := range []string{`value="A3" checked`, `value="EU"`, `value="ISO14001"`} {
			if !bytes.Contains(res.body, []byte(filled)) {
				t.Errorf("%s: form not filled with %s", lang, filled)
			}
		}
	}
	var list struct{ Data []domain.Lead }
	_ = json.Unmarshal(f.do(asMember, "GET", "/api/v1/leads?mine=1", "").wantStatus(t, 200).body, &list)
	if len(list.Data) != 0 {
		t.Fatalf("the understand step stored a lead: %+v", list.Data)
	}
}
