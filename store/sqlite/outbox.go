package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"duijie/domain"
	"duijie/store"
)

type outbox struct{ *db }

const outboxCols = `id, dedup_key, kind, user_id, recipient, subject, html, text, headers, status, attempts,
	next_attempt_at, claimed_by, claimed_until, last_error, created_at, sent_at`

// outboxListCols leaves the bodies out: a listing shows subjects, never megabytes of HTML.
const outboxListCols = `id, dedup_key, kind, user_id, recipient, subject, '', '', headers, status, attempts,
	next_attempt_at, claimed_by, claimed_until, last_error, created_at, sent_at`

// headersCol scans the JSON header map of a message.
type headersCol struct{ dst *map[string]string }

func (c headersCol) Scan(src any) error {
	m := map[string]string{}
	var raw []byte
	switch v := src.(type) {
	case nil:
	case string:
		raw = []byte(v)
	case []byte:
		raw = v
	default:
		return fmt.Errorf("headers column holds %T", src)
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("headers column: %w", err)
		}
	}
	if m == nil {
		m = map[string]string{}
	}
	*c.dst = m
	return nil
}

func headersArg(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m) // a map of strings always encodes
	return string(b)
}

func scanOutbox(row interface{ Scan(...any) error }) (*domain.OutboxMessage, error) {
	var m domain.OutboxMessage
	err := row.Scan(&m.ID, &m.DedupKey, &m.Kind, &m.UserID, &m.To, &m.Subject, &m.HTML, &m.Text,
		headersCol{&m.Headers}, &m.Status, &m.Attempts, timeCol{&m.NextAttemptAt}, &m.ClaimedBy,
		timePtrCol{&m.ClaimedUntil}, &m.LastError, timeCol{&m.CreatedAt}, timePtrCol{&m.SentAt})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

func collectOutbox(rows *sql.Rows) ([]domain.OutboxMessage, error) {
	defer rows.Close()
	out := []domain.OutboxMessage{}
	for rows.Next() {
		m, err := scanOutbox(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

// Enqueue relies on the unique dedup_key: INSERT OR IGNORE writes nothing for a repeated key.
func (r *outbox) Enqueue(ctx context.Context, m *domain.OutboxMessage) (bool, error) {
	id := m.ID
	if id == "" {
		id = domain.NewID()
	}
	created := m.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	next := m.NextAttemptAt
	if next.IsZero() {
		next = created
	}
	res, err := r.w.ExecContext(ctx, `INSERT INTO outbox (`+outboxCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '', NULL, '', ?, NULL)
		ON CONFLICT (dedup_key) DO NOTHING`,
		id, m.DedupKey, m.Kind, m.UserID, m.To, m.Subject, m.HTML, m.Text, headersArg(m.Headers),
		domain.OutboxPending, ms(next), ms(created))
	if err != nil {
		return false, dbErr("enqueue mail", err)
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return false, dbErr("enqueue mail", err)
	}
	m.ID, m.CreatedAt, m.NextAttemptAt = id, created, next
	m.Status, m.Attempts = domain.OutboxPending, 0
	return true, nil
}

func (r *outbox) Claim(ctx context.Context, holder string, now, until time.Time, limit int) ([]domain.OutboxMessage, error) {
	if limit <= 0 {
		return []domain.OutboxMessage{}, nil
	}
	var out []domain.OutboxMessage
	err := r.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE outbox SET status = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1
			WHERE id IN (
				SELECT id FROM outbox
				WHERE (status = ? AND next_attempt_at <= ?) OR (status = ? AND claimed_until <= ?)
				ORDER BY next_attempt_at, created_at, id LIMIT ?)
			RETURNING `+outboxCols,
			domain.OutboxSending, holder, ms(until), domain.OutboxPending, ms(now), domain.OutboxSending, ms(now), limit)
		if err != nil {
			return err
		}
		out, err = collectOutbox(rows)
		return err
	})
	if err != nil {
		return nil, dbErr("claim mail", err)
	}
	sortByDue(out)
	return out, nil
}

// sortByDue orders claimed messages oldest due first, so a backlog drains in order; RETURNING
// gives rows in no promised order.
func sortByDue(ms []domain.OutboxMessage) {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if !a.NextAttemptAt.Equal(b.NextAttemptAt) {
			return a.NextAttemptAt.Before(b.NextAttemptAt)
		}
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
}

// settle updates a message holder still has claimed; a lost claim is domain.ErrConflict.
func (r *outbox) settle(ctx context.Context, op, id, holder, set string, args ...any) error {
	args = append(args, id, holder, domain.OutboxSending)
	res, err := r.w.ExecContext(ctx, `UPDATE outbox SET `+set+` WHERE id = ? AND claimed_by = ? AND status = ?`, args...)
	if err := mustAffect(op, res, err); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return domain.ErrConflict
		}
		return err
	}
	return nil
}

