package handlers

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/locales"
)

// The profile, directory, lead and import pages render in both languages for the callers who
// may see them, including re-rendered forms and an import report, with every key translated.
func TestProfileAndLeadPagesRenderInBothLanguages(t *testing.T) {
	f := newFixture(t)
	open := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	draft := f.newLead(f.enterprise, "L1", domain.LeadDraft)
	closed := f.newLead(f.enterprise, "L1", domain.LeadOpen)
	now := f.clock.Now()
	if err := closed.Close(domain.OutcomeLost, now); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Leads.Update(t.Context(), closed, domain.LeadOpen); err != nil {
		t.Fatal(err)
	}
	d := now.Add(48 * time.Hour).Format("2006-01-02")
	cases := []pageCase{
		{asMember, "GET", "/enterprises/me", "", 200},
		{asMember, "GET", "/enterprises/me/edit", "", 200},
		{asMember, "POST", "/enterprises/me", "name=&clusters=L9&region=1&scale=huge&hsCodes=1&contact.email=x", 422},
		{asOrganiser, "GET", "/enterprises", "", 200},
		{asAdmin, "GET", "/enterprises?q=%E6%97%A0%E9%94%A1&tier=backbone&limit=1", "", 200},
		{asAdmin, "GET", "/enterprises?q=nothing-matches", "", 200},
		{asOrganiser, "GET", "/enterprises/" + f.enterprise.ID, "", 200},
		{asMember, "GET", "/leads", "", 200},
		{asAdmin, "GET", "/leads?status=closed&cluster=L1&mine=1", "", 200},
		{asMember, "GET", "/leads/new", "", 200},
		{asOrganiser, "GET", "/leads/new", "", 200},
		{asMember, "POST", "/leads", "title=&quantity=0&clusters=L9&deadline=" + d + "&budgetMin=9&budgetMax=1", 422},
		{asOrganiser, "POST", "/leads", "title=x&quantity=1&clusters=L1&preferredTiers=chain_leader", 422},
		{asMember, "GET", "/leads/" + open.ID, "", 200},
		{asMember, "GET", "/leads/" + draft.ID, "", 200},
		{asMember, "GET", "/leads/" + closed.ID, "", 200},
		{asOrganiser, "GET", "/leads/" + open.ID, "", 200},
		{asMember, "GET", "/leads/" + open.ID + "/edit", "", 200},
		{asMember, "GET", "/leads/" + closed.ID + "/edit", "", 409},
		{asMember, "POST", "/leads/" + open.ID + "/close", "outcome=won", 422},
		{asMember, "POST", "/leads/" + open.ID + "/close", "outcome=", 422},
		{asAdmin, "GET", "/enterprises?region=%E9%BC%93%E6%A5%BC%E5%8C%BA", "", 400},
		{asMember, "POST", "/enterprises/me", "name=x&region=%E9%BC%93%E6%A5%BC%E5%8C%BA", 422},
		{asMember, "POST", "/leads", "title=x&quantity=%E5%8D%81&clusters=L1&deliveryRegion=%E9%BC%93%E6%A5%BC%E5%8C%BA", 422},
		{asAdmin, "GET", "/admin/import", "", 200},
		{asOrganiser, "GET", "/admin/import", "", 200},
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
		// An import report, refused and applied.
		for _, tc := range []struct {
			data   string
			status int
		}{
			{"name,uscc,clusters\nx,123,L9\n", 422},
			{"name,uscc,clusters,备注\n无锡新企业," + newUSCC() + ",L1,x\n", 200},
		} {
			locales.ResetMissing()
			body, ct := upload(t, "e.csv", []byte(tc.data))
			res := f.do(asAdmin, "POST", "/admin/import/enterprises?lang="+lang, body, ct)
			checkPage(t, lang+" import report", lang, res, tc.status)
		}
	}
}
