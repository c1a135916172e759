package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"duijie/domain"
	"duijie/matchsvc"
)

// matchFix is the matching state of a fixture: an open L1 lead bought by the member's
// enterprise, and a sent match of the member's enterprise as supplier on another buyer's lead.
type matchFix struct {
	lead        *domain.Lead  // bought by f.enterprise
	memberMatch *domain.Match // f.enterprise is its supplier, status sent
}

var matchFixtures sync.Map // *fixture → *matchFix

// matchService installs a matching service on the fixture's app, once: the shared fixture is
// built without one, and the matching routes answer 503 without it.
func (f *fixture) matchService() *matchsvc.Service {
	if f.h.deps.Matches == nil {
		svc := matchsvc.New(f.store, matchsvc.Config{Now: f.clock.Now,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		// Built from the store as serve builds it, so the app is ready (/readyz) as in production.
		if err := svc.Start(context.Background()); err != nil {
			f.t.Fatal(err)
		}
		f.h.deps.Matches = svc
	}
	return f.h.deps.Matches
}

// newLead stores a lead of cluster bought by buyer in the given status.
func (f *fixture) newLead(buyer *domain.Enterprise, cluster string, status domain.LeadStatus) *domain.Lead {
	f.t.Helper()
	now := f.clock.Now()
	l := &domain.Lead{
		ID: domain.NewID(), Title: "采购温度传感器", Description: "冷库温度远程监测改造，需 500 套",
		Clusters: []string{cluster}, Quantity: 500, Unit: "套", Currency: "CNY", BudgetMin: 100000, BudgetMax: 250000,
		Status: status, BuyerEnterpriseID: buyer.ID, BuyerName: buyer.Name, PostedBy: "someone",
		Contact:   domain.Contact{Name: "采购李工", Email: "buyer@" + strings.ToLower(cluster) + ".example.cn", Phone: "0510-88886666"},
		CreatedAt: now, UpdatedAt: now,
	}
	if status == domain.LeadOpen {
		l.OpenedAt = &now
	}
	if err := f.store.Leads.Create(context.Background(), l); err != nil {
		f.t.Fatalf("create lead: %v", err)
	}
	return l
}

// newMatch stores a match of lead and supplier moved to status along the lifecycle.
func (f *fixture) newMatch(l *domain.Lead, supplier *domain.Enterprise, status domain.MatchStatus) *domain.Match {
	f.t.Helper()
	ctx, now := context.Background(), f.clock.Now()
	batch := []domain.Match{{LeadID: l.ID, EnterpriseID: supplier.ID, EnterpriseName: supplier.Name, Clusters: l.Clusters,
		Rank: 1, Score: 9.5, Status: domain.MatchProposed, CreatedAt: now, UpdatedAt: now,
		Explanation: domain.MatchExplanation{Factors: []domain.MatchFactor{{Name: "text", Contribution: 9.5, Detail: "温度传感器"}},
			MatchedTerms: []string{"温度传感器"}}}}
	if _, err := f.store.Matches.Put(ctx, batch); err != nil {
		f.t.Fatalf("put match: %v", err)
	}
	m := &batch[0]
	path := []func() error{
		func() error { return m.Send(now) },
		func() error { _, err := m.Respond(status, "可以供货", "supplier", now); return err },
	}
	steps := map[domain.MatchStatus]int{domain.MatchProposed: 0, domain.MatchSent: 1, domain.MatchInterested: 2, domain.MatchDeclined: 2}
	n, ok := steps[status]
	if !ok {
		f.t.Fatalf("newMatch: status %s not supported", status)
	}
	for _, mv := range path[:n] {
		from := m.Status
		if err := mv(); err != nil {
			f.t.Fatal(err)
		}
		if err := f.store.Matches.Update(ctx, m, from); err != nil {
			f.t.Fatal(err)
		}
	}
	return m
}

// supplierIn returns a new enterprise of cluster, as a supplier for the fixture's leads.
func (f *fixture) supplierIn(cluster string) *domain.Enterprise {
	return f.addEnterprise(fmt.Sprintf("无锡供应商%d有限公司", usccSerial.Load()), cluster)
}

func (f *fixture) matchFix() *matchFix {
	if v, ok := matchFixtures.Load(f); ok {
		return v.(*matchFix)
	}
	other := f.newLead(f.otherEnt, "L1", domain.LeadOpen)
	fx := &matchFix{
		lead:        f.newLead(f.enterprise, "L1", domain.LeadOpen),
		memberMatch: f.newMatch(other, f.enterprise, domain.MatchSent),
	}
	matchFixtures.Store(f, fx)
	f.t.Cleanup(func() { matchFixtures.Delete(f) })
	return fx
}

// fillMatches installs the matching service and replaces the matching placeholders of a route
// case; "new" ones make a fresh record per request, so each caller meets the same state.
func (f *fixture) fillMatches(s string) string {
	f.matchService()
	if !strings.Contains(s, "{{") {
		return s
	}
	repl := func(ph string, v func() string) {
		if strings.Contains(s, ph) {
			s = strings.ReplaceAll(s, ph, v())
		}
	}
	repl("{{lead}}", func() string { return f.matchFix().lead.ID })
	repl("{{memberMatch}}", func() string { return f.matchFix().memberMatch.ID })
	repl("{{newMemberMatch}}", func() string {
		return f.newMatch(f.newLead(f.otherEnt, "L1", domain.LeadOpen), f.enterprise, domain.MatchSent).ID
	})
	repl("{{newInterestedMatch}}", func() string {
		return f.newMatch(f.newLead(f.enterprise, "L1", domain.LeadOpen), f.supplierIn("L1"), domain.MatchInterested).ID
	})
	return s
}
