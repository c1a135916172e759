package mongo

import (
	"context"
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

const (
	eventsColl       = "events"
	eventChangesColl = "event_changes"
)

func eventIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(false, "startsAt", "_id"),
		index(false, "cluster", "startsAt"),
		index(false, "status", "startsAt"),
	}
}

func eventChangeIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(false, "eventId", "at"),
		index(false, "notifiedAt", "at"),
	}
}

type speakerDoc struct {
	Name         string `bson:"name"`
	Position     string `bson:"position"`
	Organisation string `bson:"organisation"`
}

type agendaDoc struct {
	ID       string       `bson:"id"`
	Title    string       `bson:"title"`
	TitleEn  string       `bson:"titleEn,omitempty"`
	StartsAt time.Time    `bson:"startsAt"`
	EndsAt   time.Time    `bson:"endsAt"`
	Room     string       `bson:"room"`
	Track    string       `bson:"track"`
	Kind     string       `bson:"kind"`
	Speakers []speakerDoc `bson:"speakers"`
}

// eventDoc is an event. The seat counters (taken, confirmed, waiting, waitSeq) live on the same
// document so that registrations.go can take seats with one conditional update of it.
type eventDoc struct {
	ID                   string        `bson:"_id"`
	Title                string        `bson:"title"`
	TitleEn              string        `bson:"titleEn"`
	Cluster              string        `bson:"cluster"`
	Kind                 string        `bson:"kind"`
	Venue                string        `bson:"venue"`
	Address              string        `bson:"address"`
	StartsAt             time.Time     `bson:"startsAt"`
	EndsAt               time.Time     `bson:"endsAt"`
	Timezone             string        `bson:"timezone"`
	Capacity             int           `bson:"capacity"`
	MaxPerEnterprise     int           `bson:"maxPerEnterprise"`
	RegistrationOpensAt  *time.Time    `bson:"registrationOpensAt"`
	RegistrationClosesAt *time.Time    `bson:"registrationClosesAt"`
	Description          string        `bson:"description"`
	VenueEn              string        `bson:"venueEn"`
	DescriptionEn        string        `bson:"descriptionEn"`
	Approval             bool          `bson:"approval"`
	Questions            []questionDoc `bson:"questions"`
	Status               string        `bson:"status"`
	Sessions             []agendaDoc   `bson:"sessions,omitempty"`
	Taken                int           `bson:"taken"`
	Confirmed            int           `bson:"confirmed"`
	Waiting              int           `bson:"waiting"`
	WaitSeq              int64         `bson:"waitSeq"`
	CreatedBy            string        `bson:"createdBy"`
	PublishedAt          *time.Time    `bson:"publishedAt"`
	CancelledAt          *time.Time    `bson:"cancelledAt"`
	Search               string        `bson:"search"`
	CreatedAt            time.Time     `bson:"createdAt"`
	UpdatedAt            time.Time     `bson:"updatedAt"`
}

// questionDoc is one question of an event's registration form.
type questionDoc struct {
	ID        string   `bson:"id"`
	Label     string   `bson:"label"`
	LabelEn   string   `bson:"labelEn"`
	Kind      string   `bson:"kind"`
	Options   []string `bson:"options"`
	OptionsEn []string `bson:"optionsEn"`
	Required  bool     `bson:"required"`
}

func questionDocs(qs []domain.Question) []questionDoc {
	out := make([]questionDoc, len(qs))
	for i, q := range qs {
		out[i] = questionDoc{ID: q.ID, Label: q.Label, LabelEn: q.LabelEn, Kind: string(q.Kind),
			Options: q.Options, OptionsEn: q.OptionsEn, Required: q.Required}
	}
	return out
}

func toAgendaDocs(s []domain.AgendaSession) []agendaDoc {
	out := make([]agendaDoc, len(s))
	for i, x := range s {
		sp := make([]speakerDoc, len(x.Speakers))
		for j, p := range x.Speakers {
			sp[j] = speakerDoc(p)
		}
		out[i] = agendaDoc{ID: x.ID, Title: x.Title, TitleEn: x.TitleEn, StartsAt: instant(x.StartsAt), EndsAt: instant(x.EndsAt),
			Room: x.Room, Track: x.Track, Kind: string(x.Kind), Speakers: sp}
	}
	return out
}

