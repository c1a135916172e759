package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/locales"
	"duijie/store"
)

// sensorMaker stores an L1 supplier of temperature sensors through the matching hook, the way
// a profile write does; fit adds products so that a higher fit ranks higher.
func (f *fixture) sensorMaker(i, fit int) *domain.Enterprise {
	f.t.Helper()
	now := f.clock.Now()
	products := []string{"温度传感器"}
	if fit > 1 {
		products = append(products, "冷链温度监测终端")
	}
	if fit > 2 {
		products = append(products, "物联网网关")
	}
	e := &domain.Enterprise{
		ID: domain.NewID(), Name: fmt.Sprintf("无锡感知传感%02d有限公司", i), USCC: newUSCC(), Clusters: []string{"L1"},
		IndustryCodes: []string{"C4011"}, HSCodes: []string{}, Products: products, Description: "物联网感知设备研发生产",
		Certifications: []string{"ISO9001"}, ExportMarkets: []string{}, Region: "320214", Tier: domain.TierBackbone,
		Status: domain.EnterpriseActive, Verification: domain.VerificationVerified,
		Contact:   domain.Contact{Name: fmt.Sprintf("销售%d", i), Email: fmt.Sprintf("sales%d@sensor.example.cn", i), Phone: "13900001111"},
		CreatedAt: now, UpdatedAt: now,
	}
	if err := f.store.Enterprises.Create(context.Background(), e); err != nil {
		f.t.Fatal(err)
	}
	f.matchService().EnterpriseChanged(context.Background(), *e)
	return e
}

// openLead stores a lead of the member's enterprise and tells the matching service, the way
// the lead handlers do.
func (f *fixture) openLead(status domain.LeadStatus) *domain.Lead {
	f.t.Helper()
	l := f.newLead(f.enterprise, "L1", status)
	f.matchService().LeadChanged(context.Background(), *l)
	return l
}

type apiMatch struct {
	ID             string          `json:"id"`
	LeadID         string          `json:"leadId"`
	EnterpriseID   string          `json:"enterpriseId"`
	EnterpriseName string          `json:"enterpriseName"`
	Rank           int             `json:"rank"`
	Score          float64         `json:"score"`
	Status         string          `json:"status"`
	Note           string          `json:"note"`
	BuyerNote      string          `json:"buyerNote"`
	Value          int64           `json:"value"`
	Mutual         bool            `json:"mutual"`
	Contact        *domain.Contact `json:"contact"`
	Lead           *domain.Lead    `json:"lead"`
	Explanation    struct {
		Summary string `json:"summary"`
		Factors []struct {
			Name         string  `json:"name"`
			Contribution float64 `json:"contribution"`
		} `json:"factors"`
		MatchedTerms []string `json:"matchedTerms"`
	} `json:"explanation"`
}

func decodeMatches(t *testing.T, r *response) []apiMatch {
	t.Helper()
	var env struct {
		Data []apiMatch `json:"data"`
	}
	if err := json.Unmarshal(r.body, &env); err != nil {
		t.Fatalf("%v: %s", err, r.body)
	}
	return env.Data
}

func decodeMatch(t *testing.T, r *response) apiMatch {
	t.Helper()
	var env struct {
		Data apiMatch `json:"data"`
	}
	if err := json.Unmarshal(r.body, &env); err != nil {
		t.Fatalf("%v: %s", err, r.body)
	}
	return env.Data
}

