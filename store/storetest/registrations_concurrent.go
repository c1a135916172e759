package storetest

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// RunRegistrationConcurrency checks that capacity holds and the waitlist stays gapless under a
// storm of concurrent registrations, repeats and cancellations: 64 clients, 200 firms, 10 seats.
// Engines run it where single-document writes are atomic (SQLite, MongoDB, FerretDB behind the
// serialising proxy of mongotest).
func RunRegistrationConcurrency(t *testing.T, open Opener) {
	RunRegistrationStorm(t, open, 200)
}

// RunRegistrationStorm is RunRegistrationConcurrency with the number of firms chosen: the
// FerretDB fixture reads every document of a collection for each query, so a storm there costs
// the square of its size, while the races themselves happen as soon as the 10 seats fill.
func RunRegistrationStorm(t *testing.T, open Opener, enterprises int) {
	t.Helper()
	t.Run("Storm", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 10))
		const workers = 64
		jobs := make(chan int)
		errs := make(chan error, enterprises*2)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := range jobs {
					// Every enterprise asks twice, as a double-clicking browser would.
					for range 2 {
						if _, _, err := s.Registrations.Register(ctx, NewRegistration(e, i, 1), now); err != nil {
							errs <- err
						}
					}
				}
			})
		}
		for i := range enterprises {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("register: %v", err)
		}
		confirmed, waitlisted := storm(t, s, e)
		if confirmed != 10 || waitlisted != enterprises-10 {
			t.Fatalf("%d confirmed, %d waitlisted; want 10 and %d", confirmed, waitlisted, enterprises-10)
		}
	})

	t.Run("OneFirmAtOnce", func(t *testing.T) { testOneFirmRaces(t, open) })

	// Approval events: two organisers approve 40 pending registrations at once (each twice)
	// while walk-ins arrive; seats never exceed capacity and the line stays gapless.
	t.Run("ApproveWhileRegistering", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		ev := NewEvent("L1", 10, 10)
		ev.Approval = true
		e := MustCreateEvent(t, s, ev)
		var pending []*domain.Registration
		for i := range 40 {
			pending = append(pending, mustRegister(t, s, NewRegistration(e, i, 1), now))
		}
		var wg sync.WaitGroup
		errs := make(chan error, 200)
		for _, r := range pending {
			for range 2 {
				wg.Go(func() {
					if _, err := s.Registrations.Approve(ctx, r.ID, now); err != nil && !isInvalidErr(err) {
						errs <- err
					}
				})
			}
		}
		for i := 40; i < 50; i++ {
			wg.Go(func() {
				walkin := NewRegistration(e, i, 1)
				walkin.ByOrganiser = true
				if _, _, err := s.Registrations.Register(ctx, walkin, now); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("approve storm: %v", err)
		}
		storm(t, s, e)
		// A seat the losing approval of a double click gave back is offered to the line, so
		// some of the 10 seats may be held by open offers.
		c := checkCounters(t, s, e)
		if c.SeatsTaken != 10 || c.Confirmed+c.Offered+c.Waitlisted != 50 || c.Pending != 0 {
			t.Fatalf("counts %+v; want 10 seats held and 50 placed", c)
		}
	})

	t.Run("CancelWhileRegistering", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 10))
		var first []*domain.Registration
		for i := range 30 {
			first = append(first, mustRegister(t, s, NewRegistration(e, i, 1), now))
		}
		var wg sync.WaitGroup
		errs := make(chan error, 100)
		for i := range 20 { // 10 confirmed and 10 waitlisted leave…
			wg.Go(func() {
				if _, err := s.Registrations.Cancel(ctx, first[i].ID, domain.CancelByMember, now); err != nil {
					errs <- err
				}
			})
		}
		for i := 30; i < 60; i++ { // …while 30 more arrive
			wg.Go(func() {
				if _, _, err := s.Registrations.Register(ctx, NewRegistration(e, i, 1), now); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("storm: %v", err)
		}
		storm(t, s, e)
		c := checkCounters(t, s, e)
		if c.SeatsTaken != 10 || c.Cancelled != 20 || c.Confirmed+c.Offered+c.Waitlisted != 40 {
			t.Fatalf("counts = %+v", c)
		}
	})
}

// storm checks the end state of a storm: counters agree, seats are within capacity and the
// waitlist positions are exactly 1..n. It returns the confirmed and waitlisted counts.
func storm(t *testing.T, s *store.Store, e *domain.Event) (int, int) {
	t.Helper()
	checkCounters(t, s, e)
	var positions []int
	confirmed, cursor := 0, ""
	seen := map[string]bool{}
	for {
		page, next, _, err := s.Registrations.ListByEvent(t.Context(), e.ID, store.RegistrationFilter{}, store.Page{Limit: 100, Cursor: cursor})
		Must(t, err, "list")
		for _, r := range page {
			if seen[r.EnterpriseID] {
				t.Fatalf("enterprise %s registered twice", r.EnterpriseID)
			}
			seen[r.EnterpriseID] = true
			switch r.Status {
			case domain.RegConfirmed:
				confirmed++
			case domain.RegWaitlisted:
				positions = append(positions, r.Position)
			}
		}
		if next == "" {
			break
		}
		cursor = next
	}
	slices.Sort(positions)
	for i, p := range positions {
		if p != i+1 {
			t.Fatalf("waitlist positions %v are not 1..%d", positions, len(positions))
		}
	}
	return confirmed, len(positions)
}

// isInvalidErr reports a *domain.ValidationError: the losing approval of a double click.
func isInvalidErr(err error) bool {
	var v *domain.ValidationError
	return errors.As(err, &v)
}
