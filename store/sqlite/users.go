package sqlite

import (
	"context"
	"time"

	"duijie/domain"
	"duijie/store"
)

type users struct{ *db }

const userCols = `id, email, name, password_hash, role, clusters, enterprise_id, locale, disabled, created_at, updated_at`

func scanUser(row scanner) (*domain.User, error) {
	var u domain.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.Role, listOf(&u.Clusters), &u.EnterpriseID,
		&u.Locale, &u.Disabled, timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

func (r *users) Create(ctx context.Context, u *domain.User) error {
	stamp(&u.ID, &u.CreatedAt, &u.UpdatedAt)
	_, err := r.w.ExecContext(ctx, `INSERT INTO users (`+userCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Email, u.Name, u.PasswordHash, u.Role, listArg(u.Clusters), u.EnterpriseID, u.Locale, u.Disabled,
		ms(u.CreatedAt), ms(u.UpdatedAt))
	return dbErr("create user", err)
}

func (r *users) Get(ctx context.Context, id string) (*domain.User, error) {
	u, err := scanUser(r.r.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = ?`, id))
	return u, dbErr("get user", err)
}

func (r *users) GetByEmail(ctx context.Context, email string) (*domain.User, error) {
	u, err := scanUser(r.r.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE email = ?`, email))
	return u, dbErr("get user by email", err)
}

// Update replaces everything but the creation time, which never changes.
func (r *users) Update(ctx context.Context, u *domain.User) error {
	if u.UpdatedAt.IsZero() {
		u.UpdatedAt = time.Now()
	}
	res, err := r.w.ExecContext(ctx, `UPDATE users SET email = ?, name = ?, password_hash = ?, role = ?, clusters = ?,
		enterprise_id = ?, locale = ?, disabled = ?, updated_at = ? WHERE id = ?`,
		u.Email, u.Name, u.PasswordHash, u.Role, listArg(u.Clusters), u.EnterpriseID, u.Locale, u.Disabled,
		ms(u.UpdatedAt), u.ID)
	return mustAffect("update user", res, err)
}

func (r *users) List(ctx context.Context, role domain.Role, page store.Page) ([]domain.User, string, error) {
	var w where
	if role != "" {
		w.add("role = ?", role)
	}
	us, next, _, err := listPage(ctx, r.db, page, listing[domain.User]{
		op: "list users", from: "users", cols: userCols, where: w,
		order: newest("created_at", "id"), scan: scanUser,
		cursor: func(u *domain.User) cursor { return cursor{N: ms(u.CreatedAt), ID: u.ID} },
	})
	return us, next, err
}

func (r *users) ByEnterprise(ctx context.Context, enterpriseID string) ([]domain.User, error) {
	rows, err := r.r.QueryContext(ctx, `SELECT `+userCols+` FROM users WHERE enterprise_id = ? AND enterprise_id <> ''
		ORDER BY created_at, id`, enterpriseID)
	if err != nil {
		return nil, dbErr("list enterprise members", err)
	}
	us, err := collect(rows, scanUser)
	return us, dbErr("list enterprise members", err)
}

func (r *users) Count(ctx context.Context) (int, error) {
	var n int
	err := r.r.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, dbErr("count users", err)
}
