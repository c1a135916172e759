package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

// Collections of the deal loop.
const (
	noticesColl    = "notices"
	quotesColl     = "quotes"
	shortlistsColl = "shortlists"
)

// registrationFeedIndexes serve the registration mails' walk; the offers index exists already.
func registrationFeedIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(false, "updatedAt", "_id")}
}

func noticeIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "userId", "key"),
		index(false, "queuedAt", "userId", "createdAt"),
	}
}

func quoteIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "matchId"),
		index(false, "leadId", "createdAt", "_id"),
	}
}

func shortlistIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(false, "leadId", "addedAt")}
}

// registrationFeed reads registrations for the mails; it needs no event documents.
type registrationFeed struct{ regs registrationRepo }

func (f registrationFeed) collect(ctx context.Context, filter bson.D, opts *options.FindOptions) ([]domain.Registration, error) {
	docs, err := findAll(ctx, f.regs.c, filter, opts, func(d *registrationDoc) registrationDoc { return *d })
	if err != nil {
		return nil, err
	}
	out := make([]domain.Registration, 0, len(docs))
	for i := range docs {
		r, err := f.regs.withPosition(ctx, &docs[i])
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (f registrationFeed) ChangedSince(ctx context.Context, since time.Time, afterID string, limit int) ([]domain.Registration, error) {
	if limit <= 0 || limit > maxPageSize {
		limit = maxPageSize
	}
	t := instant(since)
	filter := bson.D{{Key: "$or", Value: bson.A{
		bson.D{{Key: "updatedAt", Value: bson.D{{Key: "$gt", Value: t}}}},
		bson.D{{Key: "updatedAt", Value: t}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: afterID}}}},
	}}}
	return f.collect(ctx, filter, options.Find().SetSort(bson.D{{Key: "updatedAt", Value: 1}, {Key: "_id", Value: 1}}).
		SetLimit(int64(limit)))
}

func (f registrationFeed) OffersExpiring(ctx context.Context, t time.Time, limit int) ([]domain.Registration, error) {
	if limit <= 0 || limit > maxPageSize {
		limit = maxPageSize
	}
	filter := bson.D{{Key: "status", Value: string(domain.RegOffered)},
		{Key: "offerExpiresAt", Value: bson.D{{Key: "$lt", Value: instant(t)}}}}
	return f.collect(ctx, filter, options.Find().SetSort(bson.D{{Key: "offerExpiresAt", Value: 1}, {Key: "_id", Value: 1}}).
		SetLimit(int64(limit)))
}

type noticeDoc struct {
	ID        string     `bson:"_id"`
	UserID    string     `bson:"userId"`
	Key       string     `bson:"key"`
	Kind      string     `bson:"kind"`
	Title     string     `bson:"title"`
	Detail    string     `bson:"detail"`
	Link      string     `bson:"link"`
	CreatedAt time.Time  `bson:"createdAt"`
	QueuedAt  *time.Time `bson:"queuedAt"`
	MailKey   string     `bson:"mailKey"`
}

func (d *noticeDoc) notice() domain.Notice {
	return domain.Notice{ID: d.ID, UserID: d.UserID, Key: d.Key, Kind: domain.NoticeKind(d.Kind), Title: d.Title,
		Detail: d.Detail, Link: d.Link, CreatedAt: d.CreatedAt.UTC(), QueuedAt: utcPtr(d.QueuedAt), MailKey: d.MailKey}
}

type noticeRepo struct{ c *driver.Collection }

// Add inserts; the unique (userId, key) index turns a repeat into "already recorded".
func (r noticeRepo) Add(ctx context.Context, n *domain.Notice) (bool, error) {
	if n.ID == "" {
		n.ID = domain.NewID()
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = time.Now()
	}
	d := &noticeDoc{ID: n.ID, UserID: n.UserID, Key: n.Key, Kind: string(n.Kind), Title: n.Title, Detail: n.Detail,
		Link: n.Link, CreatedAt: instant(n.CreatedAt)}
	if _, err := r.c.InsertOne(ctx, d); err != nil {
		if isDuplicate(err) {
			return false, nil
		}
		return false, fmt.Errorf("mongodb: add notice: %w", err)
	}
	return true, nil
}

