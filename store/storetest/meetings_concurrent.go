package storetest

import (
	"errors"
	"sync"
	"testing"

	"duijie/domain"
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
