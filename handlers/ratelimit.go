package handlers

import (
	"sync"
	"time"
)

// slidingLimiter counts events per key over a sliding window (a log of the last `limit` times
// per key), in memory: failed logins only need to slow guessing on one instance, and a restart
// forgetting them is acceptable.
type slidingLimiter struct {
	mu        sync.Mutex
	limit     int
	window    time.Duration
	hits      map[string][]time.Time // oldest first, at most limit entries
	lastSweep time.Time
}

func newSlidingLimiter(limit int, window time.Duration) *slidingLimiter {
	return &slidingLimiter{limit: limit, window: window, hits: map[string][]time.Time{}}
}

// wait returns how long key must wait before its next attempt; 0 means it may try now.
func (l *slidingLimiter) wait(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	hits := l.live(key, now)
	if len(hits) < l.limit {
		return 0
	}
	// The attempt becomes allowed when the oldest of the last `limit` events leaves the window.
	return hits[len(hits)-l.limit].Add(l.window).Sub(now)
}

// add records an event for key at now.
func (l *slidingLimiter) add(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	hits := append(l.live(key, now), now)
	if len(hits) > l.limit {
		hits = hits[len(hits)-l.limit:]
	}
	l.hits[key] = hits
	l.sweep(now)
}

// reset forgets key, e.g. an email after a successful login.
func (l *slidingLimiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.hits, key)
}

// live drops the events of key that left the window and returns the rest. Callers hold mu.
func (l *slidingLimiter) live(key string, now time.Time) []time.Time {
	hits := l.hits[key]
	i := 0
	for i < len(hits) && !hits[i].After(now.Add(-l.window)) {
		i++
	}
	if i == len(hits) {
		delete(l.hits, key)
		return nil
	}
	if i > 0 {
		hits = append([]time.Time(nil), hits[i:]...)
		l.hits[key] = hits
	}
	return hits
}

// sweep drops keys with no event in the window, at most once per window, so addresses that tried
// once do not accumulate forever. Callers hold mu.
func (l *slidingLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < l.window {
		return
	}
	l.lastSweep = now
	for k, hits := range l.hits {
		if len(hits) == 0 || !hits[len(hits)-1].After(now.Add(-l.window)) {
			delete(l.hits, k)
		}
	}
}
