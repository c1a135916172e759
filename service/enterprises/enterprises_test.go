package enterprises_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/importer"
	"duijie/matchsvc"
	"duijie/seed"
	"duijie/service/accounts"
	"duijie/service/enterprises"
	"duijie/store"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

// env is the enterprise service over a fresh SQLite database and a started matching service,
// which the service keeps in step; nothing in the test calls a matching hook.
type env struct {
	st      *store.Store
	matches *matchsvc.Service
	svc     *enterprises.Service
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
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &env{st: st, matches: matchsvc.New(st, matchsvc.Config{Logger: log})}
	if err := e.matches.Start(ctx); err != nil {
		t.Fatal(err)
	}
	e.svc = enterprises.New(st, func() enterprises.Index { return e.matches }, log, nil)
	return e
}

func (e *env) profiles() int { n, _ := e.matches.IndexSize(); return n }

// TestProfileWritesKeepTheIndexInStep: a member's profile, a sign-up (whole or undone), a
// verification decision and an import reach the index through the service alone.
func TestProfileWritesKeepTheIndexInStep(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	recs := e.svc.Records()

	// A sign-up whose member cannot be stored leaves neither a firm nor an index entry.
	undone := storetest.NewEnterprise(1)
	undone.ID = domain.NewID()
	boom := errors.New("user insert failed")
	if err := recs.Register(ctx, undone, func(context.Context) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Register = %v, want the member's error", err)
	}
	if _, err := e.st.Enterprises.Get(ctx, undone.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("undone sign-up left its enterprise: %v", err)
	}
	if e.profiles() != 0 {
		t.Fatalf("undone sign-up indexed: %d profiles", e.profiles())
	}

	firm := storetest.NewEnterprise(2)
	firm.ID = domain.NewID()
	if err := recs.Register(ctx, firm, func(context.Context) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if e.profiles() != 1 {
		t.Fatalf("after a sign-up the index holds %d profiles, want 1", e.profiles())
	}

	// The member blocks nothing, but an admin's block (through Records) takes the firm out.
	firm.Status = domain.EnterpriseBlocked
	if err := recs.Update(ctx, firm); err != nil {
		t.Fatal(err)
	}
	if e.profiles() != 0 {
		t.Fatalf("a blocked firm is still indexed (%d)", e.profiles())
	}

	member := enterprises.Actor{User: &domain.User{ID: "u1", Role: domain.RoleMember, EnterpriseID: firm.ID}}
	firm.Status = domain.EnterpriseActive
	if err := e.st.Enterprises.Update(ctx, firm); err != nil { // behind the index's back
		t.Fatal(err)
	}
	p := enterprises.Profile{Name: firm.Name, Clusters: []string{"L1"}, Products: []string{"功率模块"},
		Description: "车规级 IGBT 模块", Region: "320214", Scale: string(domain.ScaleSmall),
		Contact: domain.Contact{Name: "张三", Email: "z@example.test"}}
	got, err := e.svc.UpdateProfile(ctx, member, p)
	if err != nil {
		t.Fatal(err)
	}
	if e.profiles() != 1 || got.Description != p.Description {
		t.Fatalf("profile update: index %d, %+v", e.profiles(), got)
	}
	if _, err := e.svc.UpdateProfile(ctx, member, enterprises.Profile{}); !errors.As(err, new(*domain.ValidationError)) {
		t.Errorf("empty profile: %v, want a validation error", err)
	}

	header := "name,uscc,clusters,products,region,contact_name,contact_email\n"
	var rows strings.Builder
	for i := 10; i < 13; i++ {
		fmt.Fprintf(&rows, "无锡导入%d有限公司,%s,L1,传感器,320214,王工,w%d@example.com\n", i, storetest.NewEnterprise(i).USCC, i)
	}
	rep, err := e.svc.Import(ctx, accounts.CLI, "e.csv", strings.NewReader(header+rows.String()), importer.Options{Now: time.Now()})
	if err != nil || !rep.OK() || rep.Created != 3 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if e.profiles() != 4 {
		t.Errorf("after importing 3 the index holds %d profiles, want 4", e.profiles())
	}
}
