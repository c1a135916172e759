package domain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func newTestMeeting() *Meeting {
	return &Meeting{ID: NewID(), EventID: NewID(), RequesterID: "aaaaaaaaaaaaaaaaaaaaaaaa",
		RecipientID: "bbbbbbbbbbbbbbbbbbbbbbbb", Status: MeetingRequested}
}

func TestMeetingValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(m *Meeting)
		field string // "" means valid
	}{
		{"valid", func(m *Meeting) {}, ""},
		{"no recipient", func(m *Meeting) { m.RecipientID = " " }, "with"},
		{"malformed recipient", func(m *Meeting) { m.RecipientID = "x" }, "with"},
		{"with oneself", func(m *Meeting) { m.RecipientID = m.RequesterID }, "with"},
		{"no requester", func(m *Meeting) { m.RequesterID = "" }, "enterpriseId"},
		{"malformed match", func(m *Meeting) { m.MatchID = "nope" }, "matchId"},
		{"long message", func(m *Meeting) { m.Message = strings.Repeat("谈", MaxMeetingMessage+1) }, "message"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newTestMeeting()
			c.edit(m)
			err := m.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !ve.Has(c.field) {
				t.Fatalf("Validate = %v, want a problem on %s", err, c.field)
			}
		})
	}
}

func TestMeetingOpenKeyIgnoresDirection(t *testing.T) {
	m := newTestMeeting()
	back := *m
	back.ID = NewID()
	back.RequesterID, back.RecipientID = m.RecipientID, m.RequesterID
	if m.OpenKey() != back.OpenKey() {
		t.Errorf("open keys differ by direction: %q, %q", m.OpenKey(), back.OpenKey())
	}
	if _, err := m.Cancel(m.RequesterID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if m.OpenKey() != m.ID {
		t.Errorf("closed meeting's key = %q, want its ID", m.OpenKey())
	}
}

func TestMeetingTransitions(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name    string
		from    MeetingStatus
		act     func(m *Meeting) (bool, error)
		want    MeetingStatus
		changed bool
		err     error
	}{
		{"recipient accepts", MeetingRequested, func(m *Meeting) (bool, error) { return m.Accept(m.RecipientID, now) }, MeetingAccepted, true, nil},
		{"accept again", MeetingAccepted, func(m *Meeting) (bool, error) { return m.Accept(m.RecipientID, now) }, MeetingAccepted, false, nil},
		{"requester cannot accept", MeetingRequested, func(m *Meeting) (bool, error) { return m.Accept(m.RequesterID, now) }, MeetingRequested, false, ErrForbidden},
		{"recipient declines", MeetingRequested, func(m *Meeting) (bool, error) { return m.Decline(m.RecipientID, now) }, MeetingDeclined, true, nil},
		{"decline after accept", MeetingAccepted, func(m *Meeting) (bool, error) { return m.Decline(m.RecipientID, now) }, MeetingAccepted, false, ErrConflict},
		{"accept after cancel", MeetingCancelled, func(m *Meeting) (bool, error) { return m.Accept(m.RecipientID, now) }, MeetingCancelled, false, ErrConflict},
		{"requester cancels", MeetingRequested, func(m *Meeting) (bool, error) { return m.Cancel(m.RequesterID, now) }, MeetingCancelled, true, nil},
		{"recipient cancels accepted", MeetingAccepted, func(m *Meeting) (bool, error) { return m.Cancel(m.RecipientID, now) }, MeetingCancelled, true, nil},
		{"cancel again", MeetingCancelled, func(m *Meeting) (bool, error) { return m.Cancel(m.RecipientID, now) }, MeetingCancelled, false, nil},
		{"cancel declined", MeetingDeclined, func(m *Meeting) (bool, error) { return m.Cancel(m.RequesterID, now) }, MeetingDeclined, false, ErrConflict},
		{"outsider cancels", MeetingRequested, func(m *Meeting) (bool, error) { return m.Cancel("cccccccccccccccccccccccc", now) }, MeetingRequested, false, ErrForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newTestMeeting()
			m.Status = c.from
			changed, err := c.act(m)
			if !errors.Is(err, c.err) || (c.err == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if changed != c.changed || m.Status != c.want {
				t.Errorf("changed %v status %s, want %v %s", changed, m.Status, c.changed, c.want)
			}
		})
	}
}

func TestCancelFreesTheSlot(t *testing.T) {
	m := newTestMeeting()
	m.Status = MeetingAccepted
	start := time.Now()
	end := start.Add(20 * time.Minute)
	m.SlotStart, m.SlotEnd, m.Table, m.PublishedAt = &start, &end, 3, &start
	if _, err := m.Cancel(m.RequesterID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if m.Scheduled() || m.Table != 0 || m.PublishedAt != nil {
		t.Errorf("cancelled meeting keeps its slot: %+v", m)
	}
}

func TestCheckMeetingParties(t *testing.T) {
	now := time.Now()
	ev := &Event{Status: EventPublished, EndsAt: now.Add(time.Hour)}
	ok := &Registration{Status: RegConfirmed}
	waiting := &Registration{Status: RegWaitlisted}
	cases := []struct {
		name      string
		ev        Event
		req, rec  *Registration
		wantField string
	}{
		{"both confirmed", *ev, ok, ok, ""},
		{"requester waitlisted", *ev, waiting, ok, "eventId"},
		{"requester absent", *ev, nil, ok, "eventId"},
		{"recipient absent", *ev, ok, nil, "with"},
		{"draft event", Event{Status: EventDraft, EndsAt: ev.EndsAt}, ok, ok, "eventId"},
		{"event over", Event{Status: EventPublished, EndsAt: now.Add(-time.Minute)}, ok, ok, "eventId"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckMeetingParties(&c.ev, c.req, c.rec, now)
			if c.wantField == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !ve.Has(c.wantField) {
				t.Fatalf("err = %v, want a problem on %s", err, c.wantField)
			}
		})
	}
}