func eventSearch(e *domain.Event) string {
	return strings.ToLower(e.Title + "\n" + e.TitleEn + "\n" + e.Venue)
}

// editable is the $set of the organiser-editable fields, shared by Create and Update.
func editable(e *domain.Event) bson.D {
	return bson.D{
		{Key: "title", Value: e.Title}, {Key: "titleEn", Value: e.TitleEn}, {Key: "cluster", Value: e.Cluster},
		{Key: "kind", Value: string(e.Kind)}, {Key: "venue", Value: e.Venue}, {Key: "address", Value: e.Address},
		{Key: "startsAt", Value: instant(e.StartsAt)}, {Key: "endsAt", Value: instant(e.EndsAt)},
		{Key: "timezone", Value: e.Timezone}, {Key: "capacity", Value: e.Capacity},
		{Key: "maxPerEnterprise", Value: e.MaxAttendeesPerEnterprise},
		{Key: "registrationOpensAt", Value: instantPtr(e.RegistrationOpensAt)},
		{Key: "registrationClosesAt", Value: instantPtr(e.RegistrationClosesAt)},
		{Key: "description", Value: e.Description}, {Key: "search", Value: eventSearch(e)},
		{Key: "venueEn", Value: e.VenueEn}, {Key: "descriptionEn", Value: e.DescriptionEn},
		{Key: "approval", Value: e.Approval}, {Key: "questions", Value: questionDocs(e.Questions)},
		{Key: "updatedAt", Value: instant(e.UpdatedAt)},
	}
}

func (d *eventDoc) event() domain.Event {
	e := domain.Event{
		ID: d.ID, Title: d.Title, TitleEn: d.TitleEn, Cluster: d.Cluster, Kind: domain.EventKind(d.Kind),
		Venue: d.Venue, Address: d.Address, StartsAt: d.StartsAt.UTC(), EndsAt: d.EndsAt.UTC(),
		Timezone: d.Timezone, Capacity: d.Capacity, MaxAttendeesPerEnterprise: d.MaxPerEnterprise,
		RegistrationOpensAt: utcPtr(d.RegistrationOpensAt), RegistrationClosesAt: utcPtr(d.RegistrationClosesAt),
		Description: d.Description, Status: domain.EventStatus(d.Status), SeatsTaken: d.Taken,
		ConfirmedCount: d.Confirmed, WaitlistedCount: d.Waiting, CreatedBy: d.CreatedBy,
		PublishedAt: utcPtr(d.PublishedAt), CancelledAt: utcPtr(d.CancelledAt),
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
		Sessions: make([]domain.AgendaSession, len(d.Sessions)),
		VenueEn:  d.VenueEn, DescriptionEn: d.DescriptionEn, Approval: d.Approval,
		Questions: make([]domain.Question, len(d.Questions)),
	}
	for i, q := range d.Questions {
		e.Questions[i] = domain.Question{ID: q.ID, Label: q.Label, LabelEn: q.LabelEn, Kind: domain.QuestionKind(q.Kind),
			Options: q.Options, OptionsEn: q.OptionsEn, Required: q.Required}
	}
	for i, s := range d.Sessions {
		sp := make([]domain.Speaker, len(s.Speakers))
		for j, p := range s.Speakers {
			sp[j] = domain.Speaker(p)
		}
		e.Sessions[i] = domain.AgendaSession{ID: s.ID, Title: s.Title, TitleEn: s.TitleEn, StartsAt: s.StartsAt.UTC(),
			EndsAt: s.EndsAt.UTC(), Room: s.Room, Track: s.Track, Kind: domain.SessionKind(s.Kind), Speakers: sp}
	}
	return e
}

func (d *eventDoc) eventPtr() *domain.Event { e := d.event(); return &e }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

type eventRepo struct {
	c       *driver.Collection
	changes *driver.Collection
}

