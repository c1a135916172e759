// Package backup copies the embedded database out of and into a data directory: a consistent
// snapshot of a live installation, and a restore that never overwrites one. MongoDB installations
// use mongodump and mongorestore, which know their engine better than Duijie could.
package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"duijie/store/sqlite"
)

// Info is what a backup holds, as checked after writing it or before restoring it.
type Info = sqlite.BackupInfo

// Backup writes a consistent copy of the database at dbPath to dst while it may be serving. dst
// must not exist; the copy appears there only once complete and checked, with mode 0600 since it
// holds password hashes and session data.
func Backup(ctx context.Context, dbPath, dst string) (Info, error) {
	if _, err := os.Lstat(dst); err == nil {
		return Info{}, fmt.Errorf("%s exists: choose a new file name", dst)
	}
	partial := dst + ".partial"
	_ = os.Remove(partial) // left by an interrupted run
	if err := sqlite.Snapshot(ctx, dbPath, partial); err != nil {
		_ = os.Remove(partial)
		return Info{}, err
	}
	info, err := sqlite.Inspect(ctx, partial)
	if err == nil {
		err = os.Chmod(partial, 0o600)
	}
	if err == nil {
		err = os.Rename(partial, dst)
	}
	if err != nil {
		_ = os.Remove(partial)
		return Info{}, fmt.Errorf("backup %s: %w", dst, err)
	}
	return info, nil
}

// ErrNotEmpty refuses a restore over an existing database.
var ErrNotEmpty = errors.New("the data directory already holds a database")

// Restore checks the backup src and copies it to dbPath, whose directory must hold no database
// (nor its -wal/-shm companions): restoring never overwrites data. The schema is migrated
// forward by the next start, as for any database.
func Restore(ctx context.Context, src, dbPath string) (Info, error) {
	for _, p := range []string{dbPath, dbPath + "-wal", dbPath + "-shm"} {
		if _, err := os.Lstat(p); err == nil {
			return Info{}, fmt.Errorf("%w (%s): restore into an empty DATA_DIR, or move it aside first", ErrNotEmpty, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return Info{}, err
		}
	}
	info, err := sqlite.Inspect(ctx, src)
	if err != nil {
		return Info{}, fmt.Errorf("backup %s: %w", src, err)
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o750); err != nil {
		return Info{}, err
	}
	partial := dbPath + ".partial"
	if err := copyFile(src, partial); err != nil {
		_ = os.Remove(partial)
		return Info{}, err
	}
	// Link, not rename: if another restore or a starting server created the database meanwhile,
	// this fails instead of replacing it.
	if err := os.Link(partial, dbPath); err != nil {
		_ = os.Remove(partial)
		if errors.Is(err, fs.ErrExist) {
			return Info{}, fmt.Errorf("%w (%s)", ErrNotEmpty, dbPath)
		}
		return Info{}, err
	}
	_ = os.Remove(partial)
	return info, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
