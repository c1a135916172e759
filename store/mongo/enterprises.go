package mongo

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	driver "go.mongodb.org/mongo-driver/mongo"

	"duijie/domain"
	"duijie/domain/codes"
	"duijie/store"
)

const enterprisesColl = "enterprises"

// enterpriseUSCC is the unique key of enterprises.
func enterpriseUSCC(d *enterpriseDoc) unique { return unique{"uscc_1", "uscc", "uscc", d.USCC} }

func enterpriseIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "uscc"),
		index(false, "clusters", "name"),
		index(false, "updatedAt"),
		index(false, "name"),
		index(false, "verification", "name"),
	}
}

type contactDoc struct {
	Name  string `bson:"name"`
	Email string `bson:"email"`
	Phone string `bson:"phone"`
}

type enterpriseDoc struct {
	ID             string     `bson:"_id"`
	Name           string     `bson:"name"`
	USCC           string     `bson:"uscc"`
	Clusters       []string   `bson:"clusters"`
	IndustryCodes  []string   `bson:"industryCodes"`
	HSCodes        []string   `bson:"hsCodes"`
	Products       []string   `bson:"products"`
	Description    string     `bson:"description"`
	Certifications []string   `bson:"certifications"`
	Region         string     `bson:"region"`
	Tier           string     `bson:"tier"`
	Scale          string     `bson:"scale"`
	ExportMarkets  []string   `bson:"exportMarkets"`
	Contact        contactDoc `bson:"contact"`
	Status         string     `bson:"status"`
	CreatedAt      time.Time  `bson:"createdAt"`
	UpdatedAt      time.Time  `bson:"updatedAt"`
	// Verification fields; only SetVerification writes them after creation.
	Verification     string     `bson:"verification"`
	VerificationNote string     `bson:"verificationNote"`
	VerifiedAt       *time.Time `bson:"verifiedAt,omitempty"`
}

// verificationFields are the document fields Update must leave alone.
var verificationFields = map[string]bool{"verification": true, "verificationNote": true, "verifiedAt": true, "_id": true}

func toEnterpriseDoc(e *domain.Enterprise) *enterpriseDoc {
	return &enterpriseDoc{
		ID: e.ID, Name: e.Name, USCC: e.USCC, Clusters: list(e.Clusters),
		IndustryCodes: list(e.IndustryCodes), HSCodes: list(e.HSCodes), Products: list(e.Products),
		Description: e.Description, Certifications: list(e.Certifications), Region: e.Region,
		Tier: string(e.Tier), Scale: string(e.Scale), ExportMarkets: list(e.ExportMarkets),
		Contact: contactDoc(e.Contact), Status: string(e.Status),
		CreatedAt: instant(e.CreatedAt), UpdatedAt: instant(e.UpdatedAt),
		Verification: string(e.Verification.OrUnverified()), VerificationNote: e.VerificationNote,
		VerifiedAt: instantPtr(e.VerifiedAt),
	}
}

func (d *enterpriseDoc) enterprise() domain.Enterprise {
	return domain.Enterprise{
		ID: d.ID, Name: d.Name, USCC: d.USCC, Clusters: list(d.Clusters),
		IndustryCodes: list(d.IndustryCodes), HSCodes: list(d.HSCodes), Products: list(d.Products),
		Description: d.Description, Certifications: list(d.Certifications), Region: d.Region,
		Tier: domain.EnterpriseTier(d.Tier), Scale: domain.Scale(d.Scale),
		ExportMarkets: list(d.ExportMarkets), Contact: domain.Contact(d.Contact),
		Status: domain.EnterpriseStatus(d.Status), CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
		Verification: domain.Verification(d.Verification).OrUnverified(), VerificationNote: d.VerificationNote,
		VerifiedAt: d.VerifiedAt,
	}
}

func (d *enterpriseDoc) enterprisePtr() *domain.Enterprise { e := d.enterprise(); return &e }

type enterpriseRepo struct{ c *driver.Collection }

func (r enterpriseRepo) Create(ctx context.Context, e *domain.Enterprise) error {
	stamp(&e.ID, &e.CreatedAt, &e.UpdatedAt)
	d := toEnterpriseDoc(e)
	if err := insert(ctx, r.c, d.ID, d, "create enterprise", enterpriseUSCC(d)); err != nil {
		return err
	}
	*e = d.enterprise()
	return nil
}

func (r enterpriseRepo) Get(ctx context.Context, id string) (*domain.Enterprise, error) {
	return findOne(ctx, r.c, idFilter(id), "enterprise "+id, (*enterpriseDoc).enterprisePtr)
}

func (r enterpriseRepo) GetByUSCC(ctx context.Context, uscc string) (*domain.Enterprise, error) {
	return findOne(ctx, r.c, bson.D{{Key: "uscc", Value: uscc}}, "enterprise by USCC",
		(*enterpriseDoc).enterprisePtr)
}

