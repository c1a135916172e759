package mongo

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

const leadsColl = "leads"

func leadIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(false, "createdAt", "_id"),
		index(false, "clusters", "createdAt"),
		index(false, "status", "createdAt"),
		index(false, "buyerEnterpriseId", "createdAt"),
		index(false, "postedBy", "createdAt"),
		index(false, "updatedAt"),
		index(false, "status", "deadline"),
		index(false, "clustersInferred", "status", "createdAt"),
		// (buyer, ref) of re-imported leads. Not unique: documents older than the field lack it,
		// and the importer matches by it before writing.
		index(false, "refKey"),
	}
}

type leadDoc struct {
	ID                     string     `bson:"_id"`
	Title                  string     `bson:"title"`
	Description            string     `bson:"description"`
	Clusters               []string   `bson:"clusters"`
	ClustersInferred       bool       `bson:"clustersInferred,omitempty"`
	IndustryCodes          []string   `bson:"industryCodes"`
	HSCodes                []string   `bson:"hsCodes"`
	Quantity               float64    `bson:"quantity"`
	Unit                   string     `bson:"unit"`
	BudgetMin              int64      `bson:"budgetMin"`
	BudgetMax              int64      `bson:"budgetMax"`
	Currency               string     `bson:"currency"`
	DeliveryRegion         string     `bson:"deliveryRegion"`
	ExportMarket           string     `bson:"exportMarket"`
	RequiredCertifications []string   `bson:"requiredCertifications"`
	PreferredTiers         []string   `bson:"preferredTiers"`
	Deadline               *time.Time `bson:"deadline,omitempty"`
	Status                 string     `bson:"status"`
	Outcome                string     `bson:"outcome"`
	BuyerEnterpriseID      string     `bson:"buyerEnterpriseId"`
	BuyerName              string     `bson:"buyerName"`
	Contact                contactDoc `bson:"contact"`
	PostedBy               string     `bson:"postedBy"`
	OpenedAt               *time.Time `bson:"openedAt,omitempty"`
	ClosedAt               *time.Time `bson:"closedAt,omitempty"`
	CreatedAt              time.Time  `bson:"createdAt"`
	UpdatedAt              time.Time  `bson:"updatedAt"`
	Ref                    string     `bson:"ref,omitempty"`
	RefKey                 string     `bson:"refKey,omitempty"`
}

func toLeadDoc(l *domain.Lead) *leadDoc {
	tiers := make([]string, len(l.PreferredTiers))
	for i, t := range l.PreferredTiers {
		tiers[i] = string(t)
	}
	return &leadDoc{
		ID: l.ID, Title: l.Title, Description: l.Description, Clusters: list(l.Clusters),
		ClustersInferred: l.ClustersInferred,
		IndustryCodes:    list(l.IndustryCodes), HSCodes: list(l.HSCodes), Quantity: l.Quantity, Unit: l.Unit,
		BudgetMin: l.BudgetMin, BudgetMax: l.BudgetMax, Currency: l.Currency, DeliveryRegion: l.DeliveryRegion,
		ExportMarket: l.ExportMarket, RequiredCertifications: list(l.RequiredCertifications), PreferredTiers: tiers,
		Deadline: instantPtr(l.Deadline), Status: string(l.Status), Outcome: string(l.Outcome),
		BuyerEnterpriseID: l.BuyerEnterpriseID, BuyerName: l.BuyerName, Contact: contactDoc(l.Contact),
		PostedBy: l.PostedBy, OpenedAt: instantPtr(l.OpenedAt), ClosedAt: instantPtr(l.ClosedAt),
		CreatedAt: instant(l.CreatedAt), UpdatedAt: instant(l.UpdatedAt), Ref: l.Ref, RefKey: l.RefKey(),
	}
}

