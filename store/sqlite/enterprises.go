package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"duijie/domain"
	"duijie/domain/codes"
	"duijie/store"
)

type enterprises struct{ *db }

const enterpriseCols = `id, name, uscc, clusters, industry_codes, hs_codes, products, description, certifications,
	region, tier, scale, export_markets, contact_name, contact_email, contact_phone, status, created_at, updated_at,
	verification, verification_note, verified_at`

func scanEnterprise(row scanner) (*domain.Enterprise, error) {
	var e domain.Enterprise
	err := row.Scan(&e.ID, &e.Name, &e.USCC, listOf(&e.Clusters), listOf(&e.IndustryCodes), listOf(&e.HSCodes),
		listOf(&e.Products), &e.Description, listOf(&e.Certifications), &e.Region, &e.Tier, &e.Scale,
		listOf(&e.ExportMarkets), &e.Contact.Name, &e.Contact.Email, &e.Contact.Phone, &e.Status,
		timeCol{&e.CreatedAt}, timeCol{&e.UpdatedAt}, &e.Verification, &e.VerificationNote, timePtrCol{&e.VerifiedAt})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// searchText is what the q filter matches: name, USCC and products, lower-cased one per line so
// that a query never spans two of them.
func searchText(e *domain.Enterprise) string {
	parts := append([]string{e.Name, e.USCC}, e.Products...)
	return strings.ToLower(strings.Join(parts, "\n"))
}

func (r *enterprises) Create(ctx context.Context, e *domain.Enterprise) error {
	stamp(&e.ID, &e.CreatedAt, &e.UpdatedAt)
	e.Verification = e.Verification.OrUnverified()
	return r.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO enterprises (`+enterpriseCols+`, search)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, e.Name, e.USCC, listArg(e.Clusters), listArg(e.IndustryCodes), listArg(e.HSCodes),
			listArg(e.Products), e.Description, listArg(e.Certifications), e.Region, e.Tier, e.Scale,
			listArg(e.ExportMarkets), e.Contact.Name, e.Contact.Email, e.Contact.Phone, e.Status,
			ms(e.CreatedAt), ms(e.UpdatedAt), e.Verification, e.VerificationNote, msOrNull(e.VerifiedAt), searchText(e))
		if err != nil {
			return dbErr("create enterprise", err)
		}
		return setClusters(ctx, tx, "enterprise", e.ID, e.Clusters)
	})
}

func (r *enterprises) Get(ctx context.Context, id string) (*domain.Enterprise, error) {
	e, err := scanEnterprise(r.r.QueryRowContext(ctx, `SELECT `+enterpriseCols+` FROM enterprises WHERE id = ?`, id))
	return e, dbErr("get enterprise", err)
}

func (r *enterprises) GetByUSCC(ctx context.Context, uscc string) (*domain.Enterprise, error) {
	e, err := scanEnterprise(r.r.QueryRowContext(ctx, `SELECT `+enterpriseCols+` FROM enterprises WHERE uscc = ?`, uscc))
	return e, dbErr("get enterprise by uscc", err)
}

