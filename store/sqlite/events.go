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

// events implements store.EventRepo. The agenda is one JSON column, read and replaced whole; the
// seat counters belong to registrations.go and are only read here.
type events struct{ *db }

const eventCols = `id, title, title_en, cluster, kind, venue, address, starts_at, ends_at, timezone,
	capacity, max_per_enterprise, registration_opens_at, registration_closes_at, description, status,
	seats_taken, confirmed_count, waitlisted_count, created_by, published_at, cancelled_at,
	created_at, updated_at, venue_en, description_en, approval, questions`

// scanEvent reads the columns of eventCols, plus the agenda when withSessions.
func scanEvent(row scanner, withSessions bool) (*domain.Event, error) {
	var e domain.Event
	var sessions, questions string
	dst := []any{&e.ID, &e.Title, &e.TitleEn, &e.Cluster, &e.Kind, &e.Venue, &e.Address,
		timeCol{&e.StartsAt}, timeCol{&e.EndsAt}, &e.Timezone, &e.Capacity, &e.MaxAttendeesPerEnterprise,
		timePtrCol{&e.RegistrationOpensAt}, timePtrCol{&e.RegistrationClosesAt}, &e.Description, &e.Status,
		&e.SeatsTaken, &e.ConfirmedCount, &e.WaitlistedCount, &e.CreatedBy,
		timePtrCol{&e.PublishedAt}, timePtrCol{&e.CancelledAt}, timeCol{&e.CreatedAt}, timeCol{&e.UpdatedAt},
		&e.VenueEn, &e.DescriptionEn, &e.Approval, &questions}
	if withSessions {
		dst = append(dst, &sessions)
	}
	if err := row.Scan(dst...); err != nil {
		return nil, err
	}
	e.Questions = []domain.Question{}
	if err := json.Unmarshal([]byte(questions), &e.Questions); err != nil {
		return nil, fmt.Errorf("questions of event %s: %w", e.ID, err)
	}
	e.Sessions = []domain.AgendaSession{}
	if withSessions && sessions != "" {
		if err := json.Unmarshal([]byte(sessions), &e.Sessions); err != nil {
			return nil, fmt.Errorf("agenda of event %s: %w", e.ID, err)
		}
		for i := range e.Sessions {
			e.Sessions[i].StartsAt = e.Sessions[i].StartsAt.UTC()
			e.Sessions[i].EndsAt = e.Sessions[i].EndsAt.UTC()
		}
	}
	return &e, nil
}

// scanEventAgenda reads the columns of eventCols followed by the agenda.
func scanEventAgenda(row scanner) (*domain.Event, error) { return scanEvent(row, true) }

// scanEventOnly reads the columns of eventCols: a listing leaves the agenda out.
func scanEventOnly(row scanner) (*domain.Event, error) { return scanEvent(row, false) }

