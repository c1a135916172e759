package storetest

import (
	"testing"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Health", testHealth) }

func testHealth(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		add  func(t *testing.T, s *store.Store) error
	}{
		{"User", func(t *testing.T, s *store.Store) error {
			return s.Users.Create(t.Context(), NewUser(1, domain.RoleAdmin))
		}},
		{"Cluster", func(t *testing.T, s *store.Store) error {
			return s.Clusters.Create(t.Context(), NewCluster("L1", 1))
		}},
		{"Enterprise", func(t *testing.T, s *store.Store) error {
			return s.Enterprises.Create(t.Context(), NewEnterprise(1))
		}},
	} {
		t.Run("EmptyUntil"+tc.name, func(t *testing.T) {
			s, ctx := open(t), t.Context()
			Must(t, s.Health.Ping(ctx), "ping")
			if s.Engine == "" {
				t.Fatal("Store.Engine is empty")
			}
			empty, err := s.Health.Empty(ctx)
			Must(t, err, "empty")
			if !empty {
				t.Fatal("a new store is not empty")
			}
			Must(t, tc.add(t, s), "add")
			empty, err = s.Health.Empty(ctx)
			Must(t, err, "empty after add")
			if empty {
				t.Fatalf("store with a %s still reports empty", tc.name)
			}
		})
	}
}
