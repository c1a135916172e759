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

// idFilter selects the document with _id id.
func idFilter(id string) bson.D { return bson.D{{Key: "_id", Value: id}} }

// findAll runs a query and maps every document D to its domain value T.
func findAll[D, T any](ctx context.Context, c *driver.Collection, filter any,
	opts *options.FindOptions, conv func(*D) T) ([]T, error) {
	cur, err := c.Find(ctx, filter, opts)
	if err != nil {
		return nil, fmt.Errorf("mongodb: find in %s: %w", c.Name(), err)
	}
	var docs []D
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("mongodb: read %s: %w", c.Name(), err)
	}
	out := make([]T, 0, len(docs))
	for i := range docs {
		out = append(out, conv(&docs[i]))
	}
	return out, nil
}

// updatedSince returns up to limit documents of c updated at or after t, oldest change first: the
// feed the matching index catches up from.
func updatedSince[D, T any](ctx context.Context, c *driver.Collection, t time.Time, limit int, conv func(*D) T) ([]T, error) {
	if limit <= 0 {
		limit = defaultPageSize
	}
	return findAll(ctx, c, bson.D{{Key: "updatedAt", Value: bson.D{{Key: "$gte", Value: instant(t)}}}},
		options.Find().SetSort(order("updatedAt", 1)).SetLimit(int64(limit)), conv)
}

// findOne loads the document matching filter into a D and maps it; no match is
// domain.ErrNotFound.
func findOne[D, T any](ctx context.Context, c *driver.Collection, filter any, what string,
	conv func(*D) T) (T, error) {
	var d D
	if err := c.FindOne(ctx, filter).Decode(&d); err != nil {
		var zero T
		return zero, notFound(err, what)
	}
	return conv(&d), nil
}

// insert stores a new document with _id id.
func insert(ctx context.Context, c *driver.Collection, id string, doc any, what string, keys ...unique) error {
	_, err := c.InsertOne(ctx, doc)
	return writeErr(ctx, c, err, what, id, keys...)
}

// replace overwrites the document with _id id; no such document is domain.ErrNotFound.
func replace(ctx context.Context, c *driver.Collection, id string, doc any, what string, keys ...unique) error {
	res, err := c.ReplaceOne(ctx, idFilter(id), doc)
	if err != nil {
		return writeErr(ctx, c, err, what, id, keys...)
	}
	if res.MatchedCount == 0 {
		return notFound(driver.ErrNoDocuments, what)
	}
	return nil
}

// replaceIf overwrites the document with _id id while its status is still expect. A document that
// is gone is domain.ErrNotFound; one whose status moved on first is a conflict on "status" with
// the message key.
func replaceIf(ctx context.Context, c *driver.Collection, id, expect string, doc any, what, key string) error {
	res, err := c.ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "status", Value: expect}}, doc)
	if err != nil {
		return writeErr(ctx, c, err, what, id)
	}
	if res.MatchedCount > 0 {
		return nil
	}
	err = c.FindOne(ctx, idFilter(id), options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
	if errors.Is(err, driver.ErrNoDocuments) {
		return notFound(err, what)
	}
	if err != nil {
		return fmt.Errorf("mongodb: %s: %w", what, err)
	}
	return domain.Conflict("status", key)
}

// deleteOne removes the documents matching filter, expecting exactly one; none is
// domain.ErrNotFound.
func deleteOne(ctx context.Context, c *driver.Collection, filter any, what string) error {
	res, err := c.DeleteOne(ctx, filter)
	if err != nil {
		return fmt.Errorf("mongodb: %s: %w", what, err)
	}
	if res.DeletedCount == 0 {
		return notFound(driver.ErrNoDocuments, what)
	}
	return nil
}
