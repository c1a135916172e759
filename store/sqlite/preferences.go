package sqlite

import (
	"context"
	"time"

	"duijie/domain"
)

type preferences struct{ *db }

const prefCols = `user_id, digest, locale, opt_out, unsubscribe_token, updated_at`

func scanPrefs(row scanner) (*domain.Preferences, error) {
	var p domain.Preferences
	if err := row.Scan(&p.UserID, &p.Digest, &p.Locale, listOf(&p.OptOut), &p.UnsubscribeToken,
		timeCol{&p.UpdatedAt}); err != nil {
		return nil, err
	}
	return &p, nil
}

func (r *preferences) Get(ctx context.Context, userID string) (*domain.Preferences, error) {
	p, err := scanPrefs(r.r.QueryRowContext(ctx, `SELECT `+prefCols+` FROM mail_preferences WHERE user_id = ?`, userID))
	return p, dbErr("get preferences", err)
}

func (r *preferences) Put(ctx context.Context, p *domain.Preferences) error {
	if p.UpdatedAt.IsZero() {
		p.UpdatedAt = time.Now()
	}
	_, err := r.w.ExecContext(ctx, `INSERT INTO mail_preferences (`+prefCols+`) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET digest = excluded.digest, locale = excluded.locale,
			opt_out = excluded.opt_out, unsubscribe_token = excluded.unsubscribe_token, updated_at = excluded.updated_at`,
		p.UserID, p.Digest, p.Locale, listArg(p.OptOut), p.UnsubscribeToken, ms(p.UpdatedAt))
	return dbErr("save preferences", err)
}

func (r *preferences) ByToken(ctx context.Context, token string) (*domain.Preferences, error) {
	p, err := scanPrefs(r.r.QueryRowContext(ctx, `SELECT `+prefCols+` FROM mail_preferences WHERE unsubscribe_token = ?`, token))
	return p, dbErr("get preferences by token", err)
}

func (r *preferences) ListDigest(ctx context.Context, f domain.DigestFrequency, after string, limit int) ([]domain.Preferences, error) {
	if limit <= 0 || limit > maxLimit {
		limit = maxLimit
	}
	out, err := queryAll(ctx, r.r, scanPrefs, `SELECT `+prefCols+` FROM mail_preferences WHERE digest = ? AND user_id > ?
		ORDER BY user_id LIMIT ?`, f, after, limit)
	return out, dbErr("list digest preferences", err)
}
