package storetest

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Leads", testLeads) }

// NewLead returns a valid, unsaved open lead numbered i in cluster, bought by buyer.
func NewLead(i int, cluster, buyer string) *domain.Lead {
	now := Ms(time.Now())
	deadline := now.Add(30 * 24 * time.Hour)
	return &domain.Lead{
		Title:                  fmt.Sprintf("采购功率模块%d", i),
		Description:            "用于电驱控制器 IGBT",
		Clusters:               []string{cluster},
		IndustryCodes:          []string{"C3973"},
		HSCodes:                []string{"854129"},
		Quantity:               5000.5,
		Unit:                   "只",
		BudgetMin:              100000,
		BudgetMax:              300000,
		Currency:               "CNY",
		DeliveryRegion:         "320214",
		ExportMarket:           "EU",
		RequiredCertifications: []string{"IATF16949"},
		PreferredTiers:         []domain.EnterpriseTier{domain.TierBackbone},
		Deadline:               &deadline,
		Status:                 domain.LeadOpen,
		BuyerEnterpriseID:      buyer,
		BuyerName:              "无锡买家有限公司",
		Contact:                domain.Contact{Name: "王工", Email: "wang@example.test", Phone: "0510-81234567"},
		PostedBy:               "user-1",
		OpenedAt:               &now,
		CreatedAt:              now,
		UpdatedAt:              now,
	}
}

func normLead(l domain.Lead) domain.Lead {
	l.Clusters, l.IndustryCodes, l.HSCodes = list(l.Clusters), list(l.IndustryCodes), list(l.HSCodes)
	l.RequiredCertifications, l.PreferredTiers = list(l.RequiredCertifications), list(l.PreferredTiers)
	l.Deadline, l.OpenedAt, l.ClosedAt = msPtr(l.Deadline), msPtr(l.OpenedAt), msPtr(l.ClosedAt)
	l.CreatedAt, l.UpdatedAt = Ms(l.CreatedAt), Ms(l.UpdatedAt)
	return l
}

var sameLead = sameAs(normLead)

