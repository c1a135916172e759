package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"time"

	"duijie/domain"
	"duijie/store"
)

type outbox struct{ *db }

const outboxCols = `id, dedup_key, kind, user_id, recipient, subject, html, text, headers, status, attempts,
	next_attempt_at, claimed_by, claimed_until, last_error, created_at, sent_at, attachments`

// outboxListCols leaves the bodies out: a listing shows subjects, never megabytes of HTML.
const outboxListCols = `id, dedup_key, kind, user_id, recipient, subject, '', '', headers, status, attempts,
	next_attempt_at, claimed_by, claimed_until, last_error, created_at, sent_at, '[]'`

func scanOutbox(row scanner) (*domain.OutboxMessage, error) {
	var m domain.OutboxMessage
	err := row.Scan(&m.ID, &m.DedupKey, &m.Kind, &m.UserID, &m.To, &m.Subject, &m.HTML, &m.Text,
		mapOf(&m.Headers), &m.Status, &m.Attempts, timeCol{&m.NextAttemptAt}, &m.ClaimedBy,
		timePtrCol{&m.ClaimedUntil}, &m.LastError, timeCol{&m.CreatedAt}, timePtrCol{&m.SentAt},
		jsonCol[[]domain.MailAttachment]{&m.Attachments})
	if err != nil {
		return nil, err
	}
	if len(m.Attachments) == 0 {
		m.Attachments = nil
	}
	return &m, nil
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
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '', NULL, '', ?, NULL, ?)
		ON CONFLICT (dedup_key) DO NOTHING`,
		id, m.DedupKey, m.Kind, m.UserID, m.To, m.Subject, m.HTML, m.Text, mapArg(m.Headers),
		domain.OutboxPending, ms(next), ms(created), attachmentsArg(m.Attachments))
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
				SELECT id FROM (
					SELECT id, next_attempt_at, created_at FROM (
						SELECT id, next_attempt_at, created_at FROM outbox
						WHERE status = ? AND next_attempt_at <= ?
						ORDER BY next_attempt_at, created_at, id LIMIT ?)
					UNION ALL
					SELECT id, next_attempt_at, created_at FROM (
						SELECT id, next_attempt_at, created_at FROM outbox
						WHERE status = ? AND claimed_until <= ?
						ORDER BY next_attempt_at, created_at, id LIMIT ?))
				ORDER BY next_attempt_at, created_at, id LIMIT ?)
			RETURNING `+outboxCols,
			domain.OutboxSending, holder, ms(until), domain.OutboxPending, ms(now), limit, domain.OutboxSending, ms(now), limit, limit)
		if err != nil {
			return err
		}
		out, err = collect(rows, scanOutbox)
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
	return listPage(ctx, r.db, page, listing[domain.OutboxMessage]{
		op: "list mail", from: "outbox", cols: outboxListCols, where: w, total: true,
		order: newest("created_at", "id"), scan: scanOutbox,
		cursor: func(m *domain.OutboxMessage) cursor { return cursor{N: ms(m.CreatedAt), ID: m.ID} },
	})
}

func (r *outbox) Counts(ctx context.Context) (map[domain.OutboxStatus]int, error) {
	out := map[domain.OutboxStatus]int{}
	for _, s := range domain.OutboxStatuses {
		out[s] = 0
	}
	err := groupRows(ctx, r.r, `SELECT status, count(*) FROM outbox GROUP BY status`, nil, func(rows *sql.Rows) error {
		var s domain.OutboxStatus
		var n int
		err := rows.Scan(&s, &n)
		out[s] = n
		return err
	})
	if err != nil {
		return nil, dbErr("count mail", err)
	}
	return out, nil
}

// attachmentsArg stores a message's attachments as JSON (bytes as base64); none is "[]".
func attachmentsArg(a []domain.MailAttachment) string {
	if len(a) == 0 {
		return "[]"
	}
	return jsonArg(a)
}
