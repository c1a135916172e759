package mongo

import (
	"context"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store/mongo/mongotest"
	"duijie/store/storetest"
)

// TestOpenBackfillsMeetingClaims: a database written before slot claims existed gets them when
// the new version opens it, so a member cannot book a firm or table over an old meeting.
func TestOpenBackfillsMeetingClaims(t *testing.T) {
	uri := testURI(t)
	db := mongotest.FreshDatabase(t, uri)
	ctx := context.Background()
	first := openFresh(t, uri, db)
	ev, a, b, c := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()
	slot := storetest.Ms(time.Now().Add(24 * time.Hour))
	old := storetest.NewMeeting(ev, a, b, 1)
	end, now := slot.Add(20*time.Minute), storetest.Ms(time.Now())
	old.Status, old.SlotStart, old.SlotEnd, old.Table, old.PublishedAt = domain.MeetingAccepted, &slot, &end, 1, &now
	if err := first.Meetings.Create(ctx, old, 10); err != nil { // Create takes no claims: an old meeting
		t.Fatal(err)
	}
	second := openFresh(t, uri, db)
	busy, err := second.Meetings.Busy(ctx, ev)
	if err != nil || !busy[slot.UnixMilli()].Firms[a] || busy[slot.UnixMilli()].Tables != 1 {
		t.Fatalf("after Open busy = %+v, %v; want the old meeting's firms and table", busy, err)
	}
	m := storetest.NewMeeting(ev, c, a, 1)
	if err := second.Meetings.Create(ctx, m, 10); err != nil {
		t.Fatal(err)
	}
	m.Status, m.SlotStart, m.SlotEnd, m.PublishedAt = domain.MeetingAccepted, &slot, &end, &now
	storetest.MustConflict(t, second.Meetings.Book(ctx, m, domain.MeetingRequested, 5), "slotStart", "book over an old meeting")
}
