// Package demo fills an empty database with the sample data of `duijie serve --demo`: the
// logins, one per role, and fictitious Wuxi enterprises across the clusters. Each capability
// (events, leads, …) adds its samples with a Seeder listed in seeders.go, so that one flag shows
// the whole product.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"duijie/domain"
	"duijie/seed"
	"duijie/store"
)

// Password is the password of every demo login; docs/contract.md publishes it.
const Password = "duijie-demo-2026"

// The demo logins' addresses.
const (
	AdminEmail     = "admin@demo.duijie.local"
	OrganiserEmail = "organiser@demo.duijie.local"
	MemberEmail    = "member@demo.duijie.local"
	// Member2Email is the second demo member, of another IoT firm: the other side of the demo
	// member's 1:1 meetings, so a newcomer can request with one login and accept with the other.
	Member2Email = "member2@demo.duijie.local"
)

// OrganiserClusters are the clusters the demo organiser runs.
var OrganiserClusters = []string{"L1", "L2", "A5"}

// ErrNotEmpty refuses to add demo data to a database that already holds users or enterprises:
// demo data must never mix with real records.
var ErrNotEmpty = errors.New("demo: the database is not empty; demo data is loaded only into an empty one")

// Login is one demo account as printed at start.
type Login struct {
	Role     domain.Role
	Email    string
	Password string
}

// Logins are the demo accounts, admin first.
type Logins []Login

// Env is what a Seeder gets: the clock of the run and the records created before it, so that
// sample events and leads can point at the demo enterprises and people.
type Env struct {
	Now         time.Time
	Admin       *domain.User
	Organiser   *domain.User
	Member      *domain.User
	Member2     *domain.User         // the other side of the member's meetings (meetings.go)
	Enterprises []*domain.Enterprise // in creation order
}

// MemberEnterprise returns the enterprise the demo member belongs to.
func (e *Env) MemberEnterprise() *domain.Enterprise {
	for _, ent := range e.Enterprises {
		if ent.ID == e.Member.EnterpriseID {
			return ent
		}
	}
	return nil
}

// EnterprisesIn returns the demo enterprises of a cluster, in creation order.
func (e *Env) EnterprisesIn(cluster string) []*domain.Enterprise {
	var out []*domain.Enterprise
	for _, ent := range e.Enterprises {
		for _, c := range ent.Clusters {
			if c == cluster {
				out = append(out, ent)
				break
			}
		}
	}
	return out
}

// EnterpriseNamed returns the demo enterprise with that exact name, or nil.
func (e *Env) EnterpriseNamed(name string) *domain.Enterprise {
	for _, ent := range e.Enterprises {
		if ent.Name == name {
			return ent
		}
	}
	return nil
}

// Seed loads the demo data into st, which must hold no users and no enterprises (clusters are
// reference data and may exist; they are seeded here if missing). It returns the logins to print.
func Seed(ctx context.Context, st *store.Store, now time.Time) (Logins, error) {
	if err := ensureEmpty(ctx, st); err != nil {
		return nil, err
	}
	if err := seed.Clusters(ctx, st); err != nil {
		return nil, err
	}
	clusters, err := st.Clusters.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: list clusters: %w", err)
	}
	now = now.UTC().Truncate(time.Millisecond)
	env := &Env{Now: now}

	index := domain.NewClusterIndex(clusters)
	var memberOf, member2Of *domain.Enterprise
	for i, sample := range enterprises {
		e := sample.enterprise(i, now)
		if err := e.Validate(index); err != nil {
			return nil, fmt.Errorf("demo: enterprise %s: %w", e.Name, err)
		}
		if err := st.Enterprises.Create(ctx, e); err != nil {
			return nil, fmt.Errorf("demo: create enterprise %s: %w", e.Name, err)
		}
		env.Enterprises = append(env.Enterprises, e)
		if sample.member {
			memberOf = e
		}
		if e.Name == member2Enterprise {
			member2Of = e
		}
	}
	if memberOf == nil || member2Of == nil {
		return nil, errors.New("demo: no sample enterprise is marked as the member's, or the second member's is missing")
	}

	hash, err := domain.HashPassword(Password)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	users := []**domain.User{&env.Admin, &env.Organiser, &env.Member, &env.Member2}
	for i, u := range []*domain.User{
		{Email: AdminEmail, Name: "集群办管理员", Role: domain.RoleAdmin},
		{Email: OrganiserEmail, Name: "产业促进中心 王磊", Role: domain.RoleOrganiser, Clusters: OrganiserClusters},
		{Email: MemberEmail, Name: memberOf.Contact.Name, Role: domain.RoleMember, EnterpriseID: memberOf.ID},
		{Email: Member2Email, Name: member2Of.Contact.Name, Role: domain.RoleMember, EnterpriseID: member2Of.ID},
	} {
		u.ID, u.PasswordHash, u.Locale, u.CreatedAt, u.UpdatedAt = domain.NewID(), hash, "zh-CN", now, now
		if u.Clusters == nil {
			u.Clusters = []string{}
		}
		if err := st.Users.Create(ctx, u); err != nil {
			return nil, fmt.Errorf("demo: create user %s: %w", u.Email, err)
		}
		*users[i] = u
	}

	for _, s := range seeders {
		if err := s.fn(ctx, st, env); err != nil {
			return nil, fmt.Errorf("demo: seeder %s: %w", s.name, err)
		}
	}
	if err := st.Audit.Append(ctx, &domain.AuditEntry{
		At: now, ActorID: env.Admin.ID, Action: "demo.seed", Target: "database",
		Detail: fmt.Sprintf("%d enterprises, %d logins", len(env.Enterprises), len(Accounts())),
	}); err != nil {
		return nil, fmt.Errorf("demo: audit: %w", err)
	}
	return Accounts(), nil
}

// Accounts returns the demo logins Seed creates, e.g. to print them again on a later start.
func Accounts() Logins {
	return Logins{
		{domain.RoleAdmin, AdminEmail, Password},
		{domain.RoleOrganiser, OrganiserEmail, Password},
		{domain.RoleMember, MemberEmail, Password},
		{domain.RoleMember, Member2Email, Password}, // meetings.go: the other side of the member's meetings
	}
}

// ensureEmpty refuses a database with any user or enterprise.
func ensureEmpty(ctx context.Context, st *store.Store) error {
	n, err := st.Users.Count(ctx)
	if err != nil {
		return fmt.Errorf("demo: count users: %w", err)
	}
	_, _, total, err := st.Enterprises.List(ctx, store.EnterpriseFilter{}, store.Page{Limit: 1})
	if err != nil {
		return fmt.Errorf("demo: count enterprises: %w", err)
	}
	if n > 0 || total > 0 {
		return ErrNotEmpty
	}
	return nil
}
