package leads_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/importer"
	"duijie/matchsvc"
	"duijie/seed"
	"duijie/service/intake"
	"duijie/service/leads"
	"duijie/store"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is the lead service over a fresh SQLite database and a started matching service, which
// the lead service keeps in step; nothing in the test calls a matching hook.
type env struct {
	st      *store.Store
	matches *matchsvc.Service
	svc     *leads.Service
	now     *clock
	member  *domain.User
	told    *told
}

// told is the matching service, noting which leads it was told about one by one.
type told struct {
	*matchsvc.Service
	mu  sync.Mutex
	ids []string
}

func (t *told) LeadChanged(ctx context.Context, l domain.Lead) {
	t.mu.Lock()
	t.ids = append(t.ids, l.ID)
	t.mu.Unlock()
	t.Service.LeadChanged(ctx, l)
}

func (t *told) last() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.ids) == 0 {
		return ""
	}
	return t.ids[len(t.ids)-1]
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	if err := seed.Clusters(ctx, st); err != nil {
		t.Fatal(err)
	}
	e := &env{st: st, now: &clock{t: time.Now().UTC().Truncate(time.Millisecond)}}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.matches = matchsvc.New(st, matchsvc.Config{Now: e.now.Now, Logger: log})
	if err := e.matches.Start(ctx); err != nil {
		t.Fatal(err)
	}
	e.told = &told{Service: e.matches}
	index := func() leads.Index { return e.told }
	e.svc = leads.New(st, index, nil, log, e.now.Now)
	e.svc.Intake = intake.New(nil, e.svc.Records(), nil, e.now.Now)
	buyer := storetest.NewEnterprise(1)
	if err := st.Enterprises.Create(ctx, buyer); err != nil {
		t.Fatal(err)
	}
	e.member = &domain.User{ID: "m1", Role: domain.RoleMember, EnterpriseID: buyer.ID}
	return e
}

func (e *env) indexed() int { _, n := e.matches.IndexSize(); return n }

func openInput(deadline time.Time) leads.Input {
	return leads.Input{Status: "open", Content: domain.Lead{
		Title: "采购车规级 IGBT 功率模块", Description: "电驱控制器用", Clusters: []string{"L1"},
		Quantity: 500, Unit: "只", Currency: "CNY", Deadline: &deadline,
	}}
}

// TestWritesKeepTheIndexInStep: posting, editing, closing and expiring a lead reach this
// process's matching index through the service alone.
func TestWritesKeepTheIndexInStep(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := leads.Actor{User: e.member, IP: "192.0.2.1"}
	l, err := e.svc.Create(ctx, a, openInput(e.now.Now().Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if e.indexed() != 1 {
		t.Fatalf("after posting an open lead the index holds %d leads, want 1", e.indexed())
	}
	if err := e.svc.Close(ctx, a, l, domain.OutcomeCancelled); err != nil {
		t.Fatal(err)
	}
	if e.indexed() != 0 {
		t.Fatalf("a closed lead is still offered: index holds %d", e.indexed())
	}

	// Expiry: the store stamps the leads in one update; the service takes them out here.
	if _, err := e.svc.Create(ctx, a, openInput(e.now.Now().Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	e.now.advance(2 * time.Hour)
	n, err := e.svc.ExpireDue(ctx)
	if err != nil || n != 1 {
		t.Fatalf("ExpireDue = %d, %v; want 1", n, err)
	}
	if e.indexed() != 0 {
		t.Errorf("an expired lead is still offered: index holds %d", e.indexed())
	}
	got, _, _, err := e.st.Leads.List(ctx, store.LeadFilter{Status: domain.LeadExpired}, store.Page{Limit: 5})
	if err != nil || len(got) != 1 {
		t.Errorf("expired in the store: %d, %v", len(got), err)
	}
}

// TestImportAndTriageKeepTheIndexInStep: a lead file (new rows and a re-import by ref) and an
// organiser's triage write through the service's Records.
func TestImportAndTriageKeepTheIndexInStep(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	admin := leads.Actor{User: &domain.User{ID: "a1", Role: domain.RoleAdmin}}
	deadline := e.now.Now().Add(30 * 24 * time.Hour).Format("2006-01-02")
	file := "title,clusters,quantity,buyer_name,deadline,参考号\n" +
		"智能电表,L1,2000,Nordic Energy AB," + deadline + ",PO-1\n网关,L1,50,Nordic Energy AB," + deadline + ",PO-2\n"
	opt := importer.Options{Now: e.now.Now(), Location: time.UTC}
	rep, err := e.svc.Import(ctx, admin, "a.csv", strings.NewReader(file), opt)
	if err != nil || !rep.OK() || rep.Created != 2 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if e.indexed() != 2 {
		t.Fatalf("after importing two open leads the index holds %d", e.indexed())
	}
	e.now.advance(time.Minute)
	rep, err = e.svc.Import(ctx, admin, "b.csv", strings.NewReader(strings.Replace(file, "2000", "2500", 1)), opt)
	if err != nil || !rep.OK() || rep.Updated != 2 || e.indexed() != 2 {
		t.Fatalf("re-import: %v %+v, index %d", err, rep, e.indexed())
	}
	ls, _, _, err := e.st.Leads.List(ctx, store.LeadFilter{}, store.Page{Limit: 5})
	if err != nil || len(ls) != 2 {
		t.Fatal(len(ls), err)
	}
	l, err := e.svc.ConfirmClusters(ctx, admin, ls[0].ID, []string{"L2"})
	if err != nil || l.Clusters[0] != "L2" {
		t.Fatalf("triage: %+v, %v", l, err)
	}
	if e.told.last() != l.ID {
		t.Errorf("triage did not reach the index (last told %q)", e.told.last())
	}
	entries, _, err := e.st.Audit.List(ctx, "lead:"+l.ID, store.Page{Limit: 5})
	if err != nil || len(entries) == 0 || entries[0].Action != "lead.clusters" {
		t.Errorf("triage not audited: %+v, %v", entries, err)
	}
}

// TestRefusalsSayWhy: a member without an enterprise is told so, and a closed lead cannot be
// edited; neither reaches the index.
func TestRefusalsSayWhy(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	lone := leads.Actor{User: &domain.User{ID: "m2", Role: domain.RoleMember}}
	_, err := e.svc.Create(ctx, lone, openInput(e.now.Now().Add(time.Hour)))
	var me *domain.MessageError
	if !asMessage(err, &me) || me.Key != "leads.error.noEnterprise" {
		t.Fatalf("member without enterprise: %v", err)
	}
	a := leads.Actor{User: e.member}
	l, err := e.svc.Create(ctx, a, openInput(e.now.Now().Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Close(ctx, a, l, domain.OutcomeLost); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Update(ctx, a, l, openInput(e.now.Now().Add(time.Hour))); !asMessage(err, &me) || me.Key != "leads.error.notEditable" {
		t.Fatalf("editing a closed lead: %v", err)
	}
	if e.indexed() != 0 {
		t.Errorf("index holds %d", e.indexed())
	}
}
