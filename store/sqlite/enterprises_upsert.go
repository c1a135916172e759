package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"duijie/domain"
	"duijie/store"
)

// upsertProgressEvery is how many rows pass between progress calls of a bulk upsert.
const upsertProgressEvery = 1000

// UpsertByUSCC creates the enterprises whose USCC is new and updates the others in place, in one
// transaction: an import lands whole or not at all. An update keeps the stored ID, creation
// time and status (an import does not unblock a blocked firm); es is filled with what was stored.
func (r *enterprises) UpsertByUSCC(ctx context.Context, es []domain.Enterprise, progress func(done int)) (created, updated int, err error) {
	return r.UpsertBatches(ctx, store.OneBatch(es), progress)
}

// UpsertBatches is UpsertByUSCC over batches that next produces, all in one transaction, so an
// import of 10^6 rows lands whole or not at all while only one batch is in memory.
func (r *enterprises) UpsertBatches(ctx context.Context, next func() ([]domain.Enterprise, error), progress func(done int)) (created, updated int, err error) {
	now := time.Now()
	done := 0
	err = r.write(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		find, err := tx.PrepareContext(ctx, `SELECT id, status, created_at, verification FROM enterprises WHERE uscc = ?`)
		if err != nil {
			return dbErr("upsert enterprises", err)
		}
		defer find.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO enterprises (`+enterpriseCols+`, search)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return dbErr("upsert enterprises", err)
		}
		defer ins.Close()
		upd, err := tx.PrepareContext(ctx, `UPDATE enterprises SET name = ?, clusters = ?, industry_codes = ?,
			hs_codes = ?, products = ?, description = ?, certifications = ?, region = ?, tier = ?, scale = ?,
			export_markets = ?, contact_name = ?, contact_email = ?, contact_phone = ?, updated_at = ?, search = ?
			WHERE id = ?`)
		if err != nil {
			return dbErr("upsert enterprises", err)
		}
		defer upd.Close()
		// The cluster index rows are rewritten with prepared statements: at 100,000 rows,
		// preparing each statement per row costs more than the writes themselves.
		unindex, err := tx.PrepareContext(ctx, `DELETE FROM enterprise_clusters WHERE enterprise_id = ?`)
		if err != nil {
			return dbErr("upsert enterprises", err)
		}
		defer unindex.Close()
		index, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO enterprise_clusters (cluster, enterprise_id) VALUES (?, ?)`)
		if err != nil {
			return dbErr("upsert enterprises", err)
		}
		defer index.Close()
		for {
			es, err := next()
			if err != nil {
				return err
			}
			if len(es) == 0 {
				return nil
			}
			for i := range es {
				e := &es[i]
				if e.UpdatedAt.IsZero() {
					e.UpdatedAt = now
				}
				var id, status, verification string
				var createdAt int64
				switch err := find.QueryRowContext(ctx, e.USCC).Scan(&id, &status, &createdAt, &verification); {
				case errors.Is(err, sql.ErrNoRows):
					if e.ID == "" {
						e.ID = domain.NewID()
					}
					if e.CreatedAt.IsZero() {
						e.CreatedAt = e.UpdatedAt
					}
					if e.Status == "" {
						e.Status = domain.EnterpriseActive
					}
					e.Verification = e.Verification.OrUnverified()
					if _, err := ins.ExecContext(ctx, e.ID, e.Name, e.USCC, listArg(e.Clusters), listArg(e.IndustryCodes),
						listArg(e.HSCodes), listArg(e.Products), e.Description, listArg(e.Certifications), e.Region, e.Tier,
						e.Scale, listArg(e.ExportMarkets), e.Contact.Name, e.Contact.Email, e.Contact.Phone, e.Status,
						ms(e.CreatedAt), ms(e.UpdatedAt), e.Verification, e.VerificationNote, msOrNull(e.VerifiedAt),
						searchText(e)); err != nil {
						return dbErr("upsert enterprises", err)
					}
					created++
				case err != nil:
					return dbErr("upsert enterprises", err)
				default:
					// An import keeps the verification of a known firm: the queue decides it, not a file.
					e.ID, e.Status, e.CreatedAt = id, domain.EnterpriseStatus(status), fromMs(createdAt)
					e.Verification = domain.Verification(verification)
					if _, err := upd.ExecContext(ctx, e.Name, listArg(e.Clusters), listArg(e.IndustryCodes),
						listArg(e.HSCodes), listArg(e.Products), e.Description, listArg(e.Certifications), e.Region, e.Tier,
						e.Scale, listArg(e.ExportMarkets), e.Contact.Name, e.Contact.Email, e.Contact.Phone,
						ms(e.UpdatedAt), searchText(e), e.ID); err != nil {
						return dbErr("upsert enterprises", err)
					}
					if _, err := unindex.ExecContext(ctx, e.ID); err != nil {
						return dbErr("upsert enterprises", err)
					}
					updated++
				}
				for _, c := range e.Clusters {
					if _, err := index.ExecContext(ctx, c, e.ID); err != nil {
						return dbErr("upsert enterprises", err)
					}
				}
				done++
				if progress != nil && done%upsertProgressEvery == 0 {
					progress(done)
				}
			}
		}
	})
	if err != nil {
		return 0, 0, err
	}
	if progress != nil {
		progress(done)
	}
	return created, updated, nil
}
