package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStoredSecret(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s1, created, err := StoredSecret(dir)
	if err != nil || !created || len(s1) < 32 {
		t.Fatalf("first start: %q, created %v, err %v", s1, created, err)
	}
	fi, err := os.Stat(filepath.Join(dir, SecretFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("secret file mode %v, err %v; want 0600", fi.Mode().Perm(), err)
	}
	s2, created, err := StoredSecret(dir)
	if err != nil || created || s2 != s1 {
		t.Fatalf("restart: same secret %v, created %v, err %v", s2 == s1, created, err)
	}
	if err := os.Chmod(filepath.Join(dir, SecretFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := StoredSecret(dir); err == nil {
		t.Error("a world-readable secret file was trusted")
	}
	short := t.TempDir()
	os.WriteFile(filepath.Join(short, SecretFile), []byte("abc\n"), 0o600)
	if _, _, err := StoredSecret(short); err == nil {
		t.Error("a 3-character secret was accepted")
	}
	// A data directory that cannot be created (its parent is a file) is an error, not a panic.
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	if _, _, err := StoredSecret(filepath.Join(file, "data")); err == nil {
		t.Error("no error for an impossible DATA_DIR")
	}
}
