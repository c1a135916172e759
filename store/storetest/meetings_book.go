package storetest

import (
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("MeetingBookings", testMeetingBookings) }

// accepting returns m as the recipient accepts it at slot: the state Book stores.
func accepting(m *domain.Meeting, slot time.Time) *domain.Meeting {
	x := *m
	end, now := slot.Add(20*time.Minute), Ms(time.Now())
	x.Status, x.SlotStart, x.SlotEnd, x.PublishedAt, x.RespondedAt, x.UpdatedAt = domain.MeetingAccepted, &slot, &end, &now, &now, now
	return &x
}

func testMeetingBookings(t *testing.T, open Opener) {
	ctx := t.Context()
	s := open(t)
	ev := domain.NewID()
	a, b, c, d, e0 := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()
	slot := Ms(time.Now().Add(48 * time.Hour))
	request := func(from, to string) *domain.Meeting {
		m := NewMeeting(ev, from, to, 1)
		m.RequestedSlot, m.VideoLink = &slot, "https://meeting.example.cn/r/1"
		Must(t, s.Meetings.Create(ctx, m, 10), "request")
		return m
	}

	ab, cd, ac, bd := request(a, b), request(c, d), request(a, e0), request(b, d)
	got, err := s.Meetings.Get(ctx, ab.ID)
	Must(t, err, "get")
	if got.RequestedSlot == nil || !got.RequestedSlot.Equal(slot) || got.VideoLink != ab.VideoLink {
		t.Fatalf("requested slot and link not kept: %+v", got)
	}

	t.Run("book takes the lowest free table; firms and tables are never doubled", func(t *testing.T) {
		x := accepting(ab, slot)
		Must(t, s.Meetings.Book(ctx, x, domain.MeetingRequested, 2), "book a-b")
		if x.Table != 1 {
			t.Fatalf("table %d, want 1", x.Table)
		}
		stored, _ := s.Meetings.Get(ctx, ab.ID)
		if stored.Status != domain.MeetingAccepted || stored.Table != 1 || !stored.SlotStart.Equal(slot) || stored.PublishedAt == nil {
			t.Fatalf("booked meeting: %+v", stored)
		}
		// a already sits in the slot: a-e is refused and leaves nothing behind.
		MustConflict(t, s.Meetings.Book(ctx, accepting(ac, slot), domain.MeetingRequested, 2), "slotStart", "a twice")
		y := accepting(cd, slot)
		Must(t, s.Meetings.Book(ctx, y, domain.MeetingRequested, 2), "book c-d")
		if y.Table != 2 {
			t.Fatalf("table %d, want 2", y.Table)
		}
		busy, err := s.Meetings.Busy(ctx, ev)
		Must(t, err, "busy")
		bs := busy[slot.UnixMilli()]
		if bs.Tables != 2 || len(bs.Firms) != 4 || !bs.Firms[c] {
			t.Fatalf("busy %+v, want 2 tables and 4 firms", bs)
		}
		// Both tables taken: a later slot is fine, this one is full for b-d too.
		MustConflict(t, s.Meetings.Book(ctx, accepting(bd, slot), domain.MeetingRequested, 2), "slotStart", "b twice")
		later := slot.Add(time.Hour)
		Must(t, s.Meetings.Book(ctx, accepting(bd, later), domain.MeetingRequested, 1), "book b-d later")
		// An answered meeting cannot be booked again.
		MustConflict(t, s.Meetings.Book(ctx, accepting(ab, later), domain.MeetingRequested, 5), "status", "book twice")
	})

	t.Run("cancelling frees the firms and the table", func(t *testing.T) {
		m, _ := s.Meetings.Get(ctx, ab.ID)
		_, err := m.Cancel(a, Ms(time.Now()))
		Must(t, err, "cancel")
		Must(t, s.Meetings.Update(ctx, m, domain.MeetingAccepted), "store cancel")
		busy, err := s.Meetings.Busy(ctx, ev)
		Must(t, err, "busy")
		bs := busy[slot.UnixMilli()]
		if bs.Tables != 1 || bs.Firms[a] || bs.Firms[b] {
			t.Fatalf("busy after cancel %+v", bs)
		}
		x := accepting(ac, slot)
		Must(t, s.Meetings.Book(ctx, x, domain.MeetingRequested, 2), "book a-e in the freed place")
		if x.Table != 1 {
			t.Fatalf("table %d, want the freed 1", x.Table)
		}
	})

	t.Run("a draft does not place over a booking", func(t *testing.T) {
		e := domain.NewID()
		p, q := domain.NewID(), domain.NewID()
		m := NewMeeting(ev, c, e, 1) // c is booked at slot with d
		Must(t, s.Meetings.Create(ctx, m, 10), "create c-e")
		m.Status = domain.MeetingAccepted
		Must(t, s.Meetings.Update(ctx, m, domain.MeetingRequested), "accept c-e")
		n := NewMeeting(ev, p, q, 1)
		Must(t, s.Meetings.Create(ctx, n, 10), "create p-q")
		n.Status = domain.MeetingAccepted
		Must(t, s.Meetings.Update(ctx, n, domain.MeetingRequested), "accept p-q")
		end := slot.Add(20 * time.Minute)
		placed, err := s.Meetings.Schedule(ctx, ev, []domain.MeetingSlot{
			{MeetingID: m.ID, Start: slot, End: end, Table: 3}, // c busy
			{MeetingID: n.ID, Start: slot, End: end, Table: 2}, // table 2 booked by c-d
		}, Ms(time.Now()))
		Must(t, err, "schedule")
		if placed != 0 {
			t.Fatalf("placed %d over bookings", placed)
		}
		placed, err = s.Meetings.Schedule(ctx, ev, []domain.MeetingSlot{{MeetingID: n.ID, Start: slot, End: end, Table: 3}}, Ms(time.Now()))
		Must(t, err, "schedule again")
		if placed != 1 {
			t.Fatalf("placed %d, want 1 at the free table", placed)
		}
		busy, _ := s.Meetings.Busy(ctx, ev)
		if bs := busy[slot.UnixMilli()]; bs.Tables != 3 || !bs.Firms[p] {
			t.Fatalf("draft not claimed: %+v", bs)
		}
		// A new draft replaces the old one's claims.
		_, err = s.Meetings.Schedule(ctx, ev, nil, Ms(time.Now()))
		Must(t, err, "empty draft")
		busy, _ = s.Meetings.Busy(ctx, ev)
		if bs := busy[slot.UnixMilli()]; bs.Tables != 2 || bs.Firms[p] {
			t.Fatalf("old draft still claimed: %+v", bs)
		}
	})

	t.Run("feedback once per side", func(t *testing.T) {
		f := domain.MeetingFeedback{Held: true, Rating: 5, Outcome: domain.OutcomeIntent, Note: "谈得很好", By: domain.NewID(),
			At: Ms(time.Now())}
		Must(t, s.Meetings.Feedback(ctx, cd.ID, "requester", f), "requester feedback")
		MustConflict(t, s.Meetings.Feedback(ctx, cd.ID, "requester", f), "status", "requester twice")
		g := domain.MeetingFeedback{Held: false, Outcome: domain.OutcomeNone, At: Ms(time.Now())}
		Must(t, s.Meetings.Feedback(ctx, cd.ID, "recipient", g), "recipient feedback")
		MustNotFound(t, s.Meetings.Feedback(ctx, domain.NewID(), "recipient", g), "unknown meeting")
		got, err := s.Meetings.Get(ctx, cd.ID)
		Must(t, err, "get")
		same(t, "requester feedback", *got.RequesterFeedback, f)
		same(t, "recipient feedback", *got.RecipientFeedback, g)
		if !got.Held() || got.BestOutcome() != domain.OutcomeIntent {
			t.Fatalf("held %v best %s", got.Held(), got.BestOutcome())
		}
		inSlot, err := s.Meetings.List(ctx, store.MeetingFilter{EventID: ev, SlotFrom: slot, SlotUntil: slot.Add(time.Minute)})
		Must(t, err, "list by slot")
		if len(inSlot) != 2 {
			t.Fatalf("%d meetings at the slot, want c-d and a-e", len(inSlot))
		}
	})

	t.Run("windows and opt-ins", func(t *testing.T) {
		e2 := domain.NewID()
		ws, err := s.Meetings.Windows(ctx, e2)
		Must(t, err, "no windows")
		if len(ws) != 0 {
			t.Fatalf("windows of a new event: %v", ws)
		}
		from := Ms(time.Now().Add(72 * time.Hour))
		want := []domain.MeetingWindow{{From: from, Until: from.Add(3 * time.Hour), Minutes: 20, Tables: 30,
			Breaks: []domain.MeetingBreak{{From: from.Add(time.Hour), Until: from.Add(80 * time.Minute)}}},
			{From: from.Add(24 * time.Hour), Until: from.Add(26 * time.Hour), Minutes: 30, Tables: 10, Breaks: []domain.MeetingBreak{}}}
		Must(t, s.Meetings.SetWindows(ctx, e2, want, Ms(time.Now())), "set windows")
		ws, err = s.Meetings.Windows(ctx, e2)
		Must(t, err, "windows")
		same(t, "windows", ws, want)
		Must(t, s.Meetings.SetWindows(ctx, e2, want[:1], Ms(time.Now())), "replace windows")
		ws, _ = s.Meetings.Windows(ctx, e2)
		same(t, "replaced windows", ws, want[:1])

		Must(t, s.Meetings.SetOptIn(ctx, e2, a, true, Ms(time.Now())), "opt in a")
		Must(t, s.Meetings.SetOptIn(ctx, e2, b, true, Ms(time.Now())), "opt in b")
		Must(t, s.Meetings.SetOptIn(ctx, e2, b, false, Ms(time.Now())), "opt out b")
		Must(t, s.Meetings.SetOptIn(ctx, ev, c, true, Ms(time.Now())), "other event")
		in, err := s.Meetings.OptedIn(ctx, e2)
		Must(t, err, "opted in")
		same(t, "opted in", in, map[string]bool{a: true})
	})
}