// The story of the issue, over the API: a buyer's lead is ranked with reasons, a supplier says
// interested, both see contacts, and the buyer records a signed order with its value.
func TestMatchStoryOverTheAPI(t *testing.T) {
	f := newFixture(t)
	var suppliers []*domain.Enterprise
	for i := range 4 {
		suppliers = append(suppliers, f.sensorMaker(i, 1+i%3))
	}
	l := f.openLead(domain.LeadOpen)

	ranked := decodeMatches(t, f.do(asMember, "GET", "/api/v1/leads/"+l.ID+"/matches", "").wantStatus(t, 200))
	if len(ranked) != 4 {
		t.Fatalf("ranked %d suppliers, want 4", len(ranked))
	}
	top := ranked[0]
	if top.Status != "sent" || top.Rank != 1 || top.Score <= ranked[3].Score || top.Explanation.Summary == "" ||
		len(top.Explanation.Factors) == 0 || len(top.Explanation.MatchedTerms) == 0 || top.Contact != nil || top.Mutual {
		t.Fatalf("top of the ranking: %+v", top)
	}
	en := decodeMatches(t, f.do(asMember, "GET", "/api/v1/leads/"+l.ID+"/matches?lang=en", "", acceptLanguage("en")).wantStatus(t, 200))
	if en[0].Explanation.Summary == top.Explanation.Summary {
		t.Errorf("the explanation is not in English: %q", en[0].Explanation.Summary)
	}

	var supplier *domain.Enterprise
	for _, s := range suppliers {
		if s.ID == top.EnterpriseID {
			supplier = s
		}
	}
	f.addActor("supplier", &domain.User{Role: domain.RoleMember, EnterpriseID: supplier.ID})

	mine := decodeMatches(t, f.do("supplier", "GET", "/api/v1/me/matches", "").wantStatus(t, 200))
	if len(mine) != 1 || mine[0].ID != top.ID || mine[0].Lead == nil {
		t.Fatalf("leads for the supplier: %+v", mine)
	}
	if ml := mine[0].Lead; ml.BuyerName == f.enterprise.Name || ml.Contact != (domain.Contact{}) || ml.BuyerEnterpriseID != "" {
		t.Fatalf("before interest the buyer must be masked: %+v", ml)
	}

	// Only the matched supplier answers; the buyer and organisers get 403.
	f.do(asMember, "POST", "/api/v1/matches/"+top.ID+"/respond", `{"decision":"interested"}`).wantStatus(t, 403)
	f.do(asOrganiser, "POST", "/api/v1/matches/"+top.ID+"/respond", `{"decision":"interested"}`).wantStatus(t, 403)
	f.do("supplier", "POST", "/api/v1/matches/"+top.ID+"/respond", `{"decision":"maybe"}`).wantStatus(t, 422)
	f.do("supplier", "POST", "/api/v1/matches/"+top.ID+"/respond", `{"decision":"interested","extra":1}`).wantStatus(t, 400)
	answered := decodeMatch(t, f.do("supplier", "POST", "/api/v1/matches/"+top.ID+"/respond",
		`{"decision":"interested","note":"可提供样品"}`).wantStatus(t, 200))
	if answered.Status != "interested" || !answered.Mutual || answered.Lead.BuyerName != f.enterprise.Name ||
		answered.Lead.Contact.Phone == "" {
		t.Fatalf("after answering, the supplier sees the buyer: %+v %+v", answered, answered.Lead)
	}
	twice := decodeMatch(t, f.do("supplier", "POST", "/api/v1/matches/"+top.ID+"/respond",
		`{"decision":"interested","note":"again"}`).wantStatus(t, 200))
	if twice.Note != "可提供样品" {
		t.Errorf("responding twice changed the note to %q", twice.Note)
	}
	res := f.do("supplier", "POST", "/api/v1/matches/"+top.ID+"/respond", `{"decision":"declined"}`).wantStatus(t, 409)
	if code, fields := res.apiError(t); code != "conflict" || fields["decision"] == nil {
		t.Errorf("changing the answer: %s %v", code, fields)
	}

	ranked = decodeMatches(t, f.do(asMember, "GET", "/api/v1/leads/"+l.ID+"/matches", "").wantStatus(t, 200))
	for _, m := range ranked {
		if m.ID == top.ID && (m.Contact == nil || m.Contact.Email != supplier.Contact.Email || m.Note != "可提供样品") {
			t.Fatalf("the buyer sees the interested supplier's contact and answer: %+v", m)
		}
		if m.ID != top.ID && m.Contact != nil {
			t.Fatalf("contact of %s shown without mutual interest", m.EnterpriseName)
		}
	}

	// Staff see the mutual contact too, and each such view is audited.
	f.do(asOrganiser, "GET", "/api/v1/leads/"+l.ID+"/matches", "").wantStatus(t, 200)
	entries, _, err := f.store.Audit.List(context.Background(), "enterprise:"+supplier.ID, store.Page{Limit: 10})
	if err != nil || len(entries) == 0 || entries[0].Action != "enterprise.contact.view" ||
		entries[0].ActorID != f.actors[asOrganiser].user.ID {
		t.Fatalf("staff view of a contact not audited: %v %+v", err, entries)
	}

	// A jump that skips a stage is a conflict; the steps in order are not.
	res = f.do(asMember, "POST", "/api/v1/matches/"+top.ID+"/outcome", `{"stage":"signed","value":880000}`).wantStatus(t, 409)
	if code, fields := res.apiError(t); code != "conflict" || fields["stage"] == nil {
		t.Errorf("jump: %s %v", code, fields)
	}
	f.do("supplier", "POST", "/api/v1/matches/"+top.ID+"/outcome", `{"stage":"contacted"}`).wantStatus(t, 403)
	f.do(asMember, "POST", "/api/v1/matches/"+top.ID+"/outcome", `{"stage":"contacted","value":5}`).wantStatus(t, 422)
	for _, body := range []string{`{"stage":"contacted"}`, `{"stage":"contacted"}`, `{"stage":"negotiating","note":"报价中"}`,
		`{"stage":"intent","value":600000}`, `{"stage":"signed","value":880000,"currency":"CNY"}`} {
		f.do(asMember, "POST", "/api/v1/matches/"+top.ID+"/outcome", body).wantStatus(t, 200)
	}
	signed := decodeMatch(t, f.do(asMember, "GET", "/api/v1/matches/"+top.ID, "").wantStatus(t, 200))
	if signed.Status != "signed" || signed.Value != 880000 || signed.BuyerNote != "报价中" {
		t.Fatalf("signed match as the buyer sees it: %+v", signed)
	}
	seen := decodeMatch(t, f.do("supplier", "GET", "/api/v1/matches/"+top.ID, "").wantStatus(t, 200))
	if seen.Status != "signed" || seen.BuyerNote != "" || seen.Lead == nil {
		t.Fatalf("signed match as the supplier sees it: %+v", seen)
	}

	var funnel struct {
		Data domain.MatchFunnel `json:"data"`
	}
	res = f.do(asOrganiser, "GET", "/api/v1/matches/funnel?cluster=L1", "").wantStatus(t, 200)
	if err := json.Unmarshal(res.body, &funnel); err != nil {
		t.Fatal(err)
	}
	if funnel.Data.Total != 4 || funnel.Data.SignedValue != 880000 || funnel.Data.Stages[6].Count != 1 {
		t.Fatalf("funnel: %+v", funnel.Data)
	}
	f.do(asOtherOrganiser, "GET", "/api/v1/matches/funnel?cluster=L1", "").wantStatus(t, 403)
	f.do(asOrganiser, "GET", "/api/v1/matches/funnel?lead="+l.ID, "").wantStatus(t, 200)
}

