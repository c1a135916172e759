package domain

import (
	"testing"
	"time"
)

func TestBackoffWait(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	b := Backoff{Free: 3, Base: time.Second, Max: 10 * time.Second}
	for _, tc := range []struct {
		name  string
		count int
		since time.Duration // now − last failure
		want  time.Duration
	}{
		{"none", 0, 0, 0},
		{"within free", 2, 0, 0},
		{"free used up", 3, 0, time.Second},
		{"one over doubles", 4, 0, 2 * time.Second},
		{"two over", 5, 0, 4 * time.Second},
		{"capped", 50, 0, 10 * time.Second},
		{"waited part", 5, 3 * time.Second, time.Second},
		{"waited all", 5, 5 * time.Second, 0},
	} {
		c := LimitCounter{Count: tc.count, First: t0, Last: t0}
		if got := b.Wait(c, t0.Add(tc.since)); got != tc.want {
			t.Errorf("%s: Wait = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// The account-wide and address-wide delays are capped low: no attacker locks out an owner or an
// office, only the pair of the guesser's address and the account slows down for long.
func TestLoginLimitsNeverLockOut(t *testing.T) {
	now := time.Now()
	c := LimitCounter{Count: 1_000_000, First: now, Last: now}
	p := NewLoginPolicy(10, 15*time.Minute)
	if w := p.Account.Wait(c, now); w > time.Minute {
		t.Errorf("account-wide wait %v: an attacker could lock out the owner", w)
	}
	if w := p.Address.Wait(c, now); w > time.Minute {
		t.Errorf("address-wide wait %v: an attacker could lock out an office", w)
	}
}
