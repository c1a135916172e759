package handlers

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func leadOf(t *testing.T, r *response) domain.Lead {
	t.Helper()
	var out struct{ Data domain.Lead }
	if err := json.Unmarshal(r.body, &out); err != nil {
		t.Fatal(err)
	}
	return out.Data
}

// A buyer posts a lead, publishes it, edits and closes it; another member sees it masked.
func TestLeadLifecycleAndPrivacy(t *testing.T) {
	f := newFixture(t)
	deadline := f.clock.Now().Add(30 * 24 * time.Hour).Format(time.RFC3339)
	res := f.do(asMember, "POST", "/api/v1/leads", `{"title":"<b>采购</b>温度传感器","clusters":["L1"],"quantity":500,
		"unit":"套","budgetMin":100000,"budgetMax":250000,"deadline":"`+deadline+`","requiredCertifications":["iso 9001"]}`).wantStatus(t, 201)
	l := leadOf(t, res)
	if l.Status != domain.LeadDraft || l.BuyerEnterpriseID != f.enterprise.ID || l.BuyerName != f.enterprise.Name ||
		l.Contact != f.enterprise.Contact || l.RequiredCertifications[0] != "ISO9001" {
		t.Fatalf("created lead: %+v", l)
	}
	id := l.ID
	// A draft is the buyer's: another member cannot see it.
	other := &domain.User{Role: domain.RoleMember, EnterpriseID: f.otherEnt.ID}
	f.addActor("other member", other)
	f.do("other member", "GET", "/api/v1/leads/"+id, "").wantStatus(t, 404)

	f.do(asMember, "POST", "/api/v1/leads/"+id+"/open", "").wantStatus(t, 200)
	got := leadOf(t, f.do("other member", "GET", "/api/v1/leads/"+id, "").wantStatus(t, 200))
	if got.Contact != (domain.Contact{}) || got.BuyerEnterpriseID != "" || got.BuyerName == f.enterprise.Name || !strings.HasSuffix(got.BuyerName, "*****") {
		t.Fatalf("another member sees the buyer: %+v", got)
	}
	page := f.do("other member", "GET", "/leads/"+id, "").wantStatus(t, 200)
	if bytes.Contains(page.body, []byte(f.enterprise.Contact.Email)) || !bytes.Contains(page.body, []byte("&lt;b&gt;采购&lt;/b&gt;")) {
		t.Fatalf("lead page leaks contact or renders markup: %.3000s", page.body)
	}
	// Once both sides have shown interest, the supplier sees the buyer, and the view is audited.
	f.matchService()
	f.newMatch(&l, f.otherEnt, domain.MatchInterested)
	got = leadOf(t, f.do("other member", "GET", "/api/v1/leads/"+id, "").wantStatus(t, 200))
	if got.Contact != f.enterprise.Contact || got.BuyerName != f.enterprise.Name {
		t.Fatalf("mutual interest does not reveal the buyer: %+v", got)
	}
	entries, _, _ := f.store.Audit.List(t.Context(), "lead:"+id, store.Page{Limit: 20})
	found := false
	for _, e := range entries {
		found = found || e.Action == "lead.view_contact" && e.ActorID == other.ID
	}
	if !found {
		t.Fatalf("contact view not audited: %+v", entries)
	}

	// The list masks other buyers and filters by mine.
	var list struct{ Data []domain.Lead }
	_ = json.Unmarshal(f.do("other member", "GET", "/api/v1/leads", "").wantStatus(t, 200).body, &list)
	if len(list.Data) != 1 || list.Data[0].Contact != (domain.Contact{}) {
		t.Fatalf("board for another member: %+v", list.Data)
	}
	_ = json.Unmarshal(f.do("other member", "GET", "/api/v1/leads?mine=1", "").wantStatus(t, 200).body, &list)
	if len(list.Data) != 0 {
		t.Fatalf("mine for another member: %+v", list.Data)
	}

	f.do(asMember, "PATCH", "/api/v1/leads/"+id, `{"quantity":800}`).wantStatus(t, 200)
	f.do(asMember, "PATCH", "/api/v1/leads/"+id, `{"status":"closed"}`).wantStatus(t, 400)
	f.do("other member", "PATCH", "/api/v1/leads/"+id, `{"quantity":1}`).wantStatus(t, 403)
	closed := leadOf(t, f.do(asMember, "POST", "/api/v1/leads/"+id+"/close", `{"outcome":"signed"}`).wantStatus(t, 200))
	if closed.Status != domain.LeadClosed || closed.Outcome != domain.OutcomeSigned || closed.Quantity != 800 {
		t.Fatalf("closed lead: %+v", closed)
	}
	f.do(asMember, "POST", "/api/v1/leads/"+id+"/close", `{"outcome":"lost"}`).wantStatus(t, 422)
	f.do(asMember, "PATCH", "/api/v1/leads/"+id, `{"quantity":1}`).wantStatus(t, 409)
}

