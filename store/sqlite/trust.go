package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"duijie/domain"
)

type licences struct{ *db }

func (r *licences) Put(ctx context.Context, l *domain.Licence) error {
	_, err := r.w.ExecContext(ctx, `INSERT INTO licences (enterprise_id, file_name, content_type, data, uploaded_by, uploaded_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (enterprise_id) DO UPDATE SET file_name = excluded.file_name,
		content_type = excluded.content_type, data = excluded.data, uploaded_by = excluded.uploaded_by,
		uploaded_at = excluded.uploaded_at`,
		l.EnterpriseID, l.FileName, l.ContentType, l.Data, l.UploadedBy, ms(l.UploadedAt))
	return dbErr("put licence", err)
}

func (r *licences) Get(ctx context.Context, enterpriseID string) (*domain.Licence, error) {
	var l domain.Licence
	err := r.r.QueryRowContext(ctx, `SELECT enterprise_id, file_name, content_type, data, uploaded_by, uploaded_at
		FROM licences WHERE enterprise_id = ?`, enterpriseID).
		Scan(&l.EnterpriseID, &l.FileName, &l.ContentType, &l.Data, &l.UploadedBy, timeCol{&l.UploadedAt})
	if err != nil {
		return nil, dbErr("get licence", err)
	}
	return &l, nil
}

type limits struct{ *db }

// Hit is one upsert: a counter older than the window starts again, else it counts on.
func (r *limits) Hit(ctx context.Context, key string, now time.Time, window time.Duration) (domain.LimitCounter, error) {
	c := domain.LimitCounter{Key: key}
	err := r.w.QueryRowContext(ctx, `INSERT INTO limit_counters (key, count, first_at, last_at) VALUES (?, 1, ?, ?)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN first_at <= ? THEN 1 ELSE count + 1 END,
			first_at = CASE WHEN first_at <= ? THEN excluded.first_at ELSE first_at END,
			last_at = excluded.last_at
		RETURNING count, first_at, last_at`,
		key, ms(now), ms(now), ms(now.Add(-window)), ms(now.Add(-window))).
		Scan(&c.Count, timeCol{&c.First}, timeCol{&c.Last})
	return c, dbErr("hit limit", err)
}

func (r *limits) Get(ctx context.Context, key string, now time.Time, window time.Duration) (domain.LimitCounter, error) {
	c := domain.LimitCounter{Key: key}
	err := r.r.QueryRowContext(ctx, `SELECT count, first_at, last_at FROM limit_counters WHERE key = ? AND first_at > ?`,
		key, ms(now.Add(-window))).Scan(&c.Count, timeCol{&c.First}, timeCol{&c.Last})
	if errors.Is(err, sql.ErrNoRows) {
		return domain.LimitCounter{Key: key}, nil
	}
	return c, dbErr("get limit", err)
}

func (r *limits) Reset(ctx context.Context, key string) error {
	_, err := r.w.ExecContext(ctx, `DELETE FROM limit_counters WHERE key = ?`, key)
	return dbErr("reset limit", err)
}

func (r *limits) DeleteIdle(ctx context.Context, t time.Time) (int, error) {
	res, err := r.w.ExecContext(ctx, `DELETE FROM limit_counters WHERE last_at < ?`, ms(t))
	if err != nil {
		return 0, dbErr("delete idle limits", err)
	}
	n, err := res.RowsAffected()
	return int(n), dbErr("delete idle limits", err)
}

type accountLinks struct{ *db }

const linkCols = `id, kind, user_id, email, name, enterprise_id, created_by, created_at, expires_at, used_at`

func scanLink(row scanner) (*domain.AccountLink, error) {
	var l domain.AccountLink
	err := row.Scan(&l.ID, &l.Kind, &l.UserID, &l.Email, &l.Name, &l.EnterpriseID, &l.CreatedBy,
		timeCol{&l.CreatedAt}, timeCol{&l.ExpiresAt}, timePtrCol{&l.UsedAt})
	if err != nil {
		return nil, err
	}
	return &l, nil
}

func (r *accountLinks) Create(ctx context.Context, l *domain.AccountLink) error {
	_, err := r.w.ExecContext(ctx, `INSERT INTO account_links (`+linkCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.Kind, l.UserID, l.Email, l.Name, l.EnterpriseID, l.CreatedBy, ms(l.CreatedAt), ms(l.ExpiresAt),
		msOrNull(l.UsedAt))
	return dbErr("create account link", err)
}

func (r *accountLinks) Get(ctx context.Context, id string, kind domain.AccountLinkKind, now time.Time) (*domain.AccountLink, error) {
	l, err := scanLink(r.r.QueryRowContext(ctx, `SELECT `+linkCols+` FROM account_links
		WHERE id = ? AND kind = ? AND used_at IS NULL AND expires_at > ?`, id, kind, ms(now)))
	return l, dbErr("get account link", err)
}

func (r *accountLinks) Use(ctx context.Context, id string, kind domain.AccountLinkKind, now time.Time) (*domain.AccountLink, error) {
	l, err := scanLink(r.w.QueryRowContext(ctx, `UPDATE account_links SET used_at = ?
		WHERE id = ? AND kind = ? AND used_at IS NULL AND expires_at > ? RETURNING `+linkCols, ms(now), id, kind, ms(now)))
	return l, dbErr("use account link", err)
}

func (r *accountLinks) Invitations(ctx context.Context, enterpriseID string, now time.Time) ([]domain.AccountLink, error) {
	ls, err := queryAll(ctx, r.r, scanLink, `SELECT `+linkCols+` FROM account_links
		WHERE enterprise_id = ? AND kind = ? AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id DESC`,
		enterpriseID, domain.LinkInvite, ms(now))
	return ls, dbErr("list invitations", err)
}

func (r *accountLinks) List(ctx context.Context, after string, limit int) ([]domain.AccountLink, error) {
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	ls, err := queryAll(ctx, r.r, scanLink, `SELECT `+linkCols+` FROM account_links WHERE id > ? ORDER BY id LIMIT ?`,
		after, limit)
	return ls, dbErr("list account links", err)
}

// Revoke ends live links by marking them used, which keeps them for the record.
func (r *accountLinks) Revoke(ctx context.Context, kind domain.AccountLinkKind, userID, email string, now time.Time) error {
	_, err := r.w.ExecContext(ctx, `UPDATE account_links SET used_at = ? WHERE kind = ? AND used_at IS NULL
		AND ((user_id <> '' AND user_id = ?) OR (email <> '' AND email = ?))`, ms(now), kind, userID, email)
	return dbErr("revoke account links", err)
}
