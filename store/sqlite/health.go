package sqlite

import (
	"context"
	"errors"
)

type health struct{ *db }

func (h *health) Ping(ctx context.Context) error {
	// Reading a table, not just SELECT 1, proves the file itself is still readable.
	var v int
	return dbErr("ping", h.r.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v))
}

func (h *health) Empty(ctx context.Context) (bool, error) {
	var found bool
	err := h.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM clusters)
		OR EXISTS (SELECT 1 FROM enterprises)`).Scan(&found)
	return !found, dbErr("check empty", err)
}

// Close closes both pools; the writer last, so its close checkpoints the WAL into the file.
func (h *health) Close() error {
	return errors.Join(h.r.Close(), h.w.Close())
}