func (r eventRepo) Create(ctx context.Context, e *domain.Event) error {
	if e.ID == "" {
		e.ID = domain.NewID()
	}
	doc := append(bson.D{{Key: "_id", Value: e.ID}}, editable(e)...)
	doc = append(doc,
		bson.E{Key: "status", Value: string(e.Status)}, bson.E{Key: "sessions", Value: toAgendaDocs(e.Sessions)},
		bson.E{Key: "taken", Value: 0}, bson.E{Key: "confirmed", Value: 0}, bson.E{Key: "waiting", Value: 0},
		bson.E{Key: "waitSeq", Value: int64(0)}, bson.E{Key: "createdBy", Value: e.CreatedBy},
		bson.E{Key: "publishedAt", Value: instantPtr(e.PublishedAt)},
		bson.E{Key: "cancelledAt", Value: instantPtr(e.CancelledAt)},
		bson.E{Key: "createdAt", Value: instant(e.CreatedAt)})
	return insert(ctx, r.c, e.ID, doc, "create event")
}

func (r eventRepo) Get(ctx context.Context, id string) (*domain.Event, error) {
	return findOne(ctx, r.c, idFilter(id), "event "+id, (*eventDoc).eventPtr)
}

func (r eventRepo) GetMany(ctx context.Context, ids []string) ([]domain.Event, error) {
	if len(ids) == 0 {
		return []domain.Event{}, nil
	}
	return findAll(ctx, r.c, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
		options.Find().SetSort(order("startsAt", 1)), (*eventDoc).event)
}

func (r eventRepo) Update(ctx context.Context, e *domain.Event, changes []domain.EventChange) error {
	// The capacity may not fall below the seats taken; the condition makes that atomic with
	// concurrent registrations taking seats.
	res, err := r.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: e.ID}, {Key: "taken", Value: bson.D{{Key: "$lte", Value: e.Capacity}}}},
		bson.D{{Key: "$set", Value: editable(e)}})
	if err != nil {
		return fmt.Errorf("mongodb: update event %s: %w", e.ID, err)
	}
	if res.MatchedCount == 0 {
		cur, err := r.Get(ctx, e.ID)
		if err != nil {
			return err
		}
		return domain.Invalid("capacity", "event_capacity_below_taken", cur.SeatsTaken)
	}
	if len(changes) == 0 {
		return nil
	}
	docs := make([]any, len(changes))
	for i, c := range changes {
		if c.ID == "" {
			c.ID = domain.NewID()
		}
		docs[i] = changeDoc{ID: c.ID, EventID: e.ID, Field: c.Field, Old: c.Old, New: c.New, At: instant(c.At),
			By: c.By, NotifiedAt: instantPtr(c.NotifiedAt)}
	}
	if _, err := r.changes.InsertMany(ctx, docs); err != nil {
		return fmt.Errorf("mongodb: record changes of event %s: %w", e.ID, err)
	}
	return nil
}

func (r eventRepo) SetStatus(ctx context.Context, e *domain.Event, from domain.EventStatus) error {
	res, err := r.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: e.ID}, {Key: "status", Value: string(from)}},
		bson.D{{Key: "$set", Value: bson.D{
			{Key: "status", Value: string(e.Status)}, {Key: "publishedAt", Value: instantPtr(e.PublishedAt)},
			{Key: "cancelledAt", Value: instantPtr(e.CancelledAt)}, {Key: "updatedAt", Value: instant(e.UpdatedAt)},
		}}})
	if err != nil {
		return fmt.Errorf("mongodb: set status of event %s: %w", e.ID, err)
	}
	if res.MatchedCount == 0 {
		if _, err := r.Get(ctx, e.ID); err != nil {
			return err
		}
		return fmt.Errorf("event %s is no longer %s: %w", e.ID, from, domain.ErrConflict)
	}
	return nil
}

func (r eventRepo) SetAgenda(ctx context.Context, eventID string, sessions []domain.AgendaSession, at time.Time) error {
	res, err := r.c.UpdateOne(ctx, idFilter(eventID), bson.D{{Key: "$set", Value: bson.D{
		{Key: "sessions", Value: toAgendaDocs(sessions)}, {Key: "updatedAt", Value: instant(at)},
	}}})
	if err != nil {
		return fmt.Errorf("mongodb: set agenda of event %s: %w", eventID, err)
	}
	if res.MatchedCount == 0 {
		return notFound(driver.ErrNoDocuments, "event "+eventID)
	}
	return nil
}

