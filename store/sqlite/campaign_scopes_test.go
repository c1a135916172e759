package sqlite

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
	"duijie/store/storetest"
)

// TestMigrationKeepsOrganiserScopes: a database from before 0214 holds an organiser of L1 and
// L2 (and one of a single cluster, who needs no scope) and leads of both clusters; migrating
// registers the scope L1+L2 and fills its totals from the clusters', which then give the
// organiser's figures — each buyer once — as the records do.
func TestMigrationKeepsOrganiserScopes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	w := schemaBefore(t, path, 214)
	now := time.Now().UnixMilli()
	for i, u := range []struct{ role, clusters string }{{"organiser", `["L2","L1"]`}, {"organiser", `["A5"]`}, {"member", `[]`}} {
		_, err := w.Exec(`INSERT INTO users (id, email, name, password_hash, role, clusters, created_at, updated_at)
			VALUES (?, ?, '用户', 'x', ?, ?, ?, ?)`, domain.NewID(), "u"+string(rune('a'+i))+"@example.test", u.role, u.clusters, now, now)
		storetest.Must(t, err, "old user")
	}
	at := func(m time.Month) int64 { return time.Date(2030, m, 10, 9, 0, 0, 0, store.TotalsZone).UnixMilli() }
	for _, l := range []struct {
		cluster, buyer string
		opened         int64
	}{{"L1", "e1", at(time.March)}, {"L2", "e1", at(time.May)}, {"L2", "e2", at(time.April)}, {"A5", "e3", at(time.June)}} {
		id := domain.NewID()
		_, err := w.Exec(`INSERT INTO leads (id, title, clusters, status, buyer_enterprise_id, opened_at, created_at, updated_at)
			VALUES (?, '采购', ?, 'open', ?, ?, ?, ?)`, id, `["`+l.cluster+`"]`, l.buyer, l.opened, l.opened, l.opened)
		storetest.Must(t, err, "old lead")
		_, err = w.Exec(`INSERT INTO lead_clusters (cluster, lead_id) VALUES (?, ?)`, l.cluster, id)
		storetest.Must(t, err, "old lead's cluster")
	}
	storetest.Must(t, w.Close(), "close raw")

	s, err := Open(path)
	storetest.Must(t, err, "open and migrate")
	t.Cleanup(func() { _ = s.Health.Close() })
	ctx := t.Context()
	kept, err := s.Campaign.Scopes(ctx)
	storetest.Must(t, err, "scopes")
	if want := [][]string{{"L1", "L2"}}; !reflect.DeepEqual(kept, want) {
		t.Fatalf("kept scopes %v, want %v", kept, want)
	}
	var rows int
	storetest.Must(t, rawDB(t, path).QueryRow(`SELECT count(*) FROM campaign_firsts WHERE cluster = 'L1+L2' AND n <> 0`).Scan(&rows), "firsts")
	if rows == 0 {
		t.Fatal("the scope L1+L2 has no first months: its figures would not come from its totals")
	}
	storetest.WantScopeL1L2Of2030(t, s)
}
