package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// testMeetingQuotaRace sends many requests of one enterprise at once, to distinct recipients and
// twice to one: the quota and the one-open-request-per-pair rule both hold.
func testMeetingQuotaRace(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	ev, from, twice := domain.NewID(), domain.NewID(), domain.NewID()
	const n, quota = 24, 5
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		to := domain.NewID()
		if i < 2 {
			to = twice
		}
		wg.Go(func() { errs <- s.Meetings.Create(ctx, NewMeeting(ev, from, to, 1), quota) })
	}
	wg.Wait()
	close(errs)
	won := 0
	for err := range errs {
		var (
			ve *domain.ValidationError
			ce *domain.ConflictError
		)
		switch {
		case err == nil:
			won++
		case errors.As(err, &ve) && ve.Has("with"), errors.As(err, &ce) && ce.Field == "with":
		default:
			t.Fatalf("racing request: %v", err)
		}
	}
	if won != quota {
		t.Fatalf("%d requests stored, want the quota %d", won, quota)
	}
}

// testMeetingBookingRace accepts many meetings at once into one slot with few tables: firms
// that appear in several meetings sit in at most one, no table is given twice, and every
// booking that succeeded is one the store reports. Runs only where conditional writes are
// atomic (SQLite, real MongoDB).
func testMeetingBookingRace(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	ev := domain.NewID()
	slot := Ms(time.Now().Add(24 * time.Hour))
	const firms, tables = 12, 4
	ids := make([]string, firms)
	for i := range ids {
		ids[i] = domain.NewID()
	}
	// Every pair of the first 8 firms, plus 2 pairs of the rest: 30 meetings competing for 4
	// tables, most of them sharing a firm with others.
	var ms []*domain.Meeting
	for i := 0; i < 8; i++ {
		for j := i + 1; j < 8; j++ {
			ms = append(ms, NewMeeting(ev, ids[i], ids[j], 1))
		}
	}
	ms = append(ms, NewMeeting(ev, ids[8], ids[9], 1), NewMeeting(ev, ids[10], ids[11], 1))
	for _, m := range ms {
		Must(t, s.Meetings.Create(ctx, m, 100), "create")
	}
	results := make([]error, len(ms))
	booked := make([]*domain.Meeting, len(ms))
	var wg sync.WaitGroup
	for i, m := range ms {
		x := accepting(m, slot)
		booked[i] = x
		wg.Go(func() { results[i] = s.Meetings.Book(ctx, x, domain.MeetingRequested, tables) })
	}
	wg.Wait()
	firmsIn, tablesIn, won := map[string]bool{}, map[int]bool{}, 0
	for i, err := range results {
		var ce *domain.ConflictError
		switch {
		case err == nil:
			won++
			x := booked[i]
			if firmsIn[x.RequesterID] || firmsIn[x.RecipientID] || tablesIn[x.Table] || x.Table < 1 || x.Table > tables {
				t.Fatalf("double booking: %s-%s at table %d", x.RequesterID, x.RecipientID, x.Table)
			}
			firmsIn[x.RequesterID], firmsIn[x.RecipientID], tablesIn[x.Table] = true, true, true
		case errors.As(err, &ce) && ce.Field == "slotStart":
		default:
			t.Fatalf("racing booking: %v", err)
		}
	}
	if won == 0 {
		t.Fatal("no booking succeeded")
	}
	stored, err := s.Meetings.List(ctx, store.MeetingFilter{EventID: ev, Statuses: []domain.MeetingStatus{domain.MeetingAccepted}})
	Must(t, err, "list")
	if len(stored) != won {
		t.Fatalf("%d accepted stored, %d bookings succeeded", len(stored), won)
	}
	busy, err := s.Meetings.Busy(ctx, ev)
	Must(t, err, "busy")
	if b := busy[slot.UnixMilli()]; b.Tables != won || len(b.Firms) != 2*won {
		t.Fatalf("claims %+v for %d bookings: a failed booking left claims behind", b, won)
	}
}
