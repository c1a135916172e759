package domain

import (
	"errors"
	"testing"
	"time"
)

// validEvent returns a two-day published-ready event in Wuxi time.
func validEvent() *Event {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	return &Event{
		ID: NewID(), Title: "集成电路创新发展大会", Cluster: "L2", Kind: EventFlagship,
		Venue: "无锡太湖国际博览中心", StartsAt: time.Date(2026, 9, 20, 9, 0, 0, 0, loc),
		EndsAt: time.Date(2026, 9, 21, 17, 0, 0, 0, loc), Capacity: 500, Status: EventDraft,
	}
}

// fieldKey returns the message key of field in err, or "" when err does not name it.
func fieldKey(err error, field string) string {
	var v *ValidationError
	if !errors.As(err, &v) {
		return ""
	}
	return v.Fields[field].Key
}

func TestEventValidate(t *testing.T) {
	at := func(s string) *time.Time { x, _ := time.Parse(time.RFC3339, s); return &x }
	for _, tc := range []struct {
		name, field, key string
		edit             func(e *Event)
	}{
		{"valid", "", "", func(e *Event) {}},
		{"title required", "title", "required", func(e *Event) { e.Title = "  " }},
		{"title too long", "title", "too_long", func(e *Event) { e.Title = string(make([]rune, 201)) }},
		{"cluster required", "cluster", "required", func(e *Event) { e.Cluster = "" }},
		{"kind required", "kind", "required", func(e *Event) { e.Kind = "" }},
		{"kind unknown", "kind", "one_of", func(e *Event) { e.Kind = "party" }},
		{"venue required", "venue", "required", func(e *Event) { e.Venue = "" }},
		{"end before start", "endsAt", "event_end_before_start", func(e *Event) { e.EndsAt = e.StartsAt.Add(-time.Hour) }},
		{"end equals start", "endsAt", "event_end_before_start", func(e *Event) { e.EndsAt = e.StartsAt }},
		{"too long", "endsAt", "event_too_long", func(e *Event) { e.EndsAt = e.StartsAt.AddDate(0, 2, 0) }},
		{"start missing", "startsAt", "required", func(e *Event) { e.StartsAt = time.Time{} }},
		{"unknown zone", "timezone", "event_timezone_unknown", func(e *Event) { e.Timezone = "Mars/Olympus" }},
		{"local zone refused", "timezone", "event_timezone_unknown", func(e *Event) { e.Timezone = "Local" }},
		{"capacity zero", "capacity", "event_capacity_positive", func(e *Event) { e.Capacity = 0 }},
		{"capacity negative", "capacity", "event_capacity_positive", func(e *Event) { e.Capacity = -5 }},
		{"capacity huge", "capacity", "event_capacity_max", func(e *Event) { e.Capacity = MaxEventCapacity + 1 }},
		{"attendees per enterprise", "maxAttendeesPerEnterprise", "event_attendees_range", func(e *Event) { e.MaxAttendeesPerEnterprise = -1 }},
		{"window reversed", "registrationClosesAt", "event_registration_window", func(e *Event) {
			e.RegistrationOpensAt, e.RegistrationClosesAt = at("2026-09-10T00:00:00+08:00"), at("2026-09-01T00:00:00+08:00")
		}},
		{"window after end", "registrationClosesAt", "event_registration_after_end", func(e *Event) {
			e.RegistrationClosesAt = at("2026-09-30T00:00:00+08:00")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := validEvent()
			tc.edit(e)
			err := e.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if got := fieldKey(err, tc.field); got != tc.key {
				t.Fatalf("Validate() = %v, want %s: %s", err, tc.field, tc.key)
			}
		})
	}
}

func TestEventDefaults(t *testing.T) {
	e := validEvent()
	e.Cluster = " l2 "
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if e.Timezone != DefaultTimezone || e.MaxAttendeesPerEnterprise != DefaultAttendeesPerCompany || e.Status != EventDraft || e.Cluster != "L2" {
		t.Fatalf("defaults not applied: %+v", e)
	}
}

