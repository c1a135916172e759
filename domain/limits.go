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

// Backoff is a growing delay: the first Free failures cost nothing, then each further one
// doubles the wait from Base up to Max, counted from the last failure. A cap instead of a
// lockout means an attacker can slow an account's owner or an office down, never shut them out.
type Backoff struct {
	Free int
	Base time.Duration
	Max  time.Duration
}

// Wait returns how long the key of c must wait at now before its next attempt; 0 means now.
func (b Backoff) Wait(c LimitCounter, now time.Time) time.Duration {
	over := c.Count - b.Free // 0 after exactly Free failures: the next try waits Base
	if over < 0 || c.Count == 0 {
		return 0
	}
	d := b.Base
	for i := 0; i < over && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	if w := c.Last.Add(d).Sub(now); w > 0 {
		return w
	}
	return 0
}

// LoginPolicy is how failed sign-ins slow the next try, by three counters kept Window long:
//   - the account at one address (the guesser's own pair) slows down fastest, up to 15 min;
//   - the account from anywhere (a distributed guess) is capped at 30 s, so the owner always
//     gets in with the right password soon after, and a reset link always works;
//   - the address for every account (one machine spraying accounts) is generous, since an
//     office behind one NAT shares it, and capped at 30 s.
type LoginPolicy struct {
	Pair, Account, Address Backoff
	Window                 time.Duration
}

// NewLoginPolicy makes the policy from the configured free attempts per account and address
// pair (LOGIN_ATTEMPTS) and the window (LOGIN_WINDOW).
func NewLoginPolicy(attempts int, window time.Duration) LoginPolicy {
	return LoginPolicy{
		Pair:    Backoff{Free: attempts, Base: time.Second, Max: 15 * time.Minute},
		Account: Backoff{Free: 2 * attempts, Base: time.Second, Max: 30 * time.Second},
		Address: Backoff{Free: 5 * attempts, Base: time.Second, Max: 30 * time.Second},
		Window:  window,
	}
}

// SignupLimit slows sign-ups from one address: a few an hour are an office registering its
// firms, dozens are a script making throwaway enterprises.
var SignupLimit = Backoff{Free: 5, Base: time.Minute, Max: time.Hour}
