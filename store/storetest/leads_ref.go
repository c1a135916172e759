package storetest

import (
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("LeadRefs", testLeadRefs) }

// testLeadRefs covers leads found again by (buyer, ref) and the import write that creates and
// updates in one call.
func testLeadRefs(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	withRef := NewLead(1, "L1", "buyer-1")
	withRef.Ref = "PO-2026-07"
	outside := NewLead(2, "L1", "")
	outside.BuyerName, outside.Ref = "Nordic Energy AB", "PO-2026-07" // same ref, another buyer
	plain := NewLead(3, "L1", "buyer-1")
	Must(t, s.Leads.SaveImport(ctx, []domain.Lead{*withRef, *outside, *plain}, nil), "import three leads")

	got, err := s.Leads.GetByRef(ctx, withRef.RefKey())
	Must(t, err, "get by ref")
	if got.Title != withRef.Title || got.Ref != "PO-2026-07" {
		t.Fatalf("by ref: %q ref %q", got.Title, got.Ref)
	}
	other, err := s.Leads.GetByRef(ctx, (&domain.Lead{BuyerName: "nordic  energy ab", Ref: "PO-2026-07"}).RefKey())
	Must(t, err, "get outside buyer's lead by ref")
	if other.ID == got.ID {
		t.Fatal("two buyers' identical refs found the same lead")
	}
	_, err = s.Leads.GetByRef(ctx, "")
	MustNotFound(t, err, "empty ref key")
	_, err = s.Leads.GetByRef(ctx, (&domain.Lead{BuyerEnterpriseID: "buyer-1", Ref: "PO-nope"}).RefKey())
	MustNotFound(t, err, "unknown ref")

	// Re-import: one update of the matched lead and one new lead, in one call.
	upd := domain.Reimport(*got, *withRef, Ms(time.Now()))
	upd.Title = "采购功率模块（第二批）"
	fresh := NewLead(4, "L1", "buyer-1")
	fresh.Ref = "PO-2026-08"
	Must(t, s.Leads.SaveImport(ctx, []domain.Lead{*fresh}, []store.LeadChange{{Lead: upd, Expect: got.Status}}), "re-import")
	again, err := s.Leads.Get(ctx, got.ID)
	Must(t, err, "get updated")
	if again.Title != "采购功率模块（第二批）" || again.Ref != "PO-2026-07" || !again.CreatedAt.Equal(got.CreatedAt) {
		t.Errorf("updated lead: %q ref %q created %v", again.Title, again.Ref, again.CreatedAt)
	}
	if _, err := s.Leads.GetByRef(ctx, fresh.RefKey()); err != nil {
		t.Errorf("new lead of the re-import not found by ref: %v", err)
	}
	_, _, total, err := s.Leads.List(ctx, store.LeadFilter{}, store.Page{Limit: 10})
	Must(t, err, "list")
	if total != 4 {
		t.Errorf("%d leads after the re-import, want 4 (nothing posted twice)", total)
	}

	// A lead closed meanwhile is not overwritten by a stale import.
	stale := upd
	closed := *again
	closed.Status, closed.Outcome = domain.LeadClosed, "won"
	Must(t, s.Leads.Update(ctx, &closed, domain.LeadOpen), "close")
	MustConflict(t, s.Leads.SaveImport(ctx, nil, []store.LeadChange{{Lead: stale, Expect: domain.LeadOpen}}), "status", "stale re-import")
}
