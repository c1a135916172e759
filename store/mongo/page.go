package mongo

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

// Page sizes of every listing: callers may ask for less, never for more.
const (
	defaultPageSize = 50
	maxPageSize     = 200
)

// cursorPrefix versions the cursor format so that a later keyset cursor can tell old ones apart.
const cursorPrefix = "o1:"

// encodeCursor makes the opaque cursor of the page that starts at offset.
func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

// decodeCursor returns the offset a cursor stands for; "" is the first page.
func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) {
		return 0, domain.Invalid("cursor", "invalid")
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), cursorPrefix))
	if err != nil || n < 0 {
		return 0, domain.Invalid("cursor", "invalid")
	}
	return n, nil
}

// window is one page to fetch: skip offset, take limit, and fetch one more to know whether a
// next page exists.
type window struct {
	offset, limit int
}

func pageWindow(p store.Page) (window, error) {
	p = p.Clamp(defaultPageSize, maxPageSize)
	off, err := decodeCursor(p.Cursor)
	if err != nil {
		return window{}, err
	}
	return window{offset: off, limit: p.Limit}, nil
}

// next trims the extra document fetched by the window and returns the next page's cursor.
func next[T any](w window, items []T) ([]T, string) {
	if len(items) > w.limit {
		return items[:w.limit], encodeCursor(w.offset + w.limit)
	}
	return items, ""
}

// find returns the options that fetch this window in the given order.
func (w window) find(sort bson.D) *options.FindOptions {
	return options.Find().SetSort(sort).SetSkip(int64(w.offset)).SetLimit(int64(w.limit) + 1)
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
