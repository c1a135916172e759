package mongo

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

const (
	// meetingClaimsColl holds one document per thing a placed meeting occupies at a slot: each
	// firm and its table. The _id (event|slot|holder) is the no-double-booking rule, enforced by
	// MongoDB's unique _id without transactions.
	meetingClaimsColl  = "meeting_claims"
	meetingWindowsColl = "meeting_windows"
	meetingOptinsColl  = "meeting_optins"
	// claimGrace is how long a claim whose meeting does not (yet) hold it is left alone: a
	// booking in flight writes its claims before its meeting. Older orphans (a process that died
	// between the two writes) are taken over.
	claimGrace = time.Minute
)

func meetingClaimIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(false, "meetingId"), index(false, "eventId", "slotStart")}
}

func meetingOptinIndexes() []driver.IndexModel {
	return []driver.IndexModel{index(false, "eventId", "optIn")}
}

type claimDoc struct {
	ID        string    `bson:"_id"`
	EventID   string    `bson:"eventId"`
	SlotStart time.Time `bson:"slotStart"`
	Holder    string    `bson:"holder"`
	MeetingID string    `bson:"meetingId"`
	Draft     bool      `bson:"draft"`
	At        time.Time `bson:"at"`
}

type feedbackDoc struct {
	Held    bool      `bson:"held"`
	Rating  int       `bson:"rating"`
	Outcome string    `bson:"outcome"`
	Note    string    `bson:"note"`
	By      string    `bson:"by"`
	At      time.Time `bson:"at"`
}

func toFeedbackDoc(f *domain.MeetingFeedback) *feedbackDoc {
	if f == nil {
		return nil
	}
	return &feedbackDoc{Held: f.Held, Rating: f.Rating, Outcome: string(f.Outcome), Note: f.Note, By: f.By, At: instant(f.At)}
}

func (d *feedbackDoc) feedback() *domain.MeetingFeedback {
	if d == nil {
		return nil
	}
	return &domain.MeetingFeedback{Held: d.Held, Rating: d.Rating, Outcome: domain.MeetingOutcome(d.Outcome),
		Note: d.Note, By: d.By, At: d.At.UTC()}
}

func tableHolder(n int) string { return "t:" + strconv.Itoa(n) }

func claimID(eventID string, slot time.Time, holder string) string {
	return eventID + "|" + strconv.FormatInt(instant(slot).UnixMilli(), 10) + "|" + holder
}

// claimAll takes every holder of one meeting at one slot, or none: a holder already taken gives
// back what this call took and reports false.
func (r meetingRepo) claimAll(ctx context.Context, eventID, meetingID string, slot time.Time, draft bool, holders ...string) (bool, error) {
	var taken []string
	for _, h := range holders {
		ok, err := r.claim(ctx, eventID, meetingID, slot, draft, h)
		if err == nil && ok {
			taken = append(taken, claimID(eventID, slot, h))
			continue
		}
		if len(taken) > 0 {
			if _, derr := r.claims.DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: taken}}},
				{Key: "meetingId", Value: meetingID}}); derr != nil && err == nil {
				err = fmt.Errorf("mongodb: undo meeting claims: %w", derr)
			}
		}
		return false, err
	}
	return true, nil
}

// claim inserts one claim; when it exists, an orphan older than claimGrace is taken over with a
// conditional update on its old owner, so two takers cannot both win.
func (r meetingRepo) claim(ctx context.Context, eventID, meetingID string, slot time.Time, draft bool, holder string) (bool, error) {
	now := instant(time.Now())
	doc := claimDoc{ID: claimID(eventID, slot, holder), EventID: eventID, SlotStart: instant(slot), Holder: holder,
		MeetingID: meetingID, Draft: draft, At: now}
	_, err := r.claims.InsertOne(ctx, doc)
	if err == nil {
		return true, nil
	}
	if !isDuplicate(err) {
		return false, fmt.Errorf("mongodb: claim meeting slot: %w", err)
	}
	var old claimDoc
	if err := r.claims.FindOne(ctx, idFilter(doc.ID)).Decode(&old); err != nil {
		if errors.Is(err, driver.ErrNoDocuments) {
			return false, nil // released just now: the caller sees the slot as busy and may retry
		}
		return false, fmt.Errorf("mongodb: read meeting claim: %w", err)
	}
	if old.MeetingID == meetingID {
		return true, nil
	}
	if now.Sub(old.At) < claimGrace {
		return false, nil
	}
	holds, err := r.holds(ctx, old.MeetingID, slot)
	if err != nil || holds {
		return false, err
	}
	res, err := r.claims.UpdateOne(ctx, bson.D{{Key: "_id", Value: doc.ID}, {Key: "meetingId", Value: old.MeetingID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "meetingId", Value: meetingID}, {Key: "draft", Value: draft},
			{Key: "at", Value: now}}}})
	if err != nil {
		return false, fmt.Errorf("mongodb: take over meeting claim: %w", err)
	}
	return res.ModifiedCount == 1, nil
}

