package handlers

import (
	"context"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/store"
)

// auditActions lists the actions recorded on target.
func (f *fixture) auditActions(target string) []string {
	f.t.Helper()
	es, _, err := f.store.Audit.List(context.Background(), target, store.Page{Limit: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Action
	}
	return out
}

// Hole 1: an organiser names as buyer only an enterprise of its clusters, the answer carries no
// contact it could not read directly, and a contact it is shown is audited.
func TestOrganiserNamesOnlyBuyersInScope(t *testing.T) {
	f := newFixture(t)
	body := func(uscc string) string {
		return `{"title":"采购温度传感器","clusters":["L1"],"quantity":10,"status":"open","buyerUscc":"` + uscc + `"}`
	}
	res := f.do(asOrganiser, "POST", "/api/v1/leads", body(f.otherEnt.USCC)).wantStatus(t, 422)
	if _, fields := res.apiError(t); fields["buyerUscc"] == nil {
		t.Errorf("want the buyerUscc field named: %s", res.body)
	} else if !strings.Contains(fields["buyerUscc"].(string), "clusters you organise") &&
		!strings.Contains(fields["buyerUscc"].(string), "集群") {
		t.Errorf("buyerUscc reason = %q", fields["buyerUscc"])
	}
	if strings.Contains(string(res.body), f.otherEnt.Contact.Email) {
		t.Errorf("the refusal carries the other enterprise's contact: %s", res.body)
	}
	ls, _, _, err := f.store.Leads.List(context.Background(), store.LeadFilter{}, store.Page{Limit: 10})
	if err != nil || len(ls) != 0 {
		t.Fatalf("a lead was stored in the other enterprise's name: %v %v", ls, err)
	}

	// In scope: created, and the buyer's contact it was shown is in the audit log.
	res = f.do(asOrganiser, "POST", "/api/v1/leads", body(f.enterprise.USCC)).wantStatus(t, 201)
	if !strings.Contains(string(res.body), f.enterprise.Contact.Email) {
		t.Errorf("the organiser of the buyer's cluster should see its contact: %s", res.body)
	}
	if acts := f.auditActions("enterprise:" + f.enterprise.ID); !contains(acts, "enterprise.contact.view") {
		t.Errorf("contact shown but not audited: %v", acts)
	}

	// The admin may name any firm.
	f.do(asAdmin, "POST", "/api/v1/leads", body(f.otherEnt.USCC)).wantStatus(t, 201)

	// The same rule holds for imports.
	csvData := "title,clusters,quantity,buyer_uscc\n采购温度传感器,L1,10," + f.otherEnt.USCC + "\n"
	b, ct := upload(t, "leads.csv", []byte(csvData))
	res = f.do(asOrganiser, "POST", "/api/v1/leads/import", b, ct).wantStatus(t, 422)
	if !strings.Contains(string(res.body), "trust.import.buyer_scope") {
		t.Errorf("import report should name the buyer scope: %s", res.body)
	}
}

// Hole 6: an organiser cannot move a lead out of its clusters, nor into another's, whoever
// posted it; another cluster's organiser therefore never gets to read it.
func TestOrganiserCannotMoveLeadOutOfScope(t *testing.T) {
	f := newFixture(t)
	l := f.newLead(f.enterprise, "L1", domain.LeadOpen) // posted by the buyer side, not the organiser
	for _, clusters := range []string{`["A2"]`, `["L1","A2"]`} {
		res := f.do(asOrganiser, "PATCH", "/api/v1/leads/"+l.ID, `{"clusters":`+clusters+`}`).wantStatus(t, 422)
		if _, fields := res.apiError(t); fields["clusters"] == nil {
			t.Errorf("%s: want the clusters field named: %s", clusters, res.body)
		}
	}
	f.do(asOtherOrganiser, "GET", "/api/v1/leads/"+l.ID, "").wantStatus(t, 404)
	got, err := f.store.Leads.Get(context.Background(), l.ID)
	if err != nil || strings.Join(got.Clusters, ",") != "L1" {
		t.Fatalf("clusters changed: %v %v", got, err)
	}
	// Within its clusters the organiser still edits; the admin may move it anywhere.
	f.do(asOrganiser, "PATCH", "/api/v1/leads/"+l.ID, `{"title":"采购温度传感器 500 套"}`).wantStatus(t, 200)
	f.do(asAdmin, "PATCH", "/api/v1/leads/"+l.ID, `{"clusters":["A2"]}`).wantStatus(t, 200)
	// Now outside the L1 organiser's reach: it can neither read nor bring it back.
	f.do(asOrganiser, "PATCH", "/api/v1/leads/"+l.ID, `{"clusters":["L1"]}`).wantStatus(t, 404)
}
