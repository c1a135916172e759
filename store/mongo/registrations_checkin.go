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
	o, err := s.checkIn(ctx, eventID, domain.CheckinScan{Code: code, By: by, Device: device, At: at})
	if err != nil {
		return nil, nil, err
	}
	return o.Registration, o.Scan, nil
}

func (s checkinRepo) CheckInMany(ctx context.Context, eventID string, scans []domain.CheckinScan) ([]domain.CheckinOutcome, error) {
	out := make([]domain.CheckinOutcome, 0, len(scans))
	for _, sc := range scans {
		o, err := s.checkIn(ctx, eventID, sc)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// checkIn applies one scan: domain.DecideCheckin decides from what was read, and the stamp is
// one update conditional on the attendee's and the registration's check-in times being still
// what was read, so two doors (or a door and an offline phone syncing) never both win; the
// loser reads again and decides again.
func (s checkinRepo) checkIn(ctx context.Context, eventID string, sc domain.CheckinScan) (domain.CheckinOutcome, error) {
	at := instant(sc.At)
	scan := &domain.Checkin{ID: domain.NewID(), EventID: eventID, Code: sc.Code, ScannedBy: sc.By, Device: sc.Device, At: at}
	o := domain.CheckinOutcome{Attendee: -1, Scan: scan}
	filter := bson.D{{Key: "eventId", Value: eventID}, {Key: "attendees.checkinCode", Value: sc.Code}}
	for attempt := 0; ; attempt++ {
		if attempt == maxRetries {
			return o, fmt.Errorf("mongodb: check in %s: too much contention", sc.Code)
		}
		r, err := s.regs.one(ctx, filter, "registration by code")
		switch {
		case errors.Is(err, domain.ErrNotFound):
			r, scan.Result = nil, domain.CheckinUnknown
		case err != nil:
			return o, err
		}
		if r != nil {
			o.Attendee = r.AttendeeByCode(sc.Code)
			if o.Attendee < 0 {
				r, scan.Result = nil, domain.CheckinUnknown
			}
		}
		if r == nil {
			break
		}
		scan.RegistrationID = r.ID
		a := &r.Attendees[o.Attendee]
		d := domain.DecideCheckin(r.Status, a.CheckedInAt, at)
		scan.Result = d.Result
		if !d.Stamp {
			break
		}
		path := fmt.Sprintf("attendees.%d.", o.Attendee)
		cond := bson.D{{Key: "_id", Value: r.ID}, {Key: "status", Value: string(domain.RegConfirmed)},
			{Key: path + "checkinCode", Value: sc.Code}, {Key: path + "checkedInAt", Value: instantPtr(a.CheckedInAt)},
			{Key: "checkedInAt", Value: instantPtr(r.CheckedInAt)}}
		t := d.At
		a.CheckedInAt = &t
		first := r.FirstCheckin()
		res, err := s.regs.c.UpdateOne(ctx, cond, bson.D{{Key: "$set", Value: bson.D{
			{Key: path + "checkedInAt", Value: t},
			{Key: "checkedInAt", Value: *first}, {Key: "updatedAt", Value: at}}}})
		if err != nil {
			return o, fmt.Errorf("mongodb: check in %s: %w", r.ID, err)
		}
		if res.MatchedCount == 1 {
			r.CheckedInAt = first
			o.Registration = r
			break
		}
	}
	if o.Registration == nil && scan.Result != domain.CheckinUnknown {
		r, err := s.regs.Get(ctx, scan.RegistrationID)
		if err != nil {
			return o, err
		}
		o.Registration = r
	}
	d := checkinDoc{ID: scan.ID, EventID: eventID, RegistrationID: scan.RegistrationID, Code: sc.Code, ScannedBy: sc.By,
		Device: sc.Device, Result: string(scan.Result), At: at}
	if err := insert(ctx, s.c, d.ID, d, "log scan"); err != nil {
		return o, err
	}
	return o, nil
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
