package jobs

import (
	"fmt"
	"time"

	"duijie/domain"
)

// Period is one digest's window: what happened in [Start, End) goes into the digest sent at
// End. Windows of one frequency tile time, so every item is in exactly one digest of each
// frequency, and Key names the period in dedup keys and checkpoints.
type Period struct {
	Freq  domain.DigestFrequency
	Start time.Time
	End   time.Time
	Key   string // "daily:2026-11-27", "weekly:2026-11-23" (the Beijing date of End)
	Label string // the date a reader recognises: the day it is sent (daily), the week's first day (weekly)
}

// DigestHour and DigestMinute are when digests go out, Beijing time (08:30).
const (
	DigestHour   = 8
	DigestMinute = 30
)

// PeriodAt returns the latest period of freq that has ended at now, with boundaries at 08:30
// in loc (weekly ones on Mondays). Computed in loc, not UTC: at 00:10 Beijing time the UTC date
// is still yesterday's, but the digest due is today's only after 08:30 Beijing.
func PeriodAt(freq domain.DigestFrequency, now time.Time, loc *time.Location) (Period, error) {
	if loc == nil {
		var err error
		if loc, err = domain.LoadZone(Zone); err != nil {
			return Period{}, err
		}
	}
	t := now.In(loc)
	end := time.Date(t.Year(), t.Month(), t.Day(), DigestHour, DigestMinute, 0, 0, loc)
	if end.After(t) {
		end = end.AddDate(0, 0, -1)
	}
	p := Period{Freq: freq}
	switch freq {
	case domain.DigestDaily:
		p.Start, p.End = end.AddDate(0, 0, -1), end
		p.Label = p.End.Format("2006-01-02")
	case domain.DigestWeekly:
		back := (int(end.Weekday()) - int(time.Monday) + 7) % 7
		end = end.AddDate(0, 0, -back)
		p.Start, p.End = end.AddDate(0, 0, -7), end
		p.Label = p.Start.Format("2006-01-02")
	default:
		return Period{}, fmt.Errorf("no digest period for frequency %q", freq)
	}
	p.Key = string(freq) + ":" + p.End.Format("2006-01-02")
	return p, nil
}

// DedupKey is the outbox key of user's digest for the period: the unique key that makes the
// digest go out once.
func (p Period) DedupKey(userID string) string { return "digest:" + userID + ":" + p.Key }
