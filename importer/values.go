package importer

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// parseNumber reads a quantity or amount as people write it in a sheet: "5000", "1,200,000",
// "1.5e5", "30万", "1.2亿". ok is false for anything else ("约五千", "TBD").
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "万"):
		mult, s = 1e4, strings.TrimSuffix(s, "万")
	case strings.HasSuffix(s, "亿"):
		mult, s = 1e8, strings.TrimSuffix(s, "亿")
	}
	if thousandsRE.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f * mult, true
}

var thousandsRE = regexp.MustCompile(`^-?\d{1,3}(,\d{3})+(\.\d+)?$`)

// parseYuan reads a budget in whole yuan; fractions of a yuan are refused rather than rounded.
func parseYuan(s string) (int64, bool) {
	f, ok := parseNumber(s)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, false
	}
	return int64(f), true
}

// noDeadline are the words buyers write for a standing demand.
var noDeadline = map[string]bool{"长期有效": true, "长期": true, "不限": true, "ongoing": true}

var (
	dayLayouts  = []string{"2006-01-02", "2006/01/02", "2006/1/2", "2006-1-2", "2006.01.02", "2006.1.2", "2006年1月2日"}
	timeLayouts = []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006/1/2 15:04", time.RFC3339}
)

// parseDeadline reads a date as text in the common layouts or as an Excel serial day number
// (what a date cell holds when read raw), and returns the end of that day in loc: a buyer who
// writes "2026-06-30" means offers are welcome all that day. ok is false for anything else;
// a nil time with ok means no deadline.
func parseDeadline(s string, loc *time.Location) (*time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || noDeadline[strings.ToLower(s)] {
		return nil, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		// 1900 date system: serial 1 is 1900-01-01 and Excel counts a fictitious 1900-02-29,
		// hence the epoch of 1899-12-30. Serials outside 1990–2200 are not dates people mean.
		if f < 32874 || f > 109575 {
			return nil, false
		}
		day := time.Date(1899, 12, 30, 0, 0, 0, 0, loc).AddDate(0, 0, int(f))
		t := endOfDay(day)
		return &t, true
	}
	for _, layout := range dayLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			t = endOfDay(t)
			return &t, true
		}
	}
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return &t, true
		}
	}
	return nil, false
}

func endOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 23, 59, 59, 0, t.Location())
}
