package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

const (
	licencesColl     = "licences"     // _id is the enterprise ID: one licence each
	limitsColl       = "limits"       // _id is the counter's key
	accountLinksColl = "accountLinks" // _id is the hash of the link's secret
)

func limitIndexes() []driver.IndexModel { return []driver.IndexModel{index(false, "lastAt")} }

func accountLinkIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(false, "enterpriseId", "kind", "-createdAt"),
		index(false, "kind", "userId"),
		index(false, "kind", "email"),
	}
}

type licenceDoc struct {
	EnterpriseID string    `bson:"_id"`
	FileName     string    `bson:"fileName"`
	ContentType  string    `bson:"contentType"`
	Data         []byte    `bson:"data"`
	UploadedBy   string    `bson:"uploadedBy"`
	UploadedAt   time.Time `bson:"uploadedAt"`
}

func (d *licenceDoc) licence() *domain.Licence {
	return &domain.Licence{EnterpriseID: d.EnterpriseID, FileName: d.FileName, ContentType: d.ContentType,
		Data: d.Data, UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt}
}

type licenceRepo struct{ c *driver.Collection }

func (r licenceRepo) Put(ctx context.Context, l *domain.Licence) error {
	d := licenceDoc{EnterpriseID: l.EnterpriseID, FileName: l.FileName, ContentType: l.ContentType, Data: l.Data,
		UploadedBy: l.UploadedBy, UploadedAt: instant(l.UploadedAt)}
	if _, err := r.c.ReplaceOne(ctx, idFilter(l.EnterpriseID), d, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("mongodb: put licence of %s: %w", l.EnterpriseID, err)
	}
	return nil
}

func (r licenceRepo) Get(ctx context.Context, enterpriseID string) (*domain.Licence, error) {
	return findOne(ctx, r.c, idFilter(enterpriseID), "licence of "+enterpriseID, (*licenceDoc).licence)
}

type limitDoc struct {
	Key     string    `bson:"_id"`
	Count   int       `bson:"count"`
	FirstAt time.Time `bson:"firstAt"`
	LastAt  time.Time `bson:"lastAt"`
}

func (d *limitDoc) counter() domain.LimitCounter {
	return domain.LimitCounter{Key: d.Key, Count: d.Count, First: d.FirstAt, Last: d.LastAt}
}

type limitRepo struct{ c *driver.Collection }

// Hit counts on a live counter with one conditional $inc; a missing or stale one is replaced by
// a fresh count of 1. Two first failures at the same instant may both write 1: a limiter can
// afford losing one count, never a lockout.
func (r limitRepo) Hit(ctx context.Context, key string, now time.Time, window time.Duration) (domain.LimitCounter, error) {
	now = instant(now)
	for attempt := 0; ; attempt++ {
		var d limitDoc
		err := r.c.FindOneAndUpdate(ctx,
			bson.D{{Key: "_id", Value: key}, {Key: "firstAt", Value: bson.D{{Key: "$gt", Value: now.Add(-window)}}}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "count", Value: 1}}}, {Key: "$set", Value: bson.D{{Key: "lastAt", Value: now}}}},
			options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
		if err == nil {
			return d.counter(), nil
		}
		if !errors.Is(err, driver.ErrNoDocuments) {
			return domain.LimitCounter{}, fmt.Errorf("mongodb: hit limit: %w", err)
		}
		d = limitDoc{Key: key, Count: 1, FirstAt: now, LastAt: now}
		_, err = r.c.ReplaceOne(ctx, idFilter(key), d, options.Replace().SetUpsert(true))
		if err == nil {
			return d.counter(), nil
		}
		if !isDuplicate(err) || attempt > 0 {
			return domain.LimitCounter{}, fmt.Errorf("mongodb: hit limit: %w", err)
		}
		// Another instance created the counter meanwhile: count on it.
	}
}

func (r limitRepo) Get(ctx context.Context, key string, now time.Time, window time.Duration) (domain.LimitCounter, error) {
	c, err := findOne(ctx, r.c, bson.D{{Key: "_id", Value: key},
		{Key: "firstAt", Value: bson.D{{Key: "$gt", Value: instant(now).Add(-window)}}}}, "limit", (*limitDoc).counter)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.LimitCounter{Key: key}, nil
	}
	return c, err
}

func (r limitRepo) Reset(ctx context.Context, key string) error {
	if _, err := r.c.DeleteOne(ctx, idFilter(key)); err != nil {
		return fmt.Errorf("mongodb: reset limit: %w", err)
	}
	return nil
}

func (r limitRepo) DeleteIdle(ctx context.Context, t time.Time) (int, error) {
	res, err := r.c.DeleteMany(ctx, bson.D{{Key: "lastAt", Value: bson.D{{Key: "$lt", Value: instant(t)}}}})
	if err != nil {
		return 0, fmt.Errorf("mongodb: delete idle limits: %w", err)
	}
	return int(res.DeletedCount), nil
}

