package sqlite

import (
	"context"

	"duijie/domain"
	"duijie/store"
)

type audit struct{ *db }

func (r *audit) Append(ctx context.Context, e *domain.AuditEntry) error {
	stamp(&e.ID, &e.At, nil)
	_, err := r.w.ExecContext(ctx, `INSERT INTO audit (id, at, actor_id, action, target, detail, ip)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, e.ID, ms(e.At), e.ActorID, e.Action, e.Target, e.Detail, e.IP)
	return dbErr("append audit entry", err)
}

func (r *audit) List(ctx context.Context, target string, page store.Page) ([]domain.AuditEntry, string, error) {
	var w where
	if target != "" {
		w.add("target = ?", target)
	}
	es, next, _, err := listPage(ctx, r.db, page, listing[domain.AuditEntry]{
		op: "list audit", from: "audit", cols: "id, at, actor_id, action, target, detail, ip", where: w,
		order: newest("at", "id"), scan: scanAudit,
		cursor: func(e *domain.AuditEntry) cursor { return cursor{N: ms(e.At), ID: e.ID} },
	})
	return es, next, err
}

func scanAudit(row scanner) (*domain.AuditEntry, error) {
	var e domain.AuditEntry
	if err := row.Scan(&e.ID, timeCol{&e.At}, &e.ActorID, &e.Action, &e.Target, &e.Detail, &e.IP); err != nil {
		return nil, err
	}
	return &e, nil
}
