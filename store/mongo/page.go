package mongo

import (
	"encoding/base64"
	"strconv"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
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
