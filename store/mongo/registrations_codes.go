package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"

	"duijie/domain"
)

// backfillAttendeeCodes gives the attendees of registrations written before attendees had their
// own check-in codes theirs (domain.EnsureAttendeeCodes). It runs at start before the indexes
// are created, because the unique index on attendee codes would refuse two such documents of
// one event. Each write is conditional on the document being unchanged, so instances starting
// together do not draw two sets of codes.
func backfillAttendeeCodes(ctx context.Context, db *driver.Database) error {
	c := db.Collection(registrationsColl)
	docs, err := findAll(ctx, c, bson.D{{Key: "attendees.0", Value: bson.D{{Key: "$exists", Value: true}}},
		{Key: "attendees.0.checkinCode", Value: bson.D{{Key: "$exists", Value: false}}}}, nil,
		func(d *registrationDoc) registrationDoc { return *d })
	if err != nil {
		return fmt.Errorf("mongodb: find registrations without attendee codes: %w", err)
	}
	for i := range docs {
		d := &docs[i]
		r := d.registration()
		r.Attendees[0].CheckinCode = "" // registration() shows the firm's code there; store it
		if !domain.EnsureAttendeeCodes(&r) {
			continue
		}
		if _, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: d.ID}, {Key: "updatedAt", Value: d.UpdatedAt}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "attendees", Value: attendeeDocs(r.Attendees)}}}}); err != nil {
			return fmt.Errorf("mongodb: backfill attendee codes of %s: %w", d.ID, err)
		}
	}
	return nil
}
