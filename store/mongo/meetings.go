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
	meetingsColl = "meetings"
	// meetingQuotasColl counts the requests each enterprise sent per event: one document per
	// (event, requester) whose conditional $inc is the atomic quota check.
	meetingQuotasColl = "meeting_quotas"
)

// meetingIndexes: openKey is the one-open-request-per-pair rule; parties serves "my meetings"
// from either side.
func meetingIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "openKey"),
		index(false, "eventId", "status"),
		index(false, "parties", "createdAt"),
	}
}

type meetingDoc struct {
	ID            string     `bson:"_id"`
	EventID       string     `bson:"eventId"`
	RequesterID   string     `bson:"requesterId"`
	RequesterName string     `bson:"requesterName"`
	RecipientID   string     `bson:"recipientId"`
	RecipientName string     `bson:"recipientName"`
	Parties       []string   `bson:"parties"`
	MatchID       string     `bson:"matchId"`
	Score         float64    `bson:"score"`
	Message       string     `bson:"message"`
	Status        string     `bson:"status"`
	OpenKey       string     `bson:"openKey"`
	Scheduled     bool       `bson:"scheduled"`
	SlotStart     *time.Time `bson:"slotStart,omitempty"`
	SlotEnd       *time.Time `bson:"slotEnd,omitempty"`
	Table         int        `bson:"table"`
	Published     bool       `bson:"published"`
	PublishedAt   *time.Time `bson:"publishedAt,omitempty"`
	RespondedAt   *time.Time `bson:"respondedAt,omitempty"`
	CancelledBy   string     `bson:"cancelledBy"`
	CreatedBy     string     `bson:"createdBy"`
	CreatedAt     time.Time  `bson:"createdAt"`
	UpdatedAt     time.Time  `bson:"updatedAt"`

	RequestedSlot     *time.Time   `bson:"requestedSlot,omitempty"`
	VideoLink         string       `bson:"videoLink"`
	Held              bool         `bson:"held"` // a side reported it held: the campaign counts it
	RequesterFeedback *feedbackDoc `bson:"requesterFeedback,omitempty"`
	RecipientFeedback *feedbackDoc `bson:"recipientFeedback,omitempty"`
}

func toMeetingDoc(m *domain.Meeting) *meetingDoc {
	return &meetingDoc{
		ID: m.ID, EventID: m.EventID, RequesterID: m.RequesterID, RequesterName: m.RequesterName,
		RecipientID: m.RecipientID, RecipientName: m.RecipientName, Parties: []string{m.RequesterID, m.RecipientID},
		MatchID: m.MatchID, Score: m.Score, Message: m.Message, Status: string(m.Status), OpenKey: m.OpenKey(),
		Scheduled: m.Scheduled(), SlotStart: instantPtr(m.SlotStart), SlotEnd: instantPtr(m.SlotEnd), Table: m.Table,
		Published: m.PublishedAt != nil, PublishedAt: instantPtr(m.PublishedAt), RespondedAt: instantPtr(m.RespondedAt),
		CancelledBy: m.CancelledBy, CreatedBy: m.CreatedBy, CreatedAt: instant(m.CreatedAt), UpdatedAt: instant(m.UpdatedAt),
		RequestedSlot: instantPtr(m.RequestedSlot), VideoLink: m.VideoLink, Held: m.Held(),
		RequesterFeedback: toFeedbackDoc(m.RequesterFeedback), RecipientFeedback: toFeedbackDoc(m.RecipientFeedback),
	}
}

func (d *meetingDoc) meeting() domain.Meeting {
	return domain.Meeting{
		ID: d.ID, EventID: d.EventID, RequesterID: d.RequesterID, RequesterName: d.RequesterName,
		RecipientID: d.RecipientID, RecipientName: d.RecipientName, MatchID: d.MatchID, Score: d.Score,
		Message: d.Message, Status: domain.MeetingStatus(d.Status), SlotStart: leadUTC(d.SlotStart),
		SlotEnd: leadUTC(d.SlotEnd), Table: d.Table, PublishedAt: leadUTC(d.PublishedAt),
		RespondedAt: leadUTC(d.RespondedAt), CancelledBy: d.CancelledBy, CreatedBy: d.CreatedBy,
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
		RequestedSlot: leadUTC(d.RequestedSlot), VideoLink: d.VideoLink,
		RequesterFeedback: d.RequesterFeedback.feedback(), RecipientFeedback: d.RecipientFeedback.feedback(),
	}
}

