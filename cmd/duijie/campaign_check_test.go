package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duijie/domain"
)

func TestCampaignCheckCommand(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir}
	st := openDataDir(t, dir)
	now := time.Now()
	l := &domain.Lead{Title: "采购功率模块", Description: "用于电驱控制器", Clusters: []string{"L1"}, Quantity: 10, Unit: "只",
		Currency: "CNY", Status: domain.LeadOpen, BuyerEnterpriseID: "e1", OpenedAt: &now, CreatedAt: now, UpdatedAt: now}
	if err := st.Leads.Create(t.Context(), l); err != nil {
		t.Fatal(err)
	}
	// An organiser of two clusters: the scope's totals are kept, checked and repaired too.
	org := &domain.User{Email: "org@example.test", Name: "组织者", Role: domain.RoleOrganiser, Clusters: []string{"L2", "L1"},
		Locale: "zh-CN", CreatedAt: now, UpdatedAt: now}
	if err := st.Users.Create(t.Context(), org); err != nil {
		t.Fatal(err)
	}
	_ = st.Health.Close()

	if code, out, errOut := run(t, env, "campaign-check"); code != exitOK || !strings.Contains(out, "agree") {
		t.Fatalf("check of consistent totals: exit %d\n%s\n%s", code, out, errOut)
	}
	// Totals that drifted (here by hand) are found, and rebuilt on request.
	db, err := sql.Open("sqlite", filepath.Join(dir, sqliteFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE campaign_lead_totals SET n = n + 5`); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	code, out, errOut := run(t, env, "campaign-check")
	if code != exitFailure || !strings.Contains(out, "totals  {") || !strings.Contains(errOut, "--repair") {
		t.Fatalf("check of drifted totals: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, env, "campaign-check", "--repair"); code != exitOK || !strings.Contains(out, "rebuilt") {
		t.Fatalf("repair: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := run(t, env, "campaign-check"); code != exitOK || !strings.Contains(out, "agree") {
		t.Fatalf("check after the repair: exit %d\n%s", code, out)
	}
	// The scope's own first months drift: only its figures differ, and the repair mends them.
	db, err = sql.Open("sqlite", filepath.Join(dir, sqliteFile))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := db.Exec(`UPDATE campaign_firsts SET n = n + 2 WHERE cluster = 'L1+L2'`); err != nil {
		t.Fatal(err)
	} else if n, _ := res.RowsAffected(); n == 0 {
		t.Fatal("the organiser's scope L1+L2 has no totals")
	}
	_ = db.Close()
	code, out, errOut = run(t, env, "campaign-check")
	if code != exitFailure || !strings.Contains(out, "L1+L2") || strings.Contains(out, " L1,") {
		t.Fatalf("check of a drifted scope: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, env, "campaign-check", "--repair"); code != exitOK || !strings.Contains(out, "rebuilt") {
		t.Fatalf("repair of the scope: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, _ := run(t, env, "campaign-check", "--year", "abc"); code != exitUsage {
		t.Errorf("bad year: exit %d, want %d", code, exitUsage)
	}
}
