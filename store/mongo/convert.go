package mongo

import (
	"time"

	"duijie/domain"
)

// instant is how a time is stored: BSON dates hold milliseconds in UTC, so cutting to that
// here makes what callers keep equal to what they read back.
func instant(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// instantPtr is instant for optional times.
func instantPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := instant(*t)
	return &v
}

// list makes a nil slice empty, so lists are stored as [] and never as null.
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// dict makes a nil map empty, so maps are stored as {} and never as null.
func dict[V any](m map[string]V) map[string]V {
	if m == nil {
		return map[string]V{}
	}
	return m
}

// now is the store's clock for timestamps callers left zero.
func now() time.Time { return instant(time.Now()) }

// stamp fills in what a new record left zero: a fresh ID, the creation time (now) and the update
// time (the creation time; nil for records that have none).
func stamp(id *string, created, updated *time.Time) {
	if *id == "" {
		*id = domain.NewID()
	}
	if created.IsZero() {
		*created = now()
	}
	if updated != nil && updated.IsZero() {
		*updated = *created
	}
}
