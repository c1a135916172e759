package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/demo"
	"duijie/domain"
	"duijie/store"
	"duijie/store/mongo"
	"duijie/store/mongo/mongotest"
)

func tallyLine(step string, copied int) string { return fmt.Sprintf("%-12s %6d copied,", step, copied) }

// TestMigrateToMongo copies a demo installation to the Mongo engine (on the in-process FerretDB)
// twice: the first run copies everything, the second finds everything there.
func TestMigrateToMongo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openDataDir(t, dir)
	if _, err := demo.Seed(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	admin, err := st.Users.GetByEmail(ctx, demo.AdminEmail)
	if err != nil {
		t.Fatal(err)
	}
	token := &domain.APIToken{ID: domain.NewID(), UserID: admin.ID, Name: "script", Hash: strings.Repeat("ab", 32),
		CreatedAt: time.Now(), ExpiresAt: time.Now().Add(24 * time.Hour)}
	if err := st.Tokens.Create(ctx, token); err != nil {
		t.Fatal(err)
	}
	_, _, want, err := st.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Health.Close(); err != nil {
		t.Fatal(err)
	}

	uri := mongotest.URI(t)
	db := mongotest.FreshDatabase(t, uri)
	env := map[string]string{"DATA_DIR": dir, "MONGODB_URI": uri, "MONGODB_DB": db}
	args := []string{"migrate", "--from", "sqlite", "--to", "mongodb"}

	code, stdout, stderr := run(t, env, args...)
	if code != 0 {
		t.Fatalf("first migrate: exit %d: %s", code, stderr)
	}
	for _, line := range []string{tallyLine("clusters", 15), tallyLine("users", 3), tallyLine("api tokens", 1)} {
		if !strings.Contains(stdout, line) {
			t.Errorf("first run lacks %q:\n%s", line, stdout)
		}
	}
	code, stdout, stderr = run(t, env, args...)
	if code != 0 {
		t.Fatalf("second migrate: exit %d: %s", code, stderr)
	}
	for _, step := range migrationSteps {
		if !strings.Contains(stdout, tallyLine(step.name, 0)) {
			t.Errorf("second run copied %s again:\n%s", step.name, stdout)
		}
	}

	dst, err := mongo.Open(ctx, uri, db)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Health.Close()
	got, err := dst.Users.GetByEmail(ctx, demo.MemberEmail)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := domain.VerifyPassword(got.PasswordHash, demo.Password); !ok {
		t.Error("migrated member's password does not verify")
	}
	if _, err := dst.Enterprises.Get(ctx, got.EnterpriseID); err != nil {
		t.Errorf("member's enterprise %s not migrated with its ID: %v", got.EnterpriseID, err)
	}
	if _, _, n, err := dst.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 1}); err != nil || n != want {
		t.Errorf("destination has %d enterprises (%v), want %d", n, err, want)
	}
	if tok, err := dst.Tokens.GetByHash(ctx, token.Hash, time.Now()); err != nil || tok.UserID != admin.ID {
		t.Errorf("API token not migrated: %+v, %v", tok, err)
	}
	if entries, _, err := dst.Audit.List(ctx, "", store.Page{Limit: 10}); err != nil || len(entries) == 0 {
		t.Errorf("audit not migrated: %d entries, %v", len(entries), err)
	}
}
