package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

const outboxColl = "outbox"

func outboxIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "dedupKey"),
		index(false, "status", "nextAttemptAt"),
		index(false, "status", "claimedUntil"),
		index(false, "-createdAt"),
		index(false, "status", "-createdAt"),
		index(false, "to", "-createdAt"),
	}
}

type outboxDoc struct {
	ID            string            `bson:"_id"`
	DedupKey      string            `bson:"dedupKey"`
	Kind          string            `bson:"kind"`
	UserID        string            `bson:"userId"`
	To            string            `bson:"to"`
	Subject       string            `bson:"subject"`
	HTML          string            `bson:"html"`
	Text          string            `bson:"text"`
	Headers       map[string]string `bson:"headers"`
	Status        string            `bson:"status"`
	Attempts      int               `bson:"attempts"`
	NextAttemptAt time.Time         `bson:"nextAttemptAt"`
	ClaimedBy     string            `bson:"claimedBy"`
	ClaimedUntil  *time.Time        `bson:"claimedUntil,omitempty"`
	LastError     string            `bson:"lastError"`
	CreatedAt     time.Time         `bson:"createdAt"`
	SentAt        *time.Time        `bson:"sentAt,omitempty"`
	Attachments   []attachmentDoc   `bson:"attachments,omitempty"`
}

// attachmentDoc keeps a file's bytes as BSON binary.
type attachmentDoc struct {
	Name        string `bson:"name"`
	ContentType string `bson:"contentType"`
	Data        []byte `bson:"data"`
}

func attachmentDocs(as []domain.MailAttachment) []attachmentDoc {
	if len(as) == 0 {
		return nil
	}
	out := make([]attachmentDoc, len(as))
	for i, a := range as {
		out[i] = attachmentDoc(a)
	}
	return out
}

func attachmentsOf(ds []attachmentDoc) []domain.MailAttachment {
	if len(ds) == 0 {
		return nil
	}
	out := make([]domain.MailAttachment, len(ds))
	for i, d := range ds {
		out[i] = domain.MailAttachment(d)
	}
	return out
}

func (d *outboxDoc) message() domain.OutboxMessage {
	return domain.OutboxMessage{ID: d.ID, DedupKey: d.DedupKey, Kind: domain.MailKind(d.Kind), UserID: d.UserID,
		To: d.To, Subject: d.Subject, HTML: d.HTML, Text: d.Text, Headers: dict(d.Headers),
		Status: domain.OutboxStatus(d.Status), Attempts: d.Attempts, NextAttemptAt: d.NextAttemptAt,
		ClaimedBy: d.ClaimedBy, ClaimedUntil: d.ClaimedUntil, LastError: d.LastError, CreatedAt: d.CreatedAt,
		SentAt: d.SentAt, Attachments: attachmentsOf(d.Attachments)}
}

func (d *outboxDoc) messagePtr() *domain.OutboxMessage { m := d.message(); return &m }

type outboxRepo struct{ c *driver.Collection }

// Enqueue inserts; the unique dedupKey index turns a repeat into a duplicate-key error, which
// means "already queued".
func (r outboxRepo) Enqueue(ctx context.Context, m *domain.OutboxMessage) (bool, error) {
	id := m.ID
	if id == "" {
		id = domain.NewID()
	}
	created := instant(m.CreatedAt)
	if m.CreatedAt.IsZero() {
		created = now()
	}
	next := instant(m.NextAttemptAt)
	if m.NextAttemptAt.IsZero() {
		next = created
	}
	d := &outboxDoc{ID: id, DedupKey: m.DedupKey, Kind: string(m.Kind), UserID: m.UserID, To: m.To,
		Subject: m.Subject, HTML: m.HTML, Text: m.Text, Headers: dict(m.Headers),
		Status: string(domain.OutboxPending), NextAttemptAt: next, CreatedAt: created,
		Attachments: attachmentDocs(m.Attachments)}
	if _, err := r.c.InsertOne(ctx, d); err != nil {
		if isDuplicate(err) {
			return false, nil
		}
		return false, fmt.Errorf("mongodb: enqueue mail: %w", err)
	}
	*m = d.message()
	return true, nil
}

