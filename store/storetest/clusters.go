package storetest

import (
	"reflect"
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("Clusters", testClusters) }

func normCluster(c domain.Cluster) domain.Cluster {
	c.IndustryCodes = list(c.IndustryCodes)
	c.UpdatedAt = Ms(c.UpdatedAt)
	return c
}

func testClusters(t *testing.T, open Opener) {
	t.Run("CreateGetUpdate", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		c := NewCluster("L1", 1)
		c.NameZh, c.NameEn = "物联网", "Internet of Things"
		Must(t, s.Clusters.Create(ctx, c), "create")
		got, err := s.Clusters.Get(ctx, "L1")
		Must(t, err, "get")
		if g, w := normCluster(*got), normCluster(*c); !reflect.DeepEqual(g, w) {
			t.Fatalf("get:\n got  %+v\n want %+v", g, w)
		}

		c.Tier, c.NameZh, c.NameEn = domain.TierFuture, "物联网（新）", "IoT"
		c.IndustryCodes, c.SortOrder = nil, 9
		c.UpdatedAt = Ms(time.Now().Add(time.Hour))
		Must(t, s.Clusters.Update(ctx, c), "update")
		got, err = s.Clusters.Get(ctx, "L1")
		Must(t, err, "get after update")
		if g, w := normCluster(*got), normCluster(*c); !reflect.DeepEqual(g, w) {
			t.Fatalf("after update:\n got  %+v\n want %+v", g, w)
		}
	})

	t.Run("NotFoundAndTaken", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		_, err := s.Clusters.Get(ctx, "X9")
		MustNotFound(t, err, "get")
		MustNotFound(t, s.Clusters.Update(ctx, NewCluster("X9", 1)), "update")
		Must(t, s.Clusters.Create(ctx, NewCluster("A5", 1)), "create")
		MustConflict(t, s.Clusters.Create(ctx, NewCluster("A5", 2)), "code", "create a taken code")
	})

	t.Run("ListOrder", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		cs, err := s.Clusters.List(ctx)
		Must(t, err, "list empty")
		if len(cs) != 0 {
			t.Fatalf("new store lists %d clusters", len(cs))
		}
		for _, c := range []*domain.Cluster{
			NewCluster("F1", 3), NewCluster("A2", 2), NewCluster("A1", 2), NewCluster("L4", 1), NewCluster("B1", 0),
		} {
			Must(t, s.Clusters.Create(ctx, c), "create "+c.Code)
		}
		cs, err = s.Clusters.List(ctx)
		Must(t, err, "list")
		var got []string
		for _, c := range cs {
			got = append(got, c.Code)
		}
		sameIDs(t, "by sort order then code", got, []string{"B1", "L4", "A1", "A2", "F1"})
	})
}
