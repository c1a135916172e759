package mongo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

// The Restore methods take records copied from another installation (`duijie migrate`) as they
// were. A document whose _id (or other unique key, where that means the same record) is stored
// already is skipped, so a repeated run stores nothing twice.

// insertNew inserts docs unordered and says how many were stored; duplicates of a unique key
// are skipped, any other failure is returned.
func insertNew(ctx context.Context, c *driver.Collection, docs []any, what string) (int, error) {
	if len(docs) == 0 {
		return 0, nil
	}
	_, err := c.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err == nil {
		return len(docs), nil
	}
	var bwe driver.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
		return 0, fmt.Errorf("mongodb: %s: %w", what, err)
	}
	for _, we := range bwe.WriteErrors {
		// FerretDB v1 reports a duplicate with SQLite's message rather than code 11000.
		if we.Code != 11000 && !strings.Contains(we.Message, "UNIQUE constraint failed") {
			return 0, fmt.Errorf("mongodb: %s: %w", what, err)
		}
	}
	return len(docs) - len(bwe.WriteErrors), nil
}

func (r eventRepo) RestoreChanges(ctx context.Context, changes []domain.EventChange) (int, error) {
	docs := make([]any, len(changes))
	for i, c := range changes {
		docs[i] = changeDoc{ID: c.ID, EventID: c.EventID, Field: c.Field, Old: c.Old, New: c.New, At: instant(c.At),
			By: c.By, NotifiedAt: instantPtr(c.NotifiedAt)}
	}
	return insertNew(ctx, r.changes, docs, "restore event changes")
}

func (s registrationRepo) Restore(ctx context.Context, eventID string, regs []domain.Registration) (int, error) {
	if _, err := s.event(ctx, eventID); err != nil {
		return 0, err
	}
	// Which are stored is asked by _id first: a clash on insert is ambiguous on FerretDB, which
	// does not name the index, and one enterprise has registrations at many events.
	ids := make([]string, len(regs))
	for i := range regs {
		ids[i] = regs[i].ID
	}
	have := map[string]bool{}
	if len(ids) > 0 {
		stored, err := findAll(ctx, s.c, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
			options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}), func(d *registrationDoc) string { return d.ID })
		if err != nil {
			return 0, err
		}
		for _, id := range stored {
			have[id] = true
		}
	}
	n := 0
	for i := range regs {
		r := &regs[i]
		if r.EventID != eventID {
			return n, fmt.Errorf("mongodb: restore registration %s: it belongs to event %s, not %s", r.ID, r.EventID, eventID)
		}
		if have[r.ID] {
			continue
		}
		domain.EnsureAttendeeCodes(r)
		// The waitlist number is the place in line, so the line keeps its order.
		seq := int64(0)
		if r.Status == domain.RegWaitlisted {
			seq = int64(r.Position)
		}
		d := registrationDoc{
			ID: r.ID, EventID: r.EventID, EnterpriseID: r.EnterpriseID, EnterpriseName: r.EnterpriseName,
			Status: string(r.Status), Seats: r.Seats(), Seq: seq, OfferExpiresAt: instantPtr(r.OfferExpiresAt),
			Attendees: attendeeDocs(r.Attendees), CheckinCode: r.CheckinCode, CheckedInAt: instantPtr(r.CheckedInAt),
			CreatedBy: r.CreatedBy, CancelReason: r.CancelReason, CancelledAt: instantPtr(r.CancelledAt),
			Search: regSearch(r), CreatedAt: instant(r.CreatedAt), UpdatedAt: instant(r.UpdatedAt),
		}
		if err := insert(ctx, s.c, d.ID, d, "restore registration "+d.ID,
			unique{"eventId_1_enterpriseId_1", "enterpriseId", "enterpriseId", d.EnterpriseID},
			unique{"eventId_1_checkinCode_1", "checkinCode", "checkinCode", d.CheckinCode}); err != nil {
			return n, err
		}
		n++
	}
	return n, s.recount(ctx, eventID)
}