// Claim takes messages one findOneAndUpdate at a time: each is atomic, so a message is never
// handed to two senders, with no transaction.
func (r outboxRepo) Claim(ctx context.Context, holder string, at, until time.Time, limit int) ([]domain.OutboxMessage, error) {
	out := []domain.OutboxMessage{}
	filter := bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "status", Value: string(domain.OutboxPending)}, {Key: "nextAttemptAt", Value: bson.D{{Key: "$lte", Value: instant(at)}}}},
		bson.D{{Key: "status", Value: string(domain.OutboxSending)}, {Key: "claimedUntil", Value: bson.D{{Key: "$lte", Value: instant(at)}}}},
	}}}
	update := bson.D{
		{Key: "$set", Value: bson.D{{Key: "status", Value: string(domain.OutboxSending)}, {Key: "claimedBy", Value: holder},
			{Key: "claimedUntil", Value: instant(until)}}},
		{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
	}
	opts := options.FindOneAndUpdate().SetReturnDocument(options.After).
		SetSort(bson.D{{Key: "nextAttemptAt", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}})
	for len(out) < limit {
		var d outboxDoc
		err := r.c.FindOneAndUpdate(ctx, filter, update, opts).Decode(&d)
		if errors.Is(err, driver.ErrNoDocuments) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("mongodb: claim mail: %w", err)
		}
		out = append(out, d.message())
	}
	return out, nil
}

// settle updates a message holder still has claimed; a lost claim is domain.ErrConflict.
func (r outboxRepo) settle(ctx context.Context, id, holder string, set bson.D, unset string, what string) error {
	update := bson.D{{Key: "$set", Value: set}}
	if unset != "" {
		update = append(update, bson.E{Key: "$unset", Value: bson.D{{Key: unset, Value: ""}}})
	}
	res, err := r.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "claimedBy", Value: holder},
		{Key: "status", Value: string(domain.OutboxSending)}}, update)
	if err != nil {
		return fmt.Errorf("mongodb: %s %s: %w", what, id, err)
	}
	if res.MatchedCount == 0 {
		return domain.ErrConflict
	}
	return nil
}

func (r outboxRepo) MarkSent(ctx context.Context, id, holder string, at time.Time) error {
	return r.settle(ctx, id, holder, bson.D{{Key: "status", Value: string(domain.OutboxSent)},
		{Key: "sentAt", Value: instant(at)}, {Key: "lastError", Value: ""}}, "claimedUntil", "mark mail sent")
}

func (r outboxRepo) Retry(ctx context.Context, id, holder, errText string, next time.Time) error {
	return r.settle(ctx, id, holder, bson.D{{Key: "status", Value: string(domain.OutboxPending)},
		{Key: "nextAttemptAt", Value: instant(next)}, {Key: "lastError", Value: errText}}, "claimedUntil", "retry mail")
}

func (r outboxRepo) Fail(ctx context.Context, id, holder, errText string, at time.Time) error {
	return r.settle(ctx, id, holder, bson.D{{Key: "status", Value: string(domain.OutboxFailed)},
		{Key: "nextAttemptAt", Value: instant(at)}, {Key: "lastError", Value: errText}}, "claimedUntil", "fail mail")
}

func (r outboxRepo) Get(ctx context.Context, id string) (*domain.OutboxMessage, error) {
	return findOne(ctx, r.c, idFilter(id), "mail", (*outboxDoc).messagePtr)
}

// outboxListFields is the inclusion projection of a listing: everything but the bodies.
var outboxListFields = bson.D{
	{Key: "dedupKey", Value: 1}, {Key: "kind", Value: 1}, {Key: "userId", Value: 1}, {Key: "to", Value: 1},
	{Key: "subject", Value: 1}, {Key: "headers", Value: 1}, {Key: "status", Value: 1}, {Key: "attempts", Value: 1},
	{Key: "nextAttemptAt", Value: 1}, {Key: "claimedBy", Value: 1}, {Key: "claimedUntil", Value: 1},
	{Key: "lastError", Value: 1}, {Key: "createdAt", Value: 1}, {Key: "sentAt", Value: 1},
}

func (r outboxRepo) List(ctx context.Context, f store.OutboxFilter, page store.Page) ([]domain.OutboxMessage, string, int, error) {
	filter := bson.D{}
	if f.Status != "" {
		filter = append(filter, bson.E{Key: "status", Value: string(f.Status)})
	}
	if f.Kind != "" {
		filter = append(filter, bson.E{Key: "kind", Value: string(f.Kind)})
	}
	if f.To != "" {
		filter = append(filter, bson.E{Key: "to", Value: f.To})
	}
	return findPage(ctx, listing{c: r.c, filter: filter, sort: order("createdAt", -1), fields: outboxListFields,
		count: "mail"}, page, (*outboxDoc).message)
}

func (r outboxRepo) Counts(ctx context.Context) (map[domain.OutboxStatus]int, error) {
	out := map[domain.OutboxStatus]int{}
	for _, s := range domain.OutboxStatuses {
		out[s] = 0
	}
	err := groupSum(ctx, r.c, nil, "status", 1, func(s string, n int64) { out[domain.OutboxStatus(s)] = int(n) })
	if err != nil {
		return nil, fmt.Errorf("mongodb: count mail: %w", err)
	}
	return out, nil
}
