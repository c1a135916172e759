package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"duijie/domain"
	"duijie/store"
)

// registrations implements store.RegistrationRepo. Every operation that moves seats runs in one
// BEGIN IMMEDIATE transaction on the single writer connection: it reads the event's counters,
// decides, and writes the registration and the counters together, so concurrent requests are
// serialised and capacity cannot be exceeded.
type registrations struct{ *db }

// position is the rank among the event's waitlisted registrations, computed when read.
const regCols = `r.id, r.event_id, r.enterprise_id, r.enterprise_name, r.status, r.offer_expires_at,
	r.attendees, r.checkin_code, r.checked_in_at, r.created_by, r.cancel_reason, r.cancelled_at,
	r.created_at, r.updated_at, r.answers,
	CASE WHEN r.status = 'waitlisted' THEN (SELECT COUNT(*) FROM registrations w
		WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.seq <= r.seq) ELSE 0 END`

func scanReg(row scanner) (*domain.Registration, error) {
	var r domain.Registration
	var attendees, answers string
	if err := row.Scan(&r.ID, &r.EventID, &r.EnterpriseID, &r.EnterpriseName, &r.Status,
		timePtrCol{&r.OfferExpiresAt}, &attendees, &r.CheckinCode, timePtrCol{&r.CheckedInAt},
		&r.CreatedBy, &r.CancelReason, timePtrCol{&r.CancelledAt}, timeCol{&r.CreatedAt},
		timeCol{&r.UpdatedAt}, &answers, &r.Position); err != nil {
		return nil, err
	}
	if answers != "" && answers != "{}" {
		if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
			return nil, fmt.Errorf("answers of registration %s: %w", r.ID, err)
		}
	}
	r.Attendees = []domain.Attendee{}
	if err := json.Unmarshal([]byte(attendees), &r.Attendees); err != nil {
		return nil, fmt.Errorf("attendees of registration %s: %w", r.ID, err)
	}
	return &r, nil
}

func getReg(ctx context.Context, q querier, cond string, args ...any) (*domain.Registration, error) {
	r, err := scanReg(q.QueryRowContext(ctx, `SELECT `+regCols+` FROM registrations r WHERE `+cond, args...))
	return r, dbErr("get registration", err)
}

func attendeesJSON(a []domain.Attendee) string {
	if a == nil {
		a = []domain.Attendee{}
	}
	b, _ := json.Marshal(a) // plain strings: cannot fail
	return string(b)
}

// answersJSON encodes a registration's answers; none is "{}".
func answersJSON(a map[string]any) string {
	if len(a) == 0 {
		return "{}"
	}
	b, err := json.Marshal(a)
	if err != nil {
		return "{}" // strings and lists of strings only (domain.ValidateAnswers): cannot happen
	}
	return string(b)
}

