package sqlite

import (
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"duijie/domain"
	"duijie/store"
	"duijie/store/storetest"
)

func openTemp(t *testing.T) *store.Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Health.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, openTemp) }

// TestConcurrentWriters is the registration storm in small: many goroutines writing at once
// all succeed, without SQLITE_BUSY, because writes queue on the single writer connection.
func TestConcurrentWriters(t *testing.T) { storetest.RunConcurrent(t, openTemp) }

func TestReopenIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dir", "duijie.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("open creating directories: %v", err)
	}
	u := storetest.NewUser(1, domain.RoleAdmin)
	storetest.Must(t, s.Users.Create(t.Context(), u), "create")
	storetest.Must(t, s.Health.Close(), "close")

	for range 2 {
		s, err = Open(path)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		_, err = s.Users.Get(t.Context(), u.ID)
		storetest.Must(t, err, "user survives reopen")
		storetest.Must(t, s.Health.Close(), "close")
	}

	ms, err := loadMigrations(migrationFS)
	storetest.Must(t, err, "load migrations")
	w := rawDB(t, path)
	var n, latest int
	storetest.Must(t, w.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &latest), "versions")
	if n != len(ms) || latest != ms[len(ms)-1].version {
		t.Fatalf("schema_migrations has %d rows up to %d, want %d up to %d", n, latest, len(ms), ms[len(ms)-1].version)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "duijie.db")
	s, err := Open(path)
	storetest.Must(t, err, "open")
	storetest.Must(t, s.Health.Close(), "close")
	w := rawDB(t, path)
	_, err = w.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)`)
	storetest.Must(t, err, "record a future migration")
	storetest.Must(t, w.Close(), "close raw")

	ms, _ := loadMigrations(migrationFS)
	_, err = Open(path)
	want := "database schema version 9999 is newer than this duijie knows (" +
		strconv.Itoa(ms[len(ms)-1].version) + "): upgrade duijie"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("open newer schema: err = %v, want it to contain %q", err, want)
	}
}

// TestFailedMigrationRollsBack: a migration that fails halfway leaves neither its tables nor its
// record, so the fixed binary applies it cleanly next time.
func TestFailedMigrationRollsBack(t *testing.T) {
	w := rawDB(t, filepath.Join(t.TempDir(), "m.db"))
	good := fstest.MapFS{"migrations/0001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)}}
	bad := fstest.MapFS{
		"migrations/0001_a.sql": good["migrations/0001_a.sql"],
		"migrations/0002_b.sql": {Data: []byte(`CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);`)},
	}
	apply := func(fsys fstest.MapFS) error {
		ms, err := loadMigrations(fsys)
		if err != nil {
			return err
		}
		return applyMigrations(t.Context(), w, ms)
	}
	storetest.Must(t, apply(good), "apply 0001")
	if err := apply(bad); err == nil || !strings.Contains(err.Error(), "0002_b") {
		t.Fatalf("bad migration: err = %v, want it to name 0002_b", err)
	}
	var tables, recorded int
	storetest.Must(t, w.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'b'`).Scan(&tables), "tables")
	storetest.Must(t, w.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&recorded), "recorded")
	if tables != 0 || recorded != 1 {
		t.Fatalf("after failed 0002: table b exists %d, %d migrations recorded; want 0 and 1", tables, recorded)
	}
	storetest.Must(t, apply(good), "re-apply is a no-op")
}

func TestLoadMigrationsRejectsBadNames(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string
	}{
		{"no number", []string{"migrations/foundation.sql"}},
		{"no name", []string{"migrations/0001.sql"}},
		{"zero", []string{"migrations/0000_zero.sql"}},
		{"duplicate", []string{"migrations/0001_a.sql", "migrations/0001_b.sql"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tc.files {
				fsys[f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
			}
			if _, err := loadMigrations(fsys); err == nil {
				t.Fatalf("loadMigrations(%v) accepted", tc.files)
			}
		})
	}
}

