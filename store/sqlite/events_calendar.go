package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"duijie/domain"
)

// calendars implements store.CalendarRepo.
type calendars struct{ *db }

func (s *calendars) Token(ctx context.Context, userID string) (string, error) {
	var tok string
	err := s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT token FROM calendar_tokens WHERE user_id = ?`, userID).Scan(&tok)
		if !errors.Is(err, sql.ErrNoRows) {
			return dbErr("get calendar token", err)
		}
		tok = domain.RandomToken(20)
		_, err = tx.ExecContext(ctx, `INSERT INTO calendar_tokens (user_id, token, created_at) VALUES (?,?,?)`,
			userID, tok, ms(time.Now()))
		return dbErr("create calendar token", err)
	})
	return tok, err
}

func (s *calendars) Reset(ctx context.Context, userID string) (string, error) {
	tok := domain.RandomToken(20)
	_, err := s.w.ExecContext(ctx, `INSERT INTO calendar_tokens (user_id, token, created_at) VALUES (?,?,?)
		ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at`,
		userID, tok, ms(time.Now()))
	return tok, dbErr("reset calendar token", err)
}

func (s *calendars) User(ctx context.Context, token string) (string, error) {
	var id string
	err := s.r.QueryRowContext(ctx, `SELECT user_id FROM calendar_tokens WHERE token = ?`, token).Scan(&id)
	return id, dbErr("find calendar token", err)
}
