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

// feed serves ents like store.EnterpriseRepo.UpdatedSince: changed at or after since, oldest first.
func feed(ents []domain.Enterprise) EnterpriseFeed {
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].UpdatedAt.Before(ents[j].UpdatedAt) })
	return func(_ context.Context, since time.Time, limit int) ([]domain.Enterprise, error) {
		var out []domain.Enterprise
		for _, e := range ents {
			if !e.UpdatedAt.Before(since) && len(out) < limit {
				out = append(out, e)
			}
		}
		return out, nil
	}
}

func TestSyncEnterprises(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	var ents []domain.Enterprise
	for i := 0; i < 2500; i++ {
		at := t0.Add(time.Duration(i) * time.Second)
		if i < 1500 {
			at = t0 // more than a page share one timestamp: the page must grow
		}
		ents = append(ents, domain.Enterprise{ID: fmt.Sprintf("e%04d", i), Products: []string{"温度传感器"}, UpdatedAt: at})
	}
	ents[10].Status = domain.EnterpriseBlocked

	a, b := New(DefaultConfig()), New(DefaultConfig())
	markA, nA, err := a.SyncEnterprises(context.Background(), time.Time{}, feed(ents))
	if err != nil {
		t.Fatal(err)
	}
	if a.ActiveSuppliers() != 2499 || nA < 2499 {
		t.Fatalf("synced %d (applied %d), want 2499 active", a.ActiveSuppliers(), nA)
	}
	if want := t0.Add(2499 * time.Second); !markA.Equal(want) {
		t.Errorf("watermark %v, want %v", markA, want)
	}

	// Instance b saw a newer live write first; a re-sync with the older version must not undo it.
	newer := domain.Enterprise{ID: "e2000", Products: []string{"锂电池"}, UpdatedAt: t0.Add(time.Hour)}
	b.Upsert(newer)
	if _, _, err := b.SyncEnterprises(context.Background(), time.Time{}, feed(ents)); err != nil {
		t.Fatal(err)
	}
	rs, _ := b.SuppliersFor(domain.Lead{Title: "锂电池"}, 5, Options{})
	if len(rs) != 1 || rs[0].ID != "e2000" {
		t.Errorf("the newer write was overwritten by the re-sync: %v", ids(rs))
	}

	// Nothing new: a second sync from the watermark applies only the records at the mark itself.
	if _, n, err := a.SyncEnterprises(context.Background(), markA, feed(ents)); err != nil || n > 1 {
		t.Errorf("second sync applied %d, %v", n, err)
	}

	boom := errors.New("db down")
	_, _, err = a.SyncEnterprises(context.Background(), time.Time{}, func(context.Context, time.Time, int) ([]domain.Enterprise, error) {
		return nil, boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("feed error lost: %v", err)
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
	f := func(_ context.Context, since time.Time, limit int) ([]domain.Lead, error) {
		var out []domain.Lead
		for _, l := range leads {
			if !l.UpdatedAt.Before(since) {
				out = append(out, l)
			}
		}
		return out, nil
	}
	mark, _, err := e.SyncLeads(context.Background(), time.Time{}, f)
	if err != nil || e.OpenLeads() != 1 || !mark.Equal(t0.Add(time.Second)) {
		t.Errorf("open leads %d, mark %v, err %v; want the closed lead removed", e.OpenLeads(), mark, err)
	}
}
