package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"time"

	"duijie/domain"
	"duijie/store"
)

type outbox struct{ *db }

// outboxCols are what a sender changes and a listing shows; the bodies live in outbox_bodies
// (migration 0111), written once at queueing, so that claiming and recording a delivery rewrite
// a few hundred bytes instead of a page of HTML.
const outboxCols = `id, dedup_key, kind, user_id, recipient, subject, headers, status, attempts,
	next_attempt_at, claimed_by, claimed_until, last_error, created_at, sent_at`

// outboxPlaceholders matches outboxCols.
const outboxPlaceholders = `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`

func scanOutbox(row scanner) (*domain.OutboxMessage, error) {
	var m domain.OutboxMessage
	err := row.Scan(&m.ID, &m.DedupKey, &m.Kind, &m.UserID, &m.To, &m.Subject,
		mapOf(&m.Headers), &m.Status, &m.Attempts, timeCol{&m.NextAttemptAt}, &m.ClaimedBy,
		timePtrCol{&m.ClaimedUntil}, &m.LastError, timeCol{&m.CreatedAt}, timePtrCol{&m.SentAt})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// outboxArgs are m's values for outboxCols.
func outboxArgs(m *domain.OutboxMessage) []any {
	return []any{m.ID, m.DedupKey, m.Kind, m.UserID, m.To, m.Subject, mapArg(m.Headers),
		m.Status, m.Attempts, ms(m.NextAttemptAt), m.ClaimedBy, msOrNull(m.ClaimedUntil), m.LastError,
		ms(m.CreatedAt), msOrNull(m.SentAt)}
}

// insertBody stores m's bodies; a body already stored under that ID stays.
func insertBody(ctx context.Context, ex execer, m *domain.OutboxMessage) error {
	_, err := ex.ExecContext(ctx, `INSERT INTO outbox_bodies (id, html, text, attachments) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, m.ID, m.HTML, m.Text, attachmentsArg(m.Attachments))
	return err
}

// execer is a transaction or a pool.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// loadBodies fills in the bodies of msgs. Bodies never change once queued, so reading them
// after the claim's transaction, on the reader pool, sees them.
func (r *outbox) loadBodies(ctx context.Context, msgs []domain.OutboxMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	at := make(map[string]*domain.OutboxMessage, len(msgs))
	args := make([]any, len(msgs))
	for i := range msgs {
		at[msgs[i].ID], args[i] = &msgs[i], msgs[i].ID
	}
	rows, err := r.r.QueryContext(ctx, `SELECT id, html, text, attachments FROM outbox_bodies WHERE id IN (?`+
		strings.Repeat(", ?", len(msgs)-1)+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, html, text string
		var att []domain.MailAttachment
		if err := rows.Scan(&id, &html, &text, jsonCol[[]domain.MailAttachment]{&att}); err != nil {
			return err
		}
		if m := at[id]; m != nil {
			m.HTML, m.Text = html, text
			if len(att) > 0 {
				m.Attachments = att
			}
		}
	}
	return rows.Err()
}

// Enqueue relies on the unique dedup_key: a repeated key writes nothing.
func (r *outbox) Enqueue(ctx context.Context, m *domain.OutboxMessage) (bool, error) {
	created, err := r.EnqueueMany(ctx, []*domain.OutboxMessage{m})
	if err != nil {
		return false, err
	}
	return created[0], nil
}

func (r *outbox) Claim(ctx context.Context, holder string, now, until time.Time, limit int) ([]domain.OutboxMessage, error) {
	if limit <= 0 {
		return []domain.OutboxMessage{}, nil
	}
	var out []domain.OutboxMessage
	err := r.write(ctx, func(tx *sql.Tx) error {
		// The partial indexes of pending and sending rows (migration 0111) are named, and the
		// statuses are literals that prove they apply: without rows to judge by, the planner
		// chose outbox_status_created and sorted every due message.
		rows, err := tx.QueryContext(ctx, `UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1
			WHERE id IN (
				SELECT id FROM (
					SELECT id, next_attempt_at, created_at FROM (
						SELECT id, next_attempt_at, created_at FROM outbox INDEXED BY outbox_pending_due
						WHERE status = 'pending' AND next_attempt_at <= ?
						ORDER BY next_attempt_at, created_at, id LIMIT ?)
					UNION ALL
					SELECT id, next_attempt_at, created_at FROM (
						SELECT id, next_attempt_at, created_at FROM outbox INDEXED BY outbox_sending_until
						WHERE status = 'sending' AND claimed_until <= ?
						ORDER BY next_attempt_at, created_at, id LIMIT ?))
				ORDER BY next_attempt_at, created_at, id LIMIT ?)
			RETURNING `+outboxCols,
			holder, ms(until), ms(now), limit, ms(now), limit, limit)
		if err != nil {
			return err
		}
		out, err = collect(rows, scanOutbox)
		return err
	})
	if err == nil {
		err = r.loadBodies(ctx, out)
	}
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
	if err != nil {
		return nil, dbErr("get mail", err)
	}
	msgs := []domain.OutboxMessage{*m}
	if err := r.loadBodies(ctx, msgs); err != nil {
		return nil, dbErr("get mail", err)
	}
	return &msgs[0], nil
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
		op: "list mail", from: "outbox", cols: outboxCols, where: w, total: true,
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
