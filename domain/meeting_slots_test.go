package domain

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func slotEvent() *Event {
	loc, _ := LoadZone(DefaultTimezone)
	return &Event{StartsAt: time.Date(2026, 9, 20, 9, 0, 0, 0, loc), EndsAt: time.Date(2026, 9, 21, 17, 0, 0, 0, loc),
		Timezone: DefaultTimezone}
}

func at(e *Event, day int, hm string) time.Time {
	t, _ := time.ParseInLocation("15:04", hm, e.Location())
	d := e.StartsAt.AddDate(0, 0, day)
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), 0, 0, e.Location())
}

func TestValidateMeetingWindows(t *testing.T) {
	e := slotEvent()
	ok := MeetingWindow{From: at(e, 0, "14:00"), Until: at(e, 0, "17:00"), Minutes: 20, Tables: 10}
	cases := []struct {
		name  string
		ws    []MeetingWindow
		field string
	}{
		{"valid", []MeetingWindow{ok}, ""},
		{"defaults", []MeetingWindow{{From: ok.From, Until: ok.Until}}, ""},
		{"before the event", []MeetingWindow{{From: at(e, 0, "08:00"), Until: ok.Until}}, "meetingSlots[0].from"},
		{"after the event", []MeetingWindow{{From: at(e, 1, "16:00"), Until: at(e, 1, "18:00")}}, "meetingSlots[0].until"},
		{"until before from", []MeetingWindow{{From: ok.Until, Until: ok.From}}, "meetingSlots[0].until"},
		{"missing from", []MeetingWindow{{Until: ok.Until}}, "meetingSlots[0].from"},
		{"slot too short", []MeetingWindow{{From: ok.From, Until: ok.Until, Minutes: 2}}, "meetingSlots[0].minutes"},
		{"too many tables", []MeetingWindow{{From: ok.From, Until: ok.Until, Tables: MaxMeetingTables + 1}}, "meetingSlots[0].tables"},
		{"break outside", []MeetingWindow{{From: ok.From, Until: ok.Until,
			Breaks: []MeetingBreak{{From: at(e, 0, "13:00"), Until: at(e, 0, "14:30")}}}}, "meetingSlots[0].breaks[0]"},
		{"overlap", []MeetingWindow{ok, {From: at(e, 0, "16:00"), Until: at(e, 0, "17:00")}}, "meetingSlots[1].from"},
		{"two days", []MeetingWindow{{From: at(e, 1, "09:30"), Until: at(e, 1, "12:00")}, ok}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ws := slices.Clone(c.ws)
			err := ValidateMeetingWindows(e, ws)
			if c.field == "" {
				if err != nil {
					t.Fatalf("ValidateMeetingWindows: %v", err)
				}
				if !slices.IsSortedFunc(ws, func(a, b MeetingWindow) int { return a.From.Compare(b.From) }) {
					t.Fatal("windows not sorted")
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !ve.Has(c.field) {
				t.Fatalf("err = %v, want a problem on %s", err, c.field)
			}
		})
	}
}

func TestSlots(t *testing.T) {
	e := slotEvent()
	ws := []MeetingWindow{
		{From: at(e, 1, "09:00"), Until: at(e, 1, "10:10"), Minutes: 30, Tables: 4},
		{From: at(e, 0, "14:00"), Until: at(e, 0, "16:00"), Minutes: 30, Tables: 2,
			Breaks: []MeetingBreak{{From: at(e, 0, "14:45"), Until: at(e, 0, "15:00")}}},
	}
	got := Slots(ws)
	var starts []string
	for _, s := range got {
		starts = append(starts, s.Start.In(e.Location()).Format("02 15:04"))
	}
	// Day 0: 14:00, then 14:30 would cross the break, so 15:00, 15:30; day 1: 09:00, 09:30 (10:00
	// would run past 10:10).
	want := []string{"20 14:00", "20 15:00", "20 15:30", "21 09:00", "21 09:30"}
	if !slices.Equal(starts, want) {
		t.Fatalf("slots %v, want %v", starts, want)
	}
	if got[0].Tables != 2 || got[3].Tables != 4 {
		t.Fatalf("tables %d/%d, want 2/4", got[0].Tables, got[3].Tables)
	}
}

func TestCheckSlotRequest(t *testing.T) {
	e := slotEvent()
	slots := Slots([]MeetingWindow{{From: at(e, 0, "14:00"), Until: at(e, 0, "15:00"), Minutes: 20, Tables: 2}})
	before := at(e, 0, "10:00")
	cases := []struct {
		name     string
		start    time.Time
		now      time.Time
		busy     SlotBusy
		field    string
		conflict bool
	}{
		{"free", at(e, 0, "14:20"), before, SlotBusy{}, "", false},
		{"not a slot", at(e, 0, "14:10"), before, SlotBusy{}, "slotStart", false},
		{"outside the windows", at(e, 0, "16:00"), before, SlotBusy{}, "slotStart", false},
		{"begun", at(e, 0, "14:00"), at(e, 0, "14:05"), SlotBusy{}, "slotStart", false},
		{"requester busy", at(e, 0, "14:20"), before, SlotBusy{Firms: map[string]bool{"a": true}}, "slotStart", true},
		{"recipient busy", at(e, 0, "14:20"), before, SlotBusy{Firms: map[string]bool{"b": true}}, "slotStart", true},
		{"tables full", at(e, 0, "14:20"), before, SlotBusy{Tables: 2}, "slotStart", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := CheckSlotRequest(slots, c.start, c.now, "a", "b", c.busy)
			if c.field == "" {
				if err != nil || !s.Start.Equal(c.start) {
					t.Fatalf("CheckSlotRequest = %v, %v", s, err)
				}
				return
			}
			var ve *ValidationError
			var ce *ConflictError
			switch {
			case c.conflict && errors.As(err, &ce) && ce.Field == c.field:
			case !c.conflict && errors.As(err, &ve) && ve.Has(c.field):
			default:
				t.Fatalf("err = %v, want a problem on %s (conflict %v)", err, c.field, c.conflict)
			}
		})
	}
	free := FreeSlots(slots, before, "a", "b", map[int64]SlotBusy{
		slots[0].Start.UnixMilli(): {Firms: map[string]bool{"b": true}, Tables: 1},
		slots[1].Start.UnixMilli(): {Tables: 2},
	})
	if len(free) != 1 || !free[0].Start.Equal(slots[2].Start) {
		t.Fatalf("free slots %v, want only the third", free)
	}
}
