package domain

import "time"

// LimitCounter is a count of failures under one key (an account, an address, an account at an
// address) since First, kept in the store so every instance sees the same numbers.
type LimitCounter struct {
	Key   string
	Count int
	First time.Time
	Last  time.Time
}

// Backoff is a growing delay: Free failures cost nothing, then each further one doubles the wait
// from Base up to Max, counted from the last failure. A cap instead of a lockout means an
// attacker can slow an account's owner or an office down, never shut them out.
type Backoff struct {
	Free int
	Base time.Duration
	Max  time.Duration
}

// Wait returns how long the key of c must wait at now before its next attempt; 0 means now.
func (b Backoff) Wait(c LimitCounter, now time.Time) time.Duration {
	over := c.Count - b.Free
	if over <= 0 {
		return 0
	}
	d := b.Base
	for i := 1; i < over && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	if w := c.Last.Add(d).Sub(now); w > 0 {
		return w
	}
	return 0
}

// LoginLimits are the three counters a failed sign-in feeds, and how each slows the next try:
//   - the account at one address: the guesser's own pair, which slows down fastest (after 5
//     failures, from 1 s doubling to 15 min);
//   - the account from anywhere: a distributed guess, slowed but capped at 30 s so the owner
//     always gets in with the right password soon after, and a reset link always works;
//   - the address for every account: one machine spraying many accounts; generous (an office
//     behind one NAT shares it) and capped at 30 s.
var LoginLimits = struct {
	Pair, Account, Address Backoff
}{
	Pair:    Backoff{Free: 5, Base: time.Second, Max: 15 * time.Minute},
	Account: Backoff{Free: 20, Base: time.Second, Max: 30 * time.Second},
	Address: Backoff{Free: 100, Base: time.Second, Max: 30 * time.Second},
}

// SignupLimit slows sign-ups from one address: a few a window are an office registering its
// firms, dozens are a script making throwaway enterprises.
var SignupLimit = Backoff{Free: 5, Base: time.Minute, Max: time.Hour}
