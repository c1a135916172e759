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

// ScheduleGreedy is the baseline scheduler, kept to measure ScheduleMeetings against: the
// accepted meetings, highest match score first (then oldest request), each to the earliest slot
// where neither enterprise already sits and a table is free. Published meetings keep their slot
// and table. Other statuses are ignored.
func ScheduleGreedy(meetings []domain.Meeting, slots []TimeSlot, tables int) Schedule {
	b := newBoard(meetings, slots, tables)
	for _, i := range b.pending {
		if !b.placeEarliest(i) {
			b.unplaced = append(b.unplaced, i)
		}
	}
	return b.result()
}

// ScheduleMeetings assigns the accepted meetings to slots × tables: first greedily, highest
// match score first, each to the earliest slot where neither enterprise already sits and a table
// is free; then it repairs what did not fit, in the same order: a meeting blocked in a slot with
// a free table by one side's other meeting moves that meeting to another slot where both its
// sides are free, and takes the freed place. Published meetings (told to the members, or
// booked by them) never move and keep their table; re-running the draft never moves what
// members were told. Other statuses are ignored.
func ScheduleMeetings(meetings []domain.Meeting, slots []TimeSlot, tables int) Schedule {
	b := newBoard(meetings, slots, tables)
	var left []int
	for _, i := range b.pending {
		if !b.placeEarliest(i) {
			left = append(left, i)
		}
	}
	for _, i := range left {
		if !b.repair(i) {
			b.unplaced = append(b.unplaced, i)
		}
	}
	return b.result()
}

// board is the scheduler's working state: which firm sits where and which tables are taken,
// by slot index, with firms numbered densely so lookups are slice reads.
type board struct {
	ms       []domain.Meeting
	slots    []TimeSlot
	tables   []int     // per slot
	free     []int     // tables left per slot
	taken    [][]bool  // per slot, per table number (1-based)
	occupant [][]int32 // per slot, per table: meeting index + 1, 0 when free
	firm     [][2]int  // per meeting: the two firm numbers
	sitting  []int32   // slot*nFirms+firm → meeting index + 1, 0 when free
	nFirms   int
	at       []int  // per meeting: slot index, -1 when not placed
	table    []int  // per meeting
	fixed    []bool // published: never moves
	pending  []int  // meetings to place, in priority order
	unplaced []int
	extra    []domain.MeetingSlot // published meetings outside the given slots
}

func newBoard(meetings []domain.Meeting, slots []TimeSlot, tables int) *board {
	if tables <= 0 {
		tables = DefaultTables
	}
	b := &board{slots: slots}
	bySlot := make(map[int64]int, len(slots))
	for k, s := range slots {
		bySlot[s.Start.UnixMilli()] = k
		n := s.Tables
		if n <= 0 {
			n = tables
		}
		b.tables = append(b.tables, n)
		b.free = append(b.free, n)
		b.taken = append(b.taken, make([]bool, n+1))
		b.occupant = append(b.occupant, make([]int32, n+1))
	}
	ids := map[string]int{}
	num := func(id string) int {
		if n, ok := ids[id]; ok {
			return n
		}
		ids[id] = len(ids)
		return ids[id]
	}
	for _, m := range meetings {
		if m.Status != domain.MeetingAccepted {
			continue
		}
		b.ms = append(b.ms, m)
		b.firm = append(b.firm, [2]int{num(m.RequesterID), num(m.RecipientID)})
	}
	b.nFirms = len(ids)
	b.sitting = make([]int32, len(slots)*b.nFirms)
	b.at, b.table, b.fixed = make([]int, len(b.ms)), make([]int, len(b.ms)), make([]bool, len(b.ms))
	for i := range b.ms {
		b.at[i] = -1
		m := &b.ms[i]
		if m.PublishedAt == nil || !m.Scheduled() {
			b.pending = append(b.pending, i)
			continue
		}
		b.fixed[i] = true
		k, ok := bySlot[m.SlotStart.UnixMilli()]
		if !ok {
			b.extra = append(b.extra, domain.MeetingSlot{MeetingID: m.ID, Start: *m.SlotStart, End: *m.SlotEnd, Table: m.Table})
			continue
		}
		b.put(i, k, m.Table)
	}
	sort.SliceStable(b.pending, func(x, y int) bool {
		p, q := &b.ms[b.pending[x]], &b.ms[b.pending[y]]
		if p.Score != q.Score {
			return p.Score > q.Score
		}
		if !p.CreatedAt.Equal(q.CreatedAt) {
			return p.CreatedAt.Before(q.CreatedAt)
		}
		return p.ID < q.ID
	})
	return b
}

