package storetest

import (
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("EnterprisesUpsert", testEnterpriseUpsert) }

func testEnterpriseUpsert(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	old := NewEnterprise(1)
	old.Status = domain.EnterpriseBlocked
	old.CreatedAt = Ms(time.Now().Add(-48 * time.Hour))
	Must(t, s.Enterprises.Create(ctx, old), "create")

	batch := make([]domain.Enterprise, 0, 25)
	for i := 1; i <= 25; i++ {
		e := NewEnterprise(i)
		e.ID, e.Status = "", ""
		e.Clusters = []string{"L2"}
		batch = append(batch, *e)
	}
	batch[0].Name = "改名后的企业"
	var calls, last int
	created, updated, err := s.Enterprises.UpsertByUSCC(ctx, batch, func(done int) { calls++; last = done })
	Must(t, err, "upsert")
	if created != 24 || updated != 1 {
		t.Fatalf("created %d updated %d, want 24 and 1", created, updated)
	}
	if calls == 0 || last != len(batch) {
		t.Fatalf("progress: %d calls, last %d", calls, last)
	}
	got, err := s.Enterprises.GetByUSCC(ctx, old.USCC)
	Must(t, err, "get")
	if got.ID != old.ID || got.Name != "改名后的企业" || got.Status != domain.EnterpriseBlocked || !got.CreatedAt.Equal(old.CreatedAt) {
		t.Fatalf("update did not keep identity and status: %+v", got)
	}
	if batch[0].ID != old.ID || !domain.ValidID(batch[5].ID) || batch[5].Status != domain.EnterpriseActive {
		t.Fatalf("batch not filled with stored values: %+v / %+v", batch[0], batch[5])
	}
	_, _, total, err := s.Enterprises.List(ctx, store.EnterpriseFilter{Cluster: "L2"}, store.Page{Limit: 1})
	Must(t, err, "list")
	if total != 25 {
		t.Fatalf("cluster index has %d, want 25", total)
	}

	// Re-importing the same rows is idempotent: everything is an update, nothing is new.
	again := make([]domain.Enterprise, len(batch))
	for i := range batch {
		again[i] = *NewEnterprise(i + 1)
		again[i].ID, again[i].Clusters = "", []string{"L2"}
	}
	created, updated, err = s.Enterprises.UpsertByUSCC(ctx, again, nil)
	Must(t, err, "re-upsert")
	if created != 0 || updated != 25 {
		t.Fatalf("re-import created %d updated %d", created, updated)
	}
	_, _, total, _ = s.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 1})
	if total != 25 {
		t.Fatalf("%d enterprises after re-import, want 25", total)
	}
}
