package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"duijie/demo"
	"duijie/seed"
	"duijie/store"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir}
	// The demo has events with registrations.
	ctx := context.Background()
	st := openDataDir(t, dir)
	if err := seed.Clusters(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	evs, _, _, err := st.Events.List(ctx, store.EventFilter{}, store.Page{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var eventID string
	for _, e := range evs {
		if e.ConfirmedCount > 0 {
			eventID = e.ID
		}
	}
	st.Health.Close()
	if eventID == "" {
		t.Fatal("the demo has no event with registrations")
	}

	xlsx := filepath.Join(dir, "regs.xlsx")
	code, out, errOut := run(t, env, "export", "registrations", eventID, xlsx, "--lang", "en")
	if code != exitOK || !strings.Contains(out, "attendees of") {
		t.Fatalf("xlsx: exit %d\n%s\n%s", code, out, errOut)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Sheet1")
	f.Close()
	if len(rows) < 2 || rows[0][0] != "Enterprise" {
		t.Fatalf("xlsx rows = %v", rows)
	}

	csvPath := filepath.Join(dir, "regs.csv")
	if code, out, errOut := run(t, env, "export", "registrations", eventID, csvPath); code != exitOK {
		t.Fatalf("csv: exit %d\n%s\n%s", code, out, errOut)
	}
	b, _ := os.ReadFile(csvPath)
	if !strings.HasPrefix(string(b), "\uFEFF") || !strings.Contains(string(b), "\r\n") {
		t.Errorf("csv lacks BOM or CRLF: %q", string(b[:min(len(b), 80)]))
	}

	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export", "registrations", eventID}, exitUsage, "want: export registrations"},
		{[]string{"export", "leads", eventID, csvPath}, exitUsage, "unknown kind"},
		{[]string{"export", "registrations", eventID, filepath.Join(dir, "x.pdf")}, exitUsage, ".xlsx or .csv"},
		{[]string{"export", "registrations", "000000000000000000000000", csvPath}, exitFailure, "no event"},
	} {
		code, _, errOut := run(t, env, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
}
