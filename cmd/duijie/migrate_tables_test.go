package main

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
)

// TestMigrateCoversEveryTable guards the copy against a table added later and forgotten: every
// table of the SQLite schema is either copied by a step of migrationSteps or named, with its
// reason, among the tables not copied by decision.
func TestMigrateCoversEveryTable(t *testing.T) {
	dir := t.TempDir()
	st := openDataDir(t, dir) // migrates the fresh database to the newest schema
	if err := st.Health.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, sqliteFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(tables) < 30 {
		t.Fatalf("only %d tables in the schema: %v", len(tables), tables)
	}

	steps := map[string]bool{}
	for _, s := range migrationSteps {
		steps[s.name] = true
	}
	for _, table := range tables {
		step, copied := copiedTables[table]
		reason, skipped := tablesNotCopied[table]
		switch {
		case copied && skipped:
			t.Errorf("table %s is both copied (by %q) and not copied (%s)", table, step, reason)
		case copied && !steps[step]:
			t.Errorf("table %s is said to be copied by step %q, which migrationSteps lacks", table, step)
		case skipped && reason == "":
			t.Errorf("table %s is not copied without a reason", table)
		case !copied && !skipped:
			t.Errorf("table %s is neither copied by a step nor named in tablesNotCopied with its reason", table)
		}
	}
	for table := range copiedTables {
		if !slices.Contains(tables, table) {
			t.Errorf("copiedTables names %s, which the schema lacks", table)
		}
	}
	for table := range tablesNotCopied {
		if !slices.Contains(tables, table) {
			t.Errorf("tablesNotCopied names %s, which the schema lacks", table)
		}
	}
}
