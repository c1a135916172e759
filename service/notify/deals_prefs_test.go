package notify_test

import (
	"context"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/service/notify"
)

// TestDealNoticesFollowInstant: the four deal happenings (a supplier answered interested, the
// buyer opened contact, an invitation to quote, a quote received) reach by mail only the
// members who keep instant notices on; a colleague who turned them off gets nothing, and so
// does a member who turns them off after the notice was recorded but before it was mailed.
func TestDealNoticesFollowInstant(t *testing.T) {
	lead := func(buyer string) *domain.Lead {
		return &domain.Lead{ID: domain.NewID(), Title: "采购 PCBA 贴片加工", BuyerEnterpriseID: buyer, BuyerName: "甲公司"}
	}
	for _, tc := range []struct {
		name    string
		toBuyer bool // the buyer's members hear of it, else the supplier's
		notice  func(ctx context.Context, s *notify.Service, m *domain.Match, l *domain.Lead) (int, error)
		text    string
	}{
		{"answered interested", true, func(ctx context.Context, s *notify.Service, m *domain.Match, l *domain.Lead) (int, error) {
			m.Status = domain.MatchInterested
			return s.Answered(ctx, m, l)
		}, "表示有意向"},
		{"buyer opened contact", false, func(ctx context.Context, s *notify.Service, m *domain.Match, l *domain.Lead) (int, error) {
			m.Status = domain.MatchContacted
			return s.Contacted(ctx, m, l)
		}, "甲公司"},
		{"invitation to quote", false, func(ctx context.Context, s *notify.Service, m *domain.Match, l *domain.Lead) (int, error) {
			return s.Invited(ctx, m, l)
		}, "甲公司"},
		{"quote received", true, func(ctx context.Context, s *notify.Service, m *domain.Match, l *domain.Lead) (int, error) {
			return s.Quoted(ctx, &domain.Quote{ID: domain.NewID(), MatchID: m.ID, LeadID: l.ID, SupplierName: m.EnterpriseName,
				UnitPrice: 4150, Currency: "CNY", Quantity: 2000, Revision: 1}, l)
		}, "CNY 83,000.00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			ctx := context.Background()
			buyer := e.member(1, "zh-CN")
			supplier := e.member(2, "zh-CN")
			side := buyer
			if !tc.toBuyer {
				side = supplier
			}
			off := e.colleague(3, side.EnterpriseID, "zh-CN")
			late := e.colleague(4, side.EnterpriseID, "en")
			setInstant(t, e, off, false)
			l := lead(buyer.EnterpriseID)
			m := &domain.Match{ID: domain.NewID(), LeadID: l.ID, EnterpriseID: supplier.EnterpriseID, EnterpriseName: "乙科技",
				Status: domain.MatchSent}
			n, err := tc.notice(ctx, e.svc, m, l)
			if err != nil || n != 2 {
				t.Fatalf("recorded %d notices (%v), want 2: the colleague with instant notices off gets none", n, err)
			}
			setInstant(t, e, late, false) // after recording, before the mail
			if err := e.svc.InstantMails(ctx, nil); err != nil {
				t.Fatal(err)
			}
			if sent := e.drain(); sent != 1 {
				t.Fatalf("sent %d mails, want 1", sent)
			}
			got := e.parsed(side.Email)
			if len(got) != 1 || !strings.Contains(got[0].Text, tc.text) || !strings.Contains(got[0].Text, l.Title) {
				t.Fatalf("mail to %s: %+v", side.Email, got)
			}
			for _, u := range []*domain.User{off, late} {
				if n := len(e.parsed(u.Email)); n != 0 {
					t.Errorf("%s turned instant notices off and got %d mails", u.Email, n)
				}
			}
		})
	}
}

func setInstant(t *testing.T, e *env, u *domain.User, on bool) {
	t.Helper()
	p, err := notify.Preferences(context.Background(), e.st.Preferences, u)
	if err != nil {
		t.Fatal(err)
	}
	p.SetInstant(on)
	if err := e.st.Preferences.Put(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}
