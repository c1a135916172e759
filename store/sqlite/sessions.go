package sqlite

import (
	"context"
	"time"

	"duijie/domain"
)

type sessions struct{ *db }

func (r *sessions) Create(ctx context.Context, s *domain.Session) error {
	_, err := r.w.ExecContext(ctx, `INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`, s.ID, s.UserID, s.CSRFToken, ms(s.CreatedAt), ms(s.ExpiresAt))
	return dbErr("create session", err)
}

func (r *sessions) Get(ctx context.Context, id string, now time.Time) (*domain.Session, error) {
	var s domain.Session
	err := r.r.QueryRowContext(ctx, `SELECT id, user_id, csrf_token, created_at, expires_at FROM sessions
		WHERE id = ? AND expires_at > ?`, id, ms(now)).
		Scan(&s.ID, &s.UserID, &s.CSRFToken, timeCol{&s.CreatedAt}, timeCol{&s.ExpiresAt})
	if err != nil {
		return nil, dbErr("get session", err)
	}
	return &s, nil
}

func (r *sessions) Delete(ctx context.Context, id string) error {
	_, err := r.w.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id)
	return dbErr("delete session", err)
}

func (r *sessions) DeleteByUser(ctx context.Context, userID string) error {
	_, err := r.w.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return dbErr("delete user sessions", err)
}

func (r *sessions) DeleteExpired(ctx context.Context, now time.Time) (int, error) {
	res, err := r.w.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, ms(now))
	if err != nil {
		return 0, dbErr("delete expired sessions", err)
	}
	n, err := res.RowsAffected()
	return int(n), dbErr("delete expired sessions", err)
}