func TestLeadBadInput(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.BodyLimit = 8 << 20 })
	past := f.clock.Now().Add(-time.Hour).Format(time.RFC3339)
	base := `"title":"采购","clusters":["L1"],"quantity":10`
	for _, tc := range []struct {
		name, body, field string
		status            int
	}{
		{"budget min above max", `{` + base + `,"budgetMin":500,"budgetMax":100}`, "budgetMin", 422},
		{"deadline in the past", `{` + base + `,"deadline":"` + past + `"}`, "deadline", 422},
		{"negative quantity", `{"title":"采购","clusters":["L1"],"quantity":-5}`, "quantity", 422},
		{"unknown cluster", `{"title":"采购","clusters":["L9"],"quantity":1}`, "clusters", 422},
		{"unknown tier", `{` + base + `,"preferredTiers":["龙头"]}`, "preferredTiers", 422},
		{"unknown region", `{` + base + `,"deliveryRegion":"000000"}`, "deliveryRegion", 422},
		{"5 MB description", `{` + base + `,"description":"` + strings.Repeat("x", 5<<20) + `"}`, "description", 422},
		{"quantity as text", `{"title":"采购","clusters":["L1"],"quantity":"many"}`, "quantity", 400},
		{"bad status", `{` + base + `,"status":"closed"}`, "status", 422},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(asMember, "POST", "/api/v1/leads", tc.body).wantStatus(t, tc.status)
			if _, fields := res.apiError(t); fields[tc.field] == nil {
				t.Fatalf("no problem on %s: %.500s", tc.field, res.body)
			}
		})
	}
	var list struct{ Data []domain.Lead }
	_ = json.Unmarshal(f.do(asAdmin, "GET", "/api/v1/leads", "").wantStatus(t, 200).body, &list)
	if len(list.Data) != 0 {
		t.Fatalf("a refused lead was stored: %+v", list.Data)
	}
	// The form reports typed problems on their fields.
	res := f.do(asMember, "POST", "/leads", form("title", "采购", "clusters", "L1", "quantity", "十", "deadline", "明天")).wantStatus(t, 422)
	if !bytes.Contains(res.body, []byte("不是数字")) || !bytes.Contains(res.body, []byte("不是日期")) {
		t.Fatalf("form errors: %.2000s", res.body)
	}
}

// An organiser posts for an outside buyer met at a fair, within its clusters only.
func TestOrganiserPostsForOutsideBuyer(t *testing.T) {
	f := newFixture(t)
	body := `{"title":"Automotive IGBT modules","clusters":["L1"],"quantity":2000,"buyerName":"Müller Antriebstechnik GmbH",
		"exportMarket":"DE","contact":{"name":"Anna Müller","email":"anna@example.de"},"status":"open"}`
	l := leadOf(t, f.do(asOrganiser, "POST", "/api/v1/leads", body).wantStatus(t, 201))
	if l.BuyerEnterpriseID != "" || l.BuyerName != "Müller Antriebstechnik GmbH" || l.Status != domain.LeadOpen || l.PostedBy != f.actors[asOrganiser].user.ID {
		t.Fatalf("lead for an outside buyer: %+v", l)
	}
	f.do(asOtherOrganiser, "POST", "/api/v1/leads", body).wantStatus(t, 422)
	f.do(asOrganiser, "POST", "/api/v1/leads", `{"title":"x","clusters":["L1"],"quantity":1}`).wantStatus(t, 422) // no buyer
	// A registered buyer is named by its USCC; its name and contact come from the profile.
	reg := leadOf(t, f.do(asAdmin, "POST", "/api/v1/leads", `{"title":"面料","clusters":["A2"],"quantity":1,"buyerUscc":"`+
		strings.ToLower(f.otherEnt.USCC)+`"}`).wantStatus(t, 201))
	if reg.BuyerEnterpriseID != f.otherEnt.ID || reg.Contact != f.otherEnt.Contact {
		t.Fatalf("registered buyer: %+v", reg)
	}
	res := f.do(asAdmin, "POST", "/api/v1/leads", `{"title":"x","clusters":["A2"],"quantity":1,"buyerUscc":"`+newUSCC()+`"}`).wantStatus(t, 422)
	if _, fields := res.apiError(t); fields["buyerUscc"] == nil {
		t.Fatalf("unknown buyer: %s", res.body)
	}
	// The member of the L1 firm sees the open lead on the board, with the buyer masked.
	page := f.do(asMember, "GET", "/leads", "").wantStatus(t, 200)
	if !bytes.Contains(page.body, []byte("Automotive IGBT modules")) || bytes.Contains(page.body, []byte("Müller Antriebstechnik")) {
		t.Fatalf("board: %.3000s", page.body)
	}
}
