package demo

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
	"duijie/store/sqlite"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	return st
}

// useSeeders replaces the seeders for one test (tests of this package do not run in parallel).
func useSeeders(t *testing.T, list ...registered) {
	old := seeders
	seeders = list
	t.Cleanup(func() { seeders = old })
}

// withoutHistory leaves out the campaign's history (past events, leads and matches), which
// would blur the counts a capability's own samples are checked by.
func withoutHistory(t *testing.T) {
	var list []registered
	for _, s := range seeders {
		if s.name != "campaign-history" {
			list = append(list, s)
		}
	}
	useSeeders(t, list...)
}

func countEnterprises(t *testing.T, st *store.Store) int {
	t.Helper()
	_, _, total, err := st.Enterprises.List(context.Background(), store.EnterpriseFilter{}, store.Page{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

func TestSeed(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	var probe *Env
	useSeeders(t, registered{"probe", func(_ context.Context, _ *store.Store, env *Env) error {
		probe = env
		return nil
	}})
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

	logins, err := Seed(ctx, st, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(logins) != 4 {
		t.Fatalf("got %d logins, want 4", len(logins))
	}
	for _, l := range logins {
		u, err := st.Users.GetByEmail(ctx, l.Email)
		if err != nil {
			t.Fatalf("%s: %v", l.Email, err)
		}
		if u.Role != l.Role {
			t.Errorf("%s: role %s, want %s", l.Email, u.Role, l.Role)
		}
		ok, err := domain.VerifyPassword(u.PasswordHash, l.Password)
		if err != nil || !ok || l.Password != "duijie-demo-2026" {
			t.Errorf("%s: password %q does not verify (%v)", l.Email, l.Password, err)
		}
		if bad, _ := domain.VerifyPassword(u.PasswordHash, "wrong-password-1"); bad {
			t.Errorf("%s: a wrong password verifies", l.Email)
		}
	}

	org, _ := st.Users.GetByEmail(ctx, OrganiserEmail)
	if !slices.Equal(org.Clusters, []string{"L1", "L2", "A5"}) {
		t.Errorf("organiser clusters = %v", org.Clusters)
	}
	member, _ := st.Users.GetByEmail(ctx, MemberEmail)
	ent, err := st.Enterprises.Get(ctx, member.EnterpriseID)
	if err != nil {
		t.Fatalf("member's enterprise: %v", err)
	}
	if members, _ := st.Users.ByEnterprise(ctx, ent.ID); len(members) != 1 {
		t.Errorf("member's enterprise has %d members, want 1", len(members))
	}

	if n := countEnterprises(t, st); n != len(enterprises) || n < 20 {
		t.Errorf("stored %d enterprises, want %d (at least 20)", n, len(enterprises))
	}
	list, _, _, err := st.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	clusters := map[string]bool{}
	names := map[string]bool{}
	for _, e := range list {
		if p := domain.USCCProblem(e.USCC); p != "" || e.USCC[2:6] != "3202" {
			t.Errorf("%s: USCC %s is not a valid Wuxi code (%s)", e.Name, e.USCC, p)
		}
		if names[e.Name] {
			t.Errorf("duplicate name %s", e.Name)
		}
		names[e.Name] = true
		if len(e.Products) == 0 || e.Description == "" || len(e.IndustryCodes) == 0 || e.Contact.Email == "" {
			t.Errorf("%s: profile incomplete", e.Name)
		}
		if !strings.HasSuffix(e.Contact.Email, ".example") {
			t.Errorf("%s: contact %s could reach a real mailbox", e.Name, e.Contact.Email)
		}
		for _, c := range e.Clusters {
			clusters[c] = true
		}
	}
	for _, c := range []string{"L1", "L2", "L3", "L4", "A1", "A2", "A3", "A4", "A5", "A6"} {
		if !clusters[c] {
			t.Errorf("no demo enterprise in cluster %s", c)
		}
	}
	if cl, _ := st.Clusters.List(ctx); len(cl) != 15 {
		t.Errorf("%d clusters after seeding, want the 15 of the 465 system", len(cl))
	}

	if probe == nil {
		t.Fatal("registered seeder did not run")
	}
	if probe.Member.ID != member.ID || probe.MemberEnterprise() == nil || probe.MemberEnterprise().ID != ent.ID ||
		len(probe.EnterprisesIn("L2")) == 0 || !probe.Now.Equal(now) || probe.Admin.Role != domain.RoleAdmin {
		t.Errorf("seeder got an incomplete env: %+v", probe)
	}

	if _, err := Seed(ctx, st, now); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second Seed: err = %v, want ErrNotEmpty", err)
	}
	if n := countEnterprises(t, st); n != len(enterprises) {
		t.Errorf("second Seed changed the enterprises: %d", n)
	}
}

func TestSeedRefusesRealData(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	useSeeders(t)
	real := &domain.User{ID: domain.NewID(), Email: "someone@example.org", Name: "Someone", Role: domain.RoleAdmin,
		Clusters: []string{}, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := st.Users.Create(ctx, real); err != nil {
		t.Fatal(err)
	}
	if _, err := Seed(ctx, st, time.Now()); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("err = %v, want ErrNotEmpty", err)
	}
	if n := countEnterprises(t, st); n != 0 {
		t.Errorf("Seed wrote %d enterprises into a non-empty database", n)
	}
	if _, err := st.Users.GetByEmail(ctx, AdminEmail); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("demo admin exists after a refused Seed: %v", err)
	}
}

func TestSeederErrorNamesSeeder(t *testing.T) {
	st := openStore(t)
	useSeeders(t, registered{"events", func(context.Context, *store.Store, *Env) error {
		return errors.New("agenda overlaps")
	}})
	_, err := Seed(context.Background(), st, time.Now())
	if err == nil || !strings.Contains(err.Error(), "seeder events: agenda overlaps") {
		t.Errorf("err = %v, want it to name the seeder", err)
	}
}

func TestSeederNamesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range seeders {
		if seen[s.name] || s.fn == nil {
			t.Errorf("seeder %q listed twice or without a function", s.name)
		}
		seen[s.name] = true
	}
}
