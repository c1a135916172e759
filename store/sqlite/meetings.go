package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"duijie/domain"
	"duijie/store"
)

type meetings struct{ *db }

const meetingCols = `id, event_id, requester_id, requester_name, recipient_id, recipient_name, match_id, score,
	message, status, open_key, slot_start, slot_end, table_no, published_at, responded_at, cancelled_by, created_by,
	created_at, updated_at, requested_slot, video_link, requester_feedback, recipient_feedback`

func scanMeeting(row scanner) (*domain.Meeting, error) {
	var m domain.Meeting
	var openKey string
	err := row.Scan(&m.ID, &m.EventID, &m.RequesterID, &m.RequesterName, &m.RecipientID, &m.RecipientName,
		&m.MatchID, &m.Score, &m.Message, &m.Status, &openKey, timePtrCol{&m.SlotStart}, timePtrCol{&m.SlotEnd},
		&m.Table, timePtrCol{&m.PublishedAt}, timePtrCol{&m.RespondedAt}, &m.CancelledBy, &m.CreatedBy,
		timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt}, timePtrCol{&m.RequestedSlot}, &m.VideoLink,
		jsonCol[*domain.MeetingFeedback]{&m.RequesterFeedback}, jsonCol[*domain.MeetingFeedback]{&m.RecipientFeedback})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

func meetingArgs(m *domain.Meeting) []any {
	return []any{m.ID, m.EventID, m.RequesterID, m.RequesterName, m.RecipientID, m.RecipientName, m.MatchID,
		m.Score, m.Message, m.Status, m.OpenKey(), msOrNull(m.SlotStart), msOrNull(m.SlotEnd), m.Table,
		msOrNull(m.PublishedAt), msOrNull(m.RespondedAt), m.CancelledBy, m.CreatedBy, ms(m.CreatedAt),
		ms(m.UpdatedAt), msOrNull(m.RequestedSlot), m.VideoLink, feedbackArg(m.RequesterFeedback),
		feedbackArg(m.RecipientFeedback)}
}

// feedbackArg is a side's feedback as JSON, NULL until it is given.
func feedbackArg(f *domain.MeetingFeedback) sql.NullString {
	if f == nil {
		return sql.NullString{}
	}
	x := *f
	x.At = x.At.UTC().Truncate(time.Millisecond) // as every other time the engines give back
	return sql.NullString{String: jsonArg(x), Valid: true}
}

// meetingErr reports a clash on the open pair as the duplicate request it is.
func meetingErr(op string, err error) error {
	if col, ok := uniqueColumn(err); ok && col == "open_key" {
		return domain.Conflict("with", "meeting_duplicate")
	}
	return dbErr(op, err)
}

func (r *meetings) Create(ctx context.Context, m *domain.Meeting, quota int) error {
	stamp(&m.ID, &m.CreatedAt, &m.UpdatedAt)
	if m.Status == "" {
		m.Status = domain.MeetingRequested
	}
	return r.write(ctx, func(tx *sql.Tx) error {
		var sent int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM meetings WHERE event_id = ? AND requester_id = ?`,
			m.EventID, m.RequesterID).Scan(&sent); err != nil {
			return dbErr("count meeting requests", err)
		}
		if sent >= quota {
			return domain.Invalid("with", "meeting_quota", quota)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO meetings (`+meetingCols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, meetingArgs(m)...)
		return meetingErr("create meeting", err)
	})
}

func (r *meetings) Get(ctx context.Context, id string) (*domain.Meeting, error) {
	m, err := scanMeeting(r.r.QueryRowContext(ctx, `SELECT `+meetingCols+` FROM meetings WHERE id = ?`, id))
	return m, dbErr("get meeting", err)
}

