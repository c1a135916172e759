package matching

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"duijie/domain"
)

var day = time.Date(2031, 5, 20, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

func at(min int) time.Time { return day.Add(time.Duration(min) * time.Minute) }

func TestMeetingSlots(t *testing.T) {
	sessions := []domain.AgendaSession{
		{Kind: domain.SessionTalk, StartsAt: at(0), EndsAt: at(60)},
		{Kind: domain.SessionMatchmaking, StartsAt: at(120), EndsAt: at(170)}, // two rounds, 10 min left over
		{Kind: domain.SessionMatchmaking, StartsAt: at(60), EndsAt: at(80), Room: "A"},
		{Kind: domain.SessionMatchmaking, StartsAt: at(60), EndsAt: at(80), Room: "B"}, // same round again
	}
	got := MeetingSlots(sessions, 20*time.Minute)
	want := []TimeSlot{{Start: at(60), End: at(80)}, {Start: at(120), End: at(140)}, {Start: at(140), End: at(160)}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("slots = %v, want %v", got, want)
	}
	if n := len(MeetingSlots(sessions, 0)); n != 3 {
		t.Errorf("default length gave %d slots, want 3", n)
	}
}

func meeting(id, a, b string, score float64) domain.Meeting {
	return domain.Meeting{ID: id, RequesterID: a, RecipientID: b, Score: score, Status: domain.MeetingAccepted,
		CreatedAt: day}
}

// placed maps meeting ID to "slot-minute/table".
func placed(s Schedule) map[string]string {
	out := map[string]string{}
	for _, p := range s.Slots {
		out[p.MeetingID] = fmt.Sprintf("%d/%d", int(p.Start.Sub(day).Minutes()), p.Table)
	}
	return out
}

func TestScheduleMeetings(t *testing.T) {
	two := []TimeSlot{{Start: at(0), End: at(20)}, {Start: at(20), End: at(40)}}
	pubStart, pubEnd, pubAt := at(0), at(20), at(-60)
	published := meeting("p", "x", "y", 0.1)
	published.SlotStart, published.SlotEnd, published.Table, published.PublishedAt = &pubStart, &pubEnd, 2, &pubAt
	requested := meeting("r", "a", "b", 9)
	requested.Status = domain.MeetingRequested

	cases := []struct {
		name     string
		meetings []domain.Meeting
		slots    []TimeSlot
		tables   int
		want     map[string]string
		unplaced []string
	}{
		{
			name:     "no enterprise twice in a slot, best score first",
			meetings: []domain.Meeting{meeting("low", "a", "c", 1), meeting("high", "a", "b", 5), meeting("other", "d", "e", 3)},
			slots:    two, tables: 5,
			want:     map[string]string{"high": "0/1", "other": "0/2", "low": "20/1"},
			unplaced: []string{},
		},
		{
			name:     "tables run out",
			meetings: []domain.Meeting{meeting("m1", "a", "b", 3), meeting("m2", "c", "d", 2), meeting("m3", "e", "f", 1)},
			slots:    two[:1], tables: 2,
			want:     map[string]string{"m1": "0/1", "m2": "0/2"},
			unplaced: []string{"m3"},
		},
		{
			name:     "published meetings stay put and block their seats",
			meetings: []domain.Meeting{meeting("new", "x", "z", 9), published},
			slots:    two, tables: 2,
			want:     map[string]string{"p": "0/2", "new": "20/1"},
			unplaced: []string{},
		},
		{
			name:     "only accepted meetings are scheduled",
			meetings: []domain.Meeting{requested},
			slots:    two, tables: 2,
			want:     map[string]string{},
			unplaced: []string{},
		},
		{
			name:     "no matchmaking session",
			meetings: []domain.Meeting{meeting("m1", "a", "b", 1)},
			slots:    nil, tables: 2,
			want:     map[string]string{},
			unplaced: []string{"m1"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := ScheduleMeetings(c.meetings, c.slots, c.tables)
			if got := placed(s); !reflect.DeepEqual(got, c.want) {
				t.Errorf("placed %v, want %v", got, c.want)
			}
			if !reflect.DeepEqual(s.Unplaced, c.unplaced) {
				t.Errorf("unplaced %v, want %v", s.Unplaced, c.unplaced)
			}
		})
	}
}
