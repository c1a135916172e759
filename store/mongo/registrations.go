package mongo

// Seat accounting without transactions.
//
// The event document carries the counters: taken (seats held by confirmed registrations and open
// offers), confirmed, waiting (waitlisted registrations) and waitSeq (the last waitlist number
// handed out). Every change of seats is ONE conditional update of that document:
//
//	take seats:  {_id, status: published, capacity: C, waiting: 0, taken: {$lte: C-n}} → $inc taken n
//	offer seats: {_id, capacity: C, taken: {$lte: C-n}} → $inc taken n, waiting -1
//
// so capacity holds however many instances race. The registration document is written after
// the seats are taken and is unique per (eventId, enterpriseId); when that insert collides (a
// repeated request), the seats are given back and the existing registration returned.
// Registration status changes are conditional on the previous status, so two operations never
// both move one registration.
//
// Waitlist positions are not stored: a registration keeps the number it drew from waitSeq, and
// its position is its rank among the event's waitlisted registrations when read. Someone ahead
// leaving therefore closes the gap without touching anyone else's document.
//
// Between the two writes of one operation a crash leaves the counters off by that one
// registration, always towards fewer free seats (seats are taken before the registration is
// written and given back after it is cancelled), never towards overbooking.

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

const registrationsColl = "registrations"

func registrationIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "eventId", "enterpriseId"),
		index(true, "eventId", "checkinCode"),
		index(true, "eventId", "attendees.checkinCode"),
		index(false, "eventId", "status", "seq"),
		index(false, "eventId", "createdAt", "_id"),
		index(false, "enterpriseId", "createdAt"),
		index(false, "status", "offerExpiresAt"),
	}
}

type attendeeDoc struct {
	Name        string     `bson:"name"`
	Position    string     `bson:"position"`
	Mobile      string     `bson:"mobile"`
	Email       string     `bson:"email"`
	CheckinCode string     `bson:"checkinCode"`
	CheckedInAt *time.Time `bson:"checkedInAt"`
}

type registrationDoc struct {
	ID             string        `bson:"_id"`
	EventID        string        `bson:"eventId"`
	EnterpriseID   string        `bson:"enterpriseId"`
	EnterpriseName string        `bson:"enterpriseName"`
	Status         string        `bson:"status"`
	Seats          int           `bson:"seats"`
	Seq            int64         `bson:"seq"`
	OfferExpiresAt *time.Time    `bson:"offerExpiresAt"`
	Attendees      []attendeeDoc `bson:"attendees"`
	Answers        bson.M        `bson:"answers,omitempty"`
	CheckinCode    string        `bson:"checkinCode"`
	CheckedInAt    *time.Time    `bson:"checkedInAt"`
	CreatedBy      string        `bson:"createdBy"`
	CancelReason   string        `bson:"cancelReason"`
	CancelledAt    *time.Time    `bson:"cancelledAt"`
	Search         string        `bson:"search"`
	CreatedAt      time.Time     `bson:"createdAt"`
	UpdatedAt      time.Time     `bson:"updatedAt"`
}

func (d *registrationDoc) registration() domain.Registration {
	r := domain.Registration{
		ID: d.ID, EventID: d.EventID, EnterpriseID: d.EnterpriseID, EnterpriseName: d.EnterpriseName,
		Status: domain.RegistrationStatus(d.Status), OfferExpiresAt: utcPtr(d.OfferExpiresAt),
		Attendees: make([]domain.Attendee, len(d.Attendees)), CheckinCode: d.CheckinCode,
		CheckedInAt: utcPtr(d.CheckedInAt), CreatedBy: d.CreatedBy, CancelReason: d.CancelReason,
		CancelledAt: utcPtr(d.CancelledAt), CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
	}
	r.Answers = answersOf(d.Answers)
	for i, a := range d.Attendees {
		r.Attendees[i] = domain.Attendee(a)
		r.Attendees[i].CheckedInAt = utcPtr(a.CheckedInAt)
	}
	// A document written before attendees had their own codes: the backfill at start
	// (backfillAttendeeCodes) stores them; until then the first attendee holds the firm's code.
	if len(r.Attendees) > 0 && r.Attendees[0].CheckinCode == "" {
		r.Attendees[0].CheckinCode = r.CheckinCode
	}
	return r
}

