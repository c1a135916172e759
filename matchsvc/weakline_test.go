package matchsvc

import (
	"context"
	"testing"

	"duijie/domain"
	"duijie/matching"
)

// A proposal stored by an earlier ranking that the live ranking no longer lists (the engine
// now leaves it out as a weak line, or the profile changed) is not shown on the lead's page when
// the live ranking is whole.
func TestForLeadDropsProposalsTheRankingLeftOut(t *testing.T) {
	e := newEnv(t, Config{Keep: 3, Send: 1})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 3 {
		e.addEnterprise(chipMaker(i, 1+i%3))
	}
	stale := e.addEnterprise(textileMaker(1))
	l := e.mcuLead(buyer, domain.LeadOpen)
	ctx := context.Background()
	old := e.svc.newMatch(l, stale.ID, matching.Result{ID: stale.ID, Score: 0.02}, 4, e.now.Now())
	if _, err := e.st.Matches.Put(ctx, []domain.Match{old}); err != nil {
		t.Fatal(err)
	}
	listed := func(limit int) bool {
		ms, _, err := e.svc.ForLead(ctx, member(buyer), l.ID, limit)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.EnterpriseID == stale.ID {
				return true
			}
		}
		return false
	}
	if listed(20) {
		t.Errorf("the stale proposal is listed beside a whole live ranking")
	}
}