// limit=0 and limit=100000 are clamped to 1 and 100, not refused; a word is a bad request.
func TestLeadMatchesLimit(t *testing.T) {
	f := newFixture(t)
	for i := range 105 {
		f.sensorMaker(i, 1)
	}
	l := f.openLead(domain.LeadDraft) // a draft stores nothing: the ranking is all live
	for _, tc := range []struct {
		query string
		want  int
	}{{"", 20}, {"?limit=0", 1}, {"?limit=-3", 1}, {"?limit=7", 7}, {"?limit=100000", 100}} {
		ms := decodeMatches(t, f.do(asMember, "GET", "/api/v1/leads/"+l.ID+"/matches"+tc.query, "").wantStatus(t, 200))
		if len(ms) != tc.want {
			t.Errorf("%q: %d suppliers, want %d", tc.query, len(ms), tc.want)
		}
		for _, m := range ms {
			if m.ID != "" || m.Status != "" {
				t.Fatalf("a draft's candidates are not records: %+v", m)
			}
		}
	}
	f.do(asMember, "GET", "/api/v1/leads/"+l.ID+"/matches?limit=all", "").wantStatus(t, 400)
	f.do(asMember, "GET", "/api/v1/leads/"+domain.NewID()+"/matches", "").wantStatus(t, 404)
	f.do(asMember, "GET", "/api/v1/leads/not-an-id/matches", "").wantStatus(t, 404)
}

func TestMatchesWithoutServiceAre503(t *testing.T) {
	f := newFixture(t)
	res := f.do(asMember, "GET", "/api/v1/me/matches", "").wantStatus(t, 503)
	if code, _ := res.apiError(t); code != "unavailable" {
		t.Errorf("code %q", code)
	}
}

