package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store/storetest"
)

// TestMigrationClaimsOldMeetings: a database at the schema before slot claims (migrations up to
// 0012) holds a placed meeting; migrating to the current schema gives it its claims, so a
// booking cannot sit on its firms or its table.
func TestMigrationClaimsOldMeetings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	w := schemaBefore(t, path, 13)
	ev, a, b, c := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()
	slot := storetest.Ms(time.Now().Add(24 * time.Hour))
	now := time.Now().UnixMilli()
	_, err := w.Exec(`INSERT INTO meetings (id, event_id, requester_id, recipient_id, status, open_key, slot_start, slot_end,
		table_no, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'accepted', ?, ?, ?, 1, ?, ?, ?)`,
		domain.NewID(), ev, a, b, ev+":"+a+":"+b, slot.UnixMilli(), slot.Add(20*time.Minute).UnixMilli(), now, now, now)
	storetest.Must(t, err, "old meeting")
	storetest.Must(t, w.Close(), "close raw")

	s, err := Open(path)
	storetest.Must(t, err, "open and migrate")
	t.Cleanup(func() { _ = s.Health.Close() })
	busy, err := s.Meetings.Busy(t.Context(), ev)
	storetest.Must(t, err, "busy")
	if bs := busy[slot.UnixMilli()]; !bs.Firms[a] || !bs.Firms[b] || bs.Tables != 1 {
		t.Fatalf("after the migration the slot holds %+v; want the old meeting's firms and table", bs)
	}
	claimed, clashed, err := s.Meetings.BackfillClaims(t.Context())
	if err != nil || claimed != 0 || clashed != 0 {
		t.Fatalf("backfill after the migration: %d claimed, %d clashed, %v; want nothing left", claimed, clashed, err)
	}
	m := storetest.NewMeeting(ev, c, a, 1)
	storetest.Must(t, s.Meetings.Create(t.Context(), m, 10), "request")
	end, at := slot.Add(20*time.Minute), storetest.Ms(time.Now())
	m.Status, m.SlotStart, m.SlotEnd, m.PublishedAt = domain.MeetingAccepted, &slot, &end, &at
	storetest.MustConflict(t, s.Meetings.Book(t.Context(), m, domain.MeetingRequested, 5), "slotStart", "book over an old meeting")
}
