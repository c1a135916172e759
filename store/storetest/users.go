package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Users", testUsers) }

func normUser(u domain.User) domain.User {
	u.Clusters = list(u.Clusters)
	u.CreatedAt, u.UpdatedAt = Ms(u.CreatedAt), Ms(u.UpdatedAt)
	return u
}

var sameUser = sameAs(normUser)

func testUsers(t *testing.T, open Opener) {
	t.Run("CreateGetUpdate", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		u := NewUser(1, domain.RoleOrganiser)
		u.ID = domain.NewID()
		u.Clusters = []string{"L1", "A5"}
		Must(t, s.Users.Create(ctx, u), "create")

		got, err := s.Users.Get(ctx, u.ID)
		Must(t, err, "get")
		sameUser(t, "get", got, u)
		got, err = s.Users.GetByEmail(ctx, u.Email)
		Must(t, err, "get by email")
		sameUser(t, "get by email", got, u)

		u.Name, u.Email, u.Role = "改名", "renamed@example.test", domain.RoleMember
		u.Clusters, u.EnterpriseID, u.Locale, u.Disabled = nil, domain.NewID(), "en", true
		u.PasswordHash = "new-hash"
		u.UpdatedAt = Ms(time.Now().Add(time.Hour))
		Must(t, s.Users.Update(ctx, u), "update")
		got, err = s.Users.Get(ctx, u.ID)
		Must(t, err, "get after update")
		sameUser(t, "after update", got, u)
		_, err = s.Users.GetByEmail(ctx, "user1@example.test")
		MustNotFound(t, err, "old email after update")
	})

	t.Run("CreateAssignsID", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		u := NewUser(1, domain.RoleMember)
		Must(t, s.Users.Create(ctx, u), "create")
		if !domain.ValidID(u.ID) {
			t.Fatalf("ID = %q, want a domain.NewID", u.ID)
		}
		_, err := s.Users.Get(ctx, u.ID)
		Must(t, err, "get by assigned ID")
	})

	t.Run("NotFound", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		_, err := s.Users.Get(ctx, domain.NewID())
		MustNotFound(t, err, "get")
		_, err = s.Users.GetByEmail(ctx, "nobody@example.test")
		MustNotFound(t, err, "get by email")
		u := NewUser(1, domain.RoleMember)
		u.ID = domain.NewID()
		MustNotFound(t, s.Users.Update(ctx, u), "update")
	})

	t.Run("EmailTaken", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		a, b := NewUser(1, domain.RoleMember), NewUser(2, domain.RoleMember)
		Must(t, s.Users.Create(ctx, a), "create a")
		Must(t, s.Users.Create(ctx, b), "create b")
		dup := NewUser(1, domain.RoleAdmin)
		MustConflict(t, s.Users.Create(ctx, dup), "email", "create with a taken email")
		b.Email = a.Email
		MustConflict(t, s.Users.Update(ctx, b), "email", "update to a taken email")
		n, err := s.Users.Count(ctx)
		Must(t, err, "count")
		if n != 2 {
			t.Fatalf("count = %d, want 2", n)
		}
	})

	t.Run("ListNewestFirstPaged", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		base := Ms(time.Now())
		var all, members []string // newest first
		for i := range 11 {
			role := domain.RoleMember
			if i%3 == 0 {
				role = domain.RoleOrganiser
			}
			u := NewUser(i, role)
			u.CreatedAt = base.Add(time.Duration(i) * time.Minute)
			Must(t, s.Users.Create(ctx, u), "create")
			all = append([]string{u.ID}, all...)
			if role == domain.RoleMember {
				members = append([]string{u.ID}, members...)
			}
		}
		for _, tc := range []struct {
			role  domain.Role
			limit int
			want  []string
		}{
			{"", 4, all},
			{"", 11, all},
			{"", 100, all},
			{domain.RoleMember, 3, members},
			{domain.RoleAdmin, 3, nil},
		} {
			t.Run(fmt.Sprintf("%s/%d", tc.role, tc.limit), func(t *testing.T) {
				got := walk(t, tc.limit, func(c string) ([]string, string, error) {
					us, next, err := s.Users.List(ctx, tc.role, store.Page{Limit: tc.limit, Cursor: c})
					ids := make([]string, len(us))
					for i, u := range us {
						ids[i] = u.ID
						if tc.role != "" && u.Role != tc.role {
							t.Errorf("user %s has role %s in a %s listing", u.ID, u.Role, tc.role)
						}
					}
					return ids, next, err
				})
				sameIDs(t, "list", got, list(tc.want))
			})
		}
		_, _, err := s.Users.List(ctx, "", store.Page{Limit: 5, Cursor: "not-a-cursor"})
		MustInvalid(t, err, "cursor", "bad cursor")
	})

	t.Run("ByEnterpriseAndCount", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		n, err := s.Users.Count(ctx)
		Must(t, err, "count empty")
		if n != 0 {
			t.Fatalf("count of a new store = %d", n)
		}
		ent, other := domain.NewID(), domain.NewID()
		var want []string
		for i := range 5 {
			u := NewUser(i, domain.RoleMember)
			switch i % 3 {
			case 0:
				u.EnterpriseID = ent
			case 1:
				u.EnterpriseID = other
			}
			Must(t, s.Users.Create(ctx, u), "create")
			if u.EnterpriseID == ent {
				want = append(want, u.ID)
			}
		}
		us, err := s.Users.ByEnterprise(ctx, ent)
		Must(t, err, "by enterprise")
		var got []string
		for _, u := range us {
			got = append(got, u.ID)
		}
		slices.Sort(got)
		slices.Sort(want)
		sameIDs(t, "members", got, want)
		us, err = s.Users.ByEnterprise(ctx, domain.NewID())
		Must(t, err, "by unknown enterprise")
		if len(us) != 0 {
			t.Fatalf("unknown enterprise has %d members", len(us))
		}
		n, err = s.Users.Count(ctx)
		Must(t, err, "count")
		if n != 5 {
			t.Fatalf("count = %d, want 5", n)
		}
	})
}