func (r *meetings) Update(ctx context.Context, m *domain.Meeting, expect domain.MeetingStatus) error {
	return r.write(ctx, func(tx *sql.Tx) error {
		a := meetingArgs(m)
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET requester_name = ?, recipient_name = ?, match_id = ?,
			score = ?, message = ?, status = ?, open_key = ?, slot_start = ?, slot_end = ?, table_no = ?,
			published_at = ?, responded_at = ?, cancelled_by = ?, updated_at = ?, requested_slot = ?, video_link = ?
			WHERE id = ? AND status = ?`,
			a[3], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[19], a[20], a[21],
			m.ID, expect)
		if err != nil {
			return meetingErr("update meeting", err)
		}
		if err := statusMoved(ctx, tx, res, nil, "meetings", m.ID, "update meeting", "meeting_status_changed"); err != nil {
			return err
		}
		if m.Status != domain.MeetingAccepted || !m.Scheduled() {
			return releaseClaims(ctx, tx, m.ID)
		}
		return nil
	})
}

func (r *meetings) List(ctx context.Context, f store.MeetingFilter) ([]domain.Meeting, error) {
	var w where
	if f.EventID != "" {
		w.add("event_id = ?", f.EventID)
	}
	if f.EnterpriseID != "" {
		w.add("(requester_id = ? OR recipient_id = ?)", f.EnterpriseID, f.EnterpriseID)
	}
	if !f.SlotFrom.IsZero() {
		w.add("slot_start >= ?", ms(f.SlotFrom))
	}
	if !f.SlotUntil.IsZero() {
		w.add("slot_start < ?", ms(f.SlotUntil))
	}
	if len(f.Statuses) > 0 {
		vals := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			vals[i] = string(s)
		}
		w.in("status", vals)
	}
	out, err := queryAll(ctx, r.r, scanMeeting, `SELECT `+meetingCols+` FROM meetings`+w.sql()+
		` ORDER BY created_at DESC, id DESC`, w.args...)
	return out, dbErr("list meetings", err)
}

func (r *meetings) Schedule(ctx context.Context, eventID string, slots []domain.MeetingSlot, at time.Time) (int, error) {
	placed := 0
	err := r.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET slot_start = NULL, slot_end = NULL, table_no = 0,
			updated_at = ? WHERE event_id = ? AND published_at IS NULL AND slot_start IS NOT NULL`,
			ms(at), eventID); err != nil {
			return dbErr("clear meeting slots", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_claims WHERE event_id = ? AND draft = 1`, eventID); err != nil {
			return dbErr("clear draft claims", err)
		}
		for _, s := range slots {
			var who [2]string
			if err := tx.QueryRowContext(ctx, `SELECT requester_id, recipient_id FROM meetings WHERE id = ? AND event_id = ?
				AND status = ? AND published_at IS NULL`, s.MeetingID, eventID, domain.MeetingAccepted).Scan(&who[0], &who[1]); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					continue
				}
				return dbErr("place meeting", err)
			}
			ok, err := claim(ctx, tx, eventID, s.MeetingID, s.Start, true, "f:"+who[0], "f:"+who[1], tableHolder(s.Table))
			if err != nil {
				return err
			}
			if !ok {
				continue // booked meanwhile by members: the draft leaves it unplaced
			}
			res, err := tx.ExecContext(ctx, `UPDATE meetings SET slot_start = ?, slot_end = ?, table_no = ?,
				updated_at = ? WHERE id = ? AND event_id = ? AND status = ? AND published_at IS NULL`,
				ms(s.Start), ms(s.End), s.Table, ms(at), s.MeetingID, eventID, domain.MeetingAccepted)
			if err != nil {
				return dbErr("place meeting", err)
			}
			n, _ := res.RowsAffected()
			placed += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return placed, nil
}

func (r *meetings) Publish(ctx context.Context, eventID string, at time.Time) (int, error) {
	n := 0
	err := r.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET published_at = ?, updated_at = ?
			WHERE event_id = ? AND status = ? AND slot_start IS NOT NULL AND published_at IS NULL`,
			ms(at), ms(at), eventID, domain.MeetingAccepted)
		if err != nil {
			return dbErr("publish meetings", err)
		}
		k, _ := res.RowsAffected()
		n = int(k)
		_, err = tx.ExecContext(ctx, `UPDATE meeting_claims SET draft = 0 WHERE event_id = ? AND draft = 1`, eventID)
		return dbErr("publish meeting claims", err)
	})
	return n, err
}
