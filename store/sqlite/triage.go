package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"duijie/domain"
)

type triage struct{ *db }

func (r *triage) AddCorrection(ctx context.Context, c *domain.TriageCorrection) error {
	if c.ID == "" {
		c.ID = domain.NewID()
	}
	_, err := r.w.ExecContext(ctx, `INSERT INTO triage_corrections (id, lead_id, terms, clusters, removed, added, by_user, by_name, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.LeadID, listArg(c.Terms), listArg(c.Clusters), listArg(c.Removed),
		listArg(c.Added), c.By, c.ByName, ms(c.At))
	return dbErr("add triage correction", err)
}

func (r *triage) Corrections(ctx context.Context, limit int) ([]domain.TriageCorrection, error) {
	if limit < 1 || limit > domain.MaxCorrections {
		return nil, fmt.Errorf("sqlite: %d corrections is outside 1..%d", limit, domain.MaxCorrections)
	}
	out := []domain.TriageCorrection{}
	err := groupRows(ctx, r.r, `SELECT id, lead_id, terms, clusters, removed, added, by_user, by_name, at FROM
		(SELECT * FROM triage_corrections ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id`, []any{limit},
		func(rows *sql.Rows) error {
			var c domain.TriageCorrection
			err := rows.Scan(&c.ID, &c.LeadID, listOf(&c.Terms), listOf(&c.Clusters), listOf(&c.Removed), listOf(&c.Added),
				&c.By, &c.ByName, timeCol{&c.At})
			out = append(out, c)
			return err
		})
	return out, dbErr("list triage corrections", err)
}

func (r *triage) SwitchOff(ctx context.Context, o *domain.LessonOff) error {
	_, err := r.w.ExecContext(ctx, `INSERT INTO triage_lessons_off (term_key, cluster, term, by_user, by_name, at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (term_key, cluster) DO UPDATE SET term = excluded.term,
		by_user = excluded.by_user, by_name = excluded.by_name, at = excluded.at`,
		domain.LessonKey(o.Term), o.Cluster, o.Term, o.By, o.ByName, ms(o.At))
	return dbErr("switch a lesson off", err)
}

func (r *triage) SwitchOn(ctx context.Context, term, cluster string) (bool, error) {
	res, err := r.w.ExecContext(ctx, `DELETE FROM triage_lessons_off WHERE term_key = ? AND cluster = ?`,
		domain.LessonKey(term), cluster)
	if err != nil {
		return false, dbErr("switch a lesson on", err)
	}
	n, err := res.RowsAffected()
	return n > 0, dbErr("switch a lesson on", err)
}

func (r *triage) Off(ctx context.Context) ([]domain.LessonOff, error) {
	out := []domain.LessonOff{}
	err := groupRows(ctx, r.r, `SELECT term, cluster, by_user, by_name, at FROM triage_lessons_off ORDER BY at, term_key, cluster`,
		nil, func(rows *sql.Rows) error {
			var o domain.LessonOff
			err := rows.Scan(&o.Term, &o.Cluster, &o.By, &o.ByName, timeCol{&o.At})
			out = append(out, o)
			return err
		})
	return out, dbErr("list lessons off", err)
}
