package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

// clustersColl keys clusters by their code, so the unique _id index is the code's uniqueness.
const clustersColl = "clusters"

type clusterDoc struct {
	Code          string    `bson:"_id"`
	Tier          string    `bson:"tier"`
	NameZh        string    `bson:"nameZh"`
	NameEn        string    `bson:"nameEn"`
	IndustryCodes []string  `bson:"industryCodes"`
	SortOrder     int       `bson:"sortOrder"`
	UpdatedAt     time.Time `bson:"updatedAt"`
}

func toClusterDoc(c *domain.Cluster) *clusterDoc {
	return &clusterDoc{Code: c.Code, Tier: string(c.Tier), NameZh: c.NameZh, NameEn: c.NameEn,
		IndustryCodes: list(c.IndustryCodes), SortOrder: c.SortOrder, UpdatedAt: instant(c.UpdatedAt)}
}

func (d *clusterDoc) cluster() domain.Cluster {
	return domain.Cluster{Code: d.Code, Tier: domain.ClusterTier(d.Tier), NameZh: d.NameZh,
		NameEn: d.NameEn, IndustryCodes: list(d.IndustryCodes), SortOrder: d.SortOrder, UpdatedAt: d.UpdatedAt}
}

func (d *clusterDoc) clusterPtr() *domain.Cluster { c := d.cluster(); return &c }

type clusterRepo struct{ c *driver.Collection }

func (r clusterRepo) List(ctx context.Context) ([]domain.Cluster, error) {
	return findAll(ctx, r.c, bson.D{},
		options.Find().SetSort(order("sortOrder", 1)),
		(*clusterDoc).cluster)
}

func (r clusterRepo) Get(ctx context.Context, code string) (*domain.Cluster, error) {
	return findOne(ctx, r.c, idFilter(code), "cluster "+code, (*clusterDoc).clusterPtr)
}

func (r clusterRepo) Create(ctx context.Context, c *domain.Cluster) error {
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = now()
	}
	d := toClusterDoc(c)
	if err := insert(ctx, r.c, d.Code, d, "create cluster "+c.Code); err != nil {
		if errors.Is(err, domain.ErrConflict) { // the code is the _id
			return domain.Conflict("code", "taken")
		}
		return err
	}
	*c = d.cluster()
	return nil
}

func (r clusterRepo) Update(ctx context.Context, c *domain.Cluster) error {
	d := toClusterDoc(c)
	if err := replace(ctx, r.c, c.Code, d, "update cluster "+c.Code); err != nil {
		return err
	}
	*c = d.cluster()
	return nil
}