func (r *outbox) MarkSent(ctx context.Context, id, holder string, at time.Time) error {
	return r.settle(ctx, "mark mail sent", id, holder, `status = ?, sent_at = ?, claimed_until = NULL, last_error = ''`,
		domain.OutboxSent, ms(at))
}

func (r *outbox) Retry(ctx context.Context, id, holder, errText string, next time.Time) error {
	return r.settle(ctx, "retry mail", id, holder, `status = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ?`,
		domain.OutboxPending, ms(next), errText)
}

func (r *outbox) Fail(ctx context.Context, id, holder, errText string, at time.Time) error {
	return r.settle(ctx, "fail mail", id, holder, `status = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ?`,
		domain.OutboxFailed, ms(at), errText)
}

func (r *outbox) Get(ctx context.Context, id string) (*domain.OutboxMessage, error) {
	m, err := scanOutbox(r.r.QueryRowContext(ctx, `SELECT `+outboxCols+` FROM outbox WHERE id = ?`, id))
	return m, dbErr("get mail", err)
}

func (r *outbox) List(ctx context.Context, f store.OutboxFilter, page store.Page) ([]domain.OutboxMessage, string, int, error) {
	page = clamp(page)
	c, after, err := parseCursor(page.Cursor)
	if err != nil {
		return nil, "", 0, err
	}
	var w where
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.To != "" {
		w.add("recipient = ?", f.To)
	}
	var (
		out   []domain.OutboxMessage
		total int
	)
	err = r.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM outbox`+w.sql(), w.args...).Scan(&total); err != nil {
			return err
		}
		pw := w
		pw.args = append([]any(nil), w.args...)
		if after {
			pw.add("(created_at, id) < (?, ?)", c.N, c.ID)
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+outboxListCols+` FROM outbox`+pw.sql()+
			` ORDER BY created_at DESC, id DESC LIMIT ?`, append(pw.args, page.Limit+1)...)
		if err != nil {
			return err
		}
		out, err = collectOutbox(rows)
		return err
	})
	if err != nil {
		return nil, "", 0, dbErr("list mail", err)
	}
	next := ""
	if len(out) > page.Limit {
		out = out[:page.Limit]
		last := out[len(out)-1]
		next = cursor{N: ms(last.CreatedAt), ID: last.ID}.String()
	}
	return out, next, total, nil
}

func (r *outbox) Counts(ctx context.Context) (map[domain.OutboxStatus]int, error) {
	rows, err := r.r.QueryContext(ctx, `SELECT status, count(*) FROM outbox GROUP BY status`)
	if err != nil {
		return nil, dbErr("count mail", err)
	}
	defer rows.Close()
	out := map[domain.OutboxStatus]int{}
	for _, s := range domain.OutboxStatuses {
		out[s] = 0
	}
	for rows.Next() {
		var s domain.OutboxStatus
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, dbErr("count mail", err)
		}
		out[s] = n
	}
	return out, dbErr("count mail", rows.Err())
}