// put seats meeting i at slot k and table t (t already chosen free, or a published table).
func (b *board) put(i, k, t int) {
	b.at[i], b.table[i] = k, t
	for _, f := range b.firm[i] {
		b.sitting[k*b.nFirms+f] = int32(i + 1)
	}
	if t >= 1 && t < len(b.taken[k]) && !b.taken[k][t] {
		b.taken[k][t] = true
		b.occupant[k][t] = int32(i + 1)
		b.free[k]--
	}
}

// lift takes meeting i off its slot.
func (b *board) lift(i int) {
	k, t := b.at[i], b.table[i]
	for _, f := range b.firm[i] {
		b.sitting[k*b.nFirms+f] = 0
	}
	if t >= 1 && t < len(b.taken[k]) && b.taken[k][t] && b.occupant[k][t] == int32(i+1) {
		b.taken[k][t] = false
		b.occupant[k][t] = 0
		b.free[k]++
	}
	b.at[i], b.table[i] = -1, 0
}

func (b *board) firmFree(k, f int) bool { return b.sitting[k*b.nFirms+f] == 0 }

// lowestTable is the lowest free table of slot k.
func (b *board) lowestTable(k int) int {
	for t := 1; t < len(b.taken[k]); t++ {
		if !b.taken[k][t] {
			return t
		}
	}
	return 0
}

// fits reports whether meeting i can sit at slot k: both sides free and a table left.
func (b *board) fits(i, k int) bool {
	return b.free[k] > 0 && b.firmFree(k, b.firm[i][0]) && b.firmFree(k, b.firm[i][1])
}

func (b *board) placeEarliest(i int) bool {
	for k := range b.slots {
		if b.fits(i, k) {
			b.put(i, k, b.lowestTable(k))
			return true
		}
	}
	return false
}

// repair seats meeting i at a slot with a free table where one side is held by a movable
// meeting that fits elsewhere: that meeting moves, i takes the slot.
func (b *board) repair(i int) bool {
	for k := range b.slots {
		if b.free[k] == 0 {
			continue
		}
		var blocker = -1
		ok := true
		for _, f := range b.firm[i] {
			if s := b.sitting[k*b.nFirms+f]; s != 0 {
				if blocker >= 0 && blocker != int(s-1) {
					ok = false // both sides held, by two meetings: one move is not enough
				}
				blocker = int(s - 1)
			}
		}
		if !ok || blocker < 0 || b.fixed[blocker] {
			continue
		}
		from := b.at[blocker]
		b.lift(blocker)
		moved := false
		for k2 := range b.slots {
			if k2 != from && k2 != k && b.fits(blocker, k2) {
				b.put(blocker, k2, b.lowestTable(k2))
				moved = true
				break
			}
		}
		if !moved {
			b.put(blocker, from, b.lowestTable(from))
			continue
		}
		if b.fits(i, k) {
			b.put(i, k, b.lowestTable(k))
			return true
		}
		// Both sides were held by the same meeting and something else now blocks: undo.
		b.lift(blocker)
		b.put(blocker, from, b.lowestTable(from))
	}
	return false
}

func (b *board) result() Schedule {
	out := Schedule{Slots: []domain.MeetingSlot{}, Unplaced: []string{}}
	for i := range b.ms {
		if k := b.at[i]; k >= 0 {
			s := b.slots[k]
			out.Slots = append(out.Slots, domain.MeetingSlot{MeetingID: b.ms[i].ID, Start: s.Start, End: s.End, Table: b.table[i]})
		}
	}
	out.Slots = append(out.Slots, b.extra...)
	for _, i := range b.unplaced {
		out.Unplaced = append(out.Unplaced, b.ms[i].ID)
	}
	sort.SliceStable(out.Slots, func(i, j int) bool {
		if !out.Slots[i].Start.Equal(out.Slots[j].Start) {
			return out.Slots[i].Start.Before(out.Slots[j].Start)
		}
		return out.Slots[i].Table < out.Slots[j].Table
	})
	return out
}
