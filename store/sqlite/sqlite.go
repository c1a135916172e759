// Package sqlite is the embedded store engine: one SQLite file in WAL mode through the pure-Go
// driver modernc.org/sqlite.
//
// Two connection pools share the file. The writer holds a single connection, so writes queue
// in Go instead of failing with SQLITE_BUSY, and every write transaction starts with BEGIN
// IMMEDIATE so a read-modify-write never has to upgrade its lock. The reader pool serves plain
// reads, which WAL lets run beside the writer.
//
// Adding a repository (e.g. events):
//  1. a migration file migrations/NNNN_name.sql with the next reserved number (0002 events,
//     0003 enterprises/leads, 0004 matching, 0005 jobs); files are forward-only and applied once;
//  2. a file name.go with a type holding *db that implements the store interface: reads on
//     d.r, writes on d.w or inside d.write(ctx, func(tx *sql.Tx) error {...}), errors through
//     dbErr so that sql.ErrNoRows and unique violations become domain errors;
//  3. a line in newStore setting the store.Store field, and the suite file in store/storetest.
//
// Inside d.write use only tx: the writer has one connection, so a call on d.w from within the
// transaction waits for itself forever.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"duijie/store"
)

// db is the pair of pools every repository of this engine shares.
type db struct {
	w *sql.DB // one connection: all writes and read-modify-write transactions
	r *sql.DB // plain reads
}

// busyTimeout bounds how long a connection waits for a lock another process holds (another
// duijie on the same file, a backup, the sqlite3 shell); within one process writes queue in Go.
const busyTimeout = 10 * time.Second

// Open opens (creating if needed) the database at path, migrates it forward and returns the store.
func Open(path string) (*store.Store, error) {
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("sqlite: database path %q must not contain '?'", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: create data directory: %w", err)
		}
	}
	pragmas := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)",
		busyTimeout.Milliseconds())

	w, err := sql.Open("sqlite", path+"?"+pragmas+"&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := migrate(context.Background(), w); err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}

	// The readers open after the writer has switched the file to WAL, and cannot write by mistake.
	r, err := sql.Open("sqlite", path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("sqlite: open %s for reading: %w", path, err)
	}
	n := max(4, 2*runtime.NumCPU())
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	if err := r.Ping(); err != nil {
		_ = w.Close()
		_ = r.Close()
		return nil, fmt.Errorf("sqlite: open %s for reading: %w", path, err)
	}
	return newStore(&db{w: w, r: r}), nil
}

func newStore(d *db) *store.Store {
	return &store.Store{
		Engine:      "sqlite",
		Users:       &users{d},
		Sessions:    &sessions{d},
		Tokens:      &tokens{d},
		Clusters:    &clusters{d},
		Enterprises: &enterprises{d},
		Audit:       &audit{d},
		Health:      &health{d},
		// Events capability.
		Events:        &events{d},
		Registrations: &registrations{d},
		Checkins:      &checkins{d},
		Calendars:     &calendars{d},
		// Jobs and mail capability.
		Leases:      &leases{d},
		JobRuns:     &jobRuns{d},
		Checkpoints: &checkpoints{d},
		Outbox:      &outbox{d},
		Preferences: &preferences{d},
		// Profiles and leads capability.
		Leads: &leads{d},
		// Matching capability.
		Matches: &matches{d},
		// Campaign capability.
		Campaign: &campaign{d},
		// Meetings capability.
		Meetings: &meetings{d},
		// Trust and accounts capability.
		Licences:     &licences{d},
		Limits:       &limits{d},
		AccountLinks: &accountLinks{d},
		// Deal loop capability.
		RegFeed:    &registrations{d},
		Notices:    &notices{d},
		Quotes:     &quotes{d},
		Shortlists: &shortlists{d},
		// Triage lessons.
		Triage: &triage{d},
	}
}

// write runs fn in a BEGIN IMMEDIATE transaction on the writer, committing if fn returns nil.
func (d *db) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// read runs fn in a read transaction on the reader pool, so that several queries (a page and
// its total) see one snapshot.
func (d *db) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("sqlite: begin read: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	return fn(tx)
}
