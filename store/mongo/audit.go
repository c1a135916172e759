package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"

	"duijie/domain"
	"duijie/store"
)

const auditColl = "audit"

func auditIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(false, "target", "-at"),
		index(false, "-at"),
	}
}

type auditDoc struct {
	ID      string    `bson:"_id"`
	At      time.Time `bson:"at"`
	ActorID string    `bson:"actorId"`
	Action  string    `bson:"action"`
	Target  string    `bson:"target"`
	Detail  string    `bson:"detail"`
	IP      string    `bson:"ip"`
}

func toAuditDoc(e *domain.AuditEntry) *auditDoc {
	return &auditDoc{ID: e.ID, At: instant(e.At), ActorID: e.ActorID, Action: e.Action,
		Target: e.Target, Detail: e.Detail, IP: e.IP}
}

func (d *auditDoc) entry() domain.AuditEntry {
	return domain.AuditEntry{ID: d.ID, At: d.At, ActorID: d.ActorID, Action: d.Action,
		Target: d.Target, Detail: d.Detail, IP: d.IP}
}

type auditRepo struct{ c *driver.Collection }

func (r auditRepo) Append(ctx context.Context, e *domain.AuditEntry) error {
	stamp(&e.ID, &e.At, nil)
	d := toAuditDoc(e)
	if err := insert(ctx, r.c, d.ID, d, "append audit entry"); err != nil {
		return err
	}
	*e = d.entry()
	return nil
}

func (r auditRepo) List(ctx context.Context, target string, page store.Page) ([]domain.AuditEntry, string, error) {
	filter := bson.D{}
	if target != "" {
		filter = bson.D{{Key: "target", Value: target}}
	}
	items, cursor, _, err := findPage(ctx, listing{c: r.c, filter: filter, sort: order("at", -1)}, page,
		(*auditDoc).entry)
	return items, cursor, err
}
