package mongo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

// notFound turns the driver's "no documents" into domain.ErrNotFound and wraps anything else.
func notFound(err error, what string) error {
	if errors.Is(err, driver.ErrNoDocuments) {
		return fmt.Errorf("%s: %w", what, domain.ErrNotFound)
	}
	return fmt.Errorf("mongodb: %s: %w", what, err)
}

// unique is a unique index of a collection, the document field it covers, the field a form
// shows a clash on, and the value the failed write carried.
type unique struct {
	index, path, field string
	value              any
}

// writeErr turns a duplicate-key error into a *domain.ConflictError on the field whose unique
// index refused the write of document id, and wraps anything else. A clash on _id is reported
// as "id".
func writeErr(ctx context.Context, c *driver.Collection, err error, what, id string, keys ...unique) error {
	if err == nil {
		return nil
	}
	if !isDuplicate(err) {
		return fmt.Errorf("mongodb: %s: %w", what, err)
	}
	return domain.Conflict(clashField(ctx, c, err.Error(), id, keys), "taken")
}

// isDuplicate recognises a unique-index violation. FerretDB v1 (the test fixture) reports one
// from an update as an InternalError carrying SQLite's message instead of code 11000.
func isDuplicate(err error) bool {
	return driver.IsDuplicateKeyError(err) || strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// clashField finds which unique key a write collided on. MongoDB names the index in its
// message; FerretDB does not, so then each unique value is looked up in other documents.
func clashField(ctx context.Context, c *driver.Collection, msg, id string, keys []unique) string {
	if strings.Contains(msg, "index: _id_ ") {
		return "id"
	}
	for _, k := range keys {
		if strings.Contains(msg, "index: "+k.index+" ") {
			return k.field
		}
	}
	for _, k := range keys {
		filter := bson.D{{Key: k.path, Value: k.value}, {Key: "_id", Value: bson.D{{Key: "$ne", Value: id}}}}
		err := c.FindOne(ctx, filter, options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
		if err == nil {
			return k.field
		}
	}
	return "id"
}
