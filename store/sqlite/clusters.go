package sqlite

import (
	"context"
	"time"

	"duijie/domain"
)

type clusters struct{ *db }

const clusterCols = `code, tier, name_zh, name_en, industry_codes, sort_order, updated_at`

func scanCluster(row scanner) (*domain.Cluster, error) {
	var c domain.Cluster
	err := row.Scan(&c.Code, &c.Tier, &c.NameZh, &c.NameEn, listOf(&c.IndustryCodes), &c.SortOrder, timeCol{&c.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

func (r *clusters) List(ctx context.Context) ([]domain.Cluster, error) {
	cs, err := queryAll(ctx, r.r, scanCluster, `SELECT `+clusterCols+` FROM clusters ORDER BY sort_order, code`)
	return cs, dbErr("list clusters", err)
}

func (r *clusters) Get(ctx context.Context, code string) (*domain.Cluster, error) {
	c, err := scanCluster(r.r.QueryRowContext(ctx, `SELECT `+clusterCols+` FROM clusters WHERE code = ?`, code))
	return c, dbErr("get cluster", err)
}

func (r *clusters) Create(ctx context.Context, c *domain.Cluster) error {
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = time.Now()
	}
	_, err := r.w.ExecContext(ctx, `INSERT INTO clusters (`+clusterCols+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.Code, c.Tier, c.NameZh, c.NameEn, listArg(c.IndustryCodes), c.SortOrder, ms(c.UpdatedAt))
	return dbErr("create cluster", err)
}

func (r *clusters) Update(ctx context.Context, c *domain.Cluster) error {
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = time.Now()
	}
	res, err := r.w.ExecContext(ctx, `UPDATE clusters SET tier = ?, name_zh = ?, name_en = ?, industry_codes = ?,
		sort_order = ?, updated_at = ? WHERE code = ?`,
		c.Tier, c.NameZh, c.NameEn, listArg(c.IndustryCodes), c.SortOrder, ms(c.UpdatedAt), c.Code)
	return mustAffect("update cluster", res, err)
}
