package storetest

import (
	"errors"
	"sync"
	"testing"

	"duijie/domain"
)

// RunConcurrent checks that concurrent writers all succeed and that unique keys hold under
// races. Engines run it only where writes are truly atomic (SQLite, a real MongoDB), not on
// FerretDB.
func RunConcurrent(t *testing.T, open Opener) {
	t.Helper()
	t.Run("ManyWriters", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		const n = 32
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { errs <- s.Users.Create(ctx, NewUser(i, domain.RoleMember)) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			Must(t, err, "concurrent create")
		}
		count, err := s.Users.Count(ctx)
		Must(t, err, "count")
		if count != n {
			t.Fatalf("count = %d, want %d", count, n)
		}
	})

	t.Run("RacingOneEmail", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		const n = 16
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() { errs <- s.Users.Create(ctx, NewUser(1, domain.RoleMember)) })
		}
		wg.Wait()
		close(errs)
		won := 0
		for err := range errs {
			var ce *domain.ConflictError
			switch {
			case err == nil:
				won++
			case errors.As(err, &ce) && ce.Field == "email":
			default:
				t.Fatalf("racing create: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d creates of one email succeeded, want 1", won)
		}
	})

	t.Run("JobLeaseRace", func(t *testing.T) { testLeaseRace(t, open) })
	t.Run("OutboxClaimRace", func(t *testing.T) { testOutboxClaimRace(t, open) })
	t.Run("MeetingQuotaRace", func(t *testing.T) { testMeetingQuotaRace(t, open) })
	t.Run("MeetingBookingRace", func(t *testing.T) { testMeetingBookingRace(t, open) })
}
