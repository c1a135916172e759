package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/store"
)

// Hole 2: a fresh self-signup that is matched and answers "interested" sees no buyer contact
// until the office verified it; the buyer sees which interested suppliers are verified; the
// licence goes through the queue of the organiser of its cluster; then contacts flow both ways.
func TestContactsOnlyBetweenVerifiedEnterprises(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.matchService()
	signup := f.raw(f.app, "POST", "/api/v1/auth/signup", `{"email":"fresh@example.cn","password":"long enough pw","name":"新人",
		"enterprise":{"name":"无锡刚注册科技有限公司","uscc":"`+newUSCC()+`","clusters":["L1"]}}`, nil).wantStatus(t, 201).json(t)
	data := signup["data"].(map[string]any)
	ent := data["enterprise"].(map[string]any)
	if ent["verification"] != "unverified" {
		t.Fatalf("a self-signup starts %v, want unverified", ent["verification"])
	}
	supplierToken := data["token"].(string)
	supplierID := ent["id"].(string)
	supplier, err := f.store.Enterprises.Get(ctx, supplierID)
	if err != nil {
		t.Fatal(err)
	}
	bearer := map[string]string{"Authorization": "Bearer " + supplierToken}

	lead := f.newLead(f.enterprise, "L1", domain.LeadOpen) // the verified buyer of the fixture
	m := f.newMatch(lead, supplier, domain.MatchSent)
	res := f.raw(f.app, "POST", "/api/v1/matches/"+m.ID+"/respond", `{"decision":"interested"}`, bearer).wantStatus(t, 200)
	body := string(res.body)
	if strings.Contains(body, lead.Contact.Phone) || strings.Contains(body, f.enterprise.Name) {
		t.Fatalf("an unverified supplier saw the buyer: %s", body)
	}
	v := res.json(t)["data"].(map[string]any)
	if v["contactsLocked"] != "verify" || v["contactsOpen"] != false {
		t.Errorf("supplier view: contactsLocked %v contactsOpen %v, want verify/false", v["contactsLocked"], v["contactsOpen"])
	}
	if b := string(f.raw(f.app, "GET", "/api/v1/leads/"+lead.ID, "", bearer).wantStatus(t, 200).body); strings.Contains(b, lead.Contact.Phone) {
		t.Errorf("the lead page shows the buyer's contact to an unverified supplier: %s", b)
	}
	// The buyer sees the interest, that the supplier is not verified, and no contact.
	ranking := f.do(asMember, "GET", "/api/v1/leads/"+lead.ID+"/matches", "").wantStatus(t, 200)
	if strings.Contains(string(ranking.body), "fresh@example.cn") {
		t.Errorf("the buyer saw an unverified supplier's contact: %s", ranking.body)
	}
	row := ranking.json(t)["data"].([]any)[0].(map[string]any)
	if row["mutual"] != true || row["supplierVerified"] != false || row["contactsLocked"] != "counterpart" {
		t.Errorf("buyer's row: mutual %v supplierVerified %v contactsLocked %v", row["mutual"], row["supplierVerified"], row["contactsLocked"])
	}

	// The licence: a file that is not a PDF/JPG/PNG is refused with the field named.
	bad, ct := upload(t, "licence.exe", []byte("MZ\x90\x00 not a licence"))
	res = f.raw(f.app, "POST", "/api/v1/enterprises/me/verification", bad, map[string]string{"Authorization": "Bearer " + supplierToken,
		"Content-Type": ctHeader(ct)}).wantStatus(t, 422)
	if _, fields := res.apiError(t); fields["file"] == nil {
		t.Errorf("no file field in %s", res.body)
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), []byte(strings.Repeat("x", 2048))...)
	good, ct := upload(t, "营业执照.png", png)
	res = f.raw(f.app, "POST", "/api/v1/enterprises/me/verification", good, map[string]string{"Authorization": "Bearer " + supplierToken,
		"Content-Type": ctHeader(ct)}).wantStatus(t, 200)
	if res.json(t)["data"].(map[string]any)["verification"] != "pending" {
		t.Fatalf("after upload: %s", res.body)
	}

	// The queue: the organiser of A2 neither lists nor decides it; the organiser of L1 does.
	if page := string(f.do(asOtherOrganiser, "GET", "/admin/verifications", "").wantStatus(t, 200).body); strings.Contains(page, "无锡刚注册科技有限公司") {
		t.Error("another cluster's organiser sees the enterprise in its queue")
	}
	f.do(asOtherOrganiser, "POST", "/api/v1/enterprises/"+supplierID+"/verify", "").wantStatus(t, 404)
	page := string(f.do(asOrganiser, "GET", "/admin/verifications?lang=en", "").wantStatus(t, 200).body)
	if !strings.Contains(page, "无锡刚注册科技有限公司") || !strings.Contains(page, "/enterprises/"+supplierID+"/licence") {
		t.Errorf("the queue lacks the enterprise or its licence link")
	}
	lic := f.do(asOrganiser, "GET", "/enterprises/"+supplierID+"/licence", "").wantStatus(t, 200)
	if lic.header.Get("Content-Type") != "image/png" || len(lic.body) != len(png) {
		t.Errorf("licence answered as %q, %d bytes", lic.header.Get("Content-Type"), len(lic.body))
	}
	list := f.do(asOrganiser, "GET", "/api/v1/enterprises?verification=pending", "").wantStatus(t, 200).json(t)
	if n := list["page"].(map[string]any)["total"]; n != float64(1) {
		t.Errorf("pending total %v, want 1", n)
	}
	f.do(asOrganiser, "GET", "/api/v1/enterprises?verification=maybe", "").wantStatus(t, 400)
	res = f.do(asOrganiser, "POST", "/api/v1/enterprises/"+supplierID+"/reject", `{"reason":""}`).wantStatus(t, 422)
	if _, fields := res.apiError(t); fields["reason"] == nil {
		t.Errorf("an empty reason is not named: %s", res.body)
	}
	f.do(asOrganiser, "POST", "/api/v1/enterprises/"+supplierID+"/verify", "").wantStatus(t, 200)
	if ms, _, _, _ := f.store.Outbox.List(ctx, store.OutboxFilter{To: "fresh@example.cn"}, store.Page{Limit: 10}); len(ms) == 0 {
		t.Error("the enterprise was not told by mail")
	}

	// Both verified: contacts flow both ways.
	res = f.raw(f.app, "GET", "/api/v1/matches/"+m.ID, "", bearer).wantStatus(t, 200)
	if !strings.Contains(string(res.body), lead.Contact.Phone) {
		t.Errorf("after verification the supplier still sees no buyer contact: %s", res.body)
	}
	ranking = f.do(asMember, "GET", "/api/v1/leads/"+lead.ID+"/matches", "").wantStatus(t, 200)
	row = ranking.json(t)["data"].([]any)[0].(map[string]any)
	if row["supplierVerified"] != true || row["contact"] == nil {
		t.Errorf("buyer's row after verification: %v", row)
	}
	if acts := f.auditActions("enterprise:" + supplierID); !containsAction(acts, "enterprise.verified") || !containsAction(acts, "enterprise.licence_view") {
		t.Errorf("audit: %v", acts)
	}
}

func containsAction(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// ctHeader unwraps the content type an upload option sets.
func ctHeader(o reqOpt) string {
	r, _ := newRequestForOpt()
	o(r)
	return r.Header.Get("Content-Type")
}

// Sign-ups from one address are limited; another address is not affected.
func TestSignupsLimitedPerAddress(t *testing.T) {
	f := newFixture(t)
	body := func(i int) string {
		return fmt.Sprintf(`{"email":"s%d@example.cn","password":"long enough pw","name":"人%d","enterprise":{"name":"企业%d","uscc":"%s"}}`,
			i, i, i, newUSCC())
	}
	for i := 0; i < domain.SignupLimit.Free; i++ {
		f.raw(f.app, "POST", "/api/v1/auth/signup", body(i), nil).wantStatus(t, 201)
	}
	res := f.raw(f.app, "POST", "/api/v1/auth/signup", body(99), nil).wantStatus(t, 429)
	if res.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	if _, err := f.store.Users.GetByEmail(context.Background(), "s99@example.cn"); err == nil {
		t.Error("the refused sign-up created an account")
	}
}

func newRequestForOpt() (*http.Request, error) { return http.NewRequest("POST", "/", nil) }
