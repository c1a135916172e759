package domain

import (
	"fmt"
	"sort"
	"time"
)

// Bounds of the organiser's meeting windows.
const (
	MinSlotMinutes     = 5
	MaxSlotMinutes     = 240
	MaxMeetingTables   = 500
	MaxMeetingWindows  = 62 // two a day over the longest event
	MaxBreaksPerWindow = 10
	// DefaultSlotMinutes and DefaultMeetingTables fill a window that names none: 20-minute
	// meetings at 20 tables, as at most B2B matchmaking events.
	DefaultSlotMinutes   = 20
	DefaultMeetingTables = 20
)

// MeetingBreak is a pause inside a meeting window (lunch, a keynote everyone attends).
type MeetingBreak struct {
	From  time.Time `json:"from"`
	Until time.Time `json:"until"`
}

// MeetingWindow is one stretch of a day given to 1:1 meetings: slots of Minutes from From,
// each at Tables tables, skipping every slot that overlaps a break.
type MeetingWindow struct {
	From    time.Time      `json:"from"`
	Until   time.Time      `json:"until"`
	Minutes int            `json:"minutes"`
	Tables  int            `json:"tables"`
	Breaks  []MeetingBreak `json:"breaks"`
}

// SlotTime is one bookable meeting round and how many tables it has.
type SlotTime struct {
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Tables int       `json:"tables"`
}

// ValidateMeetingWindows normalises ws (defaults, order by start) and checks them against the
// event: inside its dates, no two windows overlapping, breaks inside their window, sizes in range.
// Problems name the field as meetingSlots[i].from and so on.
func ValidateMeetingWindows(e *Event, ws []MeetingWindow) error {
	v := &ValidationError{}
	if len(ws) > MaxMeetingWindows {
		v.Add("meetingSlots", "too_many", MaxMeetingWindows)
		return v
	}
	for i := range ws {
		w := &ws[i]
		f := func(name string) string { return fmt.Sprintf("meetingSlots[%d].%s", i, name) }
		if w.Minutes == 0 {
			w.Minutes = DefaultSlotMinutes
		}
		if w.Tables == 0 {
			w.Tables = DefaultMeetingTables
		}
		if w.Breaks == nil {
			w.Breaks = []MeetingBreak{}
		}
		switch {
		case w.From.IsZero():
			v.Add(f("from"), "required")
		case w.From.Before(e.StartsAt) || w.From.After(e.EndsAt):
			v.Add(f("from"), "meet2_window_outside")
		}
		switch {
		case w.Until.IsZero():
			v.Add(f("until"), "required")
		case !w.Until.After(w.From):
			v.Add(f("until"), "meet2_window_order")
		case w.Until.After(e.EndsAt):
			v.Add(f("until"), "meet2_window_outside")
		case w.Until.Sub(w.From) > 24*time.Hour:
			v.Add(f("until"), "meet2_window_day")
		}
		if w.Minutes < MinSlotMinutes || w.Minutes > MaxSlotMinutes {
			v.Add(f("minutes"), "meeting_range", MinSlotMinutes, MaxSlotMinutes)
		}
		if w.Tables < 1 || w.Tables > MaxMeetingTables {
			v.Add(f("tables"), "meeting_range", 1, MaxMeetingTables)
		}
		if len(w.Breaks) > MaxBreaksPerWindow {
			v.Add(f("breaks"), "too_many", MaxBreaksPerWindow)
		}
		for j, b := range w.Breaks {
			if !b.Until.After(b.From) || b.From.Before(w.From) || b.Until.After(w.Until) {
				v.Add(fmt.Sprintf("meetingSlots[%d].breaks[%d]", i, j), "meet2_break_outside")
			}
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	order := make([]int, len(ws))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ws[order[a]].From.Before(ws[order[b]].From) })
	for k := 1; k < len(order); k++ {
		if ws[order[k]].From.Before(ws[order[k-1]].Until) {
			v.Add(fmt.Sprintf("meetingSlots[%d].from", order[k]), "meet2_window_overlap")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	sort.SliceStable(ws, func(a, b int) bool { return ws[a].From.Before(ws[b].From) })
	return nil
}

// Slots cuts the windows into meeting rounds in time order. A remainder shorter than a slot is
// left unused, and a slot that overlaps a break is skipped (the next one starts after the break).
func Slots(ws []MeetingWindow) []SlotTime {
	var out []SlotTime
	for _, w := range ws {
		length := time.Duration(w.Minutes) * time.Minute
		if length <= 0 {
			continue
		}
		for t := w.From; !t.Add(length).After(w.Until); {
			end := t.Add(length)
			if b, ok := overlapsBreak(w.Breaks, t, end); ok {
				t = b
				continue
			}
			out = append(out, SlotTime{Start: t, End: end, Tables: w.Tables})
			t = end
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// overlapsBreak says whether [from, to) overlaps a break and, if so, when that break ends.
func overlapsBreak(bs []MeetingBreak, from, to time.Time) (time.Time, bool) {
	for _, b := range bs {
		if from.Before(b.Until) && b.From.Before(to) {
			return b.Until, true
		}
	}
	return time.Time{}, false
}

// FindSlot returns the slot that starts exactly at start.
func FindSlot(slots []SlotTime, start time.Time) (SlotTime, bool) {
	i := sort.Search(len(slots), func(i int) bool { return !slots[i].Start.Before(start) })
	if i < len(slots) && slots[i].Start.Equal(start) {
		return slots[i], true
	}
	return SlotTime{}, false
}

// SlotBusy is what the store knows of one slot: the firms already sitting in it and how many
// tables are taken.
type SlotBusy struct {
	Firms  map[string]bool
	Tables int
}

// CheckSlotRequest decides whether a meeting of a and b may be booked at start: the slot must be
// one of the event's, not begun at now, with neither firm already in it and a table left. The
// problems name slotStart, as the request field.
func CheckSlotRequest(slots []SlotTime, start, now time.Time, a, b string, busy SlotBusy) (SlotTime, error) {
	s, ok := FindSlot(slots, start)
	if !ok {
		return SlotTime{}, Invalid("slotStart", "meet2_slot_unknown")
	}
	if !now.Before(s.Start) {
		return SlotTime{}, Invalid("slotStart", "meet2_slot_past")
	}
	if busy.Firms[a] || busy.Firms[b] {
		return SlotTime{}, Conflict("slotStart", "meet2_slot_busy")
	}
	if busy.Tables >= s.Tables {
		return SlotTime{}, Conflict("slotStart", "meet2_slot_full")
	}
	return s, nil
}

// FreeSlots lists the future slots where neither a nor b sits yet and a table is left: what a
// member may pick when asking b for a meeting.
func FreeSlots(slots []SlotTime, now time.Time, a, b string, busy map[int64]SlotBusy) []SlotTime {
	out := []SlotTime{}
	for _, s := range slots {
		x := busy[s.Start.UnixMilli()]
		if now.Before(s.Start) && !x.Firms[a] && !x.Firms[b] && x.Tables < s.Tables {
			out = append(out, s)
		}
	}
	return out
}
