package mongo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

// Collections of the triage lessons.
const (
	triageCorrectionsColl = "triageCorrections"
	triageLessonsOffColl  = "triageLessonsOff"
)

func triageCorrectionIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(false, "at", "_id")}
}

type triageCorrectionDoc struct {
	ID       string    `bson:"_id"`
	LeadID   string    `bson:"leadId"`
	Terms    []string  `bson:"terms"`
	Clusters []string  `bson:"clusters"`
	Removed  []string  `bson:"removed"`
	Added    []string  `bson:"added"`
	By       string    `bson:"by"`
	ByName   string    `bson:"byName"`
	At       time.Time `bson:"at"`
}

// lessonOffDoc is keyed by cluster and term key, so a link is switched off once: cluster codes
// hold no colon.
type lessonOffDoc struct {
	ID      string    `bson:"_id"`
	TermKey string    `bson:"termKey"`
	Term    string    `bson:"term"`
	Cluster string    `bson:"cluster"`
	By      string    `bson:"by"`
	ByName  string    `bson:"byName"`
	At      time.Time `bson:"at"`
}

func lessonOffID(term, cluster string) string { return cluster + ":" + domain.LessonKey(term) }

type triageRepo struct{ corrections, off *driver.Collection }

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (r triageRepo) AddCorrection(ctx context.Context, c *domain.TriageCorrection) error {
	if c.ID == "" {
		c.ID = domain.NewID()
	}
	d := triageCorrectionDoc{ID: c.ID, LeadID: c.LeadID, Terms: orEmpty(c.Terms), Clusters: orEmpty(c.Clusters),
		Removed: orEmpty(c.Removed), Added: orEmpty(c.Added), By: c.By, ByName: c.ByName, At: instant(c.At)}
	if _, err := r.corrections.InsertOne(ctx, d); err != nil {
		return fmt.Errorf("mongodb: add triage correction: %w", err)
	}
	return nil
}

func (r triageRepo) Corrections(ctx context.Context, limit int) ([]domain.TriageCorrection, error) {
	if limit < 1 || limit > domain.MaxCorrections {
		return nil, fmt.Errorf("mongodb: %d corrections is outside 1..%d", limit, domain.MaxCorrections)
	}
	out, err := findAll(ctx, r.corrections, bson.D{},
		options.Find().SetSort(bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}}).SetLimit(int64(limit)),
		func(d *triageCorrectionDoc) domain.TriageCorrection {
			return domain.TriageCorrection{ID: d.ID, LeadID: d.LeadID, Terms: orEmpty(d.Terms), Clusters: orEmpty(d.Clusters),
				Removed: orEmpty(d.Removed), Added: orEmpty(d.Added), By: d.By, ByName: d.ByName, At: d.At.UTC()}
		})
	if err != nil {
		return nil, err
	}
	slices.Reverse(out)
	return out, nil
}

func (r triageRepo) SwitchOff(ctx context.Context, o *domain.LessonOff) error {
	d := lessonOffDoc{ID: lessonOffID(o.Term, o.Cluster), TermKey: domain.LessonKey(o.Term), Term: o.Term, Cluster: o.Cluster,
		By: o.By, ByName: o.ByName, At: instant(o.At)}
	if _, err := r.off.ReplaceOne(ctx, idFilter(d.ID), d, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("mongodb: switch a lesson off: %w", err)
	}
	return nil
}

func (r triageRepo) SwitchOn(ctx context.Context, term, cluster string) (bool, error) {
	res, err := r.off.DeleteOne(ctx, idFilter(lessonOffID(term, cluster)))
	if err != nil {
		return false, fmt.Errorf("mongodb: switch a lesson on: %w", err)
	}
	return res.DeletedCount > 0, nil
}

func (r triageRepo) Off(ctx context.Context) ([]domain.LessonOff, error) {
	return findAll(ctx, r.off, bson.D{}, options.Find().SetSort(bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}),
		func(d *lessonOffDoc) domain.LessonOff {
			return domain.LessonOff{Term: d.Term, Cluster: d.Cluster, By: d.By, ByName: d.ByName, At: d.At.UTC()}
		})
}