func regSearch(r *domain.Registration) string {
	parts := []string{r.EnterpriseName}
	for _, a := range r.Attendees {
		parts = append(parts, a.Name, a.Email, a.Mobile)
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

func attendeeDocs(a []domain.Attendee) []attendeeDoc {
	out := make([]attendeeDoc, len(a))
	for i, x := range a {
		out[i] = attendeeDoc(x)
		out[i].CheckedInAt = instantPtr(x.CheckedInAt)
	}
	return out
}

type registrationRepo struct {
	c      *driver.Collection
	events *driver.Collection
}

// errRetry says a conditional write lost a race; the operation starts again from a fresh read.
var errRetry = errors.New("retry")

// maxRetries bounds the optimistic loops; each retry means another writer made progress.
const maxRetries = 100

func (s registrationRepo) event(ctx context.Context, id string) (*eventDoc, error) {
	var d eventDoc
	err := s.events.FindOne(ctx, idFilter(id), options.FindOne().SetProjection(listFields)).Decode(&d)
	if err != nil {
		return nil, notFound(err, "event "+id)
	}
	return &d, nil
}

// inc moves the event's counters; the filter is just the event.
func (s registrationRepo) inc(ctx context.Context, eventID string, fields bson.D) error {
	if _, err := s.events.UpdateOne(ctx, idFilter(eventID), bson.D{{Key: "$inc", Value: fields}}); err != nil {
		return fmt.Errorf("mongodb: update counters of event %s: %w", eventID, err)
	}
	return nil
}

// takeSeats takes n seats for a new registration if they are free and nobody is waiting.
func (s registrationRepo) takeSeats(ctx context.Context, ev *eventDoc, n int) (bool, error) {
	res, err := s.events.UpdateOne(ctx, bson.D{
		{Key: "_id", Value: ev.ID}, {Key: "status", Value: string(domain.EventPublished)},
		{Key: "capacity", Value: ev.Capacity}, {Key: "waiting", Value: 0},
		{Key: "taken", Value: bson.D{{Key: "$lte", Value: ev.Capacity - n}}},
	}, bson.D{{Key: "$inc", Value: bson.D{{Key: "taken", Value: n}, {Key: "confirmed", Value: 1}}}})
	if err != nil {
		return false, fmt.Errorf("mongodb: take seats of event %s: %w", ev.ID, err)
	}
	return res.ModifiedCount == 1, nil
}

// joinWaitlist counts one more waiting registration and draws its waitlist number.
func (s registrationRepo) joinWaitlist(ctx context.Context, eventID string) (int64, error) {
	var d struct {
		WaitSeq int64 `bson:"waitSeq"`
	}
	err := s.events.FindOneAndUpdate(ctx, idFilter(eventID),
		bson.D{{Key: "$inc", Value: bson.D{{Key: "waiting", Value: 1}, {Key: "waitSeq", Value: int64(1)}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After),
	).Decode(&d)
	if err != nil {
		return 0, notFound(err, "event "+eventID)
	}
	return d.WaitSeq, nil
}

func (s registrationRepo) Register(ctx context.Context, in *domain.Registration, now time.Time) (*domain.Registration, bool, error) {
	for range maxRetries {
		r, created, err := s.register(ctx, in, now)
		if !errors.Is(err, errRetry) {
			return r, created, err
		}
	}
	return nil, false, fmt.Errorf("mongodb: register for event %s: too much contention", in.EventID)
}

func (s registrationRepo) register(ctx context.Context, in *domain.Registration, now time.Time) (*domain.Registration, bool, error) {
	ev, err := s.event(ctx, in.EventID)
	if err != nil {
		return nil, false, err
	}
	prev, err := s.ByEnterprise(ctx, in.EventID, in.EnterpriseID)
	if errors.Is(err, domain.ErrNotFound) {
		prev, err = nil, nil
	}
	if err != nil {
		return nil, false, err
	}
	e := ev.event()
	plan, err := domain.PlanRegistration(&e, seatState(ev), prev, in, instant(now))
	if err != nil || plan.Existing != nil {
		return plan.Existing, false, err
	}
	r := &plan.Reg
	seq, err := s.takePlace(ctx, ev, r.Status, r.Seats())
	if err != nil {
		return nil, false, err
	}
	if err := s.write(ctx, r, plan.Reopen, seq); err != nil {
		// Give back what was taken above: the registration is not there to hold it.
		if uerr := s.givePlaceBack(ctx, in.EventID, r.Status, r.Seats(), now); uerr != nil {
			return nil, false, uerr
		}
		return nil, false, err
	}
	if r.Status == domain.RegWaitlisted {
		if err := s.settle(ctx, r, now); err != nil {
			return nil, false, err
		}
	}
	got, err := s.Get(ctx, r.ID)
	return got, err == nil, err
}

// write stores a planned registration: a reopened one under its old ID if nobody else revived
// it first, a new one unless a repeated request stored its own first. Losing either race is
// errRetry: the caller starts again and finds the winner's registration.
func (s registrationRepo) write(ctx context.Context, r *domain.Registration, reopen bool, seq int64) error {
	if !reopen {
		if r.ID == "" {
			r.ID = domain.NewID()
		}
		err := s.insert(ctx, r, r.Seats(), seq)
		var ce *domain.ConflictError
		if errors.As(err, &ce) && ce.Field == "enterpriseId" {
			return errRetry
		}
		return err
	}
	res, err := s.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: r.ID}, {Key: "status", Value: string(domain.RegCancelled)}},
		bson.D{{Key: "$set", Value: bson.D{
			{Key: "enterpriseName", Value: r.EnterpriseName}, {Key: "status", Value: string(r.Status)},
			{Key: "seats", Value: r.Seats()}, {Key: "seq", Value: seq}, {Key: "offerExpiresAt", Value: nil},
			{Key: "attendees", Value: attendeeDocs(r.Attendees)}, {Key: "checkedInAt", Value: nil},
			{Key: "createdBy", Value: r.CreatedBy}, {Key: "cancelReason", Value: ""}, {Key: "cancelledAt", Value: nil},
			{Key: "search", Value: regSearch(r)}, {Key: "createdAt", Value: instant(r.CreatedAt)},
			{Key: "updatedAt", Value: instant(r.UpdatedAt)},
			{Key: "answers", Value: answersDoc(r.Answers)},
		}}})
	if err == nil && res.ModifiedCount == 0 {
		err = errRetry
	}
	return err
}

// settle runs after a registration joined the waitlist: seats may be free while those ahead
// need more than that (or were freed between the failed take and joining), so the first in
// line who fits gets them, and when that is this registration it is confirmed at once.
func (s registrationRepo) settle(ctx context.Context, r *domain.Registration, now time.Time) error {
	if _, err := s.promote(ctx, r.EventID, now); err != nil {
		return err
	}
	if _, err := s.ConfirmOffer(ctx, r.ID, now); err != nil && !isInvalid(err) {
		return err
	}
	return nil
}

// isInvalid reports a *domain.ValidationError: here, "no open offer to confirm".
func isInvalid(err error) bool {
	var v *domain.ValidationError
	return errors.As(err, &v)
}

// insert writes a new registration, drawing another check-in code if the first is taken at
// this event.
func (s registrationRepo) insert(ctx context.Context, r *domain.Registration, seats int, seq int64) error {
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			r.CheckinCode = ""
			domain.AssignCheckinCodes(r)
		}
		d := registrationDoc{
			ID: r.ID, EventID: r.EventID, EnterpriseID: r.EnterpriseID, EnterpriseName: r.EnterpriseName,
			Status: string(r.Status), Seats: seats, Seq: seq, Attendees: attendeeDocs(r.Attendees),
			CheckinCode: r.CheckinCode, CreatedBy: r.CreatedBy, Search: regSearch(r), Answers: answersDoc(r.Answers),
			CreatedAt: instant(r.CreatedAt), UpdatedAt: instant(r.UpdatedAt),
		}
		err := insert(ctx, s.c, d.ID, d, "create registration",
			unique{"eventId_1_enterpriseId_1", "enterpriseId", "enterpriseId", d.EnterpriseID},
			unique{"eventId_1_checkinCode_1", "checkinCode", "checkinCode", d.CheckinCode},
			unique{"eventId_1_attendees.checkinCode_1", "attendees.checkinCode", "checkinCode", attendeeCodes(r)})
		var ce *domain.ConflictError
		if errors.As(err, &ce) && ce.Field == "checkinCode" && attempt < 5 {
			continue
		}
		return err
	}
}