// The matching pages render in both languages for the people who use them, and their forms
// move matches and come back with a message.
func TestMatchPages(t *testing.T) {
	f := newFixture(t)
	var suppliers []*domain.Enterprise
	for i := range 3 {
		suppliers = append(suppliers, f.sensorMaker(i, 3-i))
	}
	l := f.openLead(domain.LeadOpen)
	ms, err := f.store.Matches.ByLead(context.Background(), l.ID)
	if err != nil || len(ms) == 0 {
		t.Fatalf("no matches stored: %v", err)
	}
	top := ms[0]
	f.addActor("supplier", &domain.User{Role: domain.RoleMember, EnterpriseID: top.EnterpriseID})

	pages := []pageCase{
		{"supplier", "GET", "/me/matches", "", 200},
		{"supplier", "GET", "/me/matches?show=pending", "", 200},
		{"supplier", "GET", "/me/matches?show=nonsense", "", 200},
		{asMember, "GET", "/me/matches", "", 200},
		{asMember, "GET", "/leads/" + l.ID + "/matches", "", 200},
		{asOrganiser, "GET", "/leads/" + l.ID + "/matches?limit=2", "", 200},
		{asOrganiser, "GET", "/matches/funnel", "", 200},
		{asOrganiser, "GET", "/matches/funnel?cluster=L1", "", 200},
		{asAdmin, "GET", "/matches/funnel", "", 200},
		{asOtherOrganiser, "GET", "/leads/" + l.ID + "/matches", "", 403},
	}
	check := func() {
		for _, lang := range locales.Supported {
			for _, pc := range pages {
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
	check()

	page := string(f.do("supplier", "GET", "/me/matches", "").body)
	if !strings.Contains(page, `action="/matches/`+top.ID+`/respond"`) || !strings.Contains(page, l.Title) ||
		strings.Contains(page, f.enterprise.Name) {
		t.Fatalf("leads for you: no answer form, or the buyer shown before interest")
	}
	res := f.do("supplier", "POST", "/matches/"+top.ID+"/respond", form("decision", "interested", "note", "欢迎考察"))
	res.wantStatus(t, 303)
	if loc := res.header.Get("Location"); loc != "/me/matches#match-"+top.ID {
		t.Errorf("after answering: Location %q", loc)
	}
	flash := res.cookieOf(flashCookie)
	if flash == nil || !strings.Contains(flash.Value, "matches.flash.interested") {
		t.Errorf("no success message queued: %+v", flash)
	}
	page = string(f.do("supplier", "GET", "/me/matches", "").body)
	if !strings.Contains(page, f.enterprise.Name) || !strings.Contains(page, l.Contact.Phone) {
		t.Fatal("after interest the supplier's page shows the buyer and its contact")
	}
	buyerPage := string(f.do(asMember, "GET", "/leads/"+l.ID+"/matches", "").body)
	var supplier *domain.Enterprise
	for _, s := range suppliers {
		if s.ID == top.EnterpriseID {
			supplier = s
		}
	}
	if !strings.Contains(buyerPage, supplier.Contact.Email) || !strings.Contains(buyerPage, `action="/matches/`+top.ID+`/outcome"`) {
		t.Fatal("the buyer's page shows the interested supplier's contact and the outcome form")
	}
	if strings.Contains(buyerPage, suppliers[2].Contact.Email) && suppliers[2].ID != top.EnterpriseID {
		t.Fatal("contact of a supplier that did not answer is shown")
	}

	// A refused outcome is said on the match's card (the page is long: a message at its top
	// would be out of sight); a recorded one goes back to the card with a success message.
	for _, tc := range []struct {
		body, msg string
		status    int
	}{
		{form("stage", "signed", "value", "100"), "matches.flash.conflict", 422},
		{form("stage", "contacted", "value", "12x"), "matches.flash.value", 422},
		{form("stage", "contacted"), "matches.flash.outcome", 303},
		{form("stage", "nonsense"), "matches.flash.invalid", 422},
	} {
		res := f.do(asMember, "POST", "/matches/"+top.ID+"/outcome", tc.body).wantStatus(t, tc.status)
		if tc.status != 303 {
			card := res.body[max(0, bytes.Index(res.body, []byte(`id="match-`+top.ID+`"`))):]
			if !bytes.Contains(card, []byte(locales.T("zh-CN", tc.msg))) {
				t.Errorf("%s: card does not say %s", tc.body, tc.msg)
			}
			continue
		}
		if loc := res.header.Get("Location"); loc != "/leads/"+l.ID+"/matches#match-"+top.ID {
			t.Errorf("%s: Location %q", tc.body, loc)
		}
		if c := res.cookieOf(flashCookie); c == nil || !strings.Contains(c.Value, tc.msg) {
			t.Errorf("%s: flash %+v, want %s", tc.body, c, tc.msg)
		}
	}
	f.do("supplier", "POST", "/matches/"+top.ID+"/outcome", form("stage", "negotiating")).wantStatus(t, 403)
	stored, err := f.store.Matches.Get(context.Background(), top.ID)
	if err != nil || stored.Status != domain.MatchContacted {
		t.Fatalf("after the forms: %v %+v", err, stored)
	}
	check() // the pages still render with answered and moved matches
}
