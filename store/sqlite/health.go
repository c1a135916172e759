package sqlite

import (
	"context"
	"errors"
)

type health struct{ *db }

func (h *health) Ping(ctx context.Context) error {
	var one int
	return dbErr("ping", h.r.QueryRowContext(ctx, `SELECT 1`).Scan(&one))
}

func (h *health) Empty(ctx context.Context) (bool, error) {
	var any bool
	err := h.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM clusters)
		OR EXISTS (SELECT 1 FROM enterprises)`).Scan(&any)
	return !any, dbErr("check empty", err)
}

// Close closes both pools; the writer last, so its close checkpoints the WAL into the file.
func (h *health) Close() error {
	return errors.Join(h.r.Close(), h.w.Close())
}