// Update sets every field but the verification ones, which SetVerification alone changes, so a
// profile saved from a page read before a decision does not undo it.
func (r enterpriseRepo) Update(ctx context.Context, e *domain.Enterprise) error {
	d := toEnterpriseDoc(e)
	raw, err := bson.Marshal(d)
	if err != nil {
		return fmt.Errorf("mongodb: update enterprise %s: %w", e.ID, err)
	}
	var all, set bson.D
	if err := bson.Unmarshal(raw, &all); err != nil {
		return fmt.Errorf("mongodb: update enterprise %s: %w", e.ID, err)
	}
	for _, f := range all {
		if !verificationFields[f.Key] {
			set = append(set, f)
		}
	}
	res, err := r.c.UpdateOne(ctx, idFilter(e.ID), bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return writeErr(ctx, r.c, err, "update enterprise "+e.ID, e.ID, enterpriseUSCC(d))
	}
	if res.MatchedCount == 0 {
		return notFound(driver.ErrNoDocuments, "update enterprise "+e.ID)
	}
	stored, err := r.Get(ctx, e.ID)
	if err != nil {
		return err
	}
	*e = *stored
	return nil
}

// SetVerification is one conditional update on the current state.
func (r enterpriseRepo) SetVerification(ctx context.Context, id string, to domain.Verification, note string, at time.Time,
	from ...domain.Verification) (*domain.Enterprise, error) {
	filter := idFilter(id)
	if len(from) > 0 {
		states := bson.A{}
		for _, f := range from {
			states = append(states, string(f))
		}
		filter = append(filter, bson.E{Key: "verification", Value: bson.D{{Key: "$in", Value: states}}})
	}
	set := bson.D{{Key: "verification", Value: string(to)}, {Key: "verificationNote", Value: note},
		{Key: "updatedAt", Value: instant(at)}}
	update := bson.D{}
	if to == domain.VerificationVerified {
		set = append(set, bson.E{Key: "verifiedAt", Value: instant(at)})
		update = append(update, bson.E{Key: "$set", Value: set})
	} else {
		update = append(update, bson.E{Key: "$set", Value: set}, bson.E{Key: "$unset", Value: bson.D{{Key: "verifiedAt", Value: ""}}})
	}
	res, err := r.c.UpdateOne(ctx, filter, update)
	if err != nil {
		return nil, fmt.Errorf("mongodb: set verification of %s: %w", id, err)
	}
	if res.MatchedCount == 0 {
		if _, err := r.Get(ctx, id); err != nil {
			return nil, err
		}
		return nil, domain.Conflict("verification", "trust.field.verification_state")
	}
	return r.Get(ctx, id)
}

func (r enterpriseRepo) Delete(ctx context.Context, id string) error {
	return deleteOne(ctx, r.c, idFilter(id), "delete enterprise "+id)
}

// enterpriseFilter translates the listing filter; every condition must hold.
func enterpriseFilter(f store.EnterpriseFilter) bson.D {
	var and bson.A
	if f.Cluster != "" {
		and = append(and, bson.D{{Key: "clusters", Value: f.Cluster}})
	}
	if len(f.Clusters) > 0 { // empty means no restriction, as in every engine
		and = append(and, bson.D{{Key: "clusters", Value: bson.D{{Key: "$in", Value: f.Clusters}}}})
	}
	if f.Region != "" {
		// A city or province code takes in the regions within it (codes.RegionRange).
		if lo, hi := codes.RegionRange(f.Region); hi == "" {
			and = append(and, bson.D{{Key: "region", Value: lo}})
		} else {
			and = append(and, bson.D{{Key: "region", Value: bson.D{{Key: "$gte", Value: lo}, {Key: "$lt", Value: hi}}}})
		}
	}
	if f.Tier != "" {
		and = append(and, bson.D{{Key: "tier", Value: string(f.Tier)}})
	}
	if f.Verification != "" {
		and = append(and, bson.D{{Key: "verification", Value: string(f.Verification)}})
	}
	if f.Q != "" {
		re := primitive.Regex{Pattern: regexp.QuoteMeta(f.Q), Options: "i"}
		and = append(and, bson.D{{Key: "$or", Value: bson.A{
			bson.D{{Key: "name", Value: re}},
			bson.D{{Key: "uscc", Value: re}},
			bson.D{{Key: "products", Value: re}},
		}}})
	}
	if len(and) == 0 {
		return bson.D{}
	}
	return bson.D{{Key: "$and", Value: and}}
}

func (r enterpriseRepo) List(ctx context.Context, f store.EnterpriseFilter, page store.Page) ([]domain.Enterprise, string, int, error) {
	return findPage(ctx, listing{c: r.c, filter: enterpriseFilter(f), sort: order("name", 1), count: "enterprises"},
		page, (*enterpriseDoc).enterprise)
}

func (r enterpriseRepo) UpdatedAfter(ctx context.Context, mark domain.SyncMark, limit int) ([]domain.Enterprise, error) {
	return updatedAfter(ctx, r.c, mark, limit, (*enterpriseDoc).enterprise)
}

func (r enterpriseRepo) CountMatchable(ctx context.Context) (int, error) {
	n, err := r.c.CountDocuments(ctx, bson.D{{Key: "status", Value: bson.D{{Key: "$ne", Value: string(domain.EnterpriseBlocked)}}}})
	if err != nil {
		return 0, fmt.Errorf("mongodb: count enterprises: %w", err)
	}
	return int(n), nil
}