func TestPragmas(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "duijie.db"))
	storetest.Must(t, err, "open")
	defer s.Health.Close()
	d := s.Health.(*health).db
	for _, tc := range []struct {
		pool   *sql.DB
		pragma string
		want   string
	}{
		{d.w, "journal_mode", "wal"},
		{d.r, "journal_mode", "wal"},
		{d.w, "foreign_keys", "1"},
		{d.w, "synchronous", "1"},
		{d.r, "synchronous", "1"},
		{d.w, "busy_timeout", "10000"},
		{d.r, "busy_timeout", "10000"},
		{d.r, "query_only", "1"},
		{d.w, "query_only", "0"},
	} {
		var got string
		storetest.Must(t, tc.pool.QueryRow("PRAGMA "+tc.pragma).Scan(&got), tc.pragma)
		if got != tc.want {
			t.Errorf("PRAGMA %s = %s, want %s", tc.pragma, got, tc.want)
		}
	}
	if _, err := d.r.Exec(`DELETE FROM users`); err == nil {
		t.Error("the reader pool accepted a write")
	}
}

func TestDBErrNamesField(t *testing.T) {
	for _, tc := range []struct{ col, want string }{
		{"email", "email"},
		{"uscc", "uscc"},
		{"enterprise_id", "enterpriseId"},
		{"user_id_hash", "userIdHash"},
	} {
		if got := camel(tc.col); got != tc.want {
			t.Errorf("camel(%q) = %q, want %q", tc.col, got, tc.want)
		}
	}
	w := rawDB(t, filepath.Join(t.TempDir(), "u.db"))
	_, err := w.Exec(`CREATE TABLE r (event_id TEXT, enterprise_id TEXT, UNIQUE (event_id, enterprise_id));
		INSERT INTO r VALUES ('e', 'x')`)
	storetest.Must(t, err, "setup")
	_, err = w.Exec(`INSERT INTO r VALUES ('e', 'x')`)
	storetest.MustConflict(t, dbErr("insert", err), "enterpriseId", "composite unique key")
	storetest.MustNotFound(t, dbErr("get", sql.ErrNoRows), "no rows")
}

// rawDB opens the file without the engine, as an operator's tool would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	w, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	storetest.Must(t, err, "open raw")
	w.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = w.Close() })
	return w
}

// schemaBefore opens a raw database at path migrated up to, not including, version: the schema
// an older binary left, for tests of what a later migration does to its rows.
func schemaBefore(t *testing.T, path string, version int) *sql.DB {
	t.Helper()
	w := rawDB(t, path)
	all, err := loadMigrations(migrationFS)
	storetest.Must(t, err, "load migrations")
	var before []migration
	for _, m := range all {
		if m.version < version {
			before = append(before, m)
		}
	}
	storetest.Must(t, applyMigrations(t.Context(), w, before), "schema before the migration")
	return w
}

// TestWriteTransactionsSerialise: read-modify-write transactions from many goroutines neither
// fail with SQLITE_BUSY nor lose an update, because they queue on the one writer connection and
// take the write lock up front (BEGIN IMMEDIATE).
func TestWriteTransactionsSerialise(t *testing.T) {
	s := openTemp(t)
	d := s.Health.(*health).db
	ctx := t.Context()
	_, err := d.w.ExecContext(ctx, `CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0)`)
	storetest.Must(t, err, "setup")
	const n = 64
	errs := make(chan error, 2*n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			errs <- d.write(ctx, func(tx *sql.Tx) error {
				var v int
				if err := tx.QueryRowContext(ctx, `SELECT n FROM counter`).Scan(&v); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx, `UPDATE counter SET n = ?`, v+1)
				return err
			})
			// A reader in the middle of the storm sees a committed value, never an error.
			var v int
			errs <- d.r.QueryRowContext(ctx, `SELECT n FROM counter`).Scan(&v)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		storetest.Must(t, err, "concurrent transaction")
	}
	var got int
	storetest.Must(t, d.r.QueryRowContext(ctx, `SELECT n FROM counter`).Scan(&got), "read counter")
	if got != n {
		t.Fatalf("counter = %d after %d increments", got, n)
	}
}
