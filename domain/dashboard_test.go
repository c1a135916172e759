package domain

import (
	"slices"
	"testing"
	"time"
)

func TestEventActions(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	ev := func(status EventStatus, startIn time.Duration, capacity, taken, waiting int) *Event {
		return &Event{Status: status, StartsAt: now.Add(startIn), EndsAt: now.Add(startIn + 8*time.Hour),
			Capacity: capacity, SeatsTaken: taken, WaitlistedCount: waiting}
	}
	for _, c := range []struct {
		name    string
		e       *Event
		changed time.Time
		want    []string
	}{
		{"quiet", ev(EventPublished, 10*24*time.Hour, 100, 10, 0), time.Time{}, nil},
		{"draft", ev(EventDraft, 10*24*time.Hour, 100, 0, 0), time.Time{}, []string{EventNeedsPublishing}},
		{"past draft", ev(EventDraft, -48*time.Hour, 100, 0, 0), time.Time{}, nil},
		{"filling", ev(EventPublished, 10*24*time.Hour, 100, 80, 0), time.Time{}, []string{EventFillingUp}},
		{"full with a waitlist", ev(EventPublished, 10*24*time.Hour, 100, 100, 3), time.Time{}, []string{EventFillingUp, EventFullWaitlist}},
		{"tomorrow", ev(EventPublished, 30*time.Hour, 100, 10, 0), time.Time{}, []string{EventStartingSoon}},
		{"running now", ev(EventPublished, -time.Hour, 100, 10, 0), time.Time{}, nil},
		{"changed yesterday", ev(EventPublished, 10*24*time.Hour, 0, 10, 0), now.Add(-24 * time.Hour), []string{EventAgendaChanged}},
		{"changed last month", ev(EventPublished, 10*24*time.Hour, 0, 10, 0), now.Add(-30 * 24 * time.Hour), nil},
		{"cancelled", ev(EventCancelled, 30*time.Hour, 100, 90, 0), time.Time{}, nil},
	} {
		if got := EventActions(c.e, now, c.changed); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
