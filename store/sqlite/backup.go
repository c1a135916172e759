package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Snapshot writes a consistent copy of the database at path to dst with VACUUM INTO, which reads
// the file in one read transaction: writers (a serving duijie in another process included) go on
// meanwhile, and the copy holds exactly the data committed when the snapshot began. dst must not
// exist. It opens its own connection and never migrates, so a live database is left as it is.
func Snapshot(ctx context.Context, path, dst string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("sqlite: no database at %s: %w", path, err)
	}
	if strings.ContainsRune(path, '?') {
		return fmt.Errorf("sqlite: database path %q must not contain '?'", path)
	}
	db, err := sql.Open("sqlite", path+fmt.Sprintf("?_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("sqlite: snapshot into %s: %w", dst, err)
	}
	return nil
}

// BackupInfo describes a database file checked by Inspect.
type BackupInfo struct {
	SchemaVersion int
	Users         int
	Enterprises   int
	Leads         int
	Events        int
}

// Inspect checks that path is an intact Duijie database this binary can open (integrity check,
// schema not newer than it knows) and counts its main records, without changing it.
func Inspect(ctx context.Context, path string) (BackupInfo, error) {
	var info BackupInfo
	if _, err := os.Stat(path); err != nil {
		return info, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return info, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil {
		return info, fmt.Errorf("not a SQLite database: %w", err)
	}
	if check != "ok" {
		return info, fmt.Errorf("database is damaged: %s", check)
	}
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&info.SchemaVersion); err != nil {
		return info, errors.New("not a Duijie database (no schema_migrations table)")
	}
	ms, err := loadMigrations(migrationFS)
	if err != nil {
		return info, err
	}
	if known := ms[len(ms)-1].version; info.SchemaVersion > known {
		return info, fmt.Errorf("database schema version %d is newer than this duijie knows (%d): upgrade duijie", info.SchemaVersion, known)
	}
	for _, c := range []struct {
		table string
		n     *int
	}{{"users", &info.Users}, {"enterprises", &info.Enterprises}, {"leads", &info.Leads}, {"events", &info.Events}} {
		// A table a very old backup lacks counts as empty; migrating on first open creates it.
		_ = db.QueryRowContext(ctx, `SELECT count(*) FROM `+c.table).Scan(c.n)
	}
	return info, nil
}
