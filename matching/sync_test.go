package matching

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"
	"time"

	"duijie/domain"
)

// feed serves ents like store.EnterpriseRepo.UpdatedAfter: after the mark in (UpdatedAt, ID)
// order, at most limit.
func feed(ents []domain.Enterprise) EnterpriseFeed {
	sort.SliceStable(ents, func(i, j int) bool {
		return domain.SyncMark{At: ents[i].UpdatedAt, ID: ents[i].ID}.After(ents[j].UpdatedAt, ents[j].ID)
	})
	return func(_ context.Context, m domain.SyncMark, limit int) ([]domain.Enterprise, error) {
		var out []domain.Enterprise
		for _, e := range ents {
			if m.After(e.UpdatedAt, e.ID) && len(out) < limit {
				out = append(out, e)
			}
		}
		return out, nil
	}
}

func TestSyncEnterprises(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	var ents []domain.Enterprise
	const shared = 2*SyncPage + 123 // an import's run of one timestamp spans three pages
	for i := 0; i < shared+1000; i++ {
		at := t0.Add(time.Duration(i) * time.Second)
		if i < shared {
			at = t0
		}
		ents = append(ents, domain.Enterprise{ID: fmt.Sprintf("e%05d", i), Products: []string{"温度传感器"}, UpdatedAt: at})
	}
	ents[10].Status = domain.EnterpriseBlocked
	total := len(ents)

	a, b := New(DefaultConfig()), New(DefaultConfig())
	markA, nA, err := a.SyncEnterprises(context.Background(), domain.SyncMark{}, feed(ents))
	if err != nil {
		t.Fatal(err)
	}
	if a.ActiveSuppliers() != total-1 || nA < total-1 {
		t.Fatalf("synced %d (applied %d), want %d active", a.ActiveSuppliers(), nA, total-1)
	}
	if want := (domain.SyncMark{At: t0.Add(time.Duration(total-1) * time.Second), ID: fmt.Sprintf("e%05d", total-1)}); markA != want {
		t.Errorf("mark %v, want %v", markA, want)
	}

	// Instance b saw a newer live write first; a re-sync with the older version must not undo it.
	newer := domain.Enterprise{ID: "e02000", Products: []string{"锂电池"}, UpdatedAt: t0.Add(time.Hour)}
	b.Upsert(newer)
	if _, _, err := b.SyncEnterprises(context.Background(), domain.SyncMark{}, feed(ents)); err != nil {
		t.Fatal(err)
	}
	rs, _ := b.SuppliersFor(domain.Lead{Title: "锂电池"}, 5, Options{})
	if len(rs) != 1 || rs[0].ID != "e02000" {
		t.Errorf("the newer write was overwritten by the re-sync: %v", ids(rs))
	}

	// Nothing new: a second sync from the mark applies nothing and keeps the mark.
	if m, n, err := a.SyncEnterprises(context.Background(), markA, feed(ents)); err != nil || n != 0 || m != markA {
		t.Errorf("second sync applied %d, mark %v, %v", n, m, err)
	}

	boom := errors.New("db down")
	_, _, err = a.SyncEnterprises(context.Background(), domain.SyncMark{}, func(context.Context, domain.SyncMark, int) ([]domain.Enterprise, error) {
		return nil, boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("feed error lost: %v", err)
	}

	// A feed that ignores the mark would loop for ever: it is an error instead.
	stuck := func(context.Context, domain.SyncMark, int) ([]domain.Enterprise, error) {
		return ents[:SyncPage], nil
	}
	if _, _, err := New(DefaultConfig()).SyncEnterprises(context.Background(), domain.SyncMark{At: t0.Add(time.Hour)}, stuck); err == nil {
		t.Error("a feed that does not advance was accepted")
	}
}

func TestSyncLeads(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	leads := []domain.Lead{
		{ID: "a", Title: "温度传感器", Status: domain.LeadOpen, UpdatedAt: t0},
		{ID: "b", Title: "锂电池", Status: domain.LeadClosed, UpdatedAt: t0.Add(time.Second)},
	}
	e := New(DefaultConfig())
	e.UpsertLead(domain.Lead{ID: "b", Title: "锂电池", Status: domain.LeadOpen})
	f := func(_ context.Context, m domain.SyncMark, limit int) ([]domain.Lead, error) {
		var out []domain.Lead
		for _, l := range leads {
			if m.After(l.UpdatedAt, l.ID) {
				out = append(out, l)
			}
		}
		return out, nil
	}
	mark, _, err := e.SyncLeads(context.Background(), domain.SyncMark{}, f)
	if err != nil || e.OpenLeads() != 1 || mark != (domain.SyncMark{At: t0.Add(time.Second), ID: "b"}) {
		t.Errorf("open leads %d, mark %v, err %v; want the closed lead removed", e.OpenLeads(), mark, err)
	}
}

func TestSyncMarkOrder(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	m := domain.SyncMark{At: t0, ID: "m"}
	cases := []struct {
		at          time.Time
		id          string
		after, less bool
	}{
		{t0, "m", false, false},
		{t0, "n", true, false},
		{t0, "l", false, true},
		{t0.Add(time.Millisecond), "a", true, false},
		{t0.Add(-time.Millisecond), "z", false, true},
	}
	for _, c := range cases {
		if got := m.After(c.at, c.id); got != c.after {
			t.Errorf("After(%v, %s) = %v", c.at, c.id, got)
		}
		if got := m.Less(c.at, c.id); got != c.less {
			t.Errorf("Less(%v, %s) = %v", c.at, c.id, got)
		}
	}
}
