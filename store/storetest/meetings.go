package storetest

import (
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Meetings", testMeetings) }

// NewMeeting returns an unsaved request from requester to recipient at event.
func NewMeeting(event, requester, recipient string, score float64) *domain.Meeting {
	now := Ms(time.Now())
	return &domain.Meeting{
		EventID: event, RequesterID: requester, RequesterName: "企业" + requester[len(requester)-4:],
		RecipientID: recipient, RecipientName: "企业" + recipient[len(recipient)-4:], Score: score,
		Message: "想聊聊功率模块配套", Status: domain.MeetingRequested, CreatedBy: domain.NewID(),
		CreatedAt: now, UpdatedAt: now,
	}
}

func normMeeting(m domain.Meeting) domain.Meeting {
	m.SlotStart, m.SlotEnd, m.PublishedAt, m.RespondedAt = msPtr(m.SlotStart), msPtr(m.SlotEnd),
		msPtr(m.PublishedAt), msPtr(m.RespondedAt)
	m.CreatedAt, m.UpdatedAt = Ms(m.CreatedAt), Ms(m.UpdatedAt)
	return m
}

var sameMeeting = sameAs(normMeeting)

func meetingIDs(ms []domain.Meeting) []string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}

func testMeetings(t *testing.T, open Opener) {
	ctx := t.Context()
	s := open(t)
	ev, a, b, c := domain.NewID(), domain.NewID(), domain.NewID(), domain.NewID()

	ab := NewMeeting(ev, a, b, 7.5)
	ab.MatchID = domain.NewID()
	Must(t, s.Meetings.Create(ctx, ab, 3), "create a→b")
	if ab.ID == "" {
		t.Fatal("create assigned no ID")
	}
	got, err := s.Meetings.Get(ctx, ab.ID)
	Must(t, err, "get")
	sameMeeting(t, "stored meeting", got, ab)
	_, err = s.Meetings.Get(ctx, domain.NewID())
	MustNotFound(t, err, "get unknown")

	t.Run("one open request per pair, either way", func(t *testing.T) {
		MustConflict(t, s.Meetings.Create(ctx, NewMeeting(ev, a, b, 1), 3), "with", "a→b again")
		MustConflict(t, s.Meetings.Create(ctx, NewMeeting(ev, b, a, 1), 3), "with", "b→a")
		Must(t, s.Meetings.Create(ctx, NewMeeting(domain.NewID(), a, b, 1), 3), "same pair, other event")
	})

	t.Run("accept is conditional on the stored status", func(t *testing.T) {
		m, _ := s.Meetings.Get(ctx, ab.ID)
		if _, err := m.Accept(b, Ms(time.Now())); err != nil {
			t.Fatal(err)
		}
		Must(t, s.Meetings.Update(ctx, m, domain.MeetingRequested), "accept")
		stale := *m
		stale.Status = domain.MeetingDeclined
		MustConflict(t, s.Meetings.Update(ctx, &stale, domain.MeetingRequested), "status", "stale answer")
		got, _ := s.Meetings.Get(ctx, ab.ID)
		sameMeeting(t, "accepted meeting", got, m)
		ghost := NewMeeting(ev, a, c, 1)
		ghost.ID = domain.NewID()
		MustNotFound(t, s.Meetings.Update(ctx, ghost, domain.MeetingRequested), "update unknown")
	})

	ac := NewMeeting(ev, a, c, 2)
	t.Run("quota counts every request sent, and a closed pair may meet again", func(t *testing.T) {
		Must(t, s.Meetings.Create(ctx, ac, 3), "a→c")
		if _, err := ac.Cancel(a, Ms(time.Now())); err != nil {
			t.Fatal(err)
		}
		Must(t, s.Meetings.Update(ctx, ac, domain.MeetingRequested), "cancel a→c")
		again := NewMeeting(ev, c, a, 1)
		Must(t, s.Meetings.Create(ctx, again, 3), "c→a after the cancel")
		MustInvalid(t, s.Meetings.Create(ctx, NewMeeting(ev, a, domain.NewID(), 1), 2), "with", "a over quota 2")
		Must(t, s.Meetings.Create(ctx, NewMeeting(ev, a, domain.NewID(), 1), 3), "a within quota 3")
	})

	t.Run("list filters", func(t *testing.T) {
		all, err := s.Meetings.List(ctx, store.MeetingFilter{EventID: ev})
		Must(t, err, "list event")
		if len(all) != 4 {
			t.Fatalf("event has %d meetings, want 4", len(all))
		}
		mine, err := s.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: c})
		Must(t, err, "list c")
		if len(mine) != 2 {
			t.Fatalf("c is in %d meetings, want 2", len(mine))
		}
		for i := 1; i < len(mine); i++ {
			if mine[i].CreatedAt.After(mine[i-1].CreatedAt) {
				t.Fatal("list is not newest first")
			}
		}
		acc, err := s.Meetings.List(ctx, store.MeetingFilter{EventID: ev, Statuses: []domain.MeetingStatus{domain.MeetingAccepted}})
		Must(t, err, "list accepted")
		sameIDs(t, "accepted", meetingIDs(acc), []string{ab.ID})
	})

	t.Run("schedule drafts, publish stamps", func(t *testing.T) {
		start := Ms(time.Now().Add(24 * time.Hour))
		end := start.Add(20 * time.Minute)
		slots := []domain.MeetingSlot{
			{MeetingID: ab.ID, Start: start, End: end, Table: 4},
			{MeetingID: ac.ID, Start: start, End: end, Table: 5}, // cancelled: not placed
		}
		n, err := s.Meetings.Schedule(ctx, ev, slots, Ms(time.Now()))
		Must(t, err, "schedule")
		if n != 1 {
			t.Fatalf("placed %d, want 1", n)
		}
		got, _ := s.Meetings.Get(ctx, ab.ID)
		if !got.Scheduled() || !got.SlotStart.Equal(start) || !got.SlotEnd.Equal(end) || got.Table != 4 || got.PublishedAt != nil {
			t.Fatalf("draft slot: %+v", got)
		}
		n, err = s.Meetings.Publish(ctx, ev, Ms(time.Now()))
		Must(t, err, "publish")
		if n != 1 {
			t.Fatalf("published %d, want 1", n)
		}
		n, err = s.Meetings.Publish(ctx, ev, Ms(time.Now()))
		Must(t, err, "publish again")
		if n != 0 {
			t.Fatalf("published again %d, want 0", n)
		}
		// A new draft leaves published meetings where they are.
		later := start.Add(time.Hour)
		n, err = s.Meetings.Schedule(ctx, ev, []domain.MeetingSlot{{MeetingID: ab.ID, Start: later, End: later, Table: 1}}, Ms(time.Now()))
		Must(t, err, "schedule again")
		if n != 0 {
			t.Fatalf("re-placed %d published meetings", n)
		}
		got, _ = s.Meetings.Get(ctx, ab.ID)
		if got.PublishedAt == nil || !got.SlotStart.Equal(start) || got.Table != 4 {
			t.Fatalf("published meeting moved: %+v", got)
		}
	})
}
