package storetest

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("SyncOrder", testSyncOrder) }

// syncBulkRows is the size of the bulk case; FixtureSyncBulk lowers it for a slow fixture.
var syncBulkRows = syncBulk

// FixtureSyncBulk runs the bulk re-sync case with n rows until the returned func is called: the
// FerretDB fixture scans whole collections (no indexes), so 20,000 rows cost it minutes under
// load; real MongoDB (DUIJIE_TEST_MONGODB_URI) and SQLite run the full size.
func FixtureSyncBulk(n int) (restore func()) {
	prev := syncBulkRows
	syncBulkRows = min(n, syncBulk)
	return func() { syncBulkRows = prev }
}

// testSyncOrder checks the feed matching indexes re-sync from: a total (updatedAt, id) order in
// which every record is read exactly once, however many share a timestamp and wherever a page
// ends, and no silently short page.
func testSyncOrder(t *testing.T, open Opener) {
	t.Run("BulkSharingOneTimestamp", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		at := Ms(time.Now().Add(-time.Hour))
		n := syncBulkRows
		es := make([]domain.Enterprise, n)
		for i := range es {
			es[i] = *NewEnterprise(i)
			es[i].UpdatedAt = at
		}
		began := time.Now()
		created, _, err := s.Enterprises.UpsertByUSCC(ctx, es, nil)
		t.Logf("import of %d took %s", n, time.Since(began))
		began = time.Now()
		defer func() { t.Logf("sync took %s", time.Since(began)) }()
		Must(t, err, "import")
		if created != n {
			t.Fatalf("created %d, want %d", created, n)
		}
		feed := func(ctx context.Context, m domain.SyncMark, n int) ([]syncRec, error) {
			got, err := s.Enterprises.UpdatedAfter(ctx, m, n)
			return enterpriseRecs(got), err
		}
		ids := drain(t, ctx, feed, min(domain.MaxSyncPage, n/2))
		if len(ids) != n {
			t.Fatalf("synced %d profiles, want %d", len(ids), n)
		}
		held, err := s.Enterprises.CountMatchable(ctx)
		Must(t, err, "count")
		if held != n {
			t.Fatalf("CountMatchable = %d, want %d", held, n)
		}
	})

	t.Run("TiesAcrossPageBoundaries", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		base := Ms(time.Now().Add(-time.Hour))
		want := map[string]bool{}
		// Runs of 1, 4, 7 and 2 records on four timestamps: pages of 3 end inside every run.
		i := 0
		for k, run := range []int{1, 4, 7, 2} {
			for range run {
				e := NewEnterprise(i)
				e.UpdatedAt = base.Add(time.Duration(k) * time.Second)
				Must(t, s.Enterprises.Create(ctx, e), "create")
				want[e.ID] = true
				i++
			}
		}
		feed := func(ctx context.Context, m domain.SyncMark, n int) ([]syncRec, error) {
			got, err := s.Enterprises.UpdatedAfter(ctx, m, n)
			return enterpriseRecs(got), err
		}
		for _, page := range []int{1, 2, 3, 5, 14, 100} {
			ids := drain(t, ctx, feed, page)
			if len(ids) != len(want) {
				t.Fatalf("page %d: synced %d, want %d", page, len(ids), len(want))
			}
		}
		// A record written again moves to the end of the order: a mark past everything sees it.
		got, err := s.Enterprises.UpdatedAfter(ctx, domain.SyncMark{At: base.Add(3 * time.Second), ID: "~"}, 10)
		Must(t, err, "after the last")
		if len(got) != 0 {
			t.Fatalf("after the last record: %d records", len(got))
		}
		e, err := s.Enterprises.Get(ctx, firstKey(want))
		Must(t, err, "get")
		e.UpdatedAt = base.Add(time.Minute)
		Must(t, s.Enterprises.Update(ctx, e), "update")
		got, err = s.Enterprises.UpdatedAfter(ctx, domain.SyncMark{At: base.Add(3 * time.Second), ID: "~"}, 10)
		Must(t, err, "after an update")
		if len(got) != 1 || got[0].ID != e.ID {
			t.Fatalf("after an update: %v", enterpriseRecs(got))
		}

		// Leads follow the same order.
		lbase := Ms(time.Now().Add(-2 * time.Hour))
		for j := range 7 {
			l := NewLead(j, "L1", "")
			l.UpdatedAt = lbase.Add(time.Duration(j/3) * time.Second)
			Must(t, s.Leads.Create(ctx, l), "create lead")
		}
		lfeed := func(ctx context.Context, m domain.SyncMark, n int) ([]syncRec, error) {
			got, err := s.Leads.UpdatedAfter(ctx, m, n)
			recs := make([]syncRec, len(got))
			for i := range got {
				recs[i] = syncRec{got[i].UpdatedAt, got[i].ID}
			}
			return recs, err
		}
		for _, page := range []int{1, 2, 3, 4} {
			if ids := drain(t, ctx, lfeed, page); len(ids) != 7 {
				t.Fatalf("leads, page %d: synced %d, want 7", page, len(ids))
			}
		}
	})

	t.Run("NoSilentCap", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		for _, n := range []int{0, -1, domain.MaxSyncPage + 1} {
			if _, err := s.Enterprises.UpdatedAfter(ctx, domain.SyncMark{}, n); err == nil {
				t.Errorf("enterprises: page of %d accepted", n)
			}
			if _, err := s.Leads.UpdatedAfter(ctx, domain.SyncMark{}, n); err == nil {
				t.Errorf("leads: page of %d accepted", n)
			}
		}
		if _, err := s.Enterprises.UpdatedAfter(ctx, domain.SyncMark{}, domain.MaxSyncPage); err != nil {
			t.Errorf("the largest page refused: %v", err)
		}
	})
}

type syncRec struct {
	at time.Time
	id string
}

func enterpriseRecs(es []domain.Enterprise) []syncRec {
	recs := make([]syncRec, len(es))
	for i := range es {
		recs[i] = syncRec{es[i].UpdatedAt, es[i].ID}
	}
	return recs
}

// drain pages through a feed from the start and returns the IDs read, failing on a record read
// twice or out of order.
func drain(t *testing.T, ctx context.Context, feed func(context.Context, domain.SyncMark, int) ([]syncRec, error), page int) []string {
	t.Helper()
	var mark domain.SyncMark
	seen := map[string]bool{}
	var ids []string
	for pages := 0; ; pages++ {
		if pages > 1_000_000 {
			t.Fatal("feed does not end")
		}
		recs, err := feed(ctx, mark, page)
		Must(t, err, fmt.Sprintf("page after %v/%s", mark.At, mark.ID))
		if len(recs) > page {
			t.Fatalf("asked for %d, got %d", page, len(recs))
		}
		for _, r := range recs {
			if !mark.After(r.at, r.id) {
				t.Fatalf("record %s/%v does not come after the mark %s/%v", r.id, r.at, mark.ID, mark.At)
			}
			if seen[r.id] {
				t.Fatalf("record %s read twice", r.id)
			}
			seen[r.id] = true
			ids = append(ids, r.id)
			mark = domain.SyncMark{At: r.at, ID: r.id}
		}
		if len(recs) < page {
			return ids
		}
	}
}

func firstKey(m map[string]bool) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys[0]
}