func (d *meetingDoc) meetingPtr() *domain.Meeting { m := d.meeting(); return &m }

type meetingRepo struct{ c, quotas, claims, windows, optins, events *driver.Collection }

func newMeetingRepo(db *driver.Database) meetingRepo {
	return meetingRepo{c: db.Collection(meetingsColl), quotas: db.Collection(meetingQuotasColl),
		claims: db.Collection(meetingClaimsColl), windows: db.Collection(meetingWindowsColl),
		optins: db.Collection(meetingOptinsColl), events: db.Collection(eventsColl)}
}

// Create inserts the request, whose unique openKey is the one-open-request-per-pair rule, and
// then takes one unit of the requester's quota with a conditional upsert (a full counter makes
// the upsert collide on _id); a full quota withdraws the request again. The insert comes first
// so that a request refused as a duplicate never holds a unit: were the unit taken first, a
// doomed duplicate could fill the quota for a moment and turn away a request that fits.
func (r meetingRepo) Create(ctx context.Context, m *domain.Meeting, quota int) error {
	stamp(&m.ID, &m.CreatedAt, &m.UpdatedAt)
	if m.Status == "" {
		m.Status = domain.MeetingRequested
	}
	if quota <= 0 {
		return domain.Invalid("with", "meeting_quota", quota)
	}
	if _, err := r.c.InsertOne(ctx, toMeetingDoc(m)); err != nil {
		if isDuplicate(err) {
			return domain.Conflict("with", "meeting_duplicate")
		}
		return fmt.Errorf("mongodb: create meeting: %w", err)
	}
	if err := r.takeQuota(ctx, m.EventID+":"+m.RequesterID, quota); err != nil {
		if _, derr := r.c.DeleteOne(ctx, idFilter(m.ID)); derr != nil {
			return fmt.Errorf("mongodb: withdraw meeting over quota: %w", derr)
		}
		return err
	}
	return nil
}

// takeQuota adds one request to the counter key unless it has reached quota. Two first requests
// racing both try to insert the counter and one collides, so a collision is tried once more: by
// then the counter exists and only a full one collides again.
func (r meetingRepo) takeQuota(ctx context.Context, key string, quota int) error {
	for attempt := 0; ; attempt++ {
		err := r.quotas.FindOneAndUpdate(ctx,
			bson.D{{Key: "_id", Value: key}, {Key: "n", Value: bson.D{{Key: "$lt", Value: quota}}}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}},
			options.FindOneAndUpdate().SetUpsert(true)).Err()
		switch {
		case err == nil, errors.Is(err, driver.ErrNoDocuments):
			return nil
		case isDuplicate(err) && attempt == 0:
			continue
		case isDuplicate(err):
			return domain.Invalid("with", "meeting_quota", quota)
		default:
			return fmt.Errorf("mongodb: take meeting quota: %w", err)
		}
	}
}

func (r meetingRepo) Get(ctx context.Context, id string) (*domain.Meeting, error) {
	return findOne(ctx, r.c, idFilter(id), "meeting "+id, (*meetingDoc).meetingPtr)
}

// Update replaces the meeting; one no longer accepted and placed gives its claims back. The
// replace keeps the feedback already stored, which a concurrent side may have just written.
func (r meetingRepo) Update(ctx context.Context, m *domain.Meeting, expect domain.MeetingStatus) error {
	if err := replaceIf(ctx, r.c, m.ID, string(expect), toMeetingDoc(m), "update meeting", "meeting_status_changed"); err != nil {
		return err
	}
	if m.Status != domain.MeetingAccepted || !m.Scheduled() {
		return r.release(ctx, m.ID)
	}
	return nil
}