// linkDoc keeps "used" as a boolean beside usedAt so that the live-link filter is a plain
// equality, which every engine expresses alike.
type linkDoc struct {
	ID           string     `bson:"_id"`
	Kind         string     `bson:"kind"`
	UserID       string     `bson:"userId"`
	Email        string     `bson:"email"`
	Name         string     `bson:"name"`
	EnterpriseID string     `bson:"enterpriseId"`
	CreatedBy    string     `bson:"createdBy"`
	CreatedAt    time.Time  `bson:"createdAt"`
	ExpiresAt    time.Time  `bson:"expiresAt"`
	Used         bool       `bson:"used"`
	UsedAt       *time.Time `bson:"usedAt,omitempty"`
}

func (d *linkDoc) link() *domain.AccountLink {
	return &domain.AccountLink{ID: d.ID, Kind: domain.AccountLinkKind(d.Kind), UserID: d.UserID, Email: d.Email,
		Name: d.Name, EnterpriseID: d.EnterpriseID, CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt,
		ExpiresAt: d.ExpiresAt, UsedAt: d.UsedAt}
}

func (d *linkDoc) linkValue() domain.AccountLink { return *d.link() }

type accountLinkRepo struct{ c *driver.Collection }

func (r accountLinkRepo) Create(ctx context.Context, l *domain.AccountLink) error {
	d := linkDoc{ID: l.ID, Kind: string(l.Kind), UserID: l.UserID, Email: l.Email, Name: l.Name,
		EnterpriseID: l.EnterpriseID, CreatedBy: l.CreatedBy, CreatedAt: instant(l.CreatedAt),
		ExpiresAt: instant(l.ExpiresAt), Used: l.UsedAt != nil, UsedAt: instantPtr(l.UsedAt)}
	return insert(ctx, r.c, d.ID, d, "create account link")
}

func liveLink(id string, kind domain.AccountLinkKind, now time.Time) bson.D {
	return bson.D{{Key: "_id", Value: id}, {Key: "kind", Value: string(kind)}, {Key: "used", Value: false},
		{Key: "expiresAt", Value: bson.D{{Key: "$gt", Value: instant(now)}}}}
}

func (r accountLinkRepo) Get(ctx context.Context, id string, kind domain.AccountLinkKind, now time.Time) (*domain.AccountLink, error) {
	return findOne(ctx, r.c, liveLink(id, kind, now), "account link", (*linkDoc).link)
}

func (r accountLinkRepo) Use(ctx context.Context, id string, kind domain.AccountLinkKind, now time.Time) (*domain.AccountLink, error) {
	var d linkDoc
	err := r.c.FindOneAndUpdate(ctx, liveLink(id, kind, now),
		bson.D{{Key: "$set", Value: bson.D{{Key: "used", Value: true}, {Key: "usedAt", Value: instant(now)}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	if err != nil {
		return nil, notFound(err, "use account link")
	}
	return d.link(), nil
}

func (r accountLinkRepo) Invitations(ctx context.Context, enterpriseID string, now time.Time) ([]domain.AccountLink, error) {
	return findAll(ctx, r.c, bson.D{{Key: "enterpriseId", Value: enterpriseID}, {Key: "kind", Value: string(domain.LinkInvite)},
		{Key: "used", Value: false}, {Key: "expiresAt", Value: bson.D{{Key: "$gt", Value: instant(now)}}}},
		options.Find().SetSort(bson.D{{Key: "createdAt", Value: -1}, {Key: "_id", Value: -1}}), (*linkDoc).linkValue)
}

func (r accountLinkRepo) List(ctx context.Context, after string, limit int) ([]domain.AccountLink, error) {
	if limit <= 0 || limit > maxPageSize {
		limit = maxPageSize
	}
	return findAll(ctx, r.c, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)), (*linkDoc).linkValue)
}

func (r accountLinkRepo) Revoke(ctx context.Context, kind domain.AccountLinkKind, userID, email string, now time.Time) error {
	var or bson.A
	if userID != "" {
		or = append(or, bson.D{{Key: "userId", Value: userID}})
	}
	if email != "" {
		or = append(or, bson.D{{Key: "email", Value: email}})
	}
	if len(or) == 0 {
		return nil
	}
	_, err := r.c.UpdateMany(ctx, bson.D{{Key: "kind", Value: string(kind)}, {Key: "used", Value: false}, {Key: "$or", Value: or}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "used", Value: true}, {Key: "usedAt", Value: instant(now)}}}})
	if err != nil {
		return fmt.Errorf("mongodb: revoke account links: %w", err)
	}
	return nil
}