func testLeads(t *testing.T, open Opener) {
	t.Run("CreateGetUpdate", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		l := NewLead(1, "L1", "buyer-1")
		l.Title = `<script>alert(1)</script> 采购`
		Must(t, s.Leads.Create(ctx, l), "create")
		if !domain.ValidID(l.ID) {
			t.Fatalf("ID = %q", l.ID)
		}
		got, err := s.Leads.Get(ctx, l.ID)
		Must(t, err, "get")
		sameLead(t, "get", got, l)

		l.Title, l.Clusters, l.Deadline, l.Quantity = "改了", []string{"A5", "L2"}, nil, 1
		closed := Ms(time.Now())
		l.Status, l.Outcome, l.ClosedAt = domain.LeadClosed, domain.OutcomeSigned, &closed
		Must(t, s.Leads.Update(ctx, l, domain.LeadOpen), "update")
		got, err = s.Leads.Get(ctx, l.ID)
		Must(t, err, "get after update")
		sameLead(t, "after update", got, l)

		// The status moved on: a second writer that still expects "open" loses.
		l.Title = "stale"
		err = s.Leads.Update(ctx, l, domain.LeadOpen)
		MustConflict(t, err, "status", "stale update")
		missing := NewLead(2, "L1", "")
		missing.ID = domain.NewID()
		MustNotFound(t, s.Leads.Update(ctx, missing, domain.LeadOpen), "update missing")
		_, err = s.Leads.Get(ctx, domain.NewID())
		MustNotFound(t, err, "get missing")
	})

	t.Run("CreateMany", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		ls := make([]domain.Lead, 30)
		for i := range ls {
			ls[i] = *NewLead(i, "L2", "")
		}
		Must(t, s.Leads.CreateMany(ctx, ls), "create many")
		for _, l := range ls {
			if !domain.ValidID(l.ID) {
				t.Fatalf("ID not assigned: %q", l.ID)
			}
		}
		_, _, total, err := s.Leads.List(ctx, store.LeadFilter{Cluster: "L2"}, store.Page{Limit: 5})
		Must(t, err, "list")
		if total != 30 {
			t.Fatalf("total %d, want 30", total)
		}
		// A batch with a clashing ID is refused.
		dup := []domain.Lead{*NewLead(100, "L2", ""), ls[0]}
		if err := s.Leads.CreateMany(ctx, dup); err == nil {
			t.Fatal("duplicate ID accepted")
		}
		if s.Engine == "sqlite" { // the embedded engine writes an import whole or not at all
			_, _, total, _ = s.Leads.List(ctx, store.LeadFilter{Cluster: "L2"}, store.Page{Limit: 5})
			if total != 30 {
				t.Fatalf("half a batch written: total %d", total)
			}
		}
	})

	t.Run("ListFiltersAndScope", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		base := Ms(time.Now()).Add(-time.Hour)
		type spec struct {
			cluster string
			status  domain.LeadStatus
			buyer   string
			posted  string
			title   string
		}
		specs := []spec{
			{"L1", domain.LeadOpen, "E1", "m1", "PCBA 贴片"},
			{"L1", domain.LeadDraft, "E1", "m1", "传感器"},
			{"L2", domain.LeadOpen, "E2", "m2", "IGBT 模块"},
			{"L2", domain.LeadClosed, "E2", "m2", "pcba 测试"},
			{"A5", domain.LeadDraft, "", "o1", "光伏组件 outside"},
			{"A5", domain.LeadExpired, "E1", "m1", "储能电池"},
		}
		ids := make([]string, len(specs))
		for i, sp := range specs {
			l := NewLead(i, sp.cluster, sp.buyer)
			l.Status, l.PostedBy, l.Title = sp.status, sp.posted, sp.title
			l.CreatedAt = base.Add(time.Duration(i) * time.Minute)
			Must(t, s.Leads.Create(ctx, l), "create")
			ids[i] = l.ID
		}
		pick := func(idx ...int) []string {
			out := []string{}
			for _, i := range idx {
				out = append(out, ids[i])
			}
			slices.Reverse(out) // newest first
			return out
		}
		for _, tc := range []struct {
			name string
			f    store.LeadFilter
			want []string
		}{
			{"all", store.LeadFilter{}, pick(0, 1, 2, 3, 4, 5)},
			{"cluster", store.LeadFilter{Cluster: "L2"}, pick(2, 3)},
			{"status", store.LeadFilter{Status: domain.LeadOpen}, pick(0, 2)},
			{"mine", store.LeadFilter{Buyer: "E1"}, pick(0, 1, 5)},
			{"q folds case", store.LeadFilter{Q: "PCBA"}, pick(0, 3)},
			{"q chinese", store.LeadFilter{Q: "传感"}, pick(1)},
			{"q wildcard literal", store.LeadFilter{Q: "%"}, pick()},
			{"member scope: own or open", store.LeadFilter{Scope: store.LeadScope{Buyer: "E2", Open: true}}, pick(0, 2, 3)},
			{"organiser scope: clusters or posted", store.LeadFilter{Scope: store.LeadScope{Clusters: []string{"L1"}, PostedBy: "o1"}}, pick(0, 1, 4)},
			{"scope and filter", store.LeadFilter{Cluster: "L1", Scope: store.LeadScope{Open: true}}, pick(0)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var total int
				got := walk(t, 2, func(c string) ([]string, string, error) {
					ls, next, n, err := s.Leads.List(ctx, tc.f, store.Page{Limit: 2, Cursor: c})
					total = n
					out := make([]string, len(ls))
					for i, l := range ls {
						out[i] = l.ID
					}
					return out, next, err
				})
				sameIDs(t, tc.name, got, tc.want)
				if total != len(tc.want) {
					t.Fatalf("total %d, want %d", total, len(tc.want))
				}
			})
		}
		_, _, _, err := s.Leads.List(ctx, store.LeadFilter{}, store.Page{Cursor: "not-a-cursor"})
		var v *domain.ValidationError
		if !errors.As(err, &v) || !v.Has("cursor") {
			t.Fatalf("bad cursor: %v", err)
		}
	})

	t.Run("TriageInferredClusters", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		base := Ms(time.Now()).Add(-time.Hour)
		mk := func(i int, cluster string, inferred bool, status domain.LeadStatus) *domain.Lead {
			l := NewLead(i, cluster, "")
			l.ClustersInferred, l.Status = inferred, status
			l.CreatedAt = base.Add(time.Duration(i) * time.Minute)
			Must(t, s.Leads.Create(ctx, l), "create")
			return l
		}
		a := mk(1, "L1", true, domain.LeadOpen)
		mk(2, "L1", false, domain.LeadOpen)
		mk(3, "L1", true, domain.LeadDraft) // a draft is not routed yet
		c := mk(4, "L2", true, domain.LeadOpen)
		got, err := s.Leads.Get(ctx, a.ID)
		Must(t, err, "get")
		if !got.ClustersInferred {
			t.Fatal("clustersInferred lost on the way through the store")
		}
		list := func(f store.LeadFilter) []string {
			ls, _, _, err := s.Leads.List(ctx, f, store.Page{Limit: 10})
			Must(t, err, "list triage")
			out := []string{}
			for _, l := range ls {
				out = append(out, l.ID)
			}
			return out
		}
		sameIDs(t, "triage L1", list(store.LeadFilter{Triage: true, Scope: store.LeadScope{Clusters: []string{"L1"}}}), []string{a.ID})
		sameIDs(t, "triage all", list(store.LeadFilter{Triage: true}), []string{c.ID, a.ID})
		// Confirming clears the flag: the lead leaves the queue.
		got.ClustersInferred, got.Clusters = false, []string{"L2"}
		Must(t, s.Leads.Update(ctx, got, domain.LeadOpen), "confirm")
		sameIDs(t, "after confirm", list(store.LeadFilter{Triage: true}), []string{c.ID})
		again, err := s.Leads.Get(ctx, a.ID)
		Must(t, err, "get after confirm")
		if again.ClustersInferred || len(again.Clusters) != 1 || again.Clusters[0] != "L2" {
			t.Fatalf("after confirm: inferred %v clusters %v", again.ClustersInferred, again.Clusters)
		}
	})

	t.Run("ExpireDueAndUpdatedAfter", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		past, future := now.Add(-time.Minute), now.Add(time.Hour)
		mk := func(i int, status domain.LeadStatus, deadline *time.Time) string {
			l := NewLead(i, "L1", "")
			l.Status, l.Deadline = status, deadline
			l.UpdatedAt = now.Add(-time.Hour)
			Must(t, s.Leads.Create(ctx, l), "create")
			return l.ID
		}
		due := mk(1, domain.LeadOpen, &past)
		notDue := mk(2, domain.LeadOpen, &future)
		noDeadline := mk(3, domain.LeadOpen, nil)
		draft := mk(4, domain.LeadDraft, &past)
		n, err := s.Leads.ExpireDue(ctx, now)
		Must(t, err, "expire")
		if n != 1 {
			t.Fatalf("expired %d, want 1", n)
		}
		for id, want := range map[string]domain.LeadStatus{due: domain.LeadExpired, notDue: domain.LeadOpen, noDeadline: domain.LeadOpen, draft: domain.LeadDraft} {
			l, err := s.Leads.Get(ctx, id)
			Must(t, err, "get")
			if l.Status != want {
				t.Errorf("lead %s: %s, want %s", id, l.Status, want)
			}
		}
		if n, _ := s.Leads.ExpireDue(ctx, now); n != 0 {
			t.Fatalf("second run expired %d", n)
		}
		changed, err := s.Leads.UpdatedAfter(ctx, domain.SyncMark{At: now.Add(-time.Millisecond)}, 10)
		Must(t, err, "updated after")
		if len(changed) != 1 || changed[0].ID != due {
			t.Fatalf("updated after: %v", changed)
		}
	})
}