// attendeeCodes matches any of r's attendee codes, to find which one collided.
func attendeeCodes(r *domain.Registration) bson.D {
	codes := make(bson.A, len(r.Attendees))
	for i, a := range r.Attendees {
		codes[i] = a.CheckinCode
	}
	return bson.D{{Key: "$in", Value: codes}}
}

// withPosition fills the waitlist rank of a waitlisted registration.
func (s registrationRepo) withPosition(ctx context.Context, d *registrationDoc) (domain.Registration, error) {
	r := d.registration()
	if r.Status != domain.RegWaitlisted {
		return r, nil
	}
	n, err := s.c.CountDocuments(ctx, bson.D{{Key: "eventId", Value: d.EventID},
		{Key: "status", Value: string(domain.RegWaitlisted)}, {Key: "seq", Value: bson.D{{Key: "$lte", Value: d.Seq}}}})
	if err != nil {
		return r, fmt.Errorf("mongodb: waitlist position: %w", err)
	}
	r.Position = int(n)
	return r, nil
}

func (s registrationRepo) one(ctx context.Context, filter bson.D, what string) (*domain.Registration, error) {
	var d registrationDoc
	if err := s.c.FindOne(ctx, filter).Decode(&d); err != nil {
		return nil, notFound(err, what)
	}
	r, err := s.withPosition(ctx, &d)
	return &r, err
}