// agendaJSON encodes the agenda with times cut to milliseconds in UTC, like every other time.
func agendaJSON(sessions []domain.AgendaSession) (string, error) {
	out := make([]domain.AgendaSession, len(sessions))
	for i, s := range sessions {
		s.StartsAt = s.StartsAt.UTC().Truncate(time.Millisecond)
		s.EndsAt = s.EndsAt.UTC().Truncate(time.Millisecond)
		if s.Speakers == nil {
			s.Speakers = []domain.Speaker{}
		}
		out[i] = s
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// questionsJSON encodes a registration form; no questions is "[]".
func questionsJSON(qs []domain.Question) string {
	if qs == nil {
		qs = []domain.Question{}
	}
	b, _ := json.Marshal(qs) // strings and bools: cannot fail
	return string(b)
}

func eventSearch(e *domain.Event) string {
	return strings.ToLower(e.Title + "\n" + e.TitleEn + "\n" + e.Venue)
}

func (r *events) Create(ctx context.Context, e *domain.Event) error {
	if e.ID == "" {
		e.ID = domain.NewID()
	}
	agenda, err := agendaJSON(e.Sessions)
	if err != nil {
		return fmt.Errorf("sqlite: encode agenda: %w", err)
	}
	_, err = r.w.ExecContext(ctx, `INSERT INTO events (id, title, title_en, cluster, kind, venue, address,
		starts_at, ends_at, timezone, capacity, max_per_enterprise, registration_opens_at,
		registration_closes_at, description, status, sessions, created_by, published_at, cancelled_at,
		search, created_at, updated_at, venue_en, description_en, approval, questions)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.ID, e.Title, e.TitleEn, e.Cluster, e.Kind, e.Venue, e.Address, ms(e.StartsAt), ms(e.EndsAt),
		e.Timezone, e.Capacity, e.MaxAttendeesPerEnterprise, msOrNull(e.RegistrationOpensAt),
		msOrNull(e.RegistrationClosesAt), e.Description, e.Status, agenda, e.CreatedBy,
		msOrNull(e.PublishedAt), msOrNull(e.CancelledAt), eventSearch(e), ms(e.CreatedAt), ms(e.UpdatedAt),
		e.VenueEn, e.DescriptionEn, e.Approval, questionsJSON(e.Questions))
	return dbErr("create event", err)
}

func (r *events) Get(ctx context.Context, id string) (*domain.Event, error) {
	e, err := scanEventAgenda(r.r.QueryRowContext(ctx, `SELECT `+eventCols+`, sessions FROM events WHERE id = ?`, id))
	return e, dbErr("get event", err)
}

func (r *events) GetMany(ctx context.Context, ids []string) ([]domain.Event, error) {
	if len(ids) == 0 {
		return []domain.Event{}, nil
	}
	var w where
	w.in("id", ids)
	out, err := queryAll(ctx, r.r, scanEventAgenda, `SELECT `+eventCols+`, sessions FROM events`+w.sql()+
		` ORDER BY starts_at, id`, w.args...)
	return out, dbErr("get events", err)
}

func (r *events) Update(ctx context.Context, e *domain.Event, changes []domain.EventChange) error {
	return r.write(ctx, func(tx *sql.Tx) error {
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT seats_taken FROM events WHERE id = ?`, e.ID).Scan(&taken); err != nil {
			return dbErr("update event", err)
		}
		if e.Capacity < taken {
			return domain.Invalid("capacity", "event_capacity_below_taken", taken)
		}
		_, err := tx.ExecContext(ctx, `UPDATE events SET title = ?, title_en = ?, cluster = ?, kind = ?,
			venue = ?, address = ?, starts_at = ?, ends_at = ?, timezone = ?, capacity = ?,
			max_per_enterprise = ?, registration_opens_at = ?, registration_closes_at = ?,
			description = ?, search = ?, updated_at = ?, venue_en = ?, description_en = ?, approval = ?,
			questions = ? WHERE id = ?`,
			e.Title, e.TitleEn, e.Cluster, e.Kind, e.Venue, e.Address, ms(e.StartsAt), ms(e.EndsAt),
			e.Timezone, e.Capacity, e.MaxAttendeesPerEnterprise, msOrNull(e.RegistrationOpensAt),
			msOrNull(e.RegistrationClosesAt), e.Description, eventSearch(e), ms(e.UpdatedAt),
			e.VenueEn, e.DescriptionEn, e.Approval, questionsJSON(e.Questions), e.ID)
		if err != nil {
			return dbErr("update event", err)
		}
		for _, c := range changes {
			if c.ID == "" {
				c.ID = domain.NewID()
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO event_changes (id, event_id, field, old, new, at, by,
				notified_at) VALUES (?,?,?,?,?,?,?,?)`, c.ID, e.ID, c.Field, c.Old, c.New, ms(c.At), c.By,
				msOrNull(c.NotifiedAt)); err != nil {
				return dbErr("record event change", err)
			}
		}
		return nil
	})
}

func (r *events) SetStatus(ctx context.Context, e *domain.Event, from domain.EventStatus) error {
	return r.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE events SET status = ?, published_at = ?, cancelled_at = ?,
			updated_at = ? WHERE id = ? AND status = ?`, e.Status, msOrNull(e.PublishedAt),
			msOrNull(e.CancelledAt), ms(e.UpdatedAt), e.ID, from)
		if err := mustAffect("set event status", res, err); !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		if err := exists(ctx, tx, "events", e.ID, "set event status"); err != nil {
			return err
		}
		return fmt.Errorf("event %s is no longer %s: %w", e.ID, from, domain.ErrConflict)
	})
}

func (r *events) SetAgenda(ctx context.Context, eventID string, sessions []domain.AgendaSession, at time.Time) error {
	agenda, err := agendaJSON(sessions)
	if err != nil {
		return fmt.Errorf("sqlite: encode agenda: %w", err)
	}
	res, err := r.w.ExecContext(ctx, `UPDATE events SET sessions = ?, updated_at = ? WHERE id = ?`, agenda, ms(at), eventID)
	return mustAffect("set agenda", res, err)
}

func (r *events) List(ctx context.Context, f store.EventFilter, page store.Page) ([]domain.Event, string, int, error) {
	return listPage(ctx, r.db, page, listing[domain.Event]{
		op: "list events", from: "events", cols: eventCols, where: eventWhere(f), total: true,
		order: oldest("starts_at", "id"), scan: scanEventOnly,
		cursor: func(e *domain.Event) cursor { return cursor{N: ms(e.StartsAt), ID: e.ID} },
	})
}

// eventWhere turns f into conditions on the events table.
func eventWhere(f store.EventFilter) where {
	var w where
	if f.Cluster != "" {
		w.add("cluster = ?", f.Cluster)
	}
	if len(f.Clusters) > 0 {
		w.in("cluster", f.Clusters)
	}
	if len(f.Statuses) > 0 {
		st := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			st[i] = string(s)
		}
		w.in("status", st)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if !f.From.IsZero() {
		w.add("ends_at > ?", ms(f.From))
	}
	if !f.To.IsZero() {
		w.add("starts_at < ?", ms(f.To))
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		w.add(`search LIKE ? ESCAPE '\'`, likeContains(strings.ToLower(q)))
	}
	return w
}

const changeCols = `id, event_id, field, old, new, at, by, notified_at`

func scanChange(row scanner) (*domain.EventChange, error) {
	var c domain.EventChange
	if err := row.Scan(&c.ID, &c.EventID, &c.Field, &c.Old, &c.New, timeCol{&c.At}, &c.By,
		timePtrCol{&c.NotifiedAt}); err != nil {
		return nil, err
	}
	return &c, nil
}

func (r *events) queryChanges(ctx context.Context, q string, args ...any) ([]domain.EventChange, error) {
	out, err := queryAll(ctx, r.r, scanChange, `SELECT `+changeCols+` FROM event_changes `+q, args...)
	return out, dbErr("list event changes", err)
}

func (r *events) PendingChanges(ctx context.Context, limit int) ([]domain.EventChange, error) {
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	return r.queryChanges(ctx, `WHERE notified_at IS NULL ORDER BY at, id LIMIT ?`, limit)
}

func (r *events) MarkChangesNotified(ctx context.Context, ids []string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	var w where
	w.in("id", ids)
	w.add("notified_at IS NULL")
	_, err := r.w.ExecContext(ctx, `UPDATE event_changes SET notified_at = ?`+w.sql(), append([]any{ms(at)}, w.args...)...)
	return dbErr("mark event changes", err)
}

func (r *events) Changes(ctx context.Context, eventID string) ([]domain.EventChange, error) {
	return r.queryChanges(ctx, `WHERE event_id = ? ORDER BY at, id`, eventID)
}
