package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

const leasesColl = "job_leases"

// leaseDoc is one job's lease; _id is the job name, so two instances creating the first lease
// of a job at once collide on _id and only one wins.
type leaseDoc struct {
	Name       string    `bson:"_id"`
	Holder     string    `bson:"holder"`
	AcquiredAt time.Time `bson:"acquiredAt"`
	ExpiresAt  time.Time `bson:"expiresAt"`
}

type leaseRepo struct{ c *driver.Collection }

// Acquire first extends a lease the holder already has, then tries to take a free or expired
// one with a conditional upsert. Each step is one atomic single-document write; a live lease of
// another holder makes the upsert's insert collide on _id, which means "not acquired".
func (r leaseRepo) Acquire(ctx context.Context, name, holder string, at, until time.Time) (bool, error) {
	res, err := r.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: name}, {Key: "holder", Value: holder}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "expiresAt", Value: instant(until)}}}})
	if err != nil {
		return false, fmt.Errorf("mongodb: acquire lease %s: %w", name, err)
	}
	if res.MatchedCount == 1 {
		return true, nil
	}
	filter := bson.D{{Key: "_id", Value: name}, {Key: "$or", Value: bson.A{
		bson.D{{Key: "holder", Value: ""}},
		bson.D{{Key: "expiresAt", Value: bson.D{{Key: "$lte", Value: instant(at)}}}},
	}}}
	update := bson.D{{Key: "$set", Value: bson.D{
		{Key: "holder", Value: holder}, {Key: "acquiredAt", Value: instant(at)}, {Key: "expiresAt", Value: instant(until)},
	}}}
	_, err = r.c.UpdateOne(ctx, filter, update, options.Update().SetUpsert(true))
	if err != nil {
		if isDuplicate(err) {
			return false, nil
		}
		return false, fmt.Errorf("mongodb: acquire lease %s: %w", name, err)
	}
	return true, nil
}

func (r leaseRepo) Renew(ctx context.Context, name, holder string, until time.Time) error {
	res, err := r.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: name}, {Key: "holder", Value: holder}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "expiresAt", Value: instant(until)}}}})
	if err != nil {
		return fmt.Errorf("mongodb: renew lease %s: %w", name, err)
	}
	if res.MatchedCount == 0 {
		return domain.ErrConflict
	}
	return nil
}

func (r leaseRepo) Release(ctx context.Context, name, holder string) error {
	_, err := r.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: name}, {Key: "holder", Value: holder}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "holder", Value: ""}, {Key: "expiresAt", Value: time.UnixMilli(0).UTC()}}}})
	if err != nil {
		return fmt.Errorf("mongodb: release lease %s: %w", name, err)
	}
	return nil
}

func (r leaseRepo) List(ctx context.Context) ([]domain.Lease, error) {
	return findAll(ctx, r.c, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}),
		func(d *leaseDoc) domain.Lease {
			return domain.Lease{Name: d.Name, Holder: d.Holder, AcquiredAt: d.AcquiredAt, ExpiresAt: d.ExpiresAt}
		})
}
