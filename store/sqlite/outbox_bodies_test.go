package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

	"duijie/store/storetest"
)

// TestOutboxBodiesMigrate: mail queued before migration 0111 keeps its bodies and attachments
// when they move to outbox_bodies, and the outbox row no longer carries them.
func TestOutboxBodiesMigrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "duijie.db")
	w := schemaBefore(t, path, 111)
	_, err := w.Exec(`INSERT INTO outbox (id, dedup_key, kind, user_id, recipient, subject, html, text, headers, status,
		attempts, next_attempt_at, claimed_by, claimed_until, last_error, created_at, sent_at, attachments)
		VALUES ('01JOLD', 'old:1', 'instant', 'u', 'a@example.test', 'Old', '<p>旧</p>', '旧', '{}', 'pending',
		0, 1000, '', NULL, '', 1000, NULL, '[{"name":"e.ics","contentType":"text/calendar","data":"QkVHSU4="}]')`)
	storetest.Must(t, err, "queue mail the old way")
	storetest.Must(t, w.Close(), "close raw")

	s, err := Open(path)
	storetest.Must(t, err, "open migrates")
	defer s.Health.Close()
	m, err := s.Outbox.Get(t.Context(), "01JOLD")
	storetest.Must(t, err, "get migrated mail")
	if m.HTML != "<p>旧</p>" || m.Text != "旧" || len(m.Attachments) != 1 || string(m.Attachments[0].Data) != "BEGIN" {
		t.Fatalf("migrated mail: html %q text %q attachments %+v", m.HTML, m.Text, m.Attachments)
	}
	var cols int
	storetest.Must(t, rawDB(t, path).QueryRow(`SELECT count(*) FROM pragma_table_info('outbox')
		WHERE name IN ('html', 'text', 'attachments')`).Scan(&cols), "columns")
	if cols != 0 {
		t.Fatalf("outbox still has %d body columns", cols)
	}
}

// TestOutboxClaimUsesPartialIndexes: the claim's two searches go through the partial indexes
// of pending and sending rows (INDEXED BY fails the query if a change makes one unusable), and
// due messages come in index order, unsorted.
func TestOutboxClaimUsesPartialIndexes(t *testing.T) {
	s := openTemp(t)
	for q, index := range map[string]string{
		`SELECT id FROM outbox INDEXED BY outbox_pending_due WHERE status = 'pending' AND next_attempt_at <= 1 ORDER BY next_attempt_at, created_at, id LIMIT 5`: "outbox_pending_due",
		`SELECT id FROM outbox INDEXED BY outbox_sending_until WHERE status = 'sending' AND claimed_until <= 1 ORDER BY next_attempt_at, created_at, id LIMIT 5`: "outbox_sending_until",
	} {
		rows, err := s.Health.(*health).w.Query(`EXPLAIN QUERY PLAN ` + q)
		storetest.Must(t, err, "explain")
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			storetest.Must(t, rows.Scan(&id, &parent, &unused, &detail), "scan plan")
			plan = append(plan, detail)
		}
		_ = rows.Close()
		got := strings.Join(plan, "; ")
		if !strings.Contains(got, "INDEX "+index) || strings.Contains(got, "TEMP B-TREE") && index == "outbox_pending_due" {
			t.Errorf("%s\nplan %q, want %s and no sort", q, plan, index)
		}
	}
}
