package main

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/store"
	"duijie/store/sqlite"
)

func openDataDir(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(dir, sqliteFile))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestUserAdd(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir}

	// A member needs an existing enterprise; make one the way signup would.
	st := openDataDir(t, dir)
	ent := &domain.Enterprise{ID: domain.NewID(), Name: "无锡测试电子有限公司",
		USCC: domain.CompleteUSCC("91320214MADJ99991"), Clusters: []string{"L1"}, Status: domain.EnterpriseActive}
	if err := st.Enterprises.Create(ctx, ent); err != nil {
		t.Fatal(err)
	}
	if err := st.Health.Close(); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"admin", []string{"--email", "Chief@Example.org", "--password", "correct horse battery", "--role", "admin", "--name", "集群办"}, 0, ""},
		{"organiser by code and name", []string{"--email", "org@example.org", "--password", "correct horse battery", "--role", "organiser", "--clusters", "l1, 新能源"}, 0, ""},
		{"member", []string{"--email", "member@example.org", "--password", "correct horse battery", "--role", "member", "--enterprise", ent.ID}, 0, ""},
		{"duplicate email", []string{"--email", "chief@example.org", "--password", "another long one", "--role", "admin"}, 1, "already exists"},
		{"unknown cluster", []string{"--email", "o2@example.org", "--password", "correct horse battery", "--role", "organiser", "--clusters", "L1,Z9"}, 1, `unknown cluster "Z9"`},
		{"missing enterprise", []string{"--email", "m2@example.org", "--password", "correct horse battery", "--role", "member", "--enterprise", domain.NewID()}, 1, "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, env, append([]string{"user", "add"}, tc.args...)...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d, want %d; stdout %q; stderr %q (want %q)", code, tc.code, stdout, stderr, tc.stderr)
			}
			if code == 0 && !strings.HasPrefix(stdout, "Created ") {
				t.Errorf("stdout = %q", stdout)
			}
		})
	}

	st = openDataDir(t, dir)
	defer st.Health.Close()
	admin, err := st.Users.GetByEmail(ctx, "chief@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := domain.VerifyPassword(admin.PasswordHash, "correct horse battery"); !ok || admin.Role != domain.RoleAdmin || admin.Name != "集群办" {
		t.Errorf("admin stored wrongly: %+v (password ok %v)", admin, ok)
	}
	org, err := st.Users.GetByEmail(ctx, "org@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(org.Clusters, []string{"L1", "A5"}) || org.Name != "org" {
		t.Errorf("organiser clusters %v name %q, want [L1 A5] and org", org.Clusters, org.Name)
	}
	member, err := st.Users.GetByEmail(ctx, "member@example.org")
	if err != nil || member.EnterpriseID != ent.ID {
		t.Errorf("member = %+v, %v", member, err)
	}
	// Like a web sign-up, a member starts with the daily digest and instant notices; staff with
	// no digest. Each has an unsubscribe token, so its first mail can carry the link.
	for _, tc := range []struct {
		u      *domain.User
		digest domain.DigestFrequency
	}{{member, domain.DigestDaily}, {admin, domain.DigestOff}, {org, domain.DigestOff}} {
		p, err := st.Preferences.Get(ctx, tc.u.ID)
		if err != nil || p.Digest != tc.digest || !p.Instant() || p.UnsubscribeToken == "" || p.Locale != "zh-CN" {
			t.Errorf("preferences of %s = %+v, %v; want digest %q, instant on, a token", tc.u.Email, p, err, tc.digest)
		}
	}
	if n, _ := st.Users.Count(ctx); n != 3 {
		t.Errorf("%d users stored, want 3", n)
	}
	entries, _, err := st.Audit.List(ctx, "user:"+admin.ID, store.Page{Limit: 10})
	if err != nil || len(entries) != 1 || entries[0].Action != "user.create" {
		t.Errorf("audit of the admin's creation = %+v, %v", entries, err)
	}
}
