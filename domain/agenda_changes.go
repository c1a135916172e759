package domain

import (
	"strings"
	"time"
)

// Agenda change fields: "session.<aspect>:<session id>:<title>". The ID lets a reader find the
// session's title in its own language; the title stored with it names a session since dropped.
const (
	SessionMoved    = "session.time"     // Old and New: when, in the event's zone
	SessionRoom     = "session.room"     // Old and New: the room
	SessionSpeakers = "session.speakers" // Old and New: the speakers' names
	SessionAdded    = "session.added"    // New: when and where
	SessionDropped  = "session.removed"  // Old: when and where
)

// AgendaChanges lists what attendees must be told when a published event's agenda goes from
// old to updated: a session moved in time or to another room, its speakers changed, a session
// was added or dropped. Sessions are matched by ID. Titles, tracks and kinds are the
// programme's wording, nothing anyone travels or plans by, so they make no change. Drafts
// change freely, since nobody has registered yet (as NoticeChanges).
func AgendaChanges(e *Event, old, updated []AgendaSession, by string, at time.Time) []EventChange {
	if e == nil || e.Status != EventPublished {
		return nil
	}
	loc := e.Location()
	var out []EventChange
	add := func(aspect string, s *AgendaSession, o, n string) {
		if o == n {
			return
		}
		out = append(out, EventChange{ID: NewID(), EventID: e.ID, Field: aspect + ":" + s.ID + ":" + s.Title,
			Old: o, New: n, At: at, By: by})
	}
	before := make(map[string]*AgendaSession, len(old))
	for i := range old {
		before[old[i].ID] = &old[i]
	}
	kept := make(map[string]bool, len(updated))
	for i := range updated {
		s := &updated[i]
		kept[s.ID] = true
		was, ok := before[s.ID]
		if !ok || s.ID == "" {
			add(SessionAdded, s, "", sessionPlace(s, loc))
			continue
		}
		add(SessionMoved, s, SessionWhen(was, loc), SessionWhen(s, loc))
		add(SessionRoom, s, was.Room, s.Room)
		add(SessionSpeakers, s, speakerNames(was.Speakers), speakerNames(s.Speakers))
	}
	for i := range old {
		if s := &old[i]; !kept[s.ID] || s.ID == "" {
			add(SessionDropped, s, sessionPlace(s, loc), "")
		}
	}
	return out
}

// SessionChange reads an agenda change's field: the aspect (SessionMoved…), the session's ID
// and its title when the change was recorded. ok is false for a change of the event itself.
func SessionChange(field string) (aspect, id, title string, ok bool) {
	if !strings.HasPrefix(field, "session.") {
		return "", "", "", false
	}
	parts := strings.SplitN(field, ":", 3)
	if len(parts) != 3 {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// SessionWhen is a session's time in the zone, as people at the venue read it:
// "2026-05-12 09:00–10:30 (UTC+08:00)"; a session over midnight names both days.
func SessionWhen(s *AgendaSession, loc *time.Location) string {
	from, until := s.StartsAt.In(loc), s.EndsAt.In(loc)
	end := until.Format("15:04")
	if until.Format("2006-01-02") != from.Format("2006-01-02") {
		end = until.Format("2006-01-02 15:04")
	}
	return from.Format("2006-01-02 15:04") + "–" + end + " (UTC" + from.Format("-07:00") + ")"
}

// sessionPlace is when and where a session is, for one that came or went.
func sessionPlace(s *AgendaSession, loc *time.Location) string {
	if s.Room == "" {
		return SessionWhen(s, loc)
	}
	return SessionWhen(s, loc) + ", " + s.Room
}

func speakerNames(ss []Speaker) string {
	names := make([]string, 0, len(ss))
	for _, s := range ss {
		if n := strings.TrimSpace(s.Name); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, "、")
}
