package mongo

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
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

// updatedAfter returns up to limit documents of c after mark in the (updatedAt, _id) order: the
// feed the matching index catches up from. The keyset condition is asked as two simple queries,
// the rest of the mark's own timestamp and then what is newer, rather than one $or: both walk
// the compound index {updatedAt, _id} on MongoDB, and FerretDB can push each down.
func updatedAfter[D, T any](ctx context.Context, c *driver.Collection, mark domain.SyncMark, limit int, conv func(*D) T) ([]T, error) {
	if err := store.CheckSyncPage(limit); err != nil {
		return nil, err
	}
	at := instant(mark.At)
	sort := bson.D{{Key: "updatedAt", Value: 1}, {Key: "_id", Value: 1}}
	same, err := findAll(ctx, c, bson.D{{Key: "updatedAt", Value: at}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: mark.ID}}}},
		options.Find().SetSort(sort).SetLimit(int64(limit)), conv)
	if err != nil || len(same) == limit {
		return same, err
	}
	newer, err := findAll(ctx, c, bson.D{{Key: "updatedAt", Value: bson.D{{Key: "$gt", Value: at}}}},
		options.Find().SetSort(sort).SetLimit(int64(limit-len(same))), conv)
	return append(same, newer...), err
}

// readIDs drains a cursor of documents projected to their _id (a find or a $group by key) into
// the IDs; what names the query in errors.
func readIDs(ctx context.Context, cur *driver.Cursor, what string) ([]string, error) {
	var docs []struct {
		ID string `bson:"_id"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("mongodb: %s: %w", what, err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}

func syncIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(false, "updatedAt", "_id")}
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

// order sorts by field in dir (1 ascending, -1 descending), then by _id the same way, so that
// pages of equal keys do not overlap.
func order(field string, dir int) bson.D {
	return bson.D{{Key: field, Value: dir}, {Key: "_id", Value: dir}}
}

// listing is one paged query of a collection.
type listing struct {
	c      *driver.Collection
	filter bson.D
	sort   bson.D
	fields bson.D // inclusion projection; nil reads whole documents
	count  string // names the documents when the listing counts its total ("leads"); "" when it has none
}

// fetchPage returns the page of l that page asks for, the next page's cursor and, when l.count is
// set, the number of documents matching the filter. fetch reads the documents with the options
// of the window.
func fetchPage[T any](ctx context.Context, l listing, page store.Page,
	fetch func(*options.FindOptions) ([]T, error)) ([]T, string, int, error) {
	w, err := pageWindow(page)
	if err != nil {
		return nil, "", 0, err
	}
	var total int64
	if l.count != "" {
		if total, err = l.c.CountDocuments(ctx, l.filter); err != nil {
			return nil, "", 0, fmt.Errorf("mongodb: count %s: %w", l.count, err)
		}
	}
	opts := w.find(l.sort)
	if l.fields != nil {
		opts.SetProjection(l.fields)
	}
	items, err := fetch(opts)
	if err != nil {
		return nil, "", 0, err
	}
	items, cursor := next(w, items)
	return items, cursor, int(total), nil
}

// findPage is fetchPage reading with findAll, mapping every document D to its domain value T.
func findPage[D, T any](ctx context.Context, l listing, page store.Page, conv func(*D) T) ([]T, string, int, error) {
	return fetchPage(ctx, l, page, func(opts *options.FindOptions) ([]T, error) {
		return findAll(ctx, l.c, l.filter, opts, conv)
	})
}
