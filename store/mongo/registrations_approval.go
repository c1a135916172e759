package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"

	"duijie/domain"
)

// seatState is what domain.DecideSeat reads of an event document.
func seatState(ev *eventDoc) domain.SeatState {
	return domain.SeatState{Capacity: ev.Capacity, Taken: ev.Taken, Waiting: ev.Waiting}
}

// takePlace applies a seat decision made on ev as read: seats for a confirmed registration by
// one update conditional on the decision still holding (same capacity, nobody waiting, the seats
// still free), a waitlist number for a waitlisted one, nothing for a pending one. When the
// condition no longer holds it returns errRetry: the caller reads again and decides again.
func (s registrationRepo) takePlace(ctx context.Context, ev *eventDoc, status domain.RegistrationStatus, seats int) (int64, error) {
	switch status {
	case domain.RegConfirmed:
		ok, err := s.takeSeats(ctx, ev, seats)
		if err == nil && !ok {
			err = errRetry
		}
		return 0, err
	case domain.RegWaitlisted:
		return s.joinWaitlist(ctx, ev.ID)
	}
	return 0, nil
}

// givePlaceBack undoes takePlace when the registration could not be written.
func (s registrationRepo) givePlaceBack(ctx context.Context, eventID string, status domain.RegistrationStatus, seats int, now time.Time) error {
	switch status {
	case domain.RegConfirmed:
		if err := s.inc(ctx, eventID, bson.D{{Key: "taken", Value: -seats}, {Key: "confirmed", Value: -1}}); err != nil {
			return err
		}
		_, err := s.promote(ctx, eventID, now)
		return err
	case domain.RegWaitlisted:
		return s.inc(ctx, eventID, bson.D{{Key: "waiting", Value: -1}})
	}
	return nil
}

func (s registrationRepo) Approve(ctx context.Context, id string, now time.Time) (*domain.Registration, error) {
	for range maxRetries {
		r, err := s.approve(ctx, id, now)
		if err != errRetry {
			return r, err
		}
	}
	return nil, fmt.Errorf("mongodb: approve registration %s: too much contention", id)
}

func (s registrationRepo) approve(ctx context.Context, id string, now time.Time) (*domain.Registration, error) {
	r, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !r.Status.CanDecide() {
		return nil, domain.Invalid("status", "eventday_not_pending")
	}
	ev, err := s.event(ctx, r.EventID)
	if err != nil {
		return nil, err
	}
	if ev.Status != string(domain.EventPublished) {
		return nil, domain.Invalid("event", "registration_event_not_open")
	}
	status := domain.DecideSeat(seatState(ev), r.Seats(), false)
	seq, err := s.takePlace(ctx, ev, status, r.Seats())
	if err != nil {
		return nil, err
	}
	ok, err := s.setStatus(ctx, id, domain.RegPending, bson.D{{Key: "status", Value: string(status)},
		{Key: "seq", Value: seq}, {Key: "updatedAt", Value: instant(now)}})
	if err == nil && !ok {
		err = errRetry // decided by someone else meanwhile: give the place back and look again
	}
	if err != nil {
		if uerr := s.givePlaceBack(ctx, r.EventID, status, r.Seats(), now); uerr != nil {
			return nil, uerr
		}
		return nil, err
	}
	if status == domain.RegWaitlisted {
		if err := s.settle(ctx, r, now); err != nil {
			return nil, err
		}
	}
	return s.Get(ctx, id)
}

func (s registrationRepo) Reject(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error) {
	ok, err := s.setStatus(ctx, id, domain.RegPending, bson.D{{Key: "status", Value: string(domain.RegRejected)},
		{Key: "cancelReason", Value: reason}, {Key: "cancelledAt", Value: instant(now)}, {Key: "updatedAt", Value: instant(now)}})
	if err != nil {
		return nil, err
	}
	r, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, domain.Invalid("status", "eventday_not_pending")
	}
	return r, nil
}

// answersDoc stores answers as they are: strings and lists of strings.
func answersDoc(a map[string]any) bson.M {
	if len(a) == 0 {
		return nil
	}
	out := bson.M{}
	for k, v := range a {
		out[k] = v
	}
	return out
}

// answersOf reads stored answers back, lists as []string like the SQLite engine's JSON gives
// []any; both are what domain.AnswerText takes.
func answersOf(m bson.M) map[string]any {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if arr, ok := v.(primitive.A); ok {
			l := make([]any, len(arr))
			copy(l, arr)
			out[k] = l
			continue
		}
		out[k] = v
	}
	return out
}
