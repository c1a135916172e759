package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"duijie/domain"
	"duijie/store"
)

// checkins implements store.CheckinRepo: the scan is logged and the attendee stamped in one
// transaction, so two doors scanning one badge at once cannot both admit it.
type checkins struct{ *db }

// batchChunk bounds one write transaction of a batch, so a sync of thousands of scans does not
// hold the writer for long while registrations wait.
const batchChunk = 500

func (s *checkins) CheckIn(ctx context.Context, eventID, code, by, device string, at time.Time) (*domain.Registration, *domain.Checkin, error) {
	out, err := s.CheckInMany(ctx, eventID, []domain.CheckinScan{{Code: code, By: by, Device: device, At: at}})
	if err != nil {
		return nil, nil, err
	}
	return out[0].Registration, out[0].Scan, nil
}

func (s *checkins) CheckInMany(ctx context.Context, eventID string, scans []domain.CheckinScan) ([]domain.CheckinOutcome, error) {
	out := make([]domain.CheckinOutcome, 0, len(scans))
	for len(scans) > 0 {
		chunk := scans[:min(len(scans), batchChunk)]
		scans = scans[len(chunk):]
		var done []domain.CheckinOutcome
		err := s.write(ctx, func(tx *sql.Tx) error {
			done = done[:0]
			for _, sc := range chunk {
				o, err := checkInTx(ctx, tx, eventID, sc)
				if err != nil {
					return err
				}
				done = append(done, o)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		out = append(out, done...)
	}
	return out, nil
}

// checkInTx applies one scan: finds whose code it is, lets domain.DecideCheckin decide, writes
// the attendee's time (and the registration's first check-in) and logs the scan.
func checkInTx(ctx context.Context, tx *sql.Tx, eventID string, sc domain.CheckinScan) (domain.CheckinOutcome, error) {
	at := fromMs(ms(sc.At))
	scan := &domain.Checkin{ID: domain.NewID(), EventID: eventID, Code: sc.Code, ScannedBy: sc.By, Device: sc.Device, At: at}
	o := domain.CheckinOutcome{Attendee: -1, Scan: scan}
	var regID string
	err := tx.QueryRowContext(ctx, `SELECT registration_id FROM attendee_codes WHERE event_id = ? AND code = ?`,
		eventID, sc.Code).Scan(&regID)
	var r *domain.Registration
	if err == nil {
		r, err = getReg(ctx, tx, `r.id = ?`, regID)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows), errors.Is(err, domain.ErrNotFound):
		scan.Result = domain.CheckinUnknown
	case err != nil:
		return o, dbErr("find check-in code", err)
	default:
		o.Attendee = r.AttendeeByCode(sc.Code)
		if o.Attendee < 0 {
			scan.Result = domain.CheckinUnknown // the lookup row outlived an edit of attendees
			r = nil
			break
		}
		a := &r.Attendees[o.Attendee]
		d := domain.DecideCheckin(r.Status, a.CheckedInAt, at)
		scan.Result = d.Result
		if d.Stamp {
			t := d.At
			a.CheckedInAt = &t
			r.CheckedInAt = r.FirstCheckin()
			if _, err := tx.ExecContext(ctx, `UPDATE registrations SET attendees = ?, checked_in_at = ?,
				updated_at = ? WHERE id = ?`, attendeesJSON(r.Attendees), msOrNull(r.CheckedInAt), ms(at), r.ID); err != nil {
				return o, dbErr("check in", err)
			}
		}
		scan.RegistrationID = r.ID
	}
	o.Registration = r
	_, err = tx.ExecContext(ctx, `INSERT INTO checkins (id, event_id, registration_id, code, scanned_by,
		device, result, at) VALUES (?,?,?,?,?,?,?,?)`, scan.ID, eventID, scan.RegistrationID, sc.Code, sc.By,
		sc.Device, scan.Result, ms(at))
	return o, dbErr("log scan", err)
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
