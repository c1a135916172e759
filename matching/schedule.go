package matching

import (
	"sort"
	"time"

	"duijie/domain"
)

// DefaultSlotLength and DefaultTables are the scheduler's settings when the organiser gives none:
// 20-minute meetings, as at most B2B matchmaking events, at 20 tables.
const (
	DefaultSlotLength = 20 * time.Minute
	DefaultTables     = 20
)

// TimeSlot is one meeting round cut from a matchmaking session of the agenda.
type TimeSlot struct {
	Start, End time.Time
	Tables     int // tables in this round; 0 means the scheduler's tables argument
}

// MeetingSlots cuts the event's matchmaking sessions into rounds of length, in time order; a
// remainder shorter than length is left unused. Overlapping sessions (two rooms) give their
// rounds once.
func MeetingSlots(sessions []domain.AgendaSession, length time.Duration) []TimeSlot {
	if length <= 0 {
		length = DefaultSlotLength
	}
	seen := map[int64]bool{}
	var out []TimeSlot
	for _, s := range sessions {
		if s.Kind != domain.SessionMatchmaking {
			continue
		}
		for t := s.StartsAt; !t.Add(length).After(s.EndsAt); t = t.Add(length) {
			if seen[t.UnixMilli()] {
				continue
			}
			seen[t.UnixMilli()] = true
			out = append(out, TimeSlot{Start: t, End: t.Add(length)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// Schedule is the scheduler's draft: the placed meetings and the IDs of accepted meetings that
// found no slot.
type Schedule struct {
	Slots    []domain.MeetingSlot `json:"slots"`
	Unplaced []string             `json:"unplaced"`
}

// ScheduleMeetings assigns the accepted meetings to slots × tables greedily, highest match score
// first (then oldest request), each to the earliest slot where neither enterprise already sits
// and a table is free. Meetings already published keep their slot and table, so re-running the
// draft after publishing never moves what members were told. Other statuses are ignored.
func ScheduleMeetings(meetings []domain.Meeting, slots []TimeSlot, tables int) Schedule {
	if tables <= 0 {
		tables = DefaultTables
	}
	type key struct {
		slot int64
		who  string
	}
	busy := map[key]bool{}
	used := map[int64]map[int]bool{} // tables taken per slot start
	take := func(start int64, table int, a, b string) {
		busy[key{start, a}], busy[key{start, b}] = true, true
		if used[start] == nil {
			used[start] = map[int]bool{}
		}
		used[start][table] = true
	}
	out := Schedule{Slots: []domain.MeetingSlot{}, Unplaced: []string{}}
	var pending []domain.Meeting
	for _, m := range meetings {
		if m.Status != domain.MeetingAccepted {
			continue
		}
		if m.PublishedAt != nil && m.Scheduled() {
			take(m.SlotStart.UnixMilli(), m.Table, m.RequesterID, m.RecipientID)
			out.Slots = append(out.Slots, domain.MeetingSlot{MeetingID: m.ID, Start: *m.SlotStart,
				End: *m.SlotEnd, Table: m.Table})
			continue
		}
		pending = append(pending, m)
	}
	sort.SliceStable(pending, func(i, j int) bool {
		a, b := pending[i], pending[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
	for _, m := range pending {
		placed := false
		for _, s := range slots {
			at := s.Start.UnixMilli()
			if busy[key{at, m.RequesterID}] || busy[key{at, m.RecipientID}] {
				continue
			}
			n := s.Tables
			if n <= 0 {
				n = tables
			}
			table := 0
			for t := 1; t <= n; t++ {
				if !used[at][t] {
					table = t
					break
				}
			}
			if table == 0 {
				continue
			}
			take(at, table, m.RequesterID, m.RecipientID)
			out.Slots = append(out.Slots, domain.MeetingSlot{MeetingID: m.ID, Start: s.Start, End: s.End, Table: table})
			placed = true
			break
		}
		if !placed {
			out.Unplaced = append(out.Unplaced, m.ID)
		}
	}
	sort.SliceStable(out.Slots, func(i, j int) bool {
		if !out.Slots[i].Start.Equal(out.Slots[j].Start) {
			return out.Slots[i].Start.Before(out.Slots[j].Start)
		}
		return out.Slots[i].Table < out.Slots[j].Table
	})
	return out
}
