package matching

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"duijie/domain"
)

// benchSchedule is the scheduler benchmark's input: firms firms, meetings accepted meetings
// between them (a few popular firms, as chain leaders are, get more), days × rounds slots of
// 20 minutes at tables tables each. The seed fixes the instance.
func benchSchedule(firms, meetings, days, rounds, tables int, seed uint64) ([]domain.Meeting, []TimeSlot) {
	r := rand.New(rand.NewPCG(seed, 7))
	base := time.Date(2026, 9, 20, 1, 0, 0, 0, time.UTC)
	var slots []TimeSlot
	for d := 0; d < days; d++ {
		for k := 0; k < rounds; k++ {
			s := base.AddDate(0, 0, d).Add(time.Duration(k) * 20 * time.Minute)
			slots = append(slots, TimeSlot{Start: s, End: s.Add(20 * time.Minute), Tables: tables})
		}
	}
	firm := func() int {
		if r.IntN(4) == 0 {
			return r.IntN(firms / 10) // a quarter of the requests go to the top tenth
		}
		return r.IntN(firms)
	}
	seen := map[[2]int]bool{}
	var ms []domain.Meeting
	for len(ms) < meetings {
		a, b := firm(), firm()
		if a == b || seen[[2]int{a, b}] || seen[[2]int{b, a}] {
			continue
		}
		seen[[2]int{a, b}] = true
		ms = append(ms, domain.Meeting{ID: fmt.Sprintf("m%05d", len(ms)), RequesterID: fmt.Sprintf("f%04d", a),
			RecipientID: fmt.Sprintf("f%04d", b), Score: r.Float64() * 10, Status: domain.MeetingAccepted,
			CreatedAt: base.Add(-time.Duration(len(ms)) * time.Minute)})
	}
	return ms, slots
}

// checkSchedule counts double bookings: a firm twice in one slot, a table twice in one slot,
// a table beyond the slot's count, a meeting placed twice or not accepted.
func checkSchedule(ms []domain.Meeting, slots []TimeSlot, s Schedule) int {
	byID := map[string]*domain.Meeting{}
	for i := range ms {
		byID[ms[i].ID] = &ms[i]
	}
	tables := map[int64]int{}
	for _, t := range slots {
		tables[t.Start.UnixMilli()] = t.Tables
	}
	conflicts := 0
	firmAt, tableAt, placed := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range s.Slots {
		m := byID[p.MeetingID]
		at := p.Start.UnixMilli()
		if m == nil || placed[p.MeetingID] || p.Table < 1 || p.Table > tables[at] {
			conflicts++
			continue
		}
		placed[p.MeetingID] = true
		for _, k := range []string{fmt.Sprint(at, m.RequesterID), fmt.Sprint(at, m.RecipientID)} {
			if firmAt[k] {
				conflicts++
			}
			firmAt[k] = true
		}
		if k := fmt.Sprint(at, "/", p.Table); tableAt[k] {
			conflicts++
		} else {
			tableAt[k] = true
		}
	}
	return conflicts
}

// scoreShare is the placed meetings' share of all meetings' match scores.
func scoreShare(ms []domain.Meeting, s Schedule) float64 {
	placed := map[string]bool{}
	for _, p := range s.Slots {
		placed[p.MeetingID] = true
	}
	var all, got float64
	for _, m := range ms {
		all += m.Score
		if placed[m.ID] {
			got += m.Score
		}
	}
	return got / all
}

func TestScheduleNeverDoubleBooks(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		ms, slots := benchSchedule(60, 400, 1, 8, 12, seed)
		// A few published meetings the scheduler must leave in place.
		for i := 0; i < 5; i++ {
			pub := slots[i].Start
			end, at := slots[i].End, pub
			ms[i*7].SlotStart, ms[i*7].SlotEnd, ms[i*7].Table, ms[i*7].PublishedAt = &pub, &end, 1, &at
		}
		greedy, best := ScheduleGreedy(ms, slots, 0), ScheduleMeetings(ms, slots, 0)
		if c := checkSchedule(ms, slots, best); c != 0 {
			t.Fatalf("seed %d: %d conflicts", seed, c)
		}
		if c := checkSchedule(ms, slots, greedy); c != 0 {
			t.Fatalf("seed %d: greedy %d conflicts", seed, c)
		}
		if len(best.Slots) < len(greedy.Slots) {
			t.Fatalf("seed %d: placed %d, fewer than greedy's %d", seed, len(best.Slots), len(greedy.Slots))
		}
		if len(best.Slots)+len(best.Unplaced) != len(ms) {
			t.Fatalf("seed %d: %d placed + %d unplaced of %d", seed, len(best.Slots), len(best.Unplaced), len(ms))
		}
		for _, p := range best.Slots {
			for i := 0; i < 5; i++ {
				if p.MeetingID == ms[i*7].ID && (!p.Start.Equal(*ms[i*7].SlotStart) || p.Table != 1) {
					t.Fatalf("seed %d: published meeting moved", seed)
				}
			}
		}
	}
}

// BenchmarkSchedule is the figure of BENCHMARKS.md: 500 firms, 3,000 accepted requests,
// 2 days × 16 rounds × 60 tables (1,920 places: at most 64% of the requests can be placed).
// tables=100 is the same requests with 3,200 places; rounds=12 the same firms with 12 rounds
// of one day at 200 tables, where the firms' own agendas bind instead of the tables.
func BenchmarkSchedule(b *testing.B) {
	for _, v := range []struct{ days, rounds, tables int }{{2, 16, 60}, {2, 16, 100}, {1, 12, 200}} {
		ms, slots := benchSchedule(500, 3000, v.days, v.rounds, v.tables, 42)
		tables := fmt.Sprintf("%dx%d", v.days*v.rounds, v.tables)
		for _, c := range []struct {
			name string
			run  func([]domain.Meeting, []TimeSlot, int) Schedule
		}{{"greedy", ScheduleGreedy}, {"repair", ScheduleMeetings}} {
			b.Run(fmt.Sprintf("slots=%s/%s", tables, c.name), func(b *testing.B) {
				var s Schedule
				for b.Loop() {
					s = c.run(ms, slots, 0)
				}
				b.ReportMetric(float64(len(s.Slots))/float64(len(ms))*100, "placed%")
				b.ReportMetric(scoreShare(ms, s)*100, "score%")
				b.ReportMetric(float64(checkSchedule(ms, slots, s)), "conflicts")
				b.ReportMetric(placeBound(ms, slots)*100, "bound%")
			})
		}
	}
}

// placeBound is an upper bound on the share of meetings any schedule places: no more than the
// places (slots × tables), and no firm in more meetings than there are slots.
func placeBound(ms []domain.Meeting, slots []TimeSlot) float64 {
	places := 0
	for _, s := range slots {
		places += s.Tables
	}
	deg := map[string]int{}
	for _, m := range ms {
		deg[m.RequesterID]++
		deg[m.RecipientID]++
	}
	seats := 0
	for _, d := range deg {
		seats += min(d, len(slots))
	}
	return float64(min(places, seats/2)) / float64(len(ms))
}
