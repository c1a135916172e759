package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"duijie/domain"
	"duijie/store"
)

func tableHolder(n int) string { return "t:" + strconv.Itoa(n) }

// claim inserts the holders of one meeting at one slot, all or none; false when one is taken.
// It runs inside the caller's write transaction, which SQLite serialises, so a check then an
// insert cannot interleave with another writer.
func claim(ctx context.Context, tx *sql.Tx, eventID, meetingID string, slot time.Time, draft bool, holders ...string) (bool, error) {
	d := 0
	if draft {
		d = 1
	}
	for _, h := range holders {
		res, err := tx.ExecContext(ctx, `INSERT INTO meeting_claims (event_id, slot_start, holder, meeting_id, draft)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, eventID, ms(slot), h, meetingID, d)
		if err != nil {
			return false, dbErr("claim meeting slot", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			// Undo this meeting's rows of this slot: the caller's transaction goes on.
			if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_claims WHERE meeting_id = ? AND event_id = ?
				AND slot_start = ?`, meetingID, eventID, ms(slot)); err != nil {
				return false, dbErr("undo meeting claim", err)
			}
			return false, nil
		}
	}
	return true, nil
}

func releaseClaims(ctx context.Context, tx *sql.Tx, meetingID string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM meeting_claims WHERE meeting_id = ?`, meetingID)
	return dbErr("release meeting claims", err)
}

func (r *meetings) Book(ctx context.Context, m *domain.Meeting, expect domain.MeetingStatus, tables int) error {
	if !m.Scheduled() {
		return domain.Invalid("slotStart", "required")
	}
	return r.write(ctx, func(tx *sql.Tx) error {
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM meetings WHERE id = ?`, m.ID).Scan(&status); err != nil {
			return dbErr("book meeting", err)
		}
		if domain.MeetingStatus(status) != expect {
			return domain.Conflict("status", "meeting_status_changed")
		}
		busy, err := slotBusy(ctx, tx, m.EventID, *m.SlotStart)
		if err != nil {
			return err
		}
		if busy.Firms[m.RequesterID] || busy.Firms[m.RecipientID] {
			return domain.Conflict("slotStart", "meet2_slot_busy")
		}
		table := 0
		for t := 1; t <= tables && table == 0; t++ {
			if !busy.tables[t] {
				table = t
			}
		}
		if table == 0 {
			return domain.Conflict("slotStart", "meet2_slot_full")
		}
		ok, err := claim(ctx, tx, m.EventID, m.ID, *m.SlotStart, false, "f:"+m.RequesterID, "f:"+m.RecipientID, tableHolder(table))
		if err != nil {
			return err
		}
		if !ok {
			return domain.Conflict("slotStart", "meet2_slot_busy")
		}
		m.Table = table
		a := meetingArgs(m)
		_, err = tx.ExecContext(ctx, `UPDATE meetings SET status = ?, open_key = ?, slot_start = ?, slot_end = ?,
			table_no = ?, published_at = ?, responded_at = ?, updated_at = ?, video_link = ? WHERE id = ?`,
			a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[19], a[21], m.ID)
		return meetingErr("book meeting", err)
	})
}

// busySlot is one slot's occupancy with the table numbers taken.
type busySlot struct {
	domain.SlotBusy
	tables map[int]bool
}

func slotBusy(ctx context.Context, q querier, eventID string, slot time.Time) (busySlot, error) {
	out := busySlot{SlotBusy: domain.SlotBusy{Firms: map[string]bool{}}, tables: map[int]bool{}}
	rows, err := q.QueryContext(ctx, `SELECT holder FROM meeting_claims WHERE event_id = ? AND slot_start = ?`,
		eventID, ms(slot))
	if err != nil {
		return out, dbErr("read slot", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return out, dbErr("read slot", err)
		}
		addHolder(&out.SlotBusy, out.tables, h)
	}
	return out, dbErr("read slot", rows.Err())
}

func addHolder(b *domain.SlotBusy, tables map[int]bool, h string) {
	if id, ok := strings.CutPrefix(h, "f:"); ok {
		b.Firms[id] = true
		return
	}
	if n, ok := strings.CutPrefix(h, "t:"); ok {
		b.Tables++
		if tables != nil {
			t, _ := strconv.Atoi(n)
			tables[t] = true
		}
	}
}