// Update replaces everything but the creation time, which never changes.
func (r *enterprises) Update(ctx context.Context, e *domain.Enterprise) error {
	return r.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE enterprises SET name = ?, uscc = ?, clusters = ?, industry_codes = ?,
			hs_codes = ?, products = ?, description = ?, certifications = ?, region = ?, tier = ?, scale = ?,
			export_markets = ?, contact_name = ?, contact_email = ?, contact_phone = ?, status = ?, updated_at = ?,
			search = ? WHERE id = ?`,
			e.Name, e.USCC, listArg(e.Clusters), listArg(e.IndustryCodes), listArg(e.HSCodes), listArg(e.Products),
			e.Description, listArg(e.Certifications), e.Region, e.Tier, e.Scale, listArg(e.ExportMarkets),
			e.Contact.Name, e.Contact.Email, e.Contact.Phone, e.Status, ms(e.UpdatedAt), searchText(e), e.ID)
		if err := mustAffect("update enterprise", res, err); err != nil {
			return err
		}
		return setClusters(ctx, tx, "enterprise", e.ID, e.Clusters)
	})
}

// Delete removes the enterprise; its cluster index rows go with it (ON DELETE CASCADE).
func (r *enterprises) Delete(ctx context.Context, id string) error {
	res, err := r.w.ExecContext(ctx, `DELETE FROM enterprises WHERE id = ?`, id)
	return mustAffect("delete enterprise", res, err)
}

// enterpriseWhere turns f into conditions on the enterprises table.
func enterpriseWhere(f store.EnterpriseFilter) where {
	var w where
	if f.Cluster != "" {
		w.add("id IN (SELECT enterprise_id FROM enterprise_clusters WHERE cluster = ?)", f.Cluster)
	}
	if len(f.Clusters) > 0 {
		w.inClusters("enterprise", "id", slices.Compact(slices.Sorted(slices.Values(f.Clusters))))
	}
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		w.add(`search LIKE ? ESCAPE '\'`, likeContains(q))
	}
	if f.Region != "" {
		// A city or province code takes in the regions within it (codes.RegionRange).
		if lo, hi := codes.RegionRange(f.Region); hi == "" {
			w.add("region = ?", lo)
		} else {
			w.add("region >= ? AND region < ?", lo, hi)
		}
	}
	if f.Tier != "" {
		w.add("tier = ?", f.Tier)
	}
	if f.Verification != "" {
		w.add("verification = ?", f.Verification)
	}
	return w
}

func (r *enterprises) List(ctx context.Context, f store.EnterpriseFilter, page store.Page) ([]domain.Enterprise, string, int, error) {
	return listPage(ctx, r.db, page, listing[domain.Enterprise]{
		op: "list enterprises", from: "enterprises", cols: enterpriseCols, where: enterpriseWhere(f), total: true,
		order: keyset{col: "name", id: "id", text: true}, scan: scanEnterprise,
		cursor: func(e *domain.Enterprise) cursor { return cursor{S: e.Name, ID: e.ID} },
	})
}

func (r *enterprises) UpdatedAfter(ctx context.Context, mark domain.SyncMark, limit int) ([]domain.Enterprise, error) {
	if err := store.CheckSyncPage(limit); err != nil {
		return nil, err
	}
	// The row value walks the (updated_at, id) index from the mark on.
	es, err := queryAll(ctx, r.r, scanEnterprise, `SELECT `+enterpriseCols+` FROM enterprises
		WHERE (updated_at, id) > (?, ?) ORDER BY updated_at, id LIMIT ?`, ms(mark.At), mark.ID, limit)
	return es, dbErr("enterprises updated after", err)
}

func (r *enterprises) CountMatchable(ctx context.Context) (int, error) {
	var n int
	err := r.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM enterprises WHERE status <> ?`, domain.EnterpriseBlocked).Scan(&n)
	return n, dbErr("count enterprises", err)
}

// SetVerification changes the verification fields alone, conditionally on the current state.
func (r *enterprises) SetVerification(ctx context.Context, id string, to domain.Verification, note string, at time.Time,
	from ...domain.Verification) (*domain.Enterprise, error) {
	var verifiedAt *time.Time
	if to == domain.VerificationVerified {
		verifiedAt = &at
	}
	args := []any{to, note, msOrNull(verifiedAt), ms(at), id}
	marks := make([]string, len(from))
	for i, f := range from {
		marks[i] = "?"
		args = append(args, f)
	}
	cond := ""
	if len(from) > 0 {
		cond = ` AND verification IN (` + strings.Join(marks, ", ") + `)`
	}
	res, err := r.w.ExecContext(ctx, `UPDATE enterprises SET verification = ?, verification_note = ?, verified_at = ?,
		updated_at = ? WHERE id = ?`+cond, args...)
	if err != nil {
		return nil, dbErr("set verification", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, dbErr("set verification", err)
	} else if n == 0 {
		if _, err := r.Get(ctx, id); err != nil {
			return nil, err
		}
		return nil, domain.Conflict("verification", "trust.field.verification_state")
	}
	return r.Get(ctx, id)
}