func leadUTC(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func (d *leadDoc) lead() domain.Lead {
	tiers := make([]domain.EnterpriseTier, len(d.PreferredTiers))
	for i, t := range d.PreferredTiers {
		tiers[i] = domain.EnterpriseTier(t)
	}
	return domain.Lead{
		ID: d.ID, Title: d.Title, Description: d.Description, Clusters: list(d.Clusters),
		ClustersInferred: d.ClustersInferred,
		IndustryCodes:    list(d.IndustryCodes), HSCodes: list(d.HSCodes), Quantity: d.Quantity, Unit: d.Unit,
		BudgetMin: d.BudgetMin, BudgetMax: d.BudgetMax, Currency: d.Currency, DeliveryRegion: d.DeliveryRegion,
		ExportMarket: d.ExportMarket, RequiredCertifications: list(d.RequiredCertifications), PreferredTiers: tiers,
		Deadline: leadUTC(d.Deadline), Status: domain.LeadStatus(d.Status), Outcome: domain.LeadOutcome(d.Outcome),
		BuyerEnterpriseID: d.BuyerEnterpriseID, BuyerName: d.BuyerName, Contact: domain.Contact(d.Contact),
		PostedBy: d.PostedBy, OpenedAt: leadUTC(d.OpenedAt), ClosedAt: leadUTC(d.ClosedAt),
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(), Ref: d.Ref,
	}
}

func (d *leadDoc) leadPtr() *domain.Lead { l := d.lead(); return &l }

type leadRepo struct{ c *driver.Collection }

func prepareLead(l *domain.Lead) {
	stamp(&l.ID, &l.CreatedAt, &l.UpdatedAt)
}

func (r leadRepo) Create(ctx context.Context, l *domain.Lead) error {
	prepareLead(l)
	d := toLeadDoc(l)
	if err := insert(ctx, r.c, d.ID, d, "create lead"); err != nil {
		return err
	}
	*l = d.lead()
	return nil
}

// leadBatch bounds one insertMany of an import, well under MongoDB's 48 MB message limit.
const leadBatch = 1000

// CreateMany inserts the leads in ordered batches. MongoDB gives no multi-document atomicity
// without transactions, which the engine does not use; the importer validates every row before
// calling, so only a failing server can leave a partial import.
func (r leadRepo) CreateMany(ctx context.Context, ls []domain.Lead) error {
	for start := 0; start < len(ls); start += leadBatch {
		end := min(start+leadBatch, len(ls))
		docs := make([]any, 0, end-start)
		for i := start; i < end; i++ {
			prepareLead(&ls[i])
			docs = append(docs, toLeadDoc(&ls[i]))
		}
		if _, err := r.c.InsertMany(ctx, docs, options.InsertMany().SetOrdered(true)); err != nil {
			return writeErr(ctx, r.c, err, "create leads", "")
		}
	}
	return nil
}

func (r leadRepo) Get(ctx context.Context, id string) (*domain.Lead, error) {
	return findOne(ctx, r.c, idFilter(id), "lead "+id, (*leadDoc).leadPtr)
}

func (r leadRepo) Update(ctx context.Context, l *domain.Lead, expect domain.LeadStatus) error {
	d := toLeadDoc(l)
	if err := replaceIf(ctx, r.c, l.ID, string(expect), d, "update lead "+l.ID, "lead_status_changed"); err != nil {
		return err
	}
	*l = d.lead()
	return nil
}

// leadFilter translates the listing filter; the scope is one $or of its conditions.
func leadFilter(f store.LeadFilter) bson.D {
	var and bson.A
	if f.Cluster != "" {
		and = append(and, bson.D{{Key: "clusters", Value: f.Cluster}})
	}
	if f.Status != "" {
		and = append(and, bson.D{{Key: "status", Value: string(f.Status)}})
	}
	if f.Buyer != "" {
		and = append(and, bson.D{{Key: "buyerEnterpriseId", Value: f.Buyer}})
	}
	if f.Triage {
		and = append(and, bson.D{{Key: "clustersInferred", Value: true}, {Key: "status", Value: string(domain.LeadOpen)}})
	}
	if f.Q != "" {
		re := primitive.Regex{Pattern: regexp.QuoteMeta(f.Q), Options: "i"}
		and = append(and, bson.D{{Key: "$or", Value: bson.A{
			bson.D{{Key: "title", Value: re}},
			bson.D{{Key: "description", Value: re}},
		}}})
	}
	if s := f.Scope; !s.IsZero() {
		var or bson.A
		if len(s.Clusters) > 0 {
			or = append(or, bson.D{{Key: "clusters", Value: bson.D{{Key: "$in", Value: s.Clusters}}}})
		}
		if s.PostedBy != "" {
			or = append(or, bson.D{{Key: "postedBy", Value: s.PostedBy}})
		}
		if s.Buyer != "" {
			or = append(or, bson.D{{Key: "buyerEnterpriseId", Value: s.Buyer}})
		}
		if s.Open {
			or = append(or, bson.D{{Key: "status", Value: string(domain.LeadOpen)}})
		}
		and = append(and, bson.D{{Key: "$or", Value: or}})
	}
	if len(and) == 0 {
		return bson.D{}
	}
	return bson.D{{Key: "$and", Value: and}}
}

func (r leadRepo) List(ctx context.Context, f store.LeadFilter, page store.Page) ([]domain.Lead, string, int, error) {
	return findPage(ctx, listing{c: r.c, filter: leadFilter(f), sort: order("createdAt", -1), count: "leads"},
		page, (*leadDoc).lead)
}

func (r leadRepo) ExpireDue(ctx context.Context, at time.Time) (int, error) {
	res, err := r.c.UpdateMany(ctx,
		bson.D{{Key: "status", Value: string(domain.LeadOpen)}, {Key: "deadline", Value: bson.D{{Key: "$lte", Value: instant(at)}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: string(domain.LeadExpired)}, {Key: "updatedAt", Value: instant(at)}}}})
	if err != nil {
		return 0, fmt.Errorf("mongodb: expire leads: %w", err)
	}
	return int(res.ModifiedCount), nil
}

func (r leadRepo) UpdatedAfter(ctx context.Context, mark domain.SyncMark, limit int) ([]domain.Lead, error) {
	return updatedAfter(ctx, r.c, mark, limit, (*leadDoc).lead)
}

func (r leadRepo) GetByRef(ctx context.Context, key string) (*domain.Lead, error) {
	if key == "" {
		return nil, domain.ErrNotFound
	}
	return findOne(ctx, r.c, bson.D{{Key: "refKey", Value: key}}, "lead by ref", (*leadDoc).leadPtr)
}

// SaveImport inserts the new leads, then replaces each re-imported one if its status is still
// the one read. Without transactions a failing server can leave part of it written, as for
// CreateMany; every row was validated before.
func (r leadRepo) SaveImport(ctx context.Context, creates []domain.Lead, updates []store.LeadChange) error {
	if err := r.CreateMany(ctx, creates); err != nil {
		return err
	}
	for i := range updates {
		if err := r.Update(ctx, &updates[i].Lead, updates[i].Expect); err != nil {
			return err
		}
	}
	return nil
}
