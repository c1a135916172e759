package store

import (
	"slices"
	"strings"
	"time"
)

// TotalsZone is where the running campaign totals cut months: China Standard Time, the
// programme's zone (UTC+8 all year, no daylight saving). A window cut anywhere else is counted
// from the records.
var TotalsZone = time.FixedZone("CST", 8*3600)

// TotalsSpan says which months of the running totals w covers: ok when w is the first months
// (1…months) of one year in TotalsZone, as every window of the campaign service is, and when w
// does not ask to count from the records.
func (w CampaignWindow) TotalsSpan() (year, months int, ok bool) {
	if w.FromRecords {
		return 0, 0, false
	}
	from := w.From.In(TotalsZone)
	if from.Month() != time.January || !monthStart(from) {
		return 0, 0, false
	}
	year = from.Year()
	until := w.Until.In(TotalsZone)
	if !monthStart(until) {
		return 0, 0, false
	}
	months = (until.Year()-year)*12 + int(until.Month()) - 1
	if months < 1 || months > 12 {
		return 0, 0, false
	}
	return year, months, true
}

// TotalsCuts says whether cuts are the month starts of year in TotalsZone (the months a
// monthly series reads from the totals).
func TotalsCuts(year int, cuts []time.Time) bool {
	if len(cuts) != 13 {
		return false
	}
	for i, c := range cuts {
		if !c.Equal(time.Date(year, time.January+time.Month(i), 1, 0, 0, 0, 0, TotalsZone)) {
			return false
		}
	}
	return true
}

// TotalsMonth is the yyyymm key of month m (1–12) of year in the running totals.
func TotalsMonth(year, m int) int { return year*100 + m }

func monthStart(t time.Time) bool {
	return t.Day() == 1 && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// ScopeKey names the running totals of an organiser of several clusters: the distinct codes,
// sorted and joined by '+' ("L1+L2"). "" when clusters name fewer than two: the whole programme
// and single clusters have totals of their own.
func ScopeKey(clusters []string) string {
	cs := make([]string, 0, len(clusters))
	for _, c := range clusters {
		if c != "" {
			cs = append(cs, c)
		}
	}
	slices.Sort(cs)
	cs = slices.Compact(cs)
	if len(cs) < 2 {
		return ""
	}
	return strings.Join(cs, "+")
}
