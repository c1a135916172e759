package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"duijie/domain"
	"duijie/store"
)

type leads struct{ *db }

const leadCols = `id, title, description, clusters, industry_codes, hs_codes, quantity, unit, budget_min,
	budget_max, currency, delivery_region, export_market, required_certifications, preferred_tiers, deadline,
	status, outcome, buyer_enterprise_id, buyer_name, contact_name, contact_email, contact_phone, posted_by,
	opened_at, closed_at, created_at, updated_at, clusters_inferred, ref, ref_key`

func scanLead(row scanner) (*domain.Lead, error) {
	var l domain.Lead
	err := row.Scan(&l.ID, &l.Title, &l.Description, listOf(&l.Clusters), listOf(&l.IndustryCodes),
		listOf(&l.HSCodes), &l.Quantity, &l.Unit, &l.BudgetMin, &l.BudgetMax, &l.Currency, &l.DeliveryRegion,
		&l.ExportMarket, listOf(&l.RequiredCertifications), listOf(&l.PreferredTiers), timePtrCol{&l.Deadline},
		&l.Status, &l.Outcome, &l.BuyerEnterpriseID, &l.BuyerName, &l.Contact.Name, &l.Contact.Email,
		&l.Contact.Phone, &l.PostedBy, timePtrCol{&l.OpenedAt}, timePtrCol{&l.ClosedAt},
		timeCol{&l.CreatedAt}, timeCol{&l.UpdatedAt}, &l.ClustersInferred, &l.Ref, new(string))
	if err != nil {
		return nil, err
	}
	return &l, nil
}

// leadArgs are the values of leadCols followed by the search text.
func leadArgs(l *domain.Lead) []any {
	return []any{l.ID, l.Title, l.Description, listArg(l.Clusters), listArg(l.IndustryCodes), listArg(l.HSCodes),
		l.Quantity, l.Unit, l.BudgetMin, l.BudgetMax, l.Currency, l.DeliveryRegion, l.ExportMarket,
		listArg(l.RequiredCertifications), listArg(l.PreferredTiers), msOrNull(l.Deadline), l.Status, l.Outcome,
		l.BuyerEnterpriseID, l.BuyerName, l.Contact.Name, l.Contact.Email, l.Contact.Phone, l.PostedBy,
		msOrNull(l.OpenedAt), msOrNull(l.ClosedAt), ms(l.CreatedAt), ms(l.UpdatedAt), l.ClustersInferred, l.Ref, l.RefKey(), leadSearch(l)}
}

func leadSearch(l *domain.Lead) string {
	return strings.ToLower(l.Title + "\n" + l.Description)
}

func prepareLead(l *domain.Lead) {
	stamp(&l.ID, &l.CreatedAt, &l.UpdatedAt)
}

