package storetest

import (
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// testOneFirmRaces sends one firm's registration from many clients at once (a form sent from
// two tabs, an API call retried) while a seat is free, while only the waitlist is left, and
// after its registration was cancelled. Each time exactly one caller creates or revives it,
// every caller gets that one registration, and the counters agree. These are the races in which
// an engine must give back the seat or the waitlist number it took for a losing write.
func testOneFirmRaces(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	now := Ms(time.Now())
	e := MustCreateEvent(t, s, NewEvent("L1", 10, 2))

	seat := raceOneFirm(t, s, e, 1, now)
	if seat.Status != domain.RegConfirmed {
		t.Fatalf("first firm = %s, want confirmed", seat.Status)
	}
	wait := raceOneFirm(t, s, e, 2, now)
	if wait.Status != domain.RegWaitlisted || wait.Position != 1 {
		t.Fatalf("second firm = %s/%d, want waitlisted/1", wait.Status, wait.Position)
	}
	_, err := s.Registrations.Cancel(ctx, seat.ID, domain.CancelByMember, now)
	Must(t, err, "cancel")
	back := raceOneFirm(t, s, e, 1, now)
	if back.ID != seat.ID {
		t.Fatalf("revived registration %s, want the cancelled %s back", back.ID, seat.ID)
	}
	c := checkCounters(t, s, e)
	if c.Cancelled != 0 || c.Confirmed+c.Offered+c.Waitlisted != 2 {
		t.Fatalf("counts = %+v, want two live registrations", c)
	}
}

// raceOneFirm registers firm i from 12 clients at once and returns the one registration.
func raceOneFirm(t *testing.T, s *store.Store, e *domain.Event, i int, now time.Time) *domain.Registration {
	t.Helper()
	const n = 12
	type answer struct {
		r       *domain.Registration
		created bool
		err     error
	}
	answers := make(chan answer, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			r, created, err := s.Registrations.Register(t.Context(), NewRegistration(e, i, 2), now)
			answers <- answer{r, created, err}
		})
	}
	wg.Wait()
	close(answers)
	var one *domain.Registration
	created := 0
	for a := range answers {
		Must(t, a.err, "racing register")
		if a.created {
			created++
		}
		if one == nil {
			one = a.r
		} else if a.r.ID != one.ID {
			t.Fatalf("firm %d got registrations %s and %s", i, one.ID, a.r.ID)
		}
	}
	if created != 1 {
		t.Fatalf("firm %d: %d of %d racing calls created a registration, want 1", i, created, n)
	}
	checkCounters(t, s, e)
	return one
}
