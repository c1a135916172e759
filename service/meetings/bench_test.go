package meetings

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

// BenchmarkDraftSchedule is the scheduler through the store on SQLite: 500 firms, 3,000
// accepted requests, 2 days × 16 rounds × 60 tables; each run reads the meetings, schedules
// them and writes the draft with its claims in one transaction.
func BenchmarkDraftSchedule(b *testing.B) {
	_, svc, ev := benchSchedule(b)
	ctx := b.Context()
	var (
		res *DraftResult
		err error
	)
	for b.Loop() {
		if res, err = svc.DraftSchedule(ctx, ev, 0, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Placed), "placed")
	b.ReportMetric(float64(len(res.Unplaced)), "unplaced")
}

// benchSchedule is the benchmarks' event: its windows and 3,000 accepted requests among 500
// firms (a quarter of the requests involve the 50 most sought), seed 42.
func benchSchedule(b *testing.B) (*store.Store, *Service, *domain.Event) {
	st, err := sqlite.Open(filepath.Join(b.TempDir(), "duijie.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Health.Close() })
	ctx := b.Context()
	ev := storetest.NewEvent("L1", 30, 5000)
	if err := st.Events.Create(ctx, ev); err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	svc := New(st, func() time.Time { return now }, nil)
	var ws []domain.MeetingWindow
	for d := 0; d < 2; d++ {
		from := ev.StartsAt.Add(time.Duration(d) * 24 * time.Hour)
		ws = append(ws, domain.MeetingWindow{From: from, Until: from.Add(16 * 20 * time.Minute), Minutes: 20, Tables: 60})
	}
	if _, err := svc.SetWindows(ctx, ev, ws); err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(42, 7))
	firm := func() string {
		if r.IntN(4) == 0 {
			return fmt.Sprintf("%024x", r.IntN(50)+1)
		}
		return fmt.Sprintf("%024x", r.IntN(500)+1)
	}
	seen := map[string]bool{}
	for n := 0; n < 3000; {
		a, c := firm(), firm()
		if a == c || seen[a+c] || seen[c+a] {
			continue
		}
		seen[a+c] = true
		m := storetest.NewMeeting(ev.ID, a, c, r.Float64()*10)
		m.Status = domain.MeetingAccepted
		if err := st.Meetings.Create(ctx, m, 1<<20); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return st, svc, ev
}
