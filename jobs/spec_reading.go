package jobs

import (
	"strconv"
	"strings"
)

// SpecReading is a cron spec in the shape a person reads it ("daily at 08:30"), for the admin
// page; Kind "" means the spec has no simple reading and is shown as written.
type SpecReading struct {
	Kind    string // every_minute, every_minutes, hourly, every_hours, daily, weekly, monthly
	Every   int    // N of every_minutes / every_hours
	Hour    int
	Minute  int
	Weekday int // 0 Sunday … 6 Saturday (weekly)
	Day     int // day of the month (monthly)
}

// ReadSpec reads the five-field specs the jobs use: "* * * * *", "*/N * * * *", "M * * * *",
// "M */N * * *", "M H * * *", "M H * * D" and "M H D * *". Anything else (lists, ranges,
// descriptors) gets Kind "".
func ReadSpec(spec string) SpecReading {
	f := strings.Fields(spec)
	if len(f) != 5 || f[3] != "*" {
		return SpecReading{}
	}
	min, hour, dom, dow := f[0], f[1], f[2], f[4]
	num := func(s string, lo, hi int) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= lo && n <= hi
	}
	step := func(s string, hi int) (int, bool) {
		v, ok := strings.CutPrefix(s, "*/")
		if !ok {
			return 0, false
		}
		return num(v, 1, hi)
	}
	if dom == "*" && dow == "*" {
		switch {
		case min == "*" && hour == "*":
			return SpecReading{Kind: "every_minute"}
		case hour == "*":
			if n, ok := step(min, 59); ok {
				return SpecReading{Kind: "every_minutes", Every: n}
			}
			if m, ok := num(min, 0, 59); ok {
				return SpecReading{Kind: "hourly", Minute: m}
			}
			return SpecReading{}
		}
	}
	m, ok := num(min, 0, 59)
	if !ok {
		return SpecReading{}
	}
	if n, ok := step(hour, 23); ok && dom == "*" && dow == "*" {
		return SpecReading{Kind: "every_hours", Every: n, Minute: m}
	}
	h, ok := num(hour, 0, 23)
	if !ok {
		return SpecReading{}
	}
	switch {
	case dom == "*" && dow == "*":
		return SpecReading{Kind: "daily", Hour: h, Minute: m}
	case dom == "*":
		if d, ok := num(dow, 0, 7); ok {
			return SpecReading{Kind: "weekly", Hour: h, Minute: m, Weekday: d % 7}
		}
	case dow == "*":
		if d, ok := num(dom, 1, 31); ok {
			return SpecReading{Kind: "monthly", Hour: h, Minute: m, Day: d}
		}
	}
	return SpecReading{}
}
