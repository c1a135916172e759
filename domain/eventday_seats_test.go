package domain

import (
	"slices"
	"testing"
)

func TestDecideSeat(t *testing.T) {
	for _, c := range []struct {
		name     string
		s        SeatState
		seats    int
		approval bool
		want     RegistrationStatus
	}{
		{"room for all", SeatState{Capacity: 10, Taken: 7}, 3, false, RegConfirmed},
		{"one too many", SeatState{Capacity: 10, Taken: 8}, 3, false, RegWaitlisted},
		{"full", SeatState{Capacity: 10, Taken: 10}, 1, false, RegWaitlisted},
		{"free seats but a line", SeatState{Capacity: 10, Taken: 5, Waiting: 1}, 1, false, RegWaitlisted},
		{"over capacity after a cut", SeatState{Capacity: 5, Taken: 8}, 1, false, RegWaitlisted},
		{"approval first", SeatState{Capacity: 10}, 1, true, RegPending},
		{"approval even when full", SeatState{Capacity: 1, Taken: 1}, 1, true, RegPending},
	} {
		if got := DecideSeat(c.s, c.seats, c.approval); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestPickOffers(t *testing.T) {
	for _, c := range []struct {
		name     string
		free     int
		waitlist []int
		want     []int
	}{
		{"nobody waits", 3, nil, nil},
		{"no seat free", 0, []int{1, 1}, nil},
		{"in order", 3, []int{1, 2, 1}, []int{0, 1}},
		{"a big firm is passed over, keeps its place", 2, []int{3, 1, 1, 1}, []int{1, 2}},
		{"exact fit", 4, []int{2, 2, 1}, []int{0, 1}},
	} {
		if got := PickOffers(c.free, c.waitlist); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
