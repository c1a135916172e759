package matchsvc

import (
	"context"
	"errors"
	"testing"
	"time"

	"duijie/domain"
	"duijie/seed"
	"duijie/store/mongo"
	"duijie/store/mongo/mongotest"
)

// The service works the same on the Mongo engine (here the in-process FerretDB): a lead opens,
// its matches are stored and sent, a supplier answers, the buyer records a signed order.
func TestFlowOnMongo(t *testing.T) {
	uri := mongotest.URI(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := mongo.Open(ctx, uri, mongotest.FreshDatabase(t, uri))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	if err := seed.Clusters(ctx, st); err != nil {
		t.Fatal(err)
	}
	e := newEnvOn(t, st, Config{Keep: 3, Send: 2})
	buyer := e.addEnterprise(textileMaker(0))
	for i := range 4 {
		e.addEnterprise(chipMaker(i, 1+i%3))
	}
	l := e.mcuLead(buyer, domain.LeadOpen)
	ms := e.byLead(l.ID)
	if len(ms) != 3 || statusCount(ms)[domain.MatchSent] != 2 {
		t.Fatalf("stored %d matches, statuses %v", len(ms), statusCount(ms))
	}
	top := ms[0]
	supplier := member(&domain.Enterprise{ID: top.EnterpriseID})
	for range 2 { // the second answer is a harmless repeat
		if _, err := e.svc.Respond(ctx, supplier, top.ID, domain.MatchInterested, "可以供货"); err != nil {
			t.Fatal(err)
		}
	}
	bm := member(buyer)
	if _, err := e.svc.RecordOutcome(ctx, bm, top.ID, domain.Outcome{Stage: domain.MatchIntent}); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("a jump: %v", err)
	}
	for _, o := range []domain.Outcome{{Stage: domain.MatchContacted}, {Stage: domain.MatchNegotiating},
		{Stage: domain.MatchIntent}, {Stage: domain.MatchSigned, Value: 450000}} {
		if _, err := e.svc.RecordOutcome(ctx, bm, top.ID, o); err != nil {
			t.Fatalf("%s: %v", o.Stage, err)
		}
	}
	f, err := e.svc.Funnel(ctx, &domain.User{Role: domain.RoleAdmin}, FunnelScope{LeadID: l.ID})
	if err != nil || f.SignedValue != 450000 || f.Stages[6].Count != 1 || f.Stages[1].Count != 2 {
		t.Fatalf("funnel: %v %+v", err, f)
	}
	ranked, _, err := e.svc.ForLead(ctx, bm, l.ID, 10)
	if err != nil || len(ranked) != 4 || ranked[0].ID == "" {
		t.Fatalf("buyer's view: %v %d", err, len(ranked))
	}
}
