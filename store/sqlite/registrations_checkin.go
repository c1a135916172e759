package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"duijie/domain"
	"duijie/store"
)

// checkins implements store.CheckinRepo: the scan is logged and the registration stamped in one
// transaction, so two doors scanning one badge at once cannot both admit it.
type checkins struct{ *db }

func (s *checkins) CheckIn(ctx context.Context, eventID, code, by, device string, at time.Time) (*domain.Registration, *domain.Checkin, error) {
	var (
		reg  *domain.Registration
		scan = &domain.Checkin{ID: domain.NewID(), EventID: eventID, Code: code, ScannedBy: by, Device: device, At: at}
	)
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := getReg(ctx, tx, `r.event_id = ? AND r.checkin_code = ?`, eventID, code)
		switch {
		case errors.Is(err, domain.ErrNotFound):
			scan.Result = domain.CheckinUnknown
		case err != nil:
			return err
		case r.Status != domain.RegConfirmed:
			scan.Result = domain.CheckinNotConfirmed
		case r.CheckedInAt != nil:
			scan.Result = domain.CheckinAlready
		default:
			scan.Result = domain.CheckinOK
			if _, err := tx.ExecContext(ctx, `UPDATE registrations SET checked_in_at = ?, updated_at = ? WHERE id = ?`,
				ms(at), ms(at), r.ID); err != nil {
				return dbErr("check in", err)
			}
			t := fromMs(ms(at))
			r.CheckedInAt = &t
		}
		if r != nil {
			scan.RegistrationID = r.ID
		}
		reg = r
		_, err = tx.ExecContext(ctx, `INSERT INTO checkins (id, event_id, registration_id, code, scanned_by,
			device, result, at) VALUES (?,?,?,?,?,?,?,?)`, scan.ID, eventID, scan.RegistrationID, code, by,
			device, scan.Result, ms(at))
		return dbErr("log scan", err)
	})
	if err != nil {
		return nil, nil, err
	}
	scan.At = fromMs(ms(at))
	return reg, scan, nil
}

func (s *checkins) List(ctx context.Context, eventID string, page store.Page) ([]domain.Checkin, string, int, error) {
	var w where
	w.add("event_id = ?", eventID)
	return listPage(ctx, s.db, page, listing[domain.Checkin]{
		op: "list check-ins", from: "checkins", where: w, total: true,
		cols:  "id, event_id, registration_id, code, scanned_by, device, result, at",
		order: newest("at", "id"), scan: scanCheckin,
		cursor: func(c *domain.Checkin) cursor { return cursor{N: ms(c.At), ID: c.ID} },
	})
}

func scanCheckin(row scanner) (*domain.Checkin, error) {
	var c domain.Checkin
	if err := row.Scan(&c.ID, &c.EventID, &c.RegistrationID, &c.Code, &c.ScannedBy, &c.Device, &c.Result,
		timeCol{&c.At}); err != nil {
		return nil, err
	}
	return &c, nil
}
