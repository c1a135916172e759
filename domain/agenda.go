package domain

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// SessionKind is what happens in an agenda slot.
type SessionKind string

// Agenda slot kinds.
const (
	SessionTalk        SessionKind = "talk"
	SessionMatchmaking SessionKind = "matchmaking"
	SessionBreak       SessionKind = "break"
)

// SessionKinds lists the slot kinds in display order.
var SessionKinds = []SessionKind{SessionTalk, SessionMatchmaking, SessionBreak}

// Limits of agenda fields.
const (
	MaxAgendaSessions = 500
	MaxSpeakers       = 20
	MaxAgendaText     = 200
)

// Speaker is a person on an agenda slot.
type Speaker struct {
	Name         string `json:"name"`
	Position     string `json:"position"`
	Organisation string `json:"organisation"`
}

// AgendaSession is one slot of an event's agenda (named so to keep it apart from a browser Session).
type AgendaSession struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// TitleEn is shown on English pages; empty means the Chinese title.
	TitleEn  string      `json:"titleEn,omitempty"`
	StartsAt time.Time   `json:"startsAt"`
	EndsAt   time.Time   `json:"endsAt"`
	Room     string      `json:"room"`
	Track    string      `json:"track"`
	Kind     SessionKind `json:"kind"`
	Speakers []Speaker   `json:"speakers"`
}

// ValidateAgenda normalises sessions in place and checks them against the event: each inside the
// event's dates (in its zone), ending after it starts, and no two overlapping in one room. Field
// names are "sessions[i].field" so a form can point at the row. It also gives new rows an ID and
// sorts the agenda by start, room and title.
func ValidateAgenda(e *Event, sessions []AgendaSession) error {
	v := &ValidationError{}
	if len(sessions) > MaxAgendaSessions {
		v.Add("sessions", "agenda_too_many", MaxAgendaSessions)
		return v
	}
	loc := e.Location()
	firstDay, lastDay := dayStart(e.StartsAt.In(loc)), dayStart(e.EndsAt.In(loc)).AddDate(0, 0, 1)
	for i := range sessions {
		s := &sessions[i]
		f := func(name string) string { return fmt.Sprintf("sessions[%d].%s", i, name) }
		s.Title = strings.TrimSpace(s.Title)
		s.Room = strings.TrimSpace(s.Room)
		s.Track = strings.TrimSpace(s.Track)
		if s.ID == "" || !ValidID(s.ID) {
			s.ID = NewID()
		}
		textField(v, f("title"), s.Title, true, MaxAgendaText)
		textField(v, f("room"), s.Room, false, MaxAgendaText)
		textField(v, f("track"), s.Track, false, MaxAgendaText)
		switch s.Kind {
		case SessionTalk, SessionMatchmaking, SessionBreak:
		case "":
			s.Kind = SessionTalk
		default:
			v.Add(f("kind"), "one_of", "talk, matchmaking, break")
		}
		switch {
		case s.StartsAt.IsZero():
			v.Add(f("startsAt"), "required")
		case s.EndsAt.IsZero():
			v.Add(f("endsAt"), "required")
		case !s.EndsAt.After(s.StartsAt):
			v.Add(f("endsAt"), "event_end_before_start")
		case s.StartsAt.Before(firstDay) || s.EndsAt.After(lastDay):
			v.Add(f("startsAt"), "agenda_outside_event")
		}
		if len(s.Speakers) > MaxSpeakers {
			v.Add(f("speakers"), "agenda_too_many_speakers", MaxSpeakers)
		}
		if s.Speakers == nil {
			s.Speakers = []Speaker{}
		}
		for j := range s.Speakers {
			sp := &s.Speakers[j]
			sp.Name = strings.TrimSpace(sp.Name)
			sp.Position = strings.TrimSpace(sp.Position)
			sp.Organisation = strings.TrimSpace(sp.Organisation)
			sf := fmt.Sprintf("sessions[%d].speakers[%d].", i, j)
			textField(v, sf+"name", sp.Name, true, MaxNameLength)
			textField(v, sf+"position", sp.Position, false, MaxAgendaText)
			textField(v, sf+"organisation", sp.Organisation, false, MaxAgendaText)
		}
	}
	checkRoomOverlaps(v, sessions)
	if err := v.Err(); err != nil {
		return err
	}
	SortAgenda(sessions)
	return nil
}

// checkRoomOverlaps reports the later of two sessions that share a room and time.
func checkRoomOverlaps(v *ValidationError, sessions []AgendaSession) {
	byRoom := map[string][]int{}
	for i, s := range sessions {
		if s.Room == "" || s.StartsAt.IsZero() || !s.EndsAt.After(s.StartsAt) {
			continue // a slot without a room (a plenary break) occupies no room
		}
		key := strings.ToLower(s.Room)
		byRoom[key] = append(byRoom[key], i)
	}
	for _, idx := range byRoom {
		sort.Slice(idx, func(a, b int) bool { return sessions[idx[a]].StartsAt.Before(sessions[idx[b]].StartsAt) })
		for k := 1; k < len(idx); k++ {
			prev, cur := sessions[idx[k-1]], sessions[idx[k]]
			if cur.StartsAt.Before(prev.EndsAt) {
				v.Add(fmt.Sprintf("sessions[%d].startsAt", idx[k]), "agenda_room_overlap", cur.Room, prev.Title)
			}
		}
	}
}

// SortAgenda orders sessions by start, then room, then title: the order pages and calendars use.
func SortAgenda(sessions []AgendaSession) {
	sort.SliceStable(sessions, func(a, b int) bool {
		x, y := sessions[a], sessions[b]
		if !x.StartsAt.Equal(y.StartsAt) {
			return x.StartsAt.Before(y.StartsAt)
		}
		if x.Room != y.Room {
			return x.Room < y.Room
		}
		return x.Title < y.Title
	})
}

// AgendaDay is one local day of an agenda, split into tracks for display.
type AgendaDay struct {
	Date   time.Time // midnight in the event's zone
	Tracks []AgendaTrack
}

// AgendaTrack is the sessions of one track on one day; Name "" is the main programme.
type AgendaTrack struct {
	Name     string
	Sessions []AgendaSession
}

// GroupAgenda groups the sessions by local day and track, in start order, with the untracked
// main programme first and the other tracks by name.
func GroupAgenda(e *Event) []AgendaDay {
	loc := e.Location()
	sessions := append([]AgendaSession(nil), e.Sessions...)
	SortAgenda(sessions)
	var days []AgendaDay
	for _, s := range sessions {
		d := dayStart(s.StartsAt.In(loc))
		if len(days) == 0 || !days[len(days)-1].Date.Equal(d) {
			days = append(days, AgendaDay{Date: d})
		}
		day := &days[len(days)-1]
		ti := -1
		for i := range day.Tracks {
			if day.Tracks[i].Name == s.Track {
				ti = i
				break
			}
		}
		if ti < 0 {
			day.Tracks = append(day.Tracks, AgendaTrack{Name: s.Track})
			ti = len(day.Tracks) - 1
		}
		s.StartsAt, s.EndsAt = s.StartsAt.In(loc), s.EndsAt.In(loc)
		day.Tracks[ti].Sessions = append(day.Tracks[ti].Sessions, s)
	}
	for i := range days {
		sort.SliceStable(days[i].Tracks, func(a, b int) bool {
			x, y := days[i].Tracks[a].Name, days[i].Tracks[b].Name
			if (x == "") != (y == "") {
				return x == ""
			}
			return x < y
		})
	}
	return days
}
