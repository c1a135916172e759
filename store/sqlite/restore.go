package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"duijie/domain"
)

// The Restore methods take records copied from another installation (`duijie migrate`) as they
// were. Each batch is one transaction, and ON CONFLICT (id) DO NOTHING makes a repeated batch
// store nothing twice while any other clash (a check-in code, a second registration of one
// enterprise) still fails loudly.

// affected adds the rows one INSERT … DO NOTHING stored to *n.
func affected(n *int, res sql.Result, op string, err error) error {
	if err != nil {
		return dbErr(op, err)
	}
	k, err := res.RowsAffected()
	if err != nil {
		return dbErr(op, err)
	}
	*n += int(k)
	return nil
}

func (r *events) RestoreChanges(ctx context.Context, changes []domain.EventChange) (int, error) {
	n := 0
	err := r.write(ctx, func(tx *sql.Tx) error {
		n = 0
		for _, c := range changes {
			res, err := tx.ExecContext(ctx, `INSERT INTO event_changes (id, event_id, field, old, new, at, by,
				notified_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING`, c.ID, c.EventID, c.Field,
				c.Old, c.New, ms(c.At), c.By, msOrNull(c.NotifiedAt))
			if err := affected(&n, res, "restore event change", err); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// waitSeq is the waitlist number a restored registration gets: its place in the line, so the
// line keeps its order; other statuses are not in the line.
func waitSeq(r *domain.Registration) int64 {
	if r.Status == domain.RegWaitlisted {
		return int64(r.Position)
	}
	return 0
}

func (s *registrations) Restore(ctx context.Context, eventID string, regs []domain.Registration) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *sql.Tx) error {
		n = 0
		if err := exists(ctx, tx, "events", eventID, "restore registrations"); err != nil {
			return err
		}
		for i := range regs {
			r := &regs[i]
			if r.EventID != eventID {
				return fmt.Errorf("sqlite: restore registration %s: it belongs to event %s, not %s", r.ID, r.EventID, eventID)
			}
			domain.EnsureAttendeeCodes(r)
			res, err := tx.ExecContext(ctx, `INSERT INTO registrations (id, event_id, enterprise_id,
				enterprise_name, status, seats, seq, offer_expires_at, attendees, checkin_code, checked_in_at,
				created_by, cancel_reason, cancelled_at, search, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING`,
				r.ID, r.EventID, r.EnterpriseID, r.EnterpriseName, r.Status, r.Seats(), waitSeq(r),
				msOrNull(r.OfferExpiresAt), attendeesJSON(r.Attendees), r.CheckinCode, msOrNull(r.CheckedInAt),
				r.CreatedBy, r.CancelReason, msOrNull(r.CancelledAt), regSearch(r), ms(r.CreatedAt), ms(r.UpdatedAt))
			before := n
			if err := affected(&n, res, "restore registration", err); err != nil {
				return err
			}
			if n > before {
				if err := writeCodesFresh(ctx, tx, r); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE registrations SET attendees = ? WHERE id = ?`,
					attendeesJSON(r.Attendees), r.ID); err != nil {
					return dbErr("restore attendee codes", err)
				}
			}
		}
		// The counters are recomputed whole rather than moved by what was inserted, so a run
		// that stopped halfway is put right by the next.
		_, err := tx.ExecContext(ctx, `UPDATE events SET
			seats_taken = (SELECT COALESCE(SUM(seats), 0) FROM registrations
				WHERE event_id = ? AND status IN ('confirmed', 'offered')),
			confirmed_count = (SELECT COUNT(*) FROM registrations WHERE event_id = ? AND status = 'confirmed'),
			waitlisted_count = (SELECT COUNT(*) FROM registrations WHERE event_id = ? AND status = 'waitlisted'),
			wait_seq = MAX(wait_seq, (SELECT COALESCE(MAX(seq), 0) FROM registrations WHERE event_id = ?))
			WHERE id = ?`, eventID, eventID, eventID, eventID, eventID)
		return dbErr("restore event counters", err)
	})
	return n, err
}

func (s *checkins) Restore(ctx context.Context, scans []domain.Checkin) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *sql.Tx) error {
		n = 0
		for _, c := range scans {
			res, err := tx.ExecContext(ctx, `INSERT INTO checkins (id, event_id, registration_id, code, scanned_by,
				device, result, at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING`, c.ID, c.EventID,
				c.RegistrationID, c.Code, c.ScannedBy, c.Device, c.Result, ms(c.At))
			if err := affected(&n, res, "restore scan", err); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

func (s *calendars) Find(ctx context.Context, userID string) (string, error) {
	var tok string
	err := s.r.QueryRowContext(ctx, `SELECT token FROM calendar_tokens WHERE user_id = ?`, userID).Scan(&tok)
	return tok, dbErr("get calendar token", err)
}

func (s *calendars) Restore(ctx context.Context, userID, token string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `INSERT INTO calendar_tokens (user_id, token, created_at) VALUES (?,?,?)
		ON CONFLICT (user_id) DO NOTHING`, userID, token, ms(time.Now()))
	n := 0
	if err := affected(&n, res, "restore calendar token", err); err != nil {
		return false, err
	}
	return n == 1, nil
}

// Restore skips a message whose ID or dedup key is stored: either way the mail is there.
func (r *outbox) Restore(ctx context.Context, msgs []domain.OutboxMessage) (int, error) {
	n := 0
	err := r.write(ctx, func(tx *sql.Tx) error {
		n = 0
		for _, m := range msgs {
			res, err := tx.ExecContext(ctx, `INSERT INTO outbox (`+outboxCols+`) VALUES (`+outboxPlaceholders+`)
				ON CONFLICT DO NOTHING`, outboxArgs(&m)...)
			before := n
			if err := affected(&n, res, "restore mail", err); err != nil {
				return err
			}
			if n > before {
				if err := insertBody(ctx, tx, &m); err != nil {
					return dbErr("restore mail", err)
				}
			}
		}
		return nil
	})
	return n, err
}