func (s registrationRepo) many(ctx context.Context, filter bson.D, opts *options.FindOptions) ([]domain.Registration, error) {
	docs, err := findAll(ctx, s.c, filter, opts, func(d *registrationDoc) registrationDoc { return *d })
	if err != nil {
		return nil, err
	}
	out := make([]domain.Registration, len(docs))
	for i := range docs {
		if out[i], err = s.withPosition(ctx, &docs[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s registrationRepo) Get(ctx context.Context, id string) (*domain.Registration, error) {
	return s.one(ctx, idFilter(id), "registration "+id)
}

func (s registrationRepo) ByEnterprise(ctx context.Context, eventID, enterpriseID string) (*domain.Registration, error) {
	return s.one(ctx, bson.D{{Key: "eventId", Value: eventID}, {Key: "enterpriseId", Value: enterpriseID}}, "registration")
}

func (s registrationRepo) ListByEvent(ctx context.Context, eventID string, f store.RegistrationFilter, page store.Page) ([]domain.Registration, string, int, error) {
	filter := bson.D{{Key: "eventId", Value: eventID}}
	if len(f.Statuses) > 0 {
		st := make(bson.A, len(f.Statuses))
		for i, x := range f.Statuses {
			st[i] = string(x)
		}
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: st}}})
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		filter = append(filter, bson.E{Key: "search", Value: primitive.Regex{Pattern: regexp.QuoteMeta(strings.ToLower(q))}})
	}
	l := listing{c: s.c, filter: filter, sort: order("createdAt", 1), count: "registrations"}
	return fetchPage(ctx, l, page, func(opts *options.FindOptions) ([]domain.Registration, error) {
		return s.many(ctx, filter, opts)
	})
}

func (s registrationRepo) ListByEnterprise(ctx context.Context, enterpriseID string) ([]domain.Registration, error) {
	return s.many(ctx, bson.D{{Key: "enterpriseId", Value: enterpriseID}},
		options.Find().SetSort(order("createdAt", -1)).SetLimit(1000))
}

// setStatus moves a registration from one status to another with extra fields; false means
// another writer moved it first.
func (s registrationRepo) setStatus(ctx context.Context, id string, from domain.RegistrationStatus, set bson.D, extra ...bson.E) (bool, error) {
	filter := append(bson.D{{Key: "_id", Value: id}, {Key: "status", Value: string(from)}}, extra...)
	res, err := s.c.UpdateOne(ctx, filter, bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return false, fmt.Errorf("mongodb: update registration %s: %w", id, err)
	}
	return res.ModifiedCount == 1, nil
}

