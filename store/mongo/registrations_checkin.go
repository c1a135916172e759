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

const (
	checkinsColl  = "checkins"
	calendarsColl = "calendar_tokens"
)

func checkinIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(false, "eventId", "at", "_id")}
}

func calendarIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(true, "token")}
}

type checkinDoc struct {
	ID             string    `bson:"_id"`
	EventID        string    `bson:"eventId"`
	RegistrationID string    `bson:"registrationId"`
	Code           string    `bson:"code"`
	ScannedBy      string    `bson:"scannedBy"`
	Device         string    `bson:"device"`
	Result         string    `bson:"result"`
	At             time.Time `bson:"at"`
}

func (d *checkinDoc) checkin() domain.Checkin {
	return domain.Checkin{ID: d.ID, EventID: d.EventID, RegistrationID: d.RegistrationID, Code: d.Code,
		ScannedBy: d.ScannedBy, Device: d.Device, Result: domain.CheckinResult(d.Result), At: d.At.UTC()}
}

// checkinRepo implements store.CheckinRepo. Stamping a registration is conditional on it not
// being stamped yet, so two doors scanning one badge at once admit it once.
type checkinRepo struct {
	c    *driver.Collection
	regs registrationRepo
}

func (s checkinRepo) CheckIn(ctx context.Context, eventID, code, by, device string, at time.Time) (*domain.Registration, *domain.Checkin, error) {
	at = instant(at)
	scan := &domain.Checkin{ID: domain.NewID(), EventID: eventID, Code: code, ScannedBy: by, Device: device, At: at}
	filter := bson.D{{Key: "eventId", Value: eventID}, {Key: "checkinCode", Value: code}}
	r, err := s.regs.one(ctx, filter, "registration by code")
	switch {
	case errors.Is(err, domain.ErrNotFound):
		r, scan.Result = nil, domain.CheckinUnknown
	case err != nil:
		return nil, nil, err
	case r.Status != domain.RegConfirmed:
		scan.Result = domain.CheckinNotConfirmed
	case r.CheckedInAt != nil:
		scan.Result = domain.CheckinAlready
	default:
		res, err := s.regs.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: r.ID}, {Key: "status", Value: string(domain.RegConfirmed)},
			{Key: "checkedInAt", Value: nil}}, bson.D{{Key: "$set", Value: bson.D{{Key: "checkedInAt", Value: at}, {Key: "updatedAt", Value: at}}}})
		if err != nil {
			return nil, nil, fmt.Errorf("mongodb: check in %s: %w", r.ID, err)
		}
		if res.ModifiedCount == 1 {
			scan.Result, r.CheckedInAt = domain.CheckinOK, &at
		} else if r, err = s.regs.Get(ctx, r.ID); err != nil { // another door was faster
			return nil, nil, err
		} else if r.CheckedInAt != nil {
			scan.Result = domain.CheckinAlready
		} else {
			scan.Result = domain.CheckinNotConfirmed
		}
	}
	if r != nil {
		scan.RegistrationID = r.ID
	}
	d := checkinDoc{ID: scan.ID, EventID: eventID, RegistrationID: scan.RegistrationID, Code: code, ScannedBy: by,
		Device: device, Result: string(scan.Result), At: at}
	if err := insert(ctx, s.c, d.ID, d, "log scan"); err != nil {
		return nil, nil, err
	}
	return r, scan, nil
}

func (s checkinRepo) List(ctx context.Context, eventID string, page store.Page) ([]domain.Checkin, string, int, error) {
	return findPage(ctx, listing{c: s.c, filter: bson.D{{Key: "eventId", Value: eventID}}, sort: order("at", -1),
		count: "scans"}, page, (*checkinDoc).checkin)
}

// calendarRepo implements store.CalendarRepo: one document per user, _id = user ID.
type calendarRepo struct{ c *driver.Collection }

type calendarDoc struct {
	UserID    string    `bson:"_id"`
	Token     string    `bson:"token"`
	CreatedAt time.Time `bson:"createdAt"`
}

func (s calendarRepo) Token(ctx context.Context, userID string) (string, error) {
	for range 3 {
		var d calendarDoc
		err := s.c.FindOne(ctx, idFilter(userID)).Decode(&d)
		if err == nil {
			return d.Token, nil
		}
		if !errors.Is(err, driver.ErrNoDocuments) {
			return "", fmt.Errorf("mongodb: calendar token: %w", err)
		}
		d = calendarDoc{UserID: userID, Token: domain.RandomToken(20), CreatedAt: now()}
		if _, err := s.c.InsertOne(ctx, d); err == nil {
			return d.Token, nil
		} else if !isDuplicate(err) {
			return "", fmt.Errorf("mongodb: create calendar token: %w", err)
		}
		// Another request created it first: read that one.
	}
	return "", fmt.Errorf("mongodb: calendar token of %s: too much contention", userID)
}

func (s calendarRepo) Reset(ctx context.Context, userID string) (string, error) {
	d := calendarDoc{UserID: userID, Token: domain.RandomToken(20), CreatedAt: now()}
	if _, err := s.c.ReplaceOne(ctx, idFilter(userID), d, options.Replace().SetUpsert(true)); err != nil {
		return "", fmt.Errorf("mongodb: reset calendar token: %w", err)
	}
	return d.Token, nil
}

func (s calendarRepo) User(ctx context.Context, token string) (string, error) {
	var d calendarDoc
	if err := s.c.FindOne(ctx, bson.D{{Key: "token", Value: token}}).Decode(&d); err != nil {
		return "", notFound(err, "calendar token")
	}
	return d.UserID, nil
}
