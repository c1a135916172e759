package mongo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

// EnqueueMany is one unordered insertMany: a repeated dedup key fails only its own document,
// which means "already queued".
func (r outboxRepo) EnqueueMany(ctx context.Context, ms []*domain.OutboxMessage) ([]bool, error) {
	created := make([]bool, len(ms))
	if len(ms) == 0 {
		return created, nil
	}
	docs := make([]any, len(ms))
	built := make([]*outboxDoc, len(ms))
	for i, m := range ms {
		id := m.ID
		if id == "" {
			id = domain.NewID()
		}
		at := instant(m.CreatedAt)
		if m.CreatedAt.IsZero() {
			at = now()
		}
		next := instant(m.NextAttemptAt)
		if m.NextAttemptAt.IsZero() {
			next = at
		}
		d := &outboxDoc{ID: id, DedupKey: m.DedupKey, Kind: string(m.Kind), UserID: m.UserID, To: m.To,
			Subject: m.Subject, HTML: m.HTML, Text: m.Text, Headers: dict(m.Headers),
			Status: string(domain.OutboxPending), NextAttemptAt: next, CreatedAt: at, Attachments: attachmentDocs(m.Attachments)}
		docs[i], built[i] = d, d
		created[i] = true
	}
	_, err := r.c.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err != nil {
		var bwe driver.BulkWriteException
		if !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
			return make([]bool, len(ms)), fmt.Errorf("mongodb: enqueue mail: %w", err)
		}
		for _, we := range bwe.WriteErrors {
			// FerretDB v1 reports a duplicate with SQLite's message rather than code 11000.
			if we.Code != 11000 && !strings.Contains(we.Message, "UNIQUE constraint failed") {
				return make([]bool, len(ms)), fmt.Errorf("mongodb: enqueue mail: %w", err)
			}
			if we.Index >= 0 && we.Index < len(created) {
				created[we.Index] = false
			}
		}
	}
	for i, m := range ms {
		if created[i] {
			*m = built[i].message()
		}
	}
	return created, nil
}

// MarkSentMany is one updateMany guarded like MarkSent by the claim.
func (r outboxRepo) MarkSentMany(ctx context.Context, ids []string, holder string, at time.Time) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	res, err := r.c.UpdateMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}},
		{Key: "claimedBy", Value: holder}, {Key: "status", Value: string(domain.OutboxSending)}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: string(domain.OutboxSent)}, {Key: "sentAt", Value: instant(at)},
			{Key: "lastError", Value: ""}}}, {Key: "$unset", Value: bson.D{{Key: "claimedUntil", Value: ""}}}})
	if err != nil {
		return 0, fmt.Errorf("mongodb: mark mail sent: %w", err)
	}
	return int(res.ModifiedCount), nil
}
