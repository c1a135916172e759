package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"duijie/domain"
)

// writeCodes replaces the rows of attendee_codes for r. It answers false, having written
// nothing, when one of r's codes is taken by another registration of the event, so the caller
// draws new codes.
func writeCodes(ctx context.Context, tx *sql.Tx, r *domain.Registration) (bool, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM attendee_codes WHERE registration_id = ?`, r.ID); err != nil {
		return false, dbErr("clear attendee codes", err)
	}
	for i, a := range r.Attendees {
		_, err := tx.ExecContext(ctx, `INSERT INTO attendee_codes (event_id, code, registration_id, attendee)
			VALUES (?,?,?,?)`, r.EventID, a.CheckinCode, r.ID, i)
		if _, dup := uniqueColumn(err); dup {
			if _, err := tx.ExecContext(ctx, `DELETE FROM attendee_codes WHERE registration_id = ?`, r.ID); err != nil {
				return false, dbErr("clear attendee codes", err)
			}
			return false, nil
		}
		if err != nil {
			return false, dbErr("store attendee code", err)
		}
	}
	return true, nil
}

// writeCodesFresh stores r's codes, drawing new ones for all but the first attendee (whose code
// is the registration's, unique by its own constraint) until they are free at the event.
func writeCodesFresh(ctx context.Context, tx *sql.Tx, r *domain.Registration) error {
	for attempt := 0; attempt < 6; attempt++ {
		if attempt > 0 {
			domain.AssignCheckinCodes(r) // keeps r.CheckinCode, draws the others again
		}
		ok, err := writeCodes(ctx, tx, r)
		if err != nil || ok {
			return err
		}
	}
	return fmt.Errorf("sqlite: registration %s: no free check-in code", r.ID)
}
