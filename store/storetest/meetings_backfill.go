package storetest

import (
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("MeetingClaimsBackfill", testMeetingClaimsBackfill) }

// testMeetingClaimsBackfill stores meetings the way they were placed before slot claims existed
// (accepted, at a slot and table, with no claim), backfills, and books over them.
func testMeetingClaimsBackfill(t *testing.T, open Opener) {
	ctx := t.Context()
	s := open(t)
	ev := domain.NewID()
	a, b, c, d, e0 := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()
	f1, g1 := domain.NewID(), domain.NewID()
	slot := Ms(time.Now().Add(48 * time.Hour))
	placedOld := func(from, to string, at time.Time, table int, published bool) *domain.Meeting {
		m := NewMeeting(ev, from, to, 1)
		end, now := at.Add(20*time.Minute), Ms(time.Now())
		m.Status, m.SlotStart, m.SlotEnd, m.Table, m.RespondedAt = domain.MeetingAccepted, &at, &end, table, &now
		if published {
			m.PublishedAt = &now
		}
		Must(t, s.Meetings.Create(ctx, m, 10), "old-style meeting")
		return m
	}
	old := placedOld(a, b, slot, 1, true)
	draft := placedOld(c, d, slot.Add(time.Hour), 2, false)
	// Two old meetings once placed over each other: the second cannot be claimed.
	placedOld(e0, d, slot.Add(time.Hour), 3, false)

	if busy, err := s.Meetings.Busy(ctx, ev); err != nil || len(busy) != 0 {
		t.Fatalf("before the backfill busy = %v (%v), want nothing: the old meetings hold no claims", busy, err)
	}
	claimed, clashed, err := s.Meetings.BackfillClaims(ctx)
	Must(t, err, "backfill")
	if claimed != 2 || clashed != 1 {
		t.Fatalf("backfill claimed %d, clashed %d; want 2 and 1", claimed, clashed)
	}
	claimed, clashed, err = s.Meetings.BackfillClaims(ctx)
	Must(t, err, "backfill again")
	if claimed != 0 || clashed != 1 {
		t.Fatalf("second backfill claimed %d, clashed %d; want 0 and 1 (nothing new)", claimed, clashed)
	}
	busy, err := s.Meetings.Busy(ctx, ev)
	Must(t, err, "busy")
	if bs := busy[slot.UnixMilli()]; bs.Tables != 1 || !bs.Firms[a] || !bs.Firms[b] {
		t.Fatalf("slot after backfill: %+v", bs)
	}
	if bs := busy[slot.Add(time.Hour).UnixMilli()]; bs.Tables != 1 || !bs.Firms[c] || bs.Firms[e0] {
		t.Fatalf("draft slot after backfill: %+v", bs)
	}

	request := func(from, to string) *domain.Meeting {
		m := NewMeeting(ev, from, to, 1)
		Must(t, s.Meetings.Create(ctx, m, 10), "request")
		return m
	}
	// A firm of the old meeting cannot be booked into its slot again …
	MustConflict(t, s.Meetings.Book(ctx, accepting(request(c, a), slot), domain.MeetingRequested, 5), "slotStart", "firm of an old meeting")
	// … nor its table, when it was the only one.
	MustConflict(t, s.Meetings.Book(ctx, accepting(request(c, e0), slot), domain.MeetingRequested, 1), "slotStart", "table of an old meeting")
	x := accepting(request(f1, e0), slot)
	Must(t, s.Meetings.Book(ctx, x, domain.MeetingRequested, 2), "book beside the old meeting")
	if x.Table != 2 {
		t.Fatalf("booked at table %d, want 2 (table 1 is the old meeting's)", x.Table)
	}
	// Cancelling the old meeting gives its claims back like any other.
	m, _ := s.Meetings.Get(ctx, old.ID)
	_, err = m.Cancel(a, Ms(time.Now()))
	Must(t, err, "cancel")
	Must(t, s.Meetings.Update(ctx, m, domain.MeetingAccepted), "store cancel")
	Must(t, s.Meetings.Book(ctx, accepting(request(b, g1), slot), domain.MeetingRequested, 2), "book the freed firm")
	if got, _ := s.Meetings.Get(ctx, draft.ID); got.PublishedAt != nil || got.Table != 2 {
		t.Fatalf("the backfill changed the draft meeting: %+v", got)
	}
}
