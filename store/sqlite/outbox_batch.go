package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"duijie/domain"
)

// EnqueueMany inserts the messages in one transaction on the writer: one commit (one fsync in
// WAL mode) for the batch instead of one per message, which is what bounded queueing.
func (r *outbox) EnqueueMany(ctx context.Context, msgs []*domain.OutboxMessage) ([]bool, error) {
	created := make([]bool, len(msgs))
	if len(msgs) == 0 {
		return created, nil
	}
	type row struct {
		id            string
		created, next time.Time
	}
	rows := make([]row, len(msgs))
	err := r.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO outbox (`+outboxCols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '', NULL, '', ?, NULL, ?)
			ON CONFLICT (dedup_key) DO NOTHING`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, m := range msgs {
			rw := row{id: m.ID, created: m.CreatedAt, next: m.NextAttemptAt}
			if rw.id == "" {
				rw.id = domain.NewID()
			}
			if rw.created.IsZero() {
				rw.created = time.Now()
			}
			if rw.next.IsZero() {
				rw.next = rw.created
			}
			res, err := stmt.ExecContext(ctx, rw.id, m.DedupKey, m.Kind, m.UserID, m.To, m.Subject, m.HTML, m.Text,
				mapArg(m.Headers), domain.OutboxPending, ms(rw.next), ms(rw.created), attachmentsArg(m.Attachments))
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			created[i], rows[i] = n > 0, rw
		}
		return nil
	})
	if err != nil {
		return make([]bool, len(msgs)), dbErr("enqueue mail", err)
	}
	for i, m := range msgs {
		if created[i] {
			m.ID, m.CreatedAt, m.NextAttemptAt = rows[i].id, rows[i].created, rows[i].next
			m.Status, m.Attempts = domain.OutboxPending, 0
		}
	}
	return created, nil
}

// MarkSentMany is one UPDATE for the batch, guarded like MarkSent by the claim.
func (r *outbox) MarkSentMany(ctx context.Context, ids []string, holder string, at time.Time) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	args := []any{domain.OutboxSent, ms(at), holder, domain.OutboxSending}
	for _, id := range ids {
		args = append(args, id)
	}
	res, err := r.w.ExecContext(ctx, `UPDATE outbox SET status = ?, sent_at = ?, claimed_until = NULL, last_error = ''
		WHERE claimed_by = ? AND status = ? AND id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return 0, dbErr("mark mail sent", err)
	}
	n, err := res.RowsAffected()
	return int(n), dbErr("mark mail sent", err)
}