func init() { register("MeetingsHeld", testMeetingsHeld) }

// testMeetingsHeld counts held meetings for the campaign: by slot time, by the event's cluster,
// only those a side reported held.
func testMeetingsHeld(t *testing.T, open Opener) {
	ctx := t.Context()
	s := open(t)
	l1, l2 := NewEvent("L1", 3, 100), NewEvent("L2", 3, 100)
	Must(t, s.Events.Create(ctx, l1), "event L1")
	Must(t, s.Events.Create(ctx, l2), "event L2")
	slot := Ms(l1.StartsAt)
	place := func(e *domain.Event, heldBy string) {
		m := NewMeeting(e.ID, domain.NewID(), domain.NewID(), 1)
		Must(t, s.Meetings.Create(ctx, m, 10), "create")
		Must(t, s.Meetings.Book(ctx, accepting(m, slot), domain.MeetingRequested, 10), "book")
		switch heldBy {
		case "requester", "recipient":
			Must(t, s.Meetings.Feedback(ctx, m.ID, heldBy, domain.MeetingFeedback{Held: true, Rating: 4,
				Outcome: domain.OutcomeFollowUp, At: Ms(time.Now())}), "held")
		case "no-show":
			Must(t, s.Meetings.Feedback(ctx, m.ID, "requester", domain.MeetingFeedback{Outcome: domain.OutcomeNone,
				At: Ms(time.Now())}), "no-show")
		}
	}
	place(l1, "requester")
	place(l1, "recipient")
	place(l1, "no-show")
	place(l1, "")
	place(l2, "requester")
	all := store.CampaignWindow{From: slot.Add(-time.Hour), Until: slot.Add(time.Hour)}
	for _, c := range []struct {
		name     string
		clusters []string
		from     time.Time
		want     int
	}{
		{"every cluster", nil, all.From, 3},
		{"L1", []string{"L1"}, all.From, 2},
		{"L2 and A5", []string{"L2", "A5"}, all.From, 1},
		{"no cluster", []string{}, all.From, 0},
		{"after the slot", nil, slot.Add(time.Minute), 0},
	} {
		w := all
		w.Clusters, w.From = c.clusters, c.from
		n, err := s.Meetings.Held(ctx, w)
		Must(t, err, "held")
		if n != c.want {
			t.Errorf("%s: %d held, want %d", c.name, n, c.want)
		}
	}
}
