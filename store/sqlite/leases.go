package sqlite

import (
	"context"
	"time"

	"duijie/domain"
)

type leases struct{ *db }

// Acquire is one upsert: the row is written only when free, expired or already ours, so two
// instances racing for a job cannot both win.
func (r *leases) Acquire(ctx context.Context, name, holder string, now, until time.Time) (bool, error) {
	res, err := r.w.ExecContext(ctx, `INSERT INTO job_leases (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET
			acquired_at = CASE WHEN job_leases.holder = excluded.holder THEN job_leases.acquired_at ELSE excluded.acquired_at END,
			holder = excluded.holder, expires_at = excluded.expires_at
		WHERE job_leases.holder = '' OR job_leases.holder = excluded.holder OR job_leases.expires_at <= ?`,
		name, holder, ms(now), ms(until), ms(now))
	if err != nil {
		return false, dbErr("acquire lease", err)
	}
	n, err := res.RowsAffected()
	return n == 1, dbErr("acquire lease", err)
}

func (r *leases) Renew(ctx context.Context, name, holder string, until time.Time) error {
	res, err := r.w.ExecContext(ctx, `UPDATE job_leases SET expires_at = ? WHERE name = ? AND holder = ?`,
		ms(until), name, holder)
	if err := mustAffect("renew lease", res, err); err != nil {
		if err == domain.ErrNotFound {
			return domain.ErrConflict
		}
		return err
	}
	return nil
}

func (r *leases) Release(ctx context.Context, name, holder string) error {
	_, err := r.w.ExecContext(ctx, `UPDATE job_leases SET holder = '', expires_at = 0 WHERE name = ? AND holder = ?`,
		name, holder)
	return dbErr("release lease", err)
}

func (r *leases) List(ctx context.Context) ([]domain.Lease, error) {
	out, err := queryAll(ctx, r.r, scanLease, `SELECT name, holder, acquired_at, expires_at FROM job_leases ORDER BY name`)
	return out, dbErr("list leases", err)
}

func scanLease(row scanner) (*domain.Lease, error) {
	var l domain.Lease
	if err := row.Scan(&l.Name, &l.Holder, timeCol{&l.AcquiredAt}, timeCol{&l.ExpiresAt}); err != nil {
		return nil, err
	}
	return &l, nil
}
