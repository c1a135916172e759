package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"duijie/domain"
)

// ms is t as stored: unix milliseconds (UTC by definition).
func ms(t time.Time) int64 { return t.UnixMilli() }

// msOrNull stores the zero time and nil as NULL.
func msOrNull(t *time.Time) sql.NullInt64 {
	if t == nil || t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// fromMs is the inverse of ms.
func fromMs(v int64) time.Time { return time.UnixMilli(v).UTC() }

// timeCol scans an INTEGER millisecond column into a time.Time; NULL leaves the zero time.
type timeCol struct{ dst *time.Time }

func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.dst = time.Time{}
	case int64:
		*c.dst = fromMs(v)
	default:
		return fmt.Errorf("time column holds %T", src)
	}
	return nil
}

// timePtrCol scans a nullable millisecond column into a *time.Time.
type timePtrCol struct{ dst **time.Time }

func (c timePtrCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.dst = nil
	case int64:
		t := fromMs(v)
		*c.dst = &t
	default:
		return fmt.Errorf("time column holds %T", src)
	}
	return nil
}

// listArg encodes a string list as the JSON stored in TEXT columns; nil becomes "[]".
func listArg[T ~string](s []T) string {
	if len(s) == 0 {
		return "[]"
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep "R&D" readable in the sqlite3 shell
	_ = enc.Encode(s)        // a slice of strings always encodes
	return string(bytes.TrimSpace(b.Bytes()))
}

// listCol scans a JSON TEXT column into a string list, never nil.
type listCol[T ~string] struct{ dst *[]T }

func listOf[T ~string](dst *[]T) listCol[T] { return listCol[T]{dst} }

func (c listCol[T]) Scan(src any) error {
	raw, err := jsonText(src, "list")
	if err != nil {
		return err
	}
	out := []T{}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			return fmt.Errorf("list column: %w", err)
		}
	}
	if out == nil {
		out = []T{}
	}
	*c.dst = out
	return nil
}

// mapArg encodes a map as the JSON object stored in TEXT columns; nil becomes "{}".
func mapArg[V any](m map[string]V) string {
	if len(m) == 0 {
		return "{}"
	}
	return jsonArg(m)
}

// mapCol scans a JSON TEXT column into a map, never nil: NULL or empty text gives an empty map.
type mapCol[V any] struct{ dst *map[string]V }

func mapOf[V any](dst *map[string]V) mapCol[V] { return mapCol[V]{dst} }

func (c mapCol[V]) Scan(src any) error {
	raw, err := jsonText(src, "map")
	if err != nil {
		return err
	}
	m := map[string]V{}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("map column: %w", err)
		}
	}
	if m == nil {
		m = map[string]V{}
	}
	*c.dst = m
	return nil
}

// jsonArg encodes a structured value (an explanation, a history) as JSON text.
func jsonArg(v any) string {
	b, _ := json.Marshal(v) // callers pass plain structs, slices and maps of them: cannot fail
	return string(b)
}

// jsonCol scans a JSON TEXT column into *dst; NULL leaves *dst as it is.
type jsonCol[T any] struct{ dst *T }

func (c jsonCol[T]) Scan(src any) error {
	raw, err := jsonText(src, "json")
	if err != nil || src == nil {
		return err
	}
	if err := json.Unmarshal(raw, c.dst); err != nil {
		return fmt.Errorf("json column: %w", err)
	}
	return nil
}

// jsonText is the text of a JSON TEXT column as the driver hands it over; NULL is nil.
func jsonText(src any, kind string) ([]byte, error) {
	switch v := src.(type) {
	case nil:
		return nil, nil
	case string:
		return []byte(v), nil
	case []byte:
		return v, nil
	default:
		return nil, fmt.Errorf("%s column holds %T", kind, src)
	}
}

// stamp fills in what a new record left zero: a fresh ID, the creation time (now) and the update
// time (the creation time; nil for records that have none).
func stamp(id *string, created, updated *time.Time) {
	if *id == "" {
		*id = domain.NewID()
	}
	if created.IsZero() {
		*created = time.Now()
	}
	if updated != nil && updated.IsZero() {
		*updated = *created
	}
}