func (r meetingRepo) List(ctx context.Context, f store.MeetingFilter) ([]domain.Meeting, error) {
	filter := bson.D{}
	if f.EventID != "" {
		filter = append(filter, bson.E{Key: "eventId", Value: f.EventID})
	}
	if f.EnterpriseID != "" {
		filter = append(filter, bson.E{Key: "parties", Value: f.EnterpriseID})
	}
	if !f.SlotFrom.IsZero() || !f.SlotUntil.IsZero() {
		rng := bson.D{}
		if !f.SlotFrom.IsZero() {
			rng = append(rng, bson.E{Key: "$gte", Value: instant(f.SlotFrom)})
		}
		if !f.SlotUntil.IsZero() {
			rng = append(rng, bson.E{Key: "$lt", Value: instant(f.SlotUntil)})
		}
		filter = append(filter, bson.E{Key: "slotStart", Value: rng})
	}
	if len(f.Statuses) > 0 {
		ss := make(bson.A, len(f.Statuses))
		for i, s := range f.Statuses {
			ss[i] = string(s)
		}
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: ss}}})
	}
	return findAll(ctx, r.c, filter, options.Find().SetSort(order("createdAt", -1)), (*meetingDoc).meeting)
}

func (r meetingRepo) Schedule(ctx context.Context, eventID string, slots []domain.MeetingSlot, at time.Time) (int, error) {
	at = instant(at)
	if _, err := r.c.UpdateMany(ctx,
		bson.D{{Key: "eventId", Value: eventID}, {Key: "published", Value: false}, {Key: "scheduled", Value: true}},
		bson.D{
			{Key: "$set", Value: bson.D{{Key: "scheduled", Value: false}, {Key: "table", Value: 0}, {Key: "updatedAt", Value: at}}},
			{Key: "$unset", Value: bson.D{{Key: "slotStart", Value: ""}, {Key: "slotEnd", Value: ""}}},
		}); err != nil {
		return 0, fmt.Errorf("mongodb: clear meeting slots: %w", err)
	}
	if _, err := r.claims.DeleteMany(ctx, bson.D{{Key: "eventId", Value: eventID}, {Key: "draft", Value: true}}); err != nil {
		return 0, fmt.Errorf("mongodb: clear draft claims: %w", err)
	}
	placed := 0
	for _, s := range slots {
		var m meetingDoc
		err := r.c.FindOne(ctx, bson.D{{Key: "_id", Value: s.MeetingID}, {Key: "eventId", Value: eventID},
			{Key: "status", Value: string(domain.MeetingAccepted)}, {Key: "published", Value: false}}).Decode(&m)
		if errors.Is(err, driver.ErrNoDocuments) {
			continue
		}
		if err != nil {
			return placed, fmt.Errorf("mongodb: place meeting: %w", err)
		}
		ok, err := r.claimAll(ctx, eventID, s.MeetingID, s.Start, true, "f:"+m.RequesterID, "f:"+m.RecipientID, tableHolder(s.Table))
		if err != nil {
			return placed, err
		}
		if !ok {
			continue // booked meanwhile by members: the draft leaves it unplaced
		}
		res, err := r.c.UpdateOne(ctx,
			bson.D{{Key: "_id", Value: s.MeetingID}, {Key: "eventId", Value: eventID},
				{Key: "status", Value: string(domain.MeetingAccepted)}, {Key: "published", Value: false}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "scheduled", Value: true}, {Key: "slotStart", Value: instant(s.Start)},
				{Key: "slotEnd", Value: instant(s.End)}, {Key: "table", Value: s.Table}, {Key: "updatedAt", Value: at}}}})
		if err != nil {
			return placed, fmt.Errorf("mongodb: place meeting: %w", err)
		}
		if res.MatchedCount == 0 {
			if err := r.release(ctx, s.MeetingID); err != nil {
				return placed, err
			}
		}
		placed += int(res.MatchedCount)
	}
	return placed, nil
}

func (r meetingRepo) Publish(ctx context.Context, eventID string, at time.Time) (int, error) {
	at = instant(at)
	res, err := r.c.UpdateMany(ctx,
		bson.D{{Key: "eventId", Value: eventID}, {Key: "status", Value: string(domain.MeetingAccepted)},
			{Key: "scheduled", Value: true}, {Key: "published", Value: false}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "published", Value: true}, {Key: "publishedAt", Value: at},
			{Key: "updatedAt", Value: at}}}})
	if err != nil {
		return 0, fmt.Errorf("mongodb: publish meetings: %w", err)
	}
	if _, err := r.claims.UpdateMany(ctx, bson.D{{Key: "eventId", Value: eventID}, {Key: "draft", Value: true}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "draft", Value: false}}}}); err != nil {
		return 0, fmt.Errorf("mongodb: publish meeting claims: %w", err)
	}
	return int(res.ModifiedCount), nil
}
