package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/seed"
	"duijie/store/mongo"
	"duijie/store/mongo/mongotest"
	"duijie/store/sqlite"
)

// matchData stores two suppliers and a lead in a new embedded database under dir and returns
// the lead's ID.
func matchData(t *testing.T, dir string) string {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(dir, sqliteFile))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Health.Close()
	ctx, now := context.Background(), time.Now()
	if err := seed.Clusters(ctx, st); err != nil {
		t.Fatal(err)
	}
	for i, e := range []domain.Enterprise{
		{Name: "无锡芯源微电子有限公司", Products: []string{"车规级MCU", "电机控制芯片"}, Clusters: []string{"L2"},
			HSCodes: []string{"854231"}, Certifications: []string{"IATF16949"}, Region: "320214"},
		{Name: "无锡锦绣纺织有限公司", Products: []string{"精纺面料"}, Clusters: []string{"A2"}, Region: "320281"},
	} {
		e.ID, e.USCC = domain.NewID(), domain.CompleteUSCC("91320214MA"+strings.Repeat("1", 6)+string(rune('0'+i)))
		e.Status, e.Tier, e.CreatedAt, e.UpdatedAt = domain.EnterpriseActive, domain.TierBackbone, now, now
		if err := st.Enterprises.Create(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	l := &domain.Lead{ID: domain.NewID(), Title: "采购车规级 MCU 芯片", Description: "用于车身控制，需 IATF16949",
		Clusters: []string{"L2"}, HSCodes: []string{"854231"}, RequiredCertifications: []string{"IATF16949"},
		Status: domain.LeadOpen, BuyerName: "无锡整车厂", Currency: "CNY", CreatedAt: now, UpdatedAt: now}
	if err := st.Leads.Create(ctx, l); err != nil {
		t.Fatal(err)
	}
	return l.ID
}

func TestMatchCommand(t *testing.T) {
	dir := t.TempDir()
	id := matchData(t, dir)
	env := map[string]string{"DATA_DIR": dir, "LOG_LEVEL": "error"}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"ranking in Chinese", []string{"match", id}, 0, []string{"采购车规级 MCU 芯片", "无锡芯源微电子有限公司", "持有 IATF16949（必需）", "text +"}, ""},
		{"ranking in English, flags after the ID", []string{"match", id, "--lang", "en", "--limit", "1"}, 0,
			[]string{"holds IATF16949 (required)", "   1 "}, ""},
		{"flags before the ID", []string{"match", "--limit", "5", id}, 0, []string{"无锡芯源微电子有限公司"}, ""},
		{"help", []string{"match", "--help"}, 0, []string{"LEAD_ID", "--limit"}, ""},
		{"no lead ID", []string{"match"}, 2, nil, "missing LEAD_ID"},
		{"limit out of range", []string{"match", id, "--limit", "0"}, 2, nil, "--limit must be between 1 and 100"},
		{"bad language", []string{"match", id, "--lang", "fr"}, 2, nil, "--lang must be zh-CN or en"},
		{"two IDs", []string{"match", id, "other"}, 2, nil, `unexpected argument "other"`},
		{"unknown lead", []string{"match", domain.NewID()}, 1, nil, "match: no lead"},
		{"a lead and --all-open", []string{"match", id, "--all-open"}, 2, nil, "not both"},
		{"all open leads", []string{"match", "--all-open"}, 0, []string{"1 open leads ranked; 1 new matches stored."}, ""},
		{"again: nothing new", []string{"match", "--all-open"}, 0, []string{"0 new matches stored."}, ""},
		{"the stored match shows", []string{"match", id}, 0, []string{" sent ", "无锡芯源微电子有限公司"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, env, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tc.code, stdout, stderr)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tc.stderr)
			}
			if strings.Contains(stdout, "无锡锦绣纺织有限公司") {
				t.Errorf("a supplier that does not fit is listed:\n%s", stdout)
			}
		})
	}
}

// Matches move to MongoDB whole, and a second run finds them there.
func TestMigrateMatches(t *testing.T) {
	ctx := context.Background()
	src := openDataDir(t, t.TempDir())
	defer src.Health.Close()
	now := time.Now()
	batch := []domain.Match{{LeadID: "lead-1", EnterpriseID: "ent-1", EnterpriseName: "供应商", Clusters: []string{"L2"},
		Rank: 1, Score: 7.5, Status: domain.MatchProposed, CreatedAt: now, UpdatedAt: now}}
	if _, err := src.Matches.Put(ctx, batch); err != nil {
		t.Fatal(err)
	}
	m := batch[0]
	if err := m.Send(now); err != nil {
		t.Fatal(err)
	}
	if err := src.Matches.Update(ctx, &m, domain.MatchProposed); err != nil {
		t.Fatal(err)
	}
	uri := mongotest.URI(t)
	dst, err := mongo.Open(ctx, uri, mongotest.FreshDatabase(t, uri))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Health.Close()
	for i, want := range []tally{{copied: 1}, {skipped: 1}} {
		got, err := copyMatches(ctx, src, dst)
		if err != nil || got != want {
			t.Fatalf("run %d: %+v %v, want %+v", i+1, got, err, want)
		}
	}
	got, err := dst.Matches.Get(ctx, m.ID)
	if err != nil || got.Status != domain.MatchSent || got.SentAt == nil || len(got.History) != 1 {
		t.Fatalf("migrated match: %+v %v", got, err)
	}
}
