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
	rows := make([]domain.OutboxMessage, len(msgs))
	err := r.write(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO outbox (`+outboxCols+`) VALUES (`+outboxPlaceholders+`)
			ON CONFLICT (dedup_key) DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		body, err := tx.PrepareContext(ctx, `INSERT INTO outbox_bodies (id, html, text, attachments) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`)
		if err != nil {
			return err
		}
		defer body.Close()
		for i, m := range msgs {
			rw := domain.OutboxMessage{ID: m.ID, DedupKey: m.DedupKey, Kind: m.Kind, UserID: m.UserID, To: m.To,
				Subject: m.Subject, Headers: m.Headers, Status: domain.OutboxPending, CreatedAt: m.CreatedAt,
				NextAttemptAt: m.NextAttemptAt}
			if rw.ID == "" {
				rw.ID = domain.NewID()
			}
			if rw.CreatedAt.IsZero() {
				rw.CreatedAt = time.Now()
			}
			if rw.NextAttemptAt.IsZero() {
				rw.NextAttemptAt = rw.CreatedAt
			}
			res, err := ins.ExecContext(ctx, outboxArgs(&rw)...)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			created[i], rows[i] = n > 0, rw
			if n > 0 {
				if _, err := body.ExecContext(ctx, rw.ID, m.HTML, m.Text, attachmentsArg(m.Attachments)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return make([]bool, len(msgs)), dbErr("enqueue mail", err)
	}
	for i, m := range msgs {
		if created[i] {
			m.ID, m.CreatedAt, m.NextAttemptAt = rows[i].ID, rows[i].CreatedAt, rows[i].NextAttemptAt
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
