package sqlite

import (
	"context"
	"time"

	"duijie/domain"
)

type tokens struct{ *db }

const tokenCols = `id, user_id, name, hash, created_at, expires_at, last_used_at, session_id`

func scanToken(row scanner) (*domain.APIToken, error) {
	var t domain.APIToken
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, timeCol{&t.CreatedAt}, timeCol{&t.ExpiresAt},
		timePtrCol{&t.LastUsedAt}, &t.SessionID)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// Create stores t; a zero ExpiresAt is stored as NULL and never expires.
func (r *tokens) Create(ctx context.Context, t *domain.APIToken) error {
	stamp(&t.ID, &t.CreatedAt, nil)
	_, err := r.w.ExecContext(ctx, `INSERT INTO api_tokens (`+tokenCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ID, t.UserID, t.Name, t.Hash, ms(t.CreatedAt), msOrNull(&t.ExpiresAt), msOrNull(t.LastUsedAt), t.SessionID)
	return dbErr("create token", err)
}

func (r *tokens) GetByHash(ctx context.Context, hash string, now time.Time) (*domain.APIToken, error) {
	t, err := scanToken(r.r.QueryRowContext(ctx, `SELECT `+tokenCols+` FROM api_tokens
		WHERE hash = ? AND (expires_at IS NULL OR expires_at > ?)`, hash, ms(now)))
	return t, dbErr("get token", err)
}

// ListByUser returns the user's tokens newest first, expired ones included so they can be removed.
func (r *tokens) ListByUser(ctx context.Context, userID string) ([]domain.APIToken, error) {
	ts, err := queryAll(ctx, r.r, scanToken, `SELECT `+tokenCols+` FROM api_tokens WHERE user_id = ?
		ORDER BY created_at DESC, id DESC`, userID)
	return ts, dbErr("list tokens", err)
}

func (r *tokens) Delete(ctx context.Context, userID, id string) error {
	res, err := r.w.ExecContext(ctx, `DELETE FROM api_tokens WHERE id = ? AND user_id = ?`, id, userID)
	return mustAffect("delete token", res, err)
}

func (r *tokens) Touch(ctx context.Context, id string, at time.Time) error {
	res, err := r.w.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, ms(at), id)
	return mustAffect("touch token", res, err)
}

func (r *tokens) DeleteBySession(ctx context.Context, sessionID string) (int, error) {
	if sessionID == "" {
		return 0, nil
	}
	return r.deleteWhere(ctx, "delete session tokens", `session_id = ?`, sessionID)
}

func (r *tokens) DeleteByUser(ctx context.Context, userID string) (int, error) {
	return r.deleteWhere(ctx, "delete user tokens", `user_id = ?`, userID)
}

func (r *tokens) deleteWhere(ctx context.Context, op, cond string, arg any) (int, error) {
	res, err := r.w.ExecContext(ctx, `DELETE FROM api_tokens WHERE `+cond, arg)
	if err != nil {
		return 0, dbErr(op, err)
	}
	n, err := res.RowsAffected()
	return int(n), dbErr(op, err)
}