func TestEventTransition(t *testing.T) {
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	after := time.Date(2026, 9, 22, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		from, to EventStatus
		now      time.Time
		key      string
	}{
		{EventDraft, EventPublished, now, ""},
		{EventDraft, EventCancelled, now, ""},
		{EventPublished, EventCancelled, now, ""},
		{EventPublished, EventCompleted, after, ""},
		{EventPublished, EventCompleted, now, "event_not_ended"},
		{EventDraft, EventCompleted, after, "event_transition"},
		{EventCancelled, EventPublished, now, "event_transition"},
		{EventCompleted, EventCancelled, after, "event_transition"},
		{EventPublished, EventPublished, now, "event_transition"},
		{EventPublished, EventDraft, now, "event_transition"},
	} {
		e := validEvent()
		e.Status = tc.from
		err := e.Transition(tc.to, tc.now)
		if tc.key == "" {
			if err != nil || e.Status != tc.to {
				t.Errorf("%s→%s: err %v status %s", tc.from, tc.to, err, e.Status)
			}
			continue
		}
		if got := fieldKey(err, "status"); got != tc.key || e.Status != tc.from {
			t.Errorf("%s→%s: err %v (key %q, want %q), status %s", tc.from, tc.to, err, got, tc.key, e.Status)
		}
	}
}

func TestPublishChecksEventAndAgenda(t *testing.T) {
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	e := validEvent()
	e.Capacity = 0
	if got := fieldKey(e.Transition(EventPublished, now), "capacity"); got != "event_capacity_positive" {
		t.Fatalf("publishing an invalid event: key %q", got)
	}
	e = validEvent()
	e.Sessions = []AgendaSession{{Title: "开幕", StartsAt: e.StartsAt.AddDate(0, 0, -3), EndsAt: e.StartsAt.AddDate(0, 0, -3).Add(time.Hour)}}
	if got := fieldKey(e.Transition(EventPublished, now), "sessions[0].startsAt"); got != "agenda_outside_event" {
		t.Fatalf("publishing with a bad agenda: key %q", got)
	}
	if e.Status != EventDraft || e.PublishedAt != nil {
		t.Fatalf("failed publish changed the event: %+v", e)
	}
}

func TestNoticeChanges(t *testing.T) {
	at := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	old := validEvent()
	old.Normalize()
	old.Status = EventPublished
	moved := *old
	moved.StartsAt = old.StartsAt.Add(time.Hour)
	moved.Venue = "无锡国际会议中心"
	got := NoticeChanges(old, &moved, "u1", at)
	if len(got) != 2 || got[0].Field != "startsAt" || got[1].Field != "venue" || got[1].New != "无锡国际会议中心" {
		t.Fatalf("changes = %+v", got)
	}
	if got[0].Old != "2026-09-20T09:00:00+08:00" || got[0].New != "2026-09-20T10:00:00+08:00" {
		t.Fatalf("times not in the event's zone: %+v", got[0])
	}
	same := *old
	same.Description = "更新了说明"
	if c := NoticeChanges(old, &same, "u1", at); len(c) != 0 {
		t.Fatalf("description change recorded: %+v", c)
	}
	draft := *old
	draft.Status = EventDraft
	if c := NoticeChanges(&draft, &moved, "u1", at); len(c) != 0 {
		t.Fatalf("draft change recorded: %+v", c)
	}
}

func TestEventDaysAndZone(t *testing.T) {
	e := validEvent()
	e.Normalize()
	if !e.MultiDay() || len(e.Days()) != 2 {
		t.Fatalf("two-day event: multi %v days %v", e.MultiDay(), e.Days())
	}
	e.EndsAt = e.StartsAt.Add(8 * time.Hour)
	if e.MultiDay() || len(e.Days()) != 1 {
		t.Fatalf("one-day event: multi %v days %v", e.MultiDay(), e.Days())
	}
	// Ends exactly at midnight: still one day.
	e.EndsAt = time.Date(2026, 9, 21, 0, 0, 0, 0, e.Location())
	if e.MultiDay() {
		t.Fatal("event ending at midnight counted as multi-day")
	}
	utc := *e
	utc.StartsAt = e.StartsAt.UTC()
	if got := utc.InZone().StartsAt.Format(time.RFC3339); got != "2026-09-20T09:00:00+08:00" {
		t.Fatalf("InZone = %s", got)
	}
}

func TestCancellationNotice(t *testing.T) {
	at := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		from, to EventStatus
		want     bool
	}{
		{EventPublished, EventCancelled, true},
		{EventDraft, EventCancelled, false}, // nobody registered for a draft
		{EventPublished, EventCompleted, false},
		{EventDraft, EventPublished, false},
	} {
		e := &Event{ID: "e1", Status: tc.to}
		got := CancellationNotice(e, tc.from, "u1", at)
		if (got != nil) != tc.want || (tc.want && (len(got) != 1 || !got[0].Cancels() || got[0].EventID != "e1" || got[0].By != "u1")) {
			t.Errorf("%s → %s: %+v, want a notice %v", tc.from, tc.to, got, tc.want)
		}
	}
}
