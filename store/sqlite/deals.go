package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"duijie/domain"
	"duijie/store"
)

// ChangedSince walks registrations in (updated_at, id) order, served by registrations_updated.
func (r *registrations) ChangedSince(ctx context.Context, since time.Time, afterID string, limit int) ([]domain.Registration, error) {
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	out, err := queryAll(ctx, r.r, scanReg, `SELECT `+regCols+` FROM registrations r
		WHERE r.updated_at > ? OR (r.updated_at = ? AND r.id > ?)
		ORDER BY r.updated_at, r.id LIMIT ?`, ms(since), ms(since), afterID, limit)
	return out, dbErr("list changed registrations", err)
}

// OffersExpiring is served by the partial index registrations_offers.
func (r *registrations) OffersExpiring(ctx context.Context, t time.Time, limit int) ([]domain.Registration, error) {
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	out, err := queryAll(ctx, r.r, scanReg, `SELECT `+regCols+` FROM registrations r
		WHERE r.status = 'offered' AND r.offer_expires_at < ?
		ORDER BY r.offer_expires_at, r.id LIMIT ?`, ms(t), limit)
	return out, dbErr("list expiring offers", err)
}

type notices struct{ *db }

const noticeCols = `id, user_id, key, kind, title, detail, link, created_at, queued_at, mail_key`

func scanNotice(row scanner) (*domain.Notice, error) {
	var n domain.Notice
	if err := row.Scan(&n.ID, &n.UserID, &n.Key, &n.Kind, &n.Title, &n.Detail, &n.Link,
		timeCol{&n.CreatedAt}, timePtrCol{&n.QueuedAt}, &n.MailKey); err != nil {
		return nil, err
	}
	return &n, nil
}

