package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir}
	if code, _, errOut := run(t, env, "user", "add", "--email", "ops@example.org", "--password", "correct horse battery", "--role", "admin"); code != exitOK {
		t.Fatalf("user add: %d %s", code, errOut)
	}
	file := filepath.Join(t.TempDir(), "duijie-backup.db")
	code, out, errOut := run(t, env, "backup", file)
	if code != exitOK || !strings.Contains(out, "1 users") {
		t.Fatalf("backup: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := run(t, env, "backup", file); code != exitFailure || !strings.Contains(errOut, "exists") {
		t.Errorf("backup over an existing file: exit %d %s", code, errOut)
	}
	if code, _, errOut := run(t, env, "restore", file); code != exitFailure || !strings.Contains(errOut, "already holds a database") {
		t.Errorf("restore over the live database: exit %d %s", code, errOut)
	}
	fresh := map[string]string{"DATA_DIR": filepath.Join(t.TempDir(), "new")}
	if code, out, errOut := run(t, fresh, "restore", file); code != exitOK || !strings.Contains(out, "1 users") {
		t.Fatalf("restore: exit %d\n%s\n%s", code, out, errOut)
	}
	st := openDataDir(t, fresh["DATA_DIR"])
	defer st.Health.Close()
	if _, err := st.Users.GetByEmail(t.Context(), "ops@example.org"); err != nil {
		t.Errorf("restored database lacks the user: %v", err)
	}
	for _, args := range [][]string{{"backup"}, {"restore"}, {"backup", "a", "b"}} {
		if code, _, _ := run(t, env, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	mongo := map[string]string{"DATA_DIR": dir, "MONGODB_URI": "mongodb://127.0.0.1:1"}
	if code, _, errOut := run(t, mongo, "backup", filepath.Join(t.TempDir(), "x")); code != exitFailure || !strings.Contains(errOut, "mongodump") {
		t.Errorf("backup on mongo: exit %d %s", code, errOut)
	}
}
