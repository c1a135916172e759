package matchsvc

import (
	"context"
	"testing"

	"duijie/domain"
)

// The demo stores every open lead's matches and moves a few along, but leaves the demo
// member's own matches for whoever tries the demo to answer.
func TestSeedDemo(t *testing.T) {
	e := newEnv(t, Config{})
	buyer := e.addEnterprise(textileMaker(0))
	memberEnt := e.addEnterprise(chipMaker(0, 3))
	for i := 1; i <= 4; i++ {
		e.addEnterprise(chipMaker(i, 1+i%3))
	}
	// The leads are stored as demo data is: before any matching service knows of them.
	var leads []*domain.Lead
	for range 4 {
		l := e.mcuLead(buyer, domain.LeadDraft)
		l.Status = domain.LeadOpen
		if err := e.st.Leads.Update(context.Background(), l, domain.LeadDraft); err != nil {
			t.Fatal(err)
		}
		leads = append(leads, l)
	}
	if err := SeedDemo(context.Background(), e.st, memberEnt.ID, e.now.Now()); err != nil {
		t.Fatal(err)
	}
	all := map[domain.MatchStatus]int{}
	for _, l := range leads {
		for _, m := range e.byLead(l.ID) {
			all[m.Status]++
			if m.EnterpriseID == memberEnt.ID && m.Status != domain.MatchSent && m.Status != domain.MatchProposed {
				t.Errorf("the demo member's match was answered: %s", m.Status)
			}
		}
	}
	if all[domain.MatchSigned] != 1 || all[domain.MatchIntent] != 1 || all[domain.MatchInterested] != 1 ||
		all[domain.MatchDeclined] != 1 || all[domain.MatchSent] == 0 {
		t.Fatalf("demo statuses %v", all)
	}
	f, err := e.svc.Funnel(context.Background(), &domain.User{Role: domain.RoleAdmin}, FunnelScope{})
	if err != nil || f.SignedValue < 380000 || f.IntentValue == 0 {
		t.Fatalf("demo funnel: %v %+v", err, f)
	}
}