func (s registrationRepo) Cancel(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error) {
	for range maxRetries {
		r, err := s.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if r.Status == domain.RegCancelled {
			return r, nil
		}
		if r.CheckedInAt != nil {
			return nil, domain.Conflict("status", "eventday_cancel_checked_in")
		}
		// Conditional on nobody checked in: a scan racing the cancellation wins or loses whole.
		ok, err := s.cancel(ctx, r, reason, now, bson.E{Key: "checkedInAt", Value: nil})
		if err != nil {
			return nil, err
		}
		if ok {
			if _, err := s.promote(ctx, r.EventID, now); err != nil {
				return nil, err
			}
			return s.Get(ctx, id)
		}
	}
	return nil, fmt.Errorf("mongodb: cancel registration %s: too much contention", id)
}

// cancel moves r from its current status to cancelled and gives back what it held.
func (s registrationRepo) cancel(ctx context.Context, r *domain.Registration, reason string, now time.Time, extra ...bson.E) (bool, error) {
	ok, err := s.setStatus(ctx, r.ID, r.Status, bson.D{
		{Key: "status", Value: string(domain.RegCancelled)}, {Key: "offerExpiresAt", Value: nil},
		{Key: "cancelReason", Value: reason}, {Key: "cancelledAt", Value: instant(now)}, {Key: "updatedAt", Value: instant(now)},
	}, extra...)
	if err != nil || !ok {
		return false, err
	}
	switch r.Status {
	case domain.RegConfirmed:
		err = s.inc(ctx, r.EventID, bson.D{{Key: "taken", Value: -r.Seats()}, {Key: "confirmed", Value: -1}})
	case domain.RegOffered:
		err = s.inc(ctx, r.EventID, bson.D{{Key: "taken", Value: -r.Seats()}})
	case domain.RegWaitlisted:
		err = s.inc(ctx, r.EventID, bson.D{{Key: "waiting", Value: -1}})
	}
	return true, err
}

// promote offers the event's free seats to the waitlist in order, passing over registrations
// that do not fit; see the comment at the top of this file.
func (s registrationRepo) promote(ctx context.Context, eventID string, now time.Time) (int, error) {
	offered := 0
	for lost := 0; lost < maxRetries; {
		ev, err := s.event(ctx, eventID)
		if err != nil {
			return offered, err
		}
		free := ev.Capacity - ev.Taken
		if ev.Status != string(domain.EventPublished) || !now.Before(ev.StartsAt) || free <= 0 || ev.Waiting <= 0 {
			return offered, nil
		}
		// The head of the line that could fit; domain.PickOffers chooses, one offer per
		// conditional update.
		line, err := findAll(ctx, s.c, bson.D{{Key: "eventId", Value: eventID}, {Key: "status", Value: string(domain.RegWaitlisted)},
			{Key: "seats", Value: bson.D{{Key: "$lte", Value: free}}}},
			options.Find().SetSort(bson.D{{Key: "seq", Value: 1}}).SetLimit(20), func(d *registrationDoc) registrationDoc { return *d })
		if err != nil {
			return offered, fmt.Errorf("mongodb: read waitlist of event %s: %w", eventID, err)
		}
		need := make([]int, len(line))
		for i := range line {
			need[i] = line[i].Seats
		}
		picks := domain.PickOffers(free, need)
		if len(picks) == 0 {
			return offered, nil
		}
		d := line[picks[0]]
		res, err := s.events.UpdateOne(ctx, bson.D{{Key: "_id", Value: eventID}, {Key: "capacity", Value: ev.Capacity},
			{Key: "taken", Value: bson.D{{Key: "$lte", Value: ev.Capacity - d.Seats}}}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "taken", Value: d.Seats}, {Key: "waiting", Value: -1}}}})
		if err != nil {
			return offered, fmt.Errorf("mongodb: offer seats of event %s: %w", eventID, err)
		}
		if res.ModifiedCount == 0 {
			lost++
			continue // the seats went elsewhere meanwhile: look again
		}
		exp := domain.OfferExpiry(&domain.Event{StartsAt: ev.StartsAt}, now, domain.DefaultOfferTTL)
		ok, err := s.setStatus(ctx, d.ID, domain.RegWaitlisted, bson.D{{Key: "status", Value: string(domain.RegOffered)},
			{Key: "offerExpiresAt", Value: instant(exp)}, {Key: "updatedAt", Value: instant(now)}})
		if err == nil && !ok { // it left the waitlist meanwhile, and its leaving counted itself
			err = s.inc(ctx, eventID, bson.D{{Key: "taken", Value: -d.Seats}, {Key: "waiting", Value: 1}})
		}
		if err != nil {
			return offered, err
		}
		if ok {
			offered++
		} else {
			lost++
		}
	}
	return offered, fmt.Errorf("mongodb: offer seats of event %s: too much contention", eventID)
}

