package domain

import "time"

// The seat rules, written once: each engine reads the event's counters, asks these functions
// and applies the answer in one atomic step conditional on what it read (SQLite: inside its
// write transaction; MongoDB: a conditional update of the event document), so the rule is the
// same on both and capacity holds under any concurrency.

// RegPending waits for an organiser's approval (events with Approval set); it holds no seat
// and no waitlist place. RegRejected was refused by an organiser, with the reason in
// CancelReason.
const (
	RegPending  RegistrationStatus = "pending"
	RegRejected RegistrationStatus = "rejected"
)

// SeatState is what the seat rules read of an event: its capacity, the seats held (confirmed
// and offered) and how many registrations wait in line.
type SeatState struct {
	Capacity int
	Taken    int
	Waiting  int
}

// Free is the number of seats nobody holds.
func (s SeatState) Free() int { return max(0, s.Capacity-s.Taken) }

// DecideSeat places a registration of seats people: pending while the event wants approval and
// nobody has approved it; confirmed when its people fit the free seats and nobody is waiting
// (nobody jumps the line); otherwise at the end of the waitlist.
func DecideSeat(s SeatState, seats int, needsApproval bool) RegistrationStatus {
	switch {
	case needsApproval:
		return RegPending
	case s.Waiting == 0 && seats <= s.Free():
		return RegConfirmed
	}
	return RegWaitlisted
}

// PickOffers chooses, from the waitlist in order (the seats each registration needs), those who
// are offered the free seats: first come first served, passing over a registration that does
// not fit what is left (it keeps its place for the next free seats). It returns their indexes.
func PickOffers(free int, waitlist []int) []int {
	var out []int
	for i, n := range waitlist {
		if free <= 0 {
			break
		}
		if n <= free {
			out = append(out, i)
			free -= n
		}
	}
	return out
}

// CanDecide reports whether an organiser may approve or reject a registration in status s:
// only one that is waiting for that decision.
func (s RegistrationStatus) CanDecide() bool { return s == RegPending }

// RegistrationWindow checks that r may be made at now: inside the event's registration window,
// or, for one an organiser adds by hand, while the event is published and not over.
func RegistrationWindow(e *Event, r *Registration, now time.Time) error {
	if !r.ByOrganiser {
		return e.RegistrationOpen(now)
	}
	if e.Status != EventPublished {
		return Invalid("event", "registration_event_not_open")
	}
	if !now.Before(e.EndsAt) {
		return Invalid("event", "eventday_walkin_over")
	}
	return nil
}