func (r *meetings) Busy(ctx context.Context, eventID string) (map[int64]domain.SlotBusy, error) {
	out := map[int64]domain.SlotBusy{}
	err := groupRows(ctx, r.r, `SELECT slot_start, holder FROM meeting_claims WHERE event_id = ?`, []any{eventID},
		func(rows *sql.Rows) error {
			var at int64
			var h string
			if err := rows.Scan(&at, &h); err != nil {
				return err
			}
			b := out[at]
			if b.Firms == nil {
				b.Firms = map[string]bool{}
			}
			addHolder(&b, nil, h)
			out[at] = b
			return nil
		})
	return out, dbErr("meeting slots busy", err)
}

func (r *meetings) Feedback(ctx context.Context, id, side string, f domain.MeetingFeedback) error {
	col := "requester_feedback"
	if side == "recipient" {
		col = "recipient_feedback"
	}
	return r.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET `+col+` = ? WHERE id = ? AND `+col+` IS NULL`, feedbackArg(&f), id)
		if err != nil {
			return dbErr("meeting feedback", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		if err := exists(ctx, tx, "meetings", id, "meeting feedback"); err != nil {
			return err
		}
		return domain.Conflict("status", "meet2_feedback_twice")
	})
}

func (r *meetings) SetWindows(ctx context.Context, eventID string, ws []domain.MeetingWindow, at time.Time) error {
	if ws == nil {
		ws = []domain.MeetingWindow{}
	}
	_, err := r.w.ExecContext(ctx, `INSERT INTO meeting_windows (event_id, windows, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (event_id) DO UPDATE SET windows = excluded.windows, updated_at = excluded.updated_at`,
		eventID, jsonArg(ws), ms(at))
	return dbErr("set meeting windows", err)
}

func (r *meetings) Windows(ctx context.Context, eventID string) ([]domain.MeetingWindow, error) {
	ws := []domain.MeetingWindow{}
	err := r.r.QueryRowContext(ctx, `SELECT windows FROM meeting_windows WHERE event_id = ?`, eventID).
		Scan(jsonCol[[]domain.MeetingWindow]{&ws})
	if err == sql.ErrNoRows {
		return []domain.MeetingWindow{}, nil
	}
	for i := range ws {
		w := &ws[i]
		w.From, w.Until = w.From.UTC(), w.Until.UTC()
		for j := range w.Breaks {
			w.Breaks[j].From, w.Breaks[j].Until = w.Breaks[j].From.UTC(), w.Breaks[j].Until.UTC()
		}
	}
	return ws, dbErr("meeting windows", err)
}

func (r *meetings) SetOptIn(ctx context.Context, eventID, enterpriseID string, in bool, at time.Time) error {
	_, err := r.w.ExecContext(ctx, `INSERT INTO meeting_optins (event_id, enterprise_id, opt_in, updated_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (event_id, enterprise_id) DO UPDATE SET opt_in = excluded.opt_in,
		updated_at = excluded.updated_at`, eventID, enterpriseID, in, ms(at))
	return dbErr("set meeting opt-in", err)
}

func (r *meetings) OptedIn(ctx context.Context, eventID string) (map[string]bool, error) {
	out := map[string]bool{}
	err := groupRows(ctx, r.r, `SELECT enterprise_id FROM meeting_optins WHERE event_id = ? AND opt_in = 1`,
		[]any{eventID}, func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out[id] = true
			return nil
		})
	return out, dbErr("meeting opt-ins", err)
}

func (r *meetings) Claim(ctx context.Context, m *domain.Meeting) (bool, error) {
	if m.Status != domain.MeetingAccepted || !m.Scheduled() {
		return false, nil
	}
	ok := false
	err := r.write(ctx, func(tx *sql.Tx) error {
		var err error
		ok, err = claim(ctx, tx, m.EventID, m.ID, *m.SlotStart, m.PublishedAt == nil, placeHolders(m)...)
		return err
	})
	return ok, err
}

func (r *meetings) Held(ctx context.Context, w store.CampaignWindow) (int, error) {
	if w.Clusters != nil && len(w.Clusters) == 0 {
		return 0, nil
	}
	var q where
	q.add("m.status = ?", domain.MeetingAccepted)
	q.add("m.slot_start >= ? AND m.slot_start < ?", ms(w.From), ms(w.Until))
	q.add("(json_extract(m.requester_feedback, '$.held') = 1 OR json_extract(m.recipient_feedback, '$.held') = 1)")
	if w.Clusters != nil {
		q.in("e.cluster", w.Clusters)
	}
	n := 0
	err := r.r.QueryRowContext(ctx, `SELECT count(*) FROM meetings m JOIN events e ON e.id = m.event_id`+q.sql(), q.args...).Scan(&n)
	return n, dbErr("count held meetings", err)
}
