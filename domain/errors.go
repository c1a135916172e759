// Package domain holds the types and rules every other package shares. It imports neither Fiber
// nor a database driver, so the rules can be tested and reused without either.
package domain

import (
	"errors"
	"sort"
	"strings"
)

// Sentinel errors that the store and services return; handlers map them to HTTP in one place.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrForbidden    = errors.New("forbidden")
	ErrUnauthorized = errors.New("unauthorized")
)

// FieldProblem is one reason a field was refused. Key names a message in the locale files
// (under "errors.field."), so the same problem reads naturally in every language; Args fill
// its placeholders.
type FieldProblem struct {
	Key  string
	Args []any
}

// ValidationError lists every refused field of one input, so a form can show all problems at once.
type ValidationError struct {
	Fields map[string]FieldProblem
}

// Add records a problem for field; the first problem of a field wins because it is usually the
// most basic one ("required" before "too long").
func (v *ValidationError) Add(field, key string, args ...any) {
	if v.Fields == nil {
		v.Fields = map[string]FieldProblem{}
	}
	if _, ok := v.Fields[field]; !ok {
		v.Fields[field] = FieldProblem{Key: key, Args: args}
	}
}

// Has reports whether field already has a problem.
func (v *ValidationError) Has(field string) bool { _, ok := v.Fields[field]; return ok }

// Err returns v as an error when it holds problems, nil otherwise.
func (v *ValidationError) Err() error {
	if v == nil || len(v.Fields) == 0 {
		return nil
	}
	return v
}

func (v *ValidationError) Error() string {
	names := make([]string, 0, len(v.Fields))
	for f, p := range v.Fields {
		names = append(names, f+": "+p.Key)
	}
	sort.Strings(names)
	return "invalid input: " + strings.Join(names, "; ")
}

// Invalid is a shorthand for a validation error on a single field.
func Invalid(field, key string, args ...any) error {
	v := &ValidationError{}
	v.Add(field, key, args...)
	return v
}

// ConflictError is ErrConflict with the field that collided, so a form can point at it.
type ConflictError struct {
	Field string
	Key   string
}

func (c *ConflictError) Error() string { return "conflict on " + c.Field }
func (c *ConflictError) Unwrap() error { return ErrConflict }

// Conflict builds a ConflictError for field with a message key.
func Conflict(field, key string) error { return &ConflictError{Field: field, Key: key} }
