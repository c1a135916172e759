package sqlite

import (
	"context"
	"database/sql"

	"time"

	"duijie/domain"
)

// takePlace applies a seat decision to the event's counters: seats for a confirmed
// registration, a waitlist number (returned) for a waitlisted one, nothing for a pending one.
// It runs inside the write transaction that read st, so the decision still holds.
func takePlace(ctx context.Context, tx *sql.Tx, st *seatState, eventID string, status domain.RegistrationStatus, seats int) (int64, error) {
	switch status {
	case domain.RegConfirmed:
		return 0, addCounts(ctx, tx, eventID, seats, 1, 0)
	case domain.RegWaitlisted:
		seq := st.waitSeq + 1
		if _, err := tx.ExecContext(ctx, `UPDATE events SET wait_seq = ? WHERE id = ?`, seq, eventID); err != nil {
			return 0, dbErr("draw waitlist number", err)
		}
		return seq, addCounts(ctx, tx, eventID, 0, 0, 1)
	}
	return 0, nil
}

// confirmIfOffered offers free seats to the line, and confirms regID at once when it is the one
// offered: seats may be free while those ahead need more than that, and a registration that
// just joined should not have to confirm an offer it could not have seen.
func confirmIfOffered(ctx context.Context, tx *sql.Tx, eventID, regID string, now time.Time) (bool, error) {
	offered, err := promoteTx(ctx, tx, eventID, now)
	if err != nil || offered == 0 {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE registrations SET status = 'confirmed', offer_expires_at = NULL
		WHERE id = ? AND status = 'offered'`, regID)
	if err != nil {
		return false, dbErr("confirm registration", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, addCounts(ctx, tx, eventID, 0, 1, 0)
	}
	return false, nil
}

func (s *registrations) Approve(ctx context.Context, id string, now time.Time) (*domain.Registration, error) {
	var out *domain.Registration
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := getReg(ctx, tx, `r.id = ?`, id)
		if err != nil {
			return err
		}
		if !r.Status.CanDecide() {
			return domain.Invalid("status", "eventday_not_pending")
		}
		st, err := loadSeats(ctx, tx, r.EventID)
		if err != nil {
			return err
		}
		status := domain.DecideSeat(st.state(), r.Seats(), false)
		seq, err := takePlace(ctx, tx, st, r.EventID, status, r.Seats())
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET status = ?, seq = ?, updated_at = ? WHERE id = ?`,
			status, seq, ms(now), id); err != nil {
			return dbErr("approve registration", err)
		}
		if status == domain.RegWaitlisted {
			if _, err := confirmIfOffered(ctx, tx, r.EventID, id, now); err != nil {
				return err
			}
		}
		out, err = getReg(ctx, tx, `r.id = ?`, id)
		return err
	})
	return out, err
}

func (s *registrations) Reject(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error) {
	var out *domain.Registration
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := getReg(ctx, tx, `r.id = ?`, id)
		if err != nil {
			return err
		}
		if !r.Status.CanDecide() {
			return domain.Invalid("status", "eventday_not_pending")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET status = 'rejected', cancel_reason = ?,
			cancelled_at = ?, updated_at = ? WHERE id = ?`, reason, ms(now), ms(now), id); err != nil {
			return dbErr("reject registration", err)
		}
		out, err = getReg(ctx, tx, `r.id = ?`, id)
		return err
	})
	return out, err
}