// listFields is every field but the agenda: listings do not need it, and it is the bulk of a
// flagship event's document.
var listFields = func() bson.D {
	var p bson.D
	for _, f := range []string{"title", "titleEn", "cluster", "kind", "venue", "address", "startsAt", "endsAt",
		"timezone", "capacity", "maxPerEnterprise", "registrationOpensAt", "registrationClosesAt", "description",
		"status", "taken", "confirmed", "waiting", "createdBy", "publishedAt", "cancelledAt", "createdAt", "updatedAt",
		"venueEn", "descriptionEn", "approval", "questions"} {
		p = append(p, bson.E{Key: f, Value: 1})
	}
	return p
}()

func eventFilter(f store.EventFilter) bson.D {
	var and bson.A
	if f.Cluster != "" {
		and = append(and, bson.D{{Key: "cluster", Value: f.Cluster}})
	}
	if len(f.Clusters) > 0 {
		and = append(and, bson.D{{Key: "cluster", Value: bson.D{{Key: "$in", Value: f.Clusters}}}})
	}
	if len(f.Statuses) > 0 {
		st := make(bson.A, len(f.Statuses))
		for i, s := range f.Statuses {
			st[i] = string(s)
		}
		and = append(and, bson.D{{Key: "status", Value: bson.D{{Key: "$in", Value: st}}}})
	}
	if f.Kind != "" {
		and = append(and, bson.D{{Key: "kind", Value: string(f.Kind)}})
	}
	if !f.From.IsZero() {
		and = append(and, bson.D{{Key: "endsAt", Value: bson.D{{Key: "$gt", Value: instant(f.From)}}}})
	}
	if !f.To.IsZero() {
		and = append(and, bson.D{{Key: "startsAt", Value: bson.D{{Key: "$lt", Value: instant(f.To)}}}})
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		and = append(and, bson.D{{Key: "search", Value: primitive.Regex{Pattern: regexp.QuoteMeta(strings.ToLower(q))}}})
	}
	if len(and) == 0 {
		return bson.D{}
	}
	return bson.D{{Key: "$and", Value: and}}
}

func (r eventRepo) List(ctx context.Context, f store.EventFilter, page store.Page) ([]domain.Event, string, int, error) {
	return findPage(ctx, listing{c: r.c, filter: eventFilter(f), sort: order("startsAt", 1), fields: listFields,
		count: "events"}, page, (*eventDoc).event)
}

type changeDoc struct {
	ID         string     `bson:"_id"`
	EventID    string     `bson:"eventId"`
	Field      string     `bson:"field"`
	Old        string     `bson:"old"`
	New        string     `bson:"new"`
	At         time.Time  `bson:"at"`
	By         string     `bson:"by"`
	NotifiedAt *time.Time `bson:"notifiedAt"`
}

func (d *changeDoc) change() domain.EventChange {
	return domain.EventChange{ID: d.ID, EventID: d.EventID, Field: d.Field, Old: d.Old, New: d.New,
		At: d.At.UTC(), By: d.By, NotifiedAt: utcPtr(d.NotifiedAt)}
}

func (r eventRepo) PendingChanges(ctx context.Context, limit int) ([]domain.EventChange, error) {
	if limit <= 0 || limit > maxPageSize {
		limit = maxPageSize
	}
	return findAll(ctx, r.changes, bson.D{{Key: "notifiedAt", Value: nil}},
		options.Find().SetSort(order("at", 1)).SetLimit(int64(limit)),
		(*changeDoc).change)
}

func (r eventRepo) MarkChangesNotified(ctx context.Context, ids []string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := r.changes.UpdateMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}, {Key: "notifiedAt", Value: nil}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "notifiedAt", Value: instant(at)}}}})
	if err != nil {
		return fmt.Errorf("mongodb: mark event changes: %w", err)
	}
	return nil
}

func (r eventRepo) Changes(ctx context.Context, eventID string) ([]domain.EventChange, error) {
	return findAll(ctx, r.changes, bson.D{{Key: "eventId", Value: eventID}},
		options.Find().SetSort(order("at", 1)), (*changeDoc).change)
}
