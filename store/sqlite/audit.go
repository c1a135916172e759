package sqlite

import (
	"context"
	"time"

	"duijie/domain"
	"duijie/store"
)

type audit struct{ *db }

func (r *audit) Append(ctx context.Context, e *domain.AuditEntry) error {
	if e.ID == "" {
		e.ID = domain.NewID()
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	_, err := r.w.ExecContext(ctx, `INSERT INTO audit (id, at, actor_id, action, target, detail, ip)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, e.ID, ms(e.At), e.ActorID, e.Action, e.Target, e.Detail, e.IP)
	return dbErr("append audit entry", err)
}

func (r *audit) List(ctx context.Context, target string, page store.Page) ([]domain.AuditEntry, string, error) {
	page = clamp(page)
	c, after, err := parseCursor(page.Cursor)
	if err != nil {
		return nil, "", err
	}
	var w where
	if target != "" {
		w.add("target = ?", target)
	}
	if after {
		w.add("(at, id) < (?, ?)", c.N, c.ID)
	}
	rows, err := r.r.QueryContext(ctx, `SELECT id, at, actor_id, action, target, detail, ip FROM audit`+w.sql()+
		` ORDER BY at DESC, id DESC LIMIT ?`, append(w.args, page.Limit+1)...)
	if err != nil {
		return nil, "", dbErr("list audit", err)
	}
	defer rows.Close()
	es := []domain.AuditEntry{}
	for rows.Next() {
		var e domain.AuditEntry
		if err := rows.Scan(&e.ID, timeCol{&e.At}, &e.ActorID, &e.Action, &e.Target, &e.Detail, &e.IP); err != nil {
			return nil, "", dbErr("list audit", err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, "", dbErr("list audit", err)
	}
	next := ""
	if len(es) > page.Limit {
		es = es[:page.Limit]
		last := es[len(es)-1]
		next = cursor{N: ms(last.At), ID: last.ID}.String()
	}
	return es, next, nil
}