// PendingUsers groups the pending notices by user: a $group with one $sum.
func (r noticeRepo) PendingUsers(ctx context.Context, after string, limit int) ([]string, error) {
	if limit <= 0 || limit > maxPageSize {
		limit = maxPageSize
	}
	pipeline := bson.A{
		bson.D{{Key: "$match", Value: bson.D{{Key: "queuedAt", Value: nil}, {Key: "userId", Value: bson.D{{Key: "$gt", Value: after}}}}}},
		bson.D{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$userId"}, {Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
		bson.D{{Key: "$sort", Value: bson.D{{Key: "_id", Value: 1}}}},
		bson.D{{Key: "$limit", Value: limit}},
	}
	cur, err := r.c.Aggregate(ctx, pipeline)
	if err != nil {
		return nil, fmt.Errorf("mongodb: users with notices: %w", err)
	}
	return readIDs(ctx, cur, "users with notices")
}

func (r noticeRepo) PendingFor(ctx context.Context, userID string) ([]domain.Notice, error) {
	return findAll(ctx, r.c, bson.D{{Key: "userId", Value: userID}, {Key: "queuedAt", Value: nil}},
		options.Find().SetSort(bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}), (*noticeDoc).notice)
}

func (r noticeRepo) List(ctx context.Context, after string, limit int) ([]domain.Notice, error) {
	if limit <= 0 || limit > maxPageSize {
		limit = maxPageSize
	}
	return findAll(ctx, r.c, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)), (*noticeDoc).notice)
}

func (r noticeRepo) MarkQueued(ctx context.Context, ids []string, mailKey string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := r.c.UpdateMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "queuedAt", Value: instant(at)}, {Key: "mailKey", Value: mailKey}}}})
	if err != nil {
		return fmt.Errorf("mongodb: mark notices queued: %w", err)
	}
	return nil
}

type quoteDoc struct {
	ID           string    `bson:"_id"`
	MatchID      string    `bson:"matchId"`
	LeadID       string    `bson:"leadId"`
	SupplierID   string    `bson:"supplierId"`
	SupplierName string    `bson:"supplierName"`
	UnitPrice    int64     `bson:"unitPrice"`
	Currency     string    `bson:"currency"`
	Quantity     int64     `bson:"quantity"`
	MOQ          int64     `bson:"moq"`
	LeadTimeDays int       `bson:"leadTimeDays"`
	ValidUntil   time.Time `bson:"validUntil"`
	Note         string    `bson:"note"`
	CreatedBy    string    `bson:"createdBy"`
	Revision     int       `bson:"revision"`
	CreatedAt    time.Time `bson:"createdAt"`
	UpdatedAt    time.Time `bson:"updatedAt"`
}

func (d *quoteDoc) quote() domain.Quote {
	return domain.Quote{ID: d.ID, MatchID: d.MatchID, LeadID: d.LeadID, SupplierID: d.SupplierID,
		SupplierName: d.SupplierName, UnitPrice: d.UnitPrice, Currency: d.Currency, Quantity: d.Quantity, MOQ: d.MOQ,
		LeadTimeDays: d.LeadTimeDays, ValidUntil: d.ValidUntil.UTC(), Note: d.Note, CreatedBy: d.CreatedBy,
		Revision: d.Revision, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC()}
}

func (d *quoteDoc) quotePtr() *domain.Quote { q := d.quote(); return &q }

type quoteRepo struct{ c *driver.Collection }

// Put is one upsert on the unique matchId: $setOnInsert keeps the first ID and creation time,
// $inc counts the revision, so two racing quotes of one match leave one document.
func (r quoteRepo) Put(ctx context.Context, q *domain.Quote) error {
	if q.ID == "" {
		q.ID = domain.NewID()
	}
	if q.UpdatedAt.IsZero() {
		q.UpdatedAt = time.Now()
	}
	if q.CreatedAt.IsZero() {
		q.CreatedAt = q.UpdatedAt
	}
	update := bson.D{
		{Key: "$set", Value: bson.D{{Key: "leadId", Value: q.LeadID}, {Key: "supplierId", Value: q.SupplierID},
			{Key: "supplierName", Value: q.SupplierName}, {Key: "unitPrice", Value: q.UnitPrice},
			{Key: "currency", Value: q.Currency}, {Key: "quantity", Value: q.Quantity}, {Key: "moq", Value: q.MOQ},
			{Key: "leadTimeDays", Value: q.LeadTimeDays}, {Key: "validUntil", Value: instant(q.ValidUntil)},
			{Key: "note", Value: q.Note}, {Key: "createdBy", Value: q.CreatedBy}, {Key: "updatedAt", Value: instant(q.UpdatedAt)}}},
		{Key: "$setOnInsert", Value: bson.D{{Key: "_id", Value: q.ID}, {Key: "createdAt", Value: instant(q.CreatedAt)}}},
		{Key: "$inc", Value: bson.D{{Key: "revision", Value: 1}}},
	}
	var d quoteDoc
	err := r.c.FindOneAndUpdate(ctx, bson.D{{Key: "matchId", Value: q.MatchID}}, update,
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&d)
	if err != nil {
		return fmt.Errorf("mongodb: save quote: %w", err)
	}
	*q = d.quote()
	return nil
}

