package domain

import (
	"testing"
	"time"
)

func TestValidateAgenda(t *testing.T) {
	e := validEvent()
	e.Normalize()
	loc := e.Location()
	at := func(day, h, m int) time.Time { return time.Date(2026, 9, day, h, m, 0, 0, loc) }
	s := func(title, room string, start, end time.Time) AgendaSession {
		return AgendaSession{Title: title, Room: room, StartsAt: start, EndsAt: end, Kind: SessionTalk}
	}
	for _, tc := range []struct {
		name, field, key string
		sessions         []AgendaSession
	}{
		{"empty agenda", "", "", nil},
		{"two rooms same time", "", "", []AgendaSession{
			s("主论坛", "A厅", at(20, 9, 0), at(20, 10, 0)), s("分论坛", "B厅", at(20, 9, 0), at(20, 10, 0))}},
		{"back to back in one room", "", "", []AgendaSession{
			s("一", "A厅", at(20, 9, 0), at(20, 10, 0)), s("二", "A厅", at(20, 10, 0), at(20, 11, 0))}},
		{"second day early morning is inside the dates", "", "", []AgendaSession{s("早餐会", "", at(21, 7, 30), at(21, 8, 30))}},
		{"title required", "sessions[0].title", "required", []AgendaSession{s("", "A厅", at(20, 9, 0), at(20, 10, 0))}},
		{"end before start", "sessions[0].endsAt", "event_end_before_start", []AgendaSession{s("倒挂", "A厅", at(20, 10, 0), at(20, 9, 0))}},
		{"before the event", "sessions[0].startsAt", "agenda_outside_event", []AgendaSession{s("早", "A厅", at(19, 9, 0), at(19, 10, 0))}},
		{"after the event", "sessions[0].startsAt", "agenda_outside_event", []AgendaSession{s("晚", "A厅", at(21, 23, 0), at(22, 1, 0))}},
		{"overlap in one room", "sessions[1].startsAt", "agenda_room_overlap", []AgendaSession{
			s("一", "A厅", at(20, 9, 0), at(20, 10, 0)), s("二", "a厅 ", at(20, 9, 30), at(20, 11, 0))}},
		{"overlap reported on the later one", "sessions[0].startsAt", "agenda_room_overlap", []AgendaSession{
			s("二", "A厅", at(20, 9, 30), at(20, 11, 0)), s("一", "A厅", at(20, 9, 0), at(20, 10, 0))}},
		{"unknown kind", "sessions[0].kind", "one_of", []AgendaSession{{Title: "x", StartsAt: at(20, 9, 0), EndsAt: at(20, 10, 0), Kind: "party"}}},
		{"speaker without name", "sessions[0].speakers[1].name", "required", []AgendaSession{{Title: "x", StartsAt: at(20, 9, 0), EndsAt: at(20, 10, 0),
			Speakers: []Speaker{{Name: "王总"}, {Organisation: "某公司"}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateAgenda(e, tc.sessions)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("ValidateAgenda = %v", err)
				}
				for _, x := range tc.sessions {
					if !ValidID(x.ID) || x.Kind == "" || x.Speakers == nil {
						t.Fatalf("session not normalised: %+v", x)
					}
				}
				return
			}
			if got := fieldKey(err, tc.field); got != tc.key {
				t.Fatalf("ValidateAgenda = %v, want %s: %s", err, tc.field, tc.key)
			}
		})
	}
}

func TestGroupAgenda(t *testing.T) {
	e := validEvent()
	e.Normalize()
	loc := e.Location()
	at := func(day, h int) time.Time { return time.Date(2026, 9, day, h, 0, 0, 0, loc) }
	e.Sessions = []AgendaSession{
		{Title: "对接会", Track: "供需对接", StartsAt: at(21, 9).UTC(), EndsAt: at(21, 10).UTC()},
		{Title: "主旨演讲", StartsAt: at(20, 10).UTC(), EndsAt: at(20, 11).UTC()},
		{Title: "开幕式", StartsAt: at(20, 9).UTC(), EndsAt: at(20, 10).UTC()},
		{Title: "EDA 分论坛", Track: "设计", StartsAt: at(20, 14).UTC(), EndsAt: at(20, 15).UTC()},
		// 01:00 on the 21st in Wuxi is still the 20th in UTC: grouping must use the event's zone.
		{Title: "夜场", Track: "设计", StartsAt: at(21, 1).UTC(), EndsAt: at(21, 2).UTC()},
	}
	days := GroupAgenda(e)
	if len(days) != 2 {
		t.Fatalf("days = %d, want 2", len(days))
	}
	d1 := days[0]
	if d1.Date.Day() != 20 || len(d1.Tracks) != 2 || d1.Tracks[0].Name != "" || d1.Tracks[1].Name != "设计" {
		t.Fatalf("day 1 = %+v", d1)
	}
	if d1.Tracks[0].Sessions[0].Title != "开幕式" || d1.Tracks[0].Sessions[0].StartsAt.Location().String() != loc.String() {
		t.Fatalf("main track order or zone wrong: %+v", d1.Tracks[0].Sessions)
	}
	d2 := days[1]
	if d2.Date.Day() != 21 || len(d2.Tracks) != 2 || d2.Tracks[0].Name != "供需对接" || d2.Tracks[1].Sessions[0].Title != "夜场" {
		t.Fatalf("day 2 = %+v", d2)
	}
}