// holds reports whether the meeting is still accepted at slot.
func (r meetingRepo) holds(ctx context.Context, meetingID string, slot time.Time) (bool, error) {
	var m meetingDoc
	err := r.c.FindOne(ctx, idFilter(meetingID)).Decode(&m)
	if errors.Is(err, driver.ErrNoDocuments) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("mongodb: read claiming meeting: %w", err)
	}
	return m.Status == string(domain.MeetingAccepted) && m.SlotStart != nil && m.SlotStart.Equal(instant(slot)), nil
}

func (r meetingRepo) release(ctx context.Context, meetingID string) error {
	if _, err := r.claims.DeleteMany(ctx, bson.D{{Key: "meetingId", Value: meetingID}}); err != nil {
		return fmt.Errorf("mongodb: release meeting claims: %w", err)
	}
	return nil
}

// Book claims both firms, then the lowest table it can get, then moves the meeting on
// condition of its status; any failure gives the claims back.
func (r meetingRepo) Book(ctx context.Context, m *domain.Meeting, expect domain.MeetingStatus, tables int) error {
	if !m.Scheduled() {
		return domain.Invalid("slotStart", "required")
	}
	// The status is checked first so that a retried accept learns it was answered, not that
	// the slot is busy (with itself); the final replace checks it again.
	cur, err := r.Get(ctx, m.ID)
	if err != nil {
		return err
	}
	if cur.Status != expect {
		return domain.Conflict("status", "meeting_status_changed")
	}
	slot := *m.SlotStart
	ok, err := r.claimAll(ctx, m.EventID, m.ID, slot, false, "f:"+m.RequesterID, "f:"+m.RecipientID)
	if err != nil {
		return err
	}
	if !ok {
		return domain.Conflict("slotStart", "meet2_slot_busy")
	}
	fail := func(err error) error {
		if rerr := r.release(ctx, m.ID); rerr != nil {
			return rerr
		}
		return err
	}
	busy, err := r.slotTables(ctx, m.EventID, slot)
	if err != nil {
		return fail(err)
	}
	m.Table = 0
	for t := 1; t <= tables && m.Table == 0; t++ {
		if busy[t] {
			continue
		}
		got, err := r.claim(ctx, m.EventID, m.ID, slot, false, tableHolder(t))
		if err != nil {
			return fail(err)
		}
		if got {
			m.Table = t
		}
	}
	if m.Table == 0 {
		return fail(domain.Conflict("slotStart", "meet2_slot_full"))
	}
	if err := replaceIf(ctx, r.c, m.ID, string(expect), toMeetingDoc(m), "book meeting", "meeting_status_changed"); err != nil {
		return fail(err)
	}
	return nil
}

// slotTables are the table numbers claimed at slot, read once so a booking skips them.
func (r meetingRepo) slotTables(ctx context.Context, eventID string, slot time.Time) (map[int]bool, error) {
	cur, err := r.claims.Find(ctx, bson.D{{Key: "eventId", Value: eventID}, {Key: "slotStart", Value: instant(slot)}})
	if err != nil {
		return nil, fmt.Errorf("mongodb: read slot: %w", err)
	}
	var docs []claimDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("mongodb: read slot: %w", err)
	}
	out := map[int]bool{}
	for _, d := range docs {
		if n, ok := strings.CutPrefix(d.Holder, "t:"); ok {
			t, _ := strconv.Atoi(n)
			out[t] = true
		}
	}
	return out, nil
}

func (r meetingRepo) Busy(ctx context.Context, eventID string) (map[int64]domain.SlotBusy, error) {
	cur, err := r.claims.Find(ctx, bson.D{{Key: "eventId", Value: eventID}})
	if err != nil {
		return nil, fmt.Errorf("mongodb: meeting slots busy: %w", err)
	}
	var docs []claimDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("mongodb: meeting slots busy: %w", err)
	}
	out := map[int64]domain.SlotBusy{}
	for _, d := range docs {
		at := d.SlotStart.UnixMilli()
		b := out[at]
		if b.Firms == nil {
			b.Firms = map[string]bool{}
		}
		if id, ok := strings.CutPrefix(d.Holder, "f:"); ok {
			b.Firms[id] = true
		} else {
			b.Tables++
		}
		out[at] = b
	}
	return out, nil
}

func (r meetingRepo) Feedback(ctx context.Context, id, side string, f domain.MeetingFeedback) error {
	field := "requesterFeedback"
	if side == "recipient" {
		field = "recipientFeedback"
	}
	set := bson.D{{Key: field, Value: toFeedbackDoc(&f)}}
	if f.Held {
		set = append(set, bson.E{Key: "held", Value: true})
	}
	res, err := r.c.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: field, Value: bson.D{{Key: "$exists", Value: false}}}},
		bson.D{{Key: "$set", Value: set}})
	if err != nil {
		return fmt.Errorf("mongodb: meeting feedback: %w", err)
	}
	if res.MatchedCount > 0 {
		return nil
	}
	if _, err := r.Get(ctx, id); err != nil {
		return err
	}
	return domain.Conflict("status", "meet2_feedback_twice")
}

