package handlers

import (
	"context"
	"strings"
	"sync"
	"time"

	"duijie/domain"
)

// dealFix is the deal state of a fixture: an open L1 lead of the member's enterprise with an
// interested supplier.
type dealFix struct {
	lead     *domain.Lead
	supplier *domain.Enterprise
	match    *domain.Match
}

var dealFixtures sync.Map // *fixture → *dealFix

func (f *fixture) dealFix() *dealFix {
	if v, ok := dealFixtures.Load(f); ok {
		return v.(*dealFix)
	}
	f.matchService()
	fx := &dealFix{lead: f.newLead(f.enterprise, "L1", domain.LeadOpen), supplier: f.supplierIn("L1")}
	fx.match = f.newMatch(fx.lead, fx.supplier, domain.MatchInterested)
	dealFixtures.Store(f, fx)
	f.t.Cleanup(func() { dealFixtures.Delete(f) })
	return fx
}

// fillDeals replaces the deal placeholders of a route case; "new" ones make fresh records per
// request, so each caller meets the same state.
func (f *fixture) fillDeals(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	repl := func(ph string, v func() string) {
		if strings.Contains(s, ph) {
			s = strings.ReplaceAll(s, ph, v())
		}
	}
	repl("{{dealLead}}", func() string { return f.dealFix().lead.ID })
	repl("{{dealSupplier}}", func() string { return f.dealFix().supplier.ID })
	if strings.Contains(s, "{{newShortLead}}") {
		l := f.newLead(f.enterprise, "L1", domain.LeadOpen)
		sup := f.supplierIn("L1")
		f.newMatch(l, sup, domain.MatchInterested)
		if _, err := f.store.Shortlists.Add(context.Background(), l.ID, sup.ID, "fixture", f.clock.Now()); err != nil {
			f.t.Fatal(err)
		}
		s = strings.NewReplacer("{{newShortLead}}", l.ID, "{{newShortSupplier}}", sup.ID).Replace(s)
	}
	repl("{{newDealLead}}", func() string { return f.newLead(f.enterprise, "L1", domain.LeadOpen).ID })
	repl("{{inviteeSupplier}}", func() string { return f.otherEnt.ID })
	repl("{{newQuotableMatch}}", func() string {
		return f.newMatch(f.newLead(f.otherEnt, "L1", domain.LeadOpen), f.enterprise, domain.MatchInterested).ID
	})
	repl("{{validUntil}}", func() string { return f.clock.Now().Add(30 * 24 * time.Hour).Format("2006-01-02") })
	return s
}