func regSearch(r *domain.Registration) string {
	parts := []string{r.EnterpriseName}
	for _, a := range r.Attendees {
		parts = append(parts, a.Name, a.Email, a.Mobile)
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

// seatState is the part of an event the seat accounting needs, read inside the transaction.
type seatState struct {
	ev        domain.Event
	waitSeq   int64
	waitlists int
}

func loadSeats(ctx context.Context, tx *sql.Tx, eventID string) (*seatState, error) {
	var s seatState
	e := &s.ev
	err := tx.QueryRowContext(ctx, `SELECT id, status, capacity, seats_taken, confirmed_count,
		waitlisted_count, wait_seq, max_per_enterprise, starts_at, ends_at, timezone,
		registration_opens_at, registration_closes_at, approval FROM events WHERE id = ?`, eventID).Scan(
		&e.ID, &e.Status, &e.Capacity, &e.SeatsTaken, &e.ConfirmedCount, &s.waitlists, &s.waitSeq,
		&e.MaxAttendeesPerEnterprise, timeCol{&e.StartsAt}, timeCol{&e.EndsAt}, &e.Timezone,
		timePtrCol{&e.RegistrationOpensAt}, timePtrCol{&e.RegistrationClosesAt}, &e.Approval)
	if err != nil {
		return nil, dbErr("load event seats", err)
	}
	e.WaitlistedCount = s.waitlists
	return &s, nil
}

// state is what domain.DecideSeat reads.
func (s *seatState) state() domain.SeatState {
	return domain.SeatState{Capacity: s.ev.Capacity, Taken: s.ev.SeatsTaken, Waiting: s.waitlists}
}

// addCounts moves the event's counters by the given deltas.
func addCounts(ctx context.Context, tx *sql.Tx, eventID string, seats, confirmed, waitlisted int) error {
	_, err := tx.ExecContext(ctx, `UPDATE events SET seats_taken = seats_taken + ?,
		confirmed_count = confirmed_count + ?, waitlisted_count = waitlisted_count + ? WHERE id = ?`,
		seats, confirmed, waitlisted, eventID)
	return dbErr("update event counters", err)
}

func (s *registrations) Register(ctx context.Context, in *domain.Registration, now time.Time) (*domain.Registration, bool, error) {
	var (
		out     *domain.Registration
		created bool
	)
	err := s.write(ctx, func(tx *sql.Tx) error {
		st, err := loadSeats(ctx, tx, in.EventID)
		if err != nil {
			return err
		}
		prev, err := getReg(ctx, tx, `r.event_id = ? AND r.enterprise_id = ?`, in.EventID, in.EnterpriseID)
		if errors.Is(err, domain.ErrNotFound) {
			prev, err = nil, nil
		}
		if err != nil {
			return err
		}
		plan, err := domain.PlanRegistration(&st.ev, st.state(), prev, in, now)
		if err != nil || plan.Existing != nil {
			out = plan.Existing // a repeat, or a decision an organiser took: returned as it is
			return err
		}
		r := plan.Reg
		seats := r.Seats()
		seq, err := takePlace(ctx, tx, st, r.EventID, r.Status, seats)
		if err != nil {
			return err
		}
		if plan.Reopen { // a cancelled registration comes back under its old ID
			if err := writeCodesFresh(ctx, tx, &r); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE registrations SET enterprise_name = ?, status = ?, seats = ?,
				seq = ?, offer_expires_at = NULL, attendees = ?, checked_in_at = NULL, created_by = ?,
				cancel_reason = '', cancelled_at = NULL, search = ?, created_at = ?, updated_at = ?, answers = ? WHERE id = ?`,
				r.EnterpriseName, r.Status, seats, seq, attendeesJSON(r.Attendees), r.CreatedBy,
				regSearch(&r), ms(r.CreatedAt), ms(now), answersJSON(r.Answers), r.ID)
			if err != nil {
				return dbErr("reopen registration", err)
			}
		} else {
			if r.ID == "" {
				r.ID = domain.NewID()
			}
			if err := insertReg(ctx, tx, &r, seats, seq); err != nil {
				return err
			}
		}
		created = true
		if r.Status == domain.RegWaitlisted {
			moved, err := confirmIfOffered(ctx, tx, r.EventID, r.ID, now)
			if err != nil || moved {
				if err == nil {
					out, err = getReg(ctx, tx, `r.id = ?`, r.ID)
				}
				return err
			}
			// Still waiting, and last in line: its place is the length of the line.
			r.Position = st.waitlists + 1
		}
		r.CreatedAt, r.UpdatedAt = fromMs(ms(r.CreatedAt)), fromMs(ms(now))
		r.Attendees = append([]domain.Attendee{}, r.Attendees...)
		out = &r
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return out, created, nil
}

// insertReg stores a new registration, drawing another check-in code in the unlikely event that
// the first one is already used at this event.
func insertReg(ctx context.Context, tx *sql.Tx, r *domain.Registration, seats int, seq int64) error {
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			r.CheckinCode = ""
			domain.AssignCheckinCodes(r)
		}
		ok, err := writeCodes(ctx, tx, r)
		if err != nil {
			return err
		}
		if !ok && attempt < 5 {
			continue
		}
		if !ok {
			return fmt.Errorf("sqlite: create registration: no free check-in code after %d draws", attempt+1)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO registrations (id, event_id, enterprise_id, enterprise_name,
			status, seats, seq, attendees, checkin_code, created_by, search, created_at, updated_at, answers)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, r.ID, r.EventID, r.EnterpriseID, r.EnterpriseName, r.Status,
			seats, seq, attendeesJSON(r.Attendees), r.CheckinCode, r.CreatedBy, regSearch(r),
			ms(r.CreatedAt), ms(r.UpdatedAt), answersJSON(r.Answers))
		if col, dup := uniqueColumn(err); dup && col == "checkin_code" && attempt < 5 {
			continue
		}
		return dbErr("create registration", err)
	}
}

func (s *registrations) Get(ctx context.Context, id string) (*domain.Registration, error) {
	return getReg(ctx, s.r, `r.id = ?`, id)
}

func (s *registrations) ByEnterprise(ctx context.Context, eventID, enterpriseID string) (*domain.Registration, error) {
	return getReg(ctx, s.r, `r.event_id = ? AND r.enterprise_id = ?`, eventID, enterpriseID)
}

func (s *registrations) ListByEvent(ctx context.Context, eventID string, f store.RegistrationFilter, page store.Page) ([]domain.Registration, string, int, error) {
	var w where
	w.add("r.event_id = ?", eventID)
	if len(f.Statuses) > 0 {
		st := make([]string, len(f.Statuses))
		for i, x := range f.Statuses {
			st[i] = string(x)
		}
		w.in("r.status", st)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		w.add(`r.search LIKE ? ESCAPE '\'`, likeContains(strings.ToLower(q)))
	}
	return listPage(ctx, s.db, page, listing[domain.Registration]{
		op: "list registrations", from: "registrations r", cols: regCols, where: w, total: true,
		order: oldest("r.created_at", "r.id"), scan: scanReg,
		cursor: func(r *domain.Registration) cursor { return cursor{N: ms(r.CreatedAt), ID: r.ID} },
	})
}

func (s *registrations) ListByEnterprise(ctx context.Context, enterpriseID string) ([]domain.Registration, error) {
	out, err := queryAll(ctx, s.r, scanReg, `SELECT `+regCols+` FROM registrations r WHERE r.enterprise_id = ?
		ORDER BY r.created_at DESC, r.id DESC`, enterpriseID)
	return out, dbErr("list registrations", err)
}

func (s *registrations) Cancel(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error) {
	var out *domain.Registration
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := getReg(ctx, tx, `r.id = ?`, id)
		if err != nil {
			return err
		}
		if r.Status != domain.RegCancelled {
			if r.CheckedInAt != nil {
				return domain.Conflict("status", "eventday_cancel_checked_in")
			}
			if err := cancelTx(ctx, tx, r, reason, now); err != nil {
				return err
			}
			if _, err := promoteTx(ctx, tx, r.EventID, now); err != nil {
				return err
			}
		}
		out, err = getReg(ctx, tx, `r.id = ?`, id)
		return err
	})
	return out, err
}

// cancelTx cancels r and gives back what it held: seats, or a place on the waitlist.
func cancelTx(ctx context.Context, tx *sql.Tx, r *domain.Registration, reason string, now time.Time) error {
	var err error
	switch r.Status {
	case domain.RegConfirmed:
		err = addCounts(ctx, tx, r.EventID, -r.Seats(), -1, 0)
	case domain.RegOffered:
		err = addCounts(ctx, tx, r.EventID, -r.Seats(), 0, 0)
	case domain.RegWaitlisted:
		err = addCounts(ctx, tx, r.EventID, 0, 0, -1)
	}
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE registrations SET status = 'cancelled', offer_expires_at = NULL,
		cancel_reason = ?, cancelled_at = ?, updated_at = ? WHERE id = ?`, reason, ms(now), ms(now), r.ID)
	return dbErr("cancel registration", err)
}

// promoteTx offers the event's free seats to the waitlist in order, passing over registrations
// that do not fit. Seats are offered only while the event is published and has not started.
func promoteTx(ctx context.Context, tx *sql.Tx, eventID string, now time.Time) (int, error) {
	st, err := loadSeats(ctx, tx, eventID)
	if err != nil {
		return 0, err
	}
	free := st.ev.Capacity - st.ev.SeatsTaken
	if st.ev.Status != domain.EventPublished || !now.Before(st.ev.StartsAt) || free <= 0 || st.waitlists == 0 {
		return 0, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, seats FROM registrations WHERE event_id = ?
		AND status = 'waitlisted' AND seats <= ? ORDER BY seq`, eventID, free)
	if err != nil {
		return 0, dbErr("read waitlist", err)
	}
	type cand struct {
		id    string
		seats int
	}
	var line []cand
	var need []int
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.id, &c.seats); err != nil {
			rows.Close()
			return 0, dbErr("read waitlist", err)
		}
		line, need = append(line, c), append(need, c.seats)
	}
	if err := rows.Close(); err != nil {
		return 0, dbErr("read waitlist", err)
	}
	var picked []cand
	for _, i := range domain.PickOffers(free, need) {
		picked = append(picked, line[i])
	}
	exp := domain.OfferExpiry(&st.ev, now, domain.DefaultOfferTTL)
	for _, c := range picked {
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET status = 'offered', offer_expires_at = ?,
			updated_at = ? WHERE id = ?`, ms(exp), ms(now), c.id); err != nil {
			return 0, dbErr("offer seat", err)
		}
		if err := addCounts(ctx, tx, eventID, c.seats, 0, -1); err != nil {
			return 0, err
		}
	}
	return len(picked), nil
}

func (s *registrations) ConfirmOffer(ctx context.Context, id string, now time.Time) (*domain.Registration, error) {
	var out *domain.Registration
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := getReg(ctx, tx, `r.id = ?`, id)
		if err != nil {
			return err
		}
		switch {
		case r.Status == domain.RegConfirmed:
			out = r
			return nil
		case r.Status != domain.RegOffered || r.OfferExpiresAt == nil || !now.Before(*r.OfferExpiresAt):
			return domain.Invalid("status", "registration_no_open_offer")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE registrations SET status = 'confirmed', offer_expires_at = NULL,
			updated_at = ? WHERE id = ?`, ms(now), id); err != nil {
			return dbErr("confirm offer", err)
		}
		if err := addCounts(ctx, tx, r.EventID, 0, 1, 0); err != nil {
			return err
		}
		out, err = getReg(ctx, tx, `r.id = ?`, id)
		return err
	})
	return out, err
}