func (s registrationRepo) ConfirmOffer(ctx context.Context, id string, now time.Time) (*domain.Registration, error) {
	r, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Status == domain.RegConfirmed {
		return r, nil
	}
	ok, err := s.setStatus(ctx, id, domain.RegOffered,
		bson.D{{Key: "status", Value: string(domain.RegConfirmed)}, {Key: "offerExpiresAt", Value: nil}, {Key: "updatedAt", Value: instant(now)}},
		bson.E{Key: "offerExpiresAt", Value: bson.D{{Key: "$gt", Value: instant(now)}}})
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, domain.Invalid("status", "registration_no_open_offer")
	}
	if err := s.inc(ctx, r.EventID, bson.D{{Key: "confirmed", Value: 1}}); err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

func (s registrationRepo) ExpireOffers(ctx context.Context, now time.Time) (int, error) {
	docs, err := findAll(ctx, s.c, bson.D{{Key: "status", Value: string(domain.RegOffered)},
		{Key: "offerExpiresAt", Value: bson.D{{Key: "$lte", Value: instant(now)}}}},
		options.Find().SetSort(bson.D{{Key: "offerExpiresAt", Value: 1}}).SetLimit(1000), (*registrationDoc).registration)
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range docs {
		r := &docs[i]
		// Conditional on the expiry too: a confirmation that won the race keeps its seat.
		ok, err := s.cancel(ctx, r, domain.CancelOfferExpired, now,
			bson.E{Key: "offerExpiresAt", Value: bson.D{{Key: "$lte", Value: instant(now)}}})
		if err != nil {
			return n, err
		}
		if !ok {
			continue
		}
		n++
		if _, err := s.promote(ctx, r.EventID, now); err != nil {
			return n, err
		}
	}
	return n, nil
}

func (s registrationRepo) Promote(ctx context.Context, eventID string, now time.Time) (int, error) {
	return s.promote(ctx, eventID, now)
}

func (s registrationRepo) Counts(ctx context.Context, eventID string) (store.RegistrationCounts, error) {
	var c store.RegistrationCounts
	cur, err := s.c.Find(ctx, bson.D{{Key: "eventId", Value: eventID}},
		options.Find().SetProjection(bson.D{{Key: "status", Value: 1}, {Key: "seats", Value: 1}, {Key: "checkedInAt", Value: 1},
			{Key: "attendees.checkedInAt", Value: 1}}))
	if err != nil {
		return c, fmt.Errorf("mongodb: count registrations: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var d struct {
			Status      string     `bson:"status"`
			Seats       int        `bson:"seats"`
			CheckedInAt *time.Time `bson:"checkedInAt"`
			Attendees   []struct {
				CheckedInAt *time.Time `bson:"checkedInAt"`
			} `bson:"attendees"`
		}
		if err := cur.Decode(&d); err != nil {
			return c, fmt.Errorf("mongodb: count registrations: %w", err)
		}
		switch domain.RegistrationStatus(d.Status) {
		case domain.RegConfirmed:
			c.Confirmed++
			c.Attendees += d.Seats
			c.SeatsTaken += d.Seats
			if d.CheckedInAt != nil {
				c.CheckedIn++
				for _, a := range d.Attendees {
					if a.CheckedInAt != nil {
						c.PeopleCheckedIn++
					}
				}
			}
		case domain.RegOffered:
			c.Offered++
			c.SeatsTaken += d.Seats
		case domain.RegWaitlisted:
			c.Waitlisted++
		case domain.RegCancelled:
			c.Cancelled++
		case domain.RegPending:
			c.Pending++
		case domain.RegRejected:
			c.Rejected++
		}
	}
	return c, cur.Err()
}