const insertLead = `INSERT INTO leads (` + leadCols + `, search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
	?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (r *leads) Create(ctx context.Context, l *domain.Lead) error {
	prepareLead(l)
	return r.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, insertLead, leadArgs(l)...); err != nil {
			return dbErr("create lead", err)
		}
		return setClusters(ctx, tx, "lead", l.ID, l.Clusters)
	})
}

// CreateMany inserts every lead in one transaction: an import lands whole or not at all.
func (r *leads) CreateMany(ctx context.Context, ls []domain.Lead) error {
	return r.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, insertLead)
		if err != nil {
			return dbErr("create leads", err)
		}
		defer stmt.Close()
		for i := range ls {
			prepareLead(&ls[i])
			if _, err := stmt.ExecContext(ctx, leadArgs(&ls[i])...); err != nil {
				return dbErr("create leads", err)
			}
			if err := setClusters(ctx, tx, "lead", ls[i].ID, ls[i].Clusters); err != nil {
				return err
			}
		}
		return nil
	})
}

func (r *leads) Get(ctx context.Context, id string) (*domain.Lead, error) {
	l, err := scanLead(r.r.QueryRowContext(ctx, `SELECT `+leadCols+` FROM leads WHERE id = ?`, id))
	return l, dbErr("get lead", err)
}

// Update replaces everything but the ID and creation time, if the status is still expect.
func (r *leads) Update(ctx context.Context, l *domain.Lead, expect domain.LeadStatus) error {
	return r.write(ctx, func(tx *sql.Tx) error { return updateLead(ctx, tx, l, expect) })
}

func updateLead(ctx context.Context, tx *sql.Tx, l *domain.Lead, expect domain.LeadStatus) error {
	res, err := tx.ExecContext(ctx, `UPDATE leads SET title = ?, description = ?, clusters = ?,
		industry_codes = ?, hs_codes = ?, quantity = ?, unit = ?, budget_min = ?, budget_max = ?, currency = ?,
		delivery_region = ?, export_market = ?, required_certifications = ?, preferred_tiers = ?, deadline = ?,
		status = ?, outcome = ?, buyer_enterprise_id = ?, buyer_name = ?, contact_name = ?, contact_email = ?,
		contact_phone = ?, posted_by = ?, opened_at = ?, closed_at = ?, updated_at = ?, search = ?,
		clusters_inferred = ?, ref = ?, ref_key = ?
		WHERE id = ? AND status = ?`,
		l.Title, l.Description, listArg(l.Clusters), listArg(l.IndustryCodes), listArg(l.HSCodes), l.Quantity,
		l.Unit, l.BudgetMin, l.BudgetMax, l.Currency, l.DeliveryRegion, l.ExportMarket,
		listArg(l.RequiredCertifications), listArg(l.PreferredTiers), msOrNull(l.Deadline), l.Status, l.Outcome,
		l.BuyerEnterpriseID, l.BuyerName, l.Contact.Name, l.Contact.Email, l.Contact.Phone, l.PostedBy,
		msOrNull(l.OpenedAt), msOrNull(l.ClosedAt), ms(l.UpdatedAt), leadSearch(l), l.ClustersInferred, l.Ref, l.RefKey(),
		l.ID, expect)
	if err := statusMoved(ctx, tx, res, err, "leads", l.ID, "update lead", "lead_status_changed"); err != nil {
		return err
	}
	return setClusters(ctx, tx, "lead", l.ID, l.Clusters)
}

func leadWhere(f store.LeadFilter) where {
	var w where
	if f.Cluster != "" {
		w.add("id IN (SELECT lead_id FROM lead_clusters WHERE cluster = ?)", f.Cluster)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.Buyer != "" {
		w.add("buyer_enterprise_id = ?", f.Buyer)
	}
	if f.Triage {
		w.add("clusters_inferred = 1 AND status = ?", domain.LeadOpen)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		w.add(`search LIKE ? ESCAPE '\'`, likeContains(q))
	}
	if s := f.Scope; !s.IsZero() {
		var or []string
		var args []any
		if len(s.Clusters) > 0 {
			cond, a := clusterCond("lead", "id", slices.Compact(slices.Sorted(slices.Values(s.Clusters))))
			or, args = append(or, cond), append(args, a...)
		}
		if s.PostedBy != "" {
			or, args = append(or, "posted_by = ?"), append(args, s.PostedBy)
		}
		if s.Buyer != "" {
			or, args = append(or, "buyer_enterprise_id = ?"), append(args, s.Buyer)
		}
		if s.Open {
			or, args = append(or, "status = ?"), append(args, domain.LeadOpen)
		}
		w.add("("+strings.Join(or, " OR ")+")", args...)
	}
	return w
}

func (r *leads) List(ctx context.Context, f store.LeadFilter, page store.Page) ([]domain.Lead, string, int, error) {
	return listPage(ctx, r.db, page, listing[domain.Lead]{
		op: "list leads", from: "leads", cols: leadCols, where: leadWhere(f), total: true,
		order: newest("created_at", "id"), scan: scanLead,
		cursor: func(l *domain.Lead) cursor { return cursor{N: ms(l.CreatedAt), ID: l.ID} },
	})
}

func (r *leads) ExpireDue(ctx context.Context, now time.Time) (int, error) {
	res, err := r.w.ExecContext(ctx, `UPDATE leads SET status = ?, updated_at = ?
		WHERE status = ? AND deadline IS NOT NULL AND deadline <= ?`, domain.LeadExpired, ms(now), domain.LeadOpen, ms(now))
	if err != nil {
		return 0, dbErr("expire leads", err)
	}
	n, err := res.RowsAffected()
	return int(n), dbErr("expire leads", err)
}

func (r *leads) UpdatedAfter(ctx context.Context, mark domain.SyncMark, limit int) ([]domain.Lead, error) {
	if err := store.CheckSyncPage(limit); err != nil {
		return nil, err
	}
	ls, err := queryAll(ctx, r.r, scanLead, `SELECT `+leadCols+` FROM leads
		WHERE (updated_at, id) > (?, ?) ORDER BY updated_at, id LIMIT ?`, ms(mark.At), mark.ID, limit)
	return ls, dbErr("leads updated after", err)
}

func (r *leads) GetByRef(ctx context.Context, key string) (*domain.Lead, error) {
	if key == "" {
		return nil, domain.ErrNotFound
	}
	l, err := scanLead(r.r.QueryRowContext(ctx, `SELECT `+leadCols+` FROM leads WHERE ref_key = ?`, key))
	return l, dbErr("get lead by ref", err)
}

// SaveImport writes an import's new and re-imported leads in one transaction.
func (r *leads) SaveImport(ctx context.Context, creates []domain.Lead, updates []store.LeadChange) error {
	return r.write(ctx, func(tx *sql.Tx) error {
		for i := range creates {
			prepareLead(&creates[i])
			if _, err := tx.ExecContext(ctx, insertLead, leadArgs(&creates[i])...); err != nil {
				return dbErr("import leads", err)
			}
			if err := setClusters(ctx, tx, "lead", creates[i].ID, creates[i].Clusters); err != nil {
				return err
			}
		}
		for i := range updates {
			if err := updateLead(ctx, tx, &updates[i].Lead, updates[i].Expect); err != nil {
				return err
			}
		}
		return nil
	})
}