func (s *registrations) ExpireOffers(ctx context.Context, now time.Time) (int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM registrations WHERE status = 'offered'
		AND offer_expires_at <= ? ORDER BY offer_expires_at LIMIT 1000`, ms(now))
	if err != nil {
		return 0, dbErr("find expired offers", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, dbErr("find expired offers", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return 0, dbErr("find expired offers", err)
	}
	n := 0
	for _, id := range ids {
		// One transaction per offer: the job can stop between any two and resume on its next run.
		err := s.write(ctx, func(tx *sql.Tx) error {
			r, err := getReg(ctx, tx, `r.id = ?`, id)
			if err != nil {
				return err
			}
			if r.Status != domain.RegOffered || r.OfferExpiresAt == nil || now.Before(*r.OfferExpiresAt) {
				return nil // confirmed or cancelled since it was listed
			}
			if err := cancelTx(ctx, tx, r, domain.CancelOfferExpired, now); err != nil {
				return err
			}
			n++
			_, err = promoteTx(ctx, tx, r.EventID, now)
			return err
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (s *registrations) Promote(ctx context.Context, eventID string, now time.Time) (int, error) {
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = promoteTx(ctx, tx, eventID, now)
		return err
	})
	return n, err
}

func (s *registrations) Counts(ctx context.Context, eventID string) (store.RegistrationCounts, error) {
	var c store.RegistrationCounts
	err := s.r.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(status = 'confirmed'), 0), COALESCE(SUM(status = 'waitlisted'), 0),
		COALESCE(SUM(status = 'offered'), 0), COALESCE(SUM(status = 'cancelled'), 0),
		COALESCE(SUM(status = 'pending'), 0), COALESCE(SUM(status = 'rejected'), 0),
		COALESCE(SUM(status = 'confirmed' AND checked_in_at IS NOT NULL), 0),
		COALESCE(SUM(CASE WHEN status = 'confirmed' THEN seats ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN status IN ('confirmed', 'offered') THEN seats ELSE 0 END), 0),
		(SELECT COUNT(*) FROM registrations p, json_each(p.attendees) j WHERE p.event_id = ?
			AND p.status = 'confirmed' AND p.checked_in_at IS NOT NULL
			AND json_extract(j.value, '$.checkedInAt') IS NOT NULL)
		FROM registrations WHERE event_id = ?`, eventID, eventID).Scan(&c.Confirmed, &c.Waitlisted, &c.Offered,
		&c.Cancelled, &c.Pending, &c.Rejected, &c.CheckedIn, &c.Attendees, &c.SeatsTaken, &c.PeopleCheckedIn)
	return c, dbErr("count registrations", err)
}