// recount sets the event's counters from its registrations, and its last waitlist number to at
// least the highest one drawn, so later registrations join the line behind those restored. The
// counters are recomputed whole, so a restore that stopped halfway is put right by the next.
func (s registrationRepo) recount(ctx context.Context, eventID string) error {
	c, err := s.Counts(ctx, eventID)
	if err != nil {
		return err
	}
	var ev struct {
		WaitSeq int64 `bson:"waitSeq"`
	}
	err = s.events.FindOne(ctx, idFilter(eventID), options.FindOne().SetProjection(bson.D{{Key: "waitSeq", Value: 1}})).Decode(&ev)
	if err != nil {
		return notFound(err, "event "+eventID)
	}
	var top struct {
		Seq int64 `bson:"seq"`
	}
	err = s.c.FindOne(ctx, bson.D{{Key: "eventId", Value: eventID}},
		options.FindOne().SetSort(bson.D{{Key: "seq", Value: -1}}).SetProjection(bson.D{{Key: "seq", Value: 1}})).Decode(&top)
	if err != nil && !errors.Is(err, driver.ErrNoDocuments) {
		return fmt.Errorf("mongodb: last waitlist number of event %s: %w", eventID, err)
	}
	_, err = s.events.UpdateOne(ctx, idFilter(eventID), bson.D{{Key: "$set", Value: bson.D{
		{Key: "taken", Value: c.SeatsTaken}, {Key: "confirmed", Value: c.Confirmed},
		{Key: "waiting", Value: c.Waitlisted}, {Key: "waitSeq", Value: max(ev.WaitSeq, top.Seq)},
	}}})
	if err != nil {
		return fmt.Errorf("mongodb: set counters of event %s: %w", eventID, err)
	}
	return nil
}

func (s checkinRepo) Restore(ctx context.Context, scans []domain.Checkin) (int, error) {
	docs := make([]any, len(scans))
	for i, c := range scans {
		docs[i] = checkinDoc{ID: c.ID, EventID: c.EventID, RegistrationID: c.RegistrationID, Code: c.Code,
			ScannedBy: c.ScannedBy, Device: c.Device, Result: string(c.Result), At: instant(c.At)}
	}
	return insertNew(ctx, s.c, docs, "restore scans")
}

func (s calendarRepo) Find(ctx context.Context, userID string) (string, error) {
	var d calendarDoc
	if err := s.c.FindOne(ctx, idFilter(userID)).Decode(&d); err != nil {
		return "", notFound(err, "calendar token")
	}
	return d.Token, nil
}

func (s calendarRepo) Restore(ctx context.Context, userID, token string) (bool, error) {
	d := calendarDoc{UserID: userID, Token: token, CreatedAt: now()}
	err := insert(ctx, s.c, userID, d, "restore calendar token", unique{"token_1", "token", "token", token})
	var ce *domain.ConflictError
	if errors.As(err, &ce) && ce.Field == "id" {
		return false, nil
	}
	return err == nil, err
}

// Restore skips a message whose ID or dedup key is stored: either way the mail is there.
func (r outboxRepo) Restore(ctx context.Context, msgs []domain.OutboxMessage) (int, error) {
	docs := make([]any, len(msgs))
	for i, m := range msgs {
		docs[i] = &outboxDoc{ID: m.ID, DedupKey: m.DedupKey, Kind: string(m.Kind), UserID: m.UserID, To: m.To,
			Subject: m.Subject, HTML: m.HTML, Text: m.Text, Headers: dict(m.Headers), Status: string(m.Status),
			Attempts: m.Attempts, NextAttemptAt: instant(m.NextAttemptAt), ClaimedBy: m.ClaimedBy,
			ClaimedUntil: instantPtr(m.ClaimedUntil), LastError: m.LastError, CreatedAt: instant(m.CreatedAt),
			SentAt: instantPtr(m.SentAt), Attachments: attachmentDocs(m.Attachments)}
	}
	return insertNew(ctx, r.c, docs, "restore mail")
}
