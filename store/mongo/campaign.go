package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

// campaignColl keys each year's targets by the year, so the _id index is the year's uniqueness.
const campaignColl = "campaign_targets"

// campaignLeadIndexes serve the dashboard's count of the leads opened in a year; the other
// counts use the indexes of events, registrations and matches.
func campaignLeadIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(false, "openedAt")}
}

type campaignDoc struct {
	Year                int       `bson:"_id"`
	FlagshipEvents      int       `bson:"flagshipEvents"`
	MatchmakingSessions int       `bson:"matchmakingSessions"`
	Enterprises         int       `bson:"enterprises"`
	Leads               int       `bson:"leads"`
	Intentions          int       `bson:"intentions"`
	SignedDeals         int       `bson:"signedDeals"`
	SignedValue         int64     `bson:"signedValue"`
	IntendedValue       int64     `bson:"intendedValue"`
	UpdatedBy           string    `bson:"updatedBy"`
	UpdatedAt           time.Time `bson:"updatedAt"`
}

func toCampaignDoc(t *domain.CampaignTargets) *campaignDoc {
	return &campaignDoc{Year: t.Year, FlagshipEvents: t.FlagshipEvents, MatchmakingSessions: t.MatchmakingSessions,
		Enterprises: t.Enterprises, Leads: t.Leads, Intentions: t.Intentions, SignedDeals: t.SignedDeals,
		SignedValue: t.SignedValue, IntendedValue: t.IntendedValue, UpdatedBy: t.UpdatedBy, UpdatedAt: instant(t.UpdatedAt)}
}

func (d *campaignDoc) targets() domain.CampaignTargets {
	return domain.CampaignTargets{Year: d.Year, FlagshipEvents: d.FlagshipEvents, MatchmakingSessions: d.MatchmakingSessions,
		Enterprises: d.Enterprises, Leads: d.Leads, Intentions: d.Intentions, SignedDeals: d.SignedDeals,
		SignedValue: d.SignedValue, IntendedValue: d.IntendedValue, UpdatedBy: d.UpdatedBy, UpdatedAt: d.UpdatedAt.UTC()}
}

func (d *campaignDoc) targetsPtr() *domain.CampaignTargets { t := d.targets(); return &t }

// campaignRepo stores the targets (this file) and counts the actuals (campaign_actuals.go) over
// the collections of the other capabilities.
type campaignRepo struct {
	c                                *driver.Collection
	events, regs, leads, matchesColl *driver.Collection
	totals                           *campaignTotals // the running totals (campaign_totals.go)
}

func newCampaignRepo(db *driver.Database, totals *campaignTotals) campaignRepo {
	return campaignRepo{c: db.Collection(campaignColl), events: db.Collection(eventsColl),
		regs: db.Collection(registrationsColl), leads: db.Collection(leadsColl), matchesColl: db.Collection(matchesColl),
		totals: totals}
}

func (r campaignRepo) Targets(ctx context.Context, year int) (*domain.CampaignTargets, error) {
	return findOne(ctx, r.c, bson.D{{Key: "_id", Value: year}}, fmt.Sprintf("campaign targets %d", year),
		(*campaignDoc).targetsPtr)
}

func (r campaignRepo) PutTargets(ctx context.Context, t *domain.CampaignTargets) error {
	d := toCampaignDoc(t)
	_, err := r.c.ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.Year}}, d, options.Replace().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("mongodb: put campaign targets %d: %w", t.Year, err)
	}
	*t = d.targets()
	return nil
}

func (r campaignRepo) ListTargets(ctx context.Context) ([]domain.CampaignTargets, error) {
	return findAll(ctx, r.c, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}), (*campaignDoc).targets)
}
