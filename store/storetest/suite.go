// Package storetest is the one behavioural suite every store engine must pass. Engines call Run
// from their own tests; each repository has its own file here, registered with register, so a
// new capability adds a file without touching this one.
//
// Rules the suite fixes for every engine, beyond the comments of store.go:
//   - Create assigns domain.NewID() when the ID is empty (users, tokens, enterprises, audit).
//   - Times keep millisecond precision and come back in UTC; nil and empty slices both come
//     back empty.
//   - Updates and deletes of a missing record return domain.ErrNotFound, except Sessions.Delete
//     and Sessions.DeleteByUser, which are idempotent (logging out twice is not an error).
//   - A session or token is expired once ExpiresAt <= now; a token with a zero ExpiresAt never
//     expires.
//   - A cursor the engine did not produce is a *domain.ValidationError on "cursor".
package storetest

import (
	"testing"

	"duijie/store"
)

// Opener returns a fresh, empty store and arranges (t.Cleanup) for it to be closed.
type Opener = func(t *testing.T) *store.Store

type suite struct {
	name string
	run  func(t *testing.T, open Opener)
}

// suites is filled by the init functions of the per-repository files, in file-name order.
var suites []suite

func register(name string, run func(t *testing.T, open Opener)) {
	suites = append(suites, suite{name: name, run: run})
}

// Run runs the functional tests of every repository against the engine that open builds. The
// tests are sequential, so an engine without atomic conditional updates (FerretDB) passes them.
func Run(t *testing.T, open Opener) {
	t.Helper()
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) { s.run(t, open) })
	}
}
