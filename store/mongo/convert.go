package mongo

import "time"

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

// now is the store's clock for timestamps callers left zero.
func now() time.Time { return instant(time.Now()) }
