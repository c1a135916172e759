package importer

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
	"duijie/store/sqlite"
)

// TestLeadReimportByRef imports a buyer's sheet twice: rows with a ref update the leads of the
// first import, rows without one are posted again, and a file naming one (buyer, ref) twice is
// refused whole.
func TestLeadReimportByRef(t *testing.T) {
	ctx := t.Context()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Health.Close()
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	admin := &domain.User{ID: "a1", Role: domain.RoleAdmin}
	opt := Options{Now: now, Location: time.UTC}
	header := "title,clusters,quantity,buyer_name,参考号\n"
	first := header + "智能电表,L1,2000,Nordic Energy AB,PO-1\n网关,L1,50,Nordic Energy AB,PO-2\n无编号的需求,L1,9,Nordic Energy AB,\n"
	rep, ls, err := Leads(ctx, testClusters, buyers{}, st.Leads, admin, "a.csv", []byte(first), opt)
	if err != nil || !rep.OK() || rep.Created != 3 || len(ls) != 3 {
		t.Fatalf("first import: %v %+v", err, rep)
	}
	po1, err := st.Leads.GetByRef(ctx, ls[0].RefKey())
	if err != nil {
		t.Fatal(err)
	}

	// The buyer sends the sheet again with a new quantity; spelling of its name differs in case.
	second := header + "智能电表,L1,2500,NORDIC ENERGY AB,PO-1\n网关,L1,50,Nordic Energy AB,PO-2\n无编号的需求,L1,9,Nordic Energy AB,\n"
	opt.Now = now.Add(time.Hour)
	rep, ls, err = Leads(ctx, testClusters, buyers{}, st.Leads, admin, "b.csv", []byte(second), opt)
	if err != nil || !rep.OK() || rep.Created != 1 || rep.Updated != 2 || len(ls) != 3 {
		t.Fatalf("second import: %v created %d updated %d %v", err, rep.Created, rep.Updated, rep.Problems)
	}
	again, err := st.Leads.Get(ctx, po1.ID)
	if err != nil || again.Quantity != 2500 || !again.CreatedAt.Equal(po1.CreatedAt) {
		t.Fatalf("PO-1 after re-import: %+v %v", again, err)
	}
	_, _, total, _ := st.Leads.List(ctx, store.LeadFilter{}, store.Page{Limit: 10})
	if total != 4 {
		t.Errorf("%d leads, want 4 (two updated, the unreferenced row posted again)", total)
	}

	dup := header + "智能电表,L1,1,Nordic Energy AB,PO-9\n智能电表,L1,2,Nordic Energy AB,PO-9\n"
	rep, _, err = Leads(ctx, testClusters, buyers{}, st.Leads, admin, "c.csv", []byte(dup), opt)
	if err != nil || rep.OK() || rep.Applied || len(rep.Problems) != 1 || rep.Problems[0].Line != 3 ||
		rep.Problems[0].Column != "参考号" || rep.Problems[0].Key != "ops.problem.duplicate_ref" {
		t.Fatalf("duplicate ref: %v %+v", err, rep.Problems)
	}
	if _, err := st.Leads.GetByRef(ctx, (&domain.Lead{BuyerName: "Nordic Energy AB", Ref: "PO-9"}).RefKey()); err == nil {
		t.Error("a refused file wrote a lead")
	}

	// An organiser cannot rewrite, by ref, a lead of clusters it does not run.
	org := &domain.User{ID: "o1", Role: domain.RoleOrganiser, Clusters: []string{"L2"}}
	theirs := header + "智能电表,L1、L2,3,Nordic Energy AB,PO-1\n"
	rep, _, err = Leads(ctx, testClusters, buyers{}, st.Leads, org, "d.csv", []byte(theirs), opt)
	if err != nil || rep.OK() || !strings.Contains(keys(rep.Problems)[0], "ops.problem.ref_not_yours") {
		t.Fatalf("organiser over another cluster's lead: %v %v", err, keys(rep.Problems))
	}
	// A ref that is too long is a cell problem like any other.
	long := header + "智能电表,L1,3,Nordic Energy AB," + strings.Repeat("x", domain.MaxLeadRefLength+1) + "\n"
	rep, _, _ = Leads(ctx, testClusters, buyers{}, st.Leads, admin, "e.csv", []byte(long), opt)
	if rep.OK() || !strings.Contains(keys(rep.Problems)[0], "参考号/too_long") {
		t.Errorf("long ref: %v", keys(rep.Problems))
	}
}