type windowDoc struct {
	From    time.Time  `bson:"from"`
	Until   time.Time  `bson:"until"`
	Minutes int        `bson:"minutes"`
	Tables  int        `bson:"tables"`
	Breaks  []breakDoc `bson:"breaks"`
}

type breakDoc struct {
	From  time.Time `bson:"from"`
	Until time.Time `bson:"until"`
}

type windowsDoc struct {
	ID        string      `bson:"_id"`
	Windows   []windowDoc `bson:"windows"`
	UpdatedAt time.Time   `bson:"updatedAt"`
}

func (r meetingRepo) SetWindows(ctx context.Context, eventID string, ws []domain.MeetingWindow, at time.Time) error {
	doc := windowsDoc{ID: eventID, Windows: []windowDoc{}, UpdatedAt: instant(at)}
	for _, w := range ws {
		wd := windowDoc{From: instant(w.From), Until: instant(w.Until), Minutes: w.Minutes, Tables: w.Tables, Breaks: []breakDoc{}}
		for _, b := range w.Breaks {
			wd.Breaks = append(wd.Breaks, breakDoc{From: instant(b.From), Until: instant(b.Until)})
		}
		doc.Windows = append(doc.Windows, wd)
	}
	if _, err := r.windows.ReplaceOne(ctx, idFilter(eventID), doc, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("mongodb: set meeting windows: %w", err)
	}
	return nil
}

func (r meetingRepo) Windows(ctx context.Context, eventID string) ([]domain.MeetingWindow, error) {
	var doc windowsDoc
	err := r.windows.FindOne(ctx, idFilter(eventID)).Decode(&doc)
	out := []domain.MeetingWindow{}
	if errors.Is(err, driver.ErrNoDocuments) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("mongodb: meeting windows: %w", err)
	}
	for _, wd := range doc.Windows {
		w := domain.MeetingWindow{From: wd.From.UTC(), Until: wd.Until.UTC(), Minutes: wd.Minutes, Tables: wd.Tables,
			Breaks: []domain.MeetingBreak{}}
		for _, b := range wd.Breaks {
			w.Breaks = append(w.Breaks, domain.MeetingBreak{From: b.From.UTC(), Until: b.Until.UTC()})
		}
		out = append(out, w)
	}
	return out, nil
}

func (r meetingRepo) SetOptIn(ctx context.Context, eventID, enterpriseID string, in bool, at time.Time) error {
	_, err := r.optins.UpdateOne(ctx, idFilter(eventID+":"+enterpriseID),
		bson.D{{Key: "$set", Value: bson.D{{Key: "eventId", Value: eventID}, {Key: "enterpriseId", Value: enterpriseID},
			{Key: "optIn", Value: in}, {Key: "updatedAt", Value: instant(at)}}}},
		options.Update().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("mongodb: set meeting opt-in: %w", err)
	}
	return nil
}

func (r meetingRepo) OptedIn(ctx context.Context, eventID string) (map[string]bool, error) {
	cur, err := r.optins.Find(ctx, bson.D{{Key: "eventId", Value: eventID}, {Key: "optIn", Value: true}})
	if err != nil {
		return nil, fmt.Errorf("mongodb: meeting opt-ins: %w", err)
	}
	var docs []struct {
		EnterpriseID string `bson:"enterpriseId"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("mongodb: meeting opt-ins: %w", err)
	}
	out := make(map[string]bool, len(docs))
	for _, d := range docs {
		out[d.EnterpriseID] = true
	}
	return out, nil
}

func (r meetingRepo) Claim(ctx context.Context, m *domain.Meeting) (bool, error) {
	if m.Status != domain.MeetingAccepted || !m.Scheduled() {
		return false, nil
	}
	return r.claimAll(ctx, m.EventID, m.ID, *m.SlotStart, m.PublishedAt == nil, placeHolders(m)...)
}

func (r meetingRepo) Held(ctx context.Context, w store.CampaignWindow) (int, error) {
	if w.Clusters != nil && len(w.Clusters) == 0 {
		return 0, nil
	}
	filter := bson.D{{Key: "status", Value: string(domain.MeetingAccepted)}, {Key: "held", Value: true},
		{Key: "slotStart", Value: bson.D{{Key: "$gte", Value: instant(w.From)}, {Key: "$lt", Value: instant(w.Until)}}}}
	if w.Clusters != nil {
		// No $lookup: the events of the clusters first, then their meetings.
		cur, err := r.events.Find(ctx, bson.D{{Key: "cluster", Value: bson.D{{Key: "$in", Value: w.Clusters}}}},
			options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
		if err != nil {
			return 0, fmt.Errorf("mongodb: events of clusters: %w", err)
		}
		ids, err := readIDs(ctx, cur, "events of clusters")
		if err != nil {
			return 0, err
		}
		filter = append(filter, bson.E{Key: "eventId", Value: bson.D{{Key: "$in", Value: ids}}})
	}
	n, err := r.c.CountDocuments(ctx, filter)
	if err != nil {
		return 0, fmt.Errorf("mongodb: count held meetings: %w", err)
	}
	return int(n), nil
}
