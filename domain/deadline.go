package domain

import (
	"errors"
	"strings"
	"time"
)

// Beijing is the time zone a date-only deadline ends in: the programme runs on Beijing time,
// whatever zone the buyer writes from. Loaded once; a missing zone database falls back to the
// fixed +08:00 offset, which China has kept without daylight saving since 1991.
var Beijing = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}()

// ErrDeadlineFormat is returned by ParseDeadline for text that is neither a date nor a time.
var ErrDeadlineFormat = errors.New("deadline: want YYYY-MM-DD or an RFC 3339 time")

// ParseDeadline reads a lead deadline as buyers write it: a full RFC 3339 time, or a date
// YYYY-MM-DD meaning the end of that day in Beijing (23:59:59). Dates that do not exist
// (2027-02-30) are refused rather than rolled over.
func ParseDeadline(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, s, Beijing)
	if err != nil {
		return time.Time{}, ErrDeadlineFormat
	}
	return EndOfDayBeijing(d), nil
}

// EndOfDayBeijing is the last second of t's calendar day in Beijing.
func EndOfDayBeijing(t time.Time) time.Time {
	y, m, d := t.In(Beijing).Date()
	return time.Date(y, m, d, 23, 59, 59, 0, Beijing)
}