func (r quoteRepo) ByMatch(ctx context.Context, matchID string) (*domain.Quote, error) {
	return findOne(ctx, r.c, bson.D{{Key: "matchId", Value: matchID}}, "quote", (*quoteDoc).quotePtr)
}

func (r quoteRepo) ByLead(ctx context.Context, leadID string) ([]domain.Quote, error) {
	return findAll(ctx, r.c, bson.D{{Key: "leadId", Value: leadID}},
		options.Find().SetSort(bson.D{{Key: "createdAt", Value: 1}, {Key: "_id", Value: 1}}), (*quoteDoc).quote)
}

func (r quoteRepo) CountByLeads(ctx context.Context, leadIDs []string) (map[string]int, error) {
	out := map[string]int{}
	if len(leadIDs) == 0 {
		return out, nil
	}
	err := groupSum(ctx, r.c, bson.D{{Key: "leadId", Value: bson.D{{Key: "$in", Value: leadIDs}}}}, "leadId", 1,
		func(k string, n int64) { out[k] = int(n) })
	if err != nil {
		return nil, fmt.Errorf("mongodb: count quotes: %w", err)
	}
	return out, nil
}

type shortlistDoc struct {
	ID           string    `bson:"_id"` // leadId/enterpriseId: one entry per pair
	LeadID       string    `bson:"leadId"`
	EnterpriseID string    `bson:"enterpriseId"`
	AddedBy      string    `bson:"addedBy"`
	AddedAt      time.Time `bson:"addedAt"`
}

type shortlistRepo struct{ c *driver.Collection }

func (r shortlistRepo) Add(ctx context.Context, leadID, enterpriseID, by string, at time.Time) (bool, error) {
	d := &shortlistDoc{ID: leadID + "/" + enterpriseID, LeadID: leadID, EnterpriseID: enterpriseID, AddedBy: by, AddedAt: instant(at)}
	if _, err := r.c.InsertOne(ctx, d); err != nil {
		if isDuplicate(err) {
			return false, nil
		}
		return false, fmt.Errorf("mongodb: shortlist: %w", err)
	}
	return true, nil
}

func (r shortlistRepo) Remove(ctx context.Context, leadID, enterpriseID string) (bool, error) {
	res, err := r.c.DeleteOne(ctx, idFilter(leadID+"/"+enterpriseID))
	if err != nil {
		return false, fmt.Errorf("mongodb: unshortlist: %w", err)
	}
	return res.DeletedCount > 0, nil
}

func (r shortlistRepo) ByLead(ctx context.Context, leadID string) ([]string, error) {
	docs, err := findAll(ctx, r.c, bson.D{{Key: "leadId", Value: leadID}},
		options.Find().SetSort(bson.D{{Key: "addedAt", Value: 1}, {Key: "_id", Value: 1}}),
		func(d *shortlistDoc) string { return d.EnterpriseID })
	if err != nil {
		return nil, err
	}
	return docs, nil
}

func (r shortlistRepo) Entries(ctx context.Context, leadID string) ([]store.ShortlistEntry, error) {
	return findAll(ctx, r.c, bson.D{{Key: "leadId", Value: leadID}},
		options.Find().SetSort(bson.D{{Key: "addedAt", Value: 1}, {Key: "_id", Value: 1}}),
		func(d *shortlistDoc) store.ShortlistEntry {
			return store.ShortlistEntry{EnterpriseID: d.EnterpriseID, AddedBy: d.AddedBy, AddedAt: d.AddedAt.UTC()}
		})
}