func (r *notices) Add(ctx context.Context, n *domain.Notice) (bool, error) {
	if n.ID == "" {
		n.ID = domain.NewID()
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = time.Now()
	}
	res, err := r.w.ExecContext(ctx, `INSERT INTO notices (`+noticeCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, '')
		ON CONFLICT (user_id, key) DO NOTHING`,
		n.ID, n.UserID, n.Key, n.Kind, n.Title, n.Detail, n.Link, ms(n.CreatedAt))
	if err != nil {
		return false, dbErr("add notice", err)
	}
	k, err := res.RowsAffected()
	return k > 0, dbErr("add notice", err)
}

func (r *notices) PendingUsers(ctx context.Context, after string, limit int) ([]string, error) {
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	var out []string
	err := groupRows(ctx, r.r, `SELECT DISTINCT user_id FROM notices WHERE queued_at IS NULL AND user_id > ?
		ORDER BY user_id LIMIT ?`, []any{after, limit}, func(rows *sql.Rows) error {
		var id string
		err := rows.Scan(&id)
		out = append(out, id)
		return err
	})
	return out, dbErr("list users with notices", err)
}

func (r *notices) PendingFor(ctx context.Context, userID string) ([]domain.Notice, error) {
	out, err := queryAll(ctx, r.r, scanNotice, `SELECT `+noticeCols+` FROM notices
		WHERE user_id = ? AND queued_at IS NULL ORDER BY created_at, id`, userID)
	return out, dbErr("list notices", err)
}

func (r *notices) List(ctx context.Context, after string, limit int) ([]domain.Notice, error) {
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	out, err := queryAll(ctx, r.r, scanNotice, `SELECT `+noticeCols+` FROM notices WHERE id > ? ORDER BY id LIMIT ?`,
		after, limit)
	return out, dbErr("list notices", err)
}

func (r *notices) MarkQueued(ctx context.Context, ids []string, mailKey string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{ms(at), mailKey}
	for _, id := range ids {
		args = append(args, id)
	}
	_, err := r.w.ExecContext(ctx, `UPDATE notices SET queued_at = ?, mail_key = ? WHERE id IN (?`+
		strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	return dbErr("mark notices queued", err)
}

type quotes struct{ *db }

const quoteCols = `id, match_id, lead_id, supplier_id, supplier_name, unit_price, currency, quantity, moq,
	lead_time_days, valid_until, note, created_by, revision, created_at, updated_at`

func scanQuote(row scanner) (*domain.Quote, error) {
	var q domain.Quote
	if err := row.Scan(&q.ID, &q.MatchID, &q.LeadID, &q.SupplierID, &q.SupplierName, &q.UnitPrice, &q.Currency,
		&q.Quantity, &q.MOQ, &q.LeadTimeDays, timeCol{&q.ValidUntil}, &q.Note, &q.CreatedBy, &q.Revision,
		timeCol{&q.CreatedAt}, timeCol{&q.UpdatedAt}); err != nil {
		return nil, err
	}
	return &q, nil
}

// Put upserts on the unique match_id: a second quote keeps the first one's ID and creation time.
func (r *quotes) Put(ctx context.Context, q *domain.Quote) error {
	if q.ID == "" {
		q.ID = domain.NewID()
	}
	if q.UpdatedAt.IsZero() {
		q.UpdatedAt = time.Now()
	}
	if q.CreatedAt.IsZero() {
		q.CreatedAt = q.UpdatedAt
	}
	row := r.w.QueryRowContext(ctx, `INSERT INTO quotes (`+quoteCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
		ON CONFLICT (match_id) DO UPDATE SET unit_price = excluded.unit_price, currency = excluded.currency,
			quantity = excluded.quantity, moq = excluded.moq, lead_time_days = excluded.lead_time_days,
			valid_until = excluded.valid_until, note = excluded.note, created_by = excluded.created_by,
			supplier_name = excluded.supplier_name, revision = quotes.revision + 1, updated_at = excluded.updated_at
		RETURNING `+quoteCols,
		q.ID, q.MatchID, q.LeadID, q.SupplierID, q.SupplierName, q.UnitPrice, q.Currency, q.Quantity, q.MOQ,
		q.LeadTimeDays, ms(q.ValidUntil), q.Note, q.CreatedBy, ms(q.CreatedAt), ms(q.UpdatedAt))
	got, err := scanQuote(row)
	if err != nil {
		return dbErr("save quote", err)
	}
	*q = *got
	return nil
}

func (r *quotes) ByMatch(ctx context.Context, matchID string) (*domain.Quote, error) {
	q, err := scanQuote(r.r.QueryRowContext(ctx, `SELECT `+quoteCols+` FROM quotes WHERE match_id = ?`, matchID))
	return q, dbErr("get quote", err)
}

func (r *quotes) ByLead(ctx context.Context, leadID string) ([]domain.Quote, error) {
	out, err := queryAll(ctx, r.r, scanQuote, `SELECT `+quoteCols+` FROM quotes WHERE lead_id = ?
		ORDER BY created_at, id`, leadID)
	return out, dbErr("list quotes", err)
}

func (r *quotes) CountByLeads(ctx context.Context, leadIDs []string) (map[string]int, error) {
	out := map[string]int{}
	if len(leadIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(leadIDs))
	for i, id := range leadIDs {
		args[i] = id
	}
	err := groupRows(ctx, r.r, `SELECT lead_id, count(*) FROM quotes WHERE lead_id IN (?`+
		strings.Repeat(", ?", len(leadIDs)-1)+`) GROUP BY lead_id`, args, func(rows *sql.Rows) error {
		var id string
		var n int
		err := rows.Scan(&id, &n)
		out[id] = n
		return err
	})
	return out, dbErr("count quotes", err)
}

type shortlists struct{ *db }

func (r *shortlists) Add(ctx context.Context, leadID, enterpriseID, by string, at time.Time) (bool, error) {
	res, err := r.w.ExecContext(ctx, `INSERT INTO shortlists (lead_id, enterprise_id, added_by, added_at)
		VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, leadID, enterpriseID, by, ms(at))
	if err != nil {
		return false, dbErr("shortlist", err)
	}
	n, err := res.RowsAffected()
	return n > 0, dbErr("shortlist", err)
}

func (r *shortlists) Remove(ctx context.Context, leadID, enterpriseID string) (bool, error) {
	res, err := r.w.ExecContext(ctx, `DELETE FROM shortlists WHERE lead_id = ? AND enterprise_id = ?`, leadID, enterpriseID)
	if err != nil {
		return false, dbErr("unshortlist", err)
	}
	n, err := res.RowsAffected()
	return n > 0, dbErr("unshortlist", err)
}

func (r *shortlists) ByLead(ctx context.Context, leadID string) ([]string, error) {
	out := []string{}
	err := groupRows(ctx, r.r, `SELECT enterprise_id FROM shortlists WHERE lead_id = ? ORDER BY added_at, enterprise_id`,
		[]any{leadID}, func(rows *sql.Rows) error {
			var id string
			err := rows.Scan(&id)
			out = append(out, id)
			return err
		})
	return out, dbErr("list shortlist", err)
}

func (r *shortlists) Entries(ctx context.Context, leadID string) ([]store.ShortlistEntry, error) {
	out := []store.ShortlistEntry{}
	err := groupRows(ctx, r.r, `SELECT enterprise_id, added_by, added_at FROM shortlists WHERE lead_id = ?
		ORDER BY added_at, enterprise_id`, []any{leadID}, func(rows *sql.Rows) error {
		var e store.ShortlistEntry
		err := rows.Scan(&e.EnterpriseID, &e.AddedBy, timeCol{&e.AddedAt})
		out = append(out, e)
		return err
	})
	return out, dbErr("list shortlist", err)
}
