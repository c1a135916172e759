package jobs

import (
	"testing"
	"time"

	"duijie/domain"
)

func TestPeriodAt(t *testing.T) {
	sh, err := domain.LoadZone(Zone)
	if err != nil {
		t.Fatal(err)
	}
	bj := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, sh)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name       string
		freq       domain.DigestFrequency
		now        time.Time
		key        string
		start, end time.Time
	}{
		{"daily at send time", domain.DigestDaily, bj("2026-11-27 08:30"), "daily:2026-11-27", bj("2026-11-26 08:30"), bj("2026-11-27 08:30")},
		{"daily a minute before", domain.DigestDaily, bj("2026-11-27 08:29"), "daily:2026-11-26", bj("2026-11-25 08:30"), bj("2026-11-26 08:30")},
		// 00:10 Beijing is 16:10 UTC of the day before: the due period is still the 26th's.
		{"just after midnight Beijing", domain.DigestDaily, bj("2026-11-27 00:10").UTC(), "daily:2026-11-26", bj("2026-11-25 08:30"), bj("2026-11-26 08:30")},
		// 23:50 UTC is 07:50 Beijing of the next day: still before that morning's send.
		{"late UTC evening", domain.DigestDaily, time.Date(2026, 11, 26, 23, 50, 0, 0, time.UTC), "daily:2026-11-26", bj("2026-11-25 08:30"), bj("2026-11-26 08:30")},
		{"daily across a month", domain.DigestDaily, bj("2026-12-01 09:00"), "daily:2026-12-01", bj("2026-11-30 08:30"), bj("2026-12-01 08:30")},
		{"weekly on Monday", domain.DigestWeekly, bj("2026-11-23 08:30"), "weekly:2026-11-23", bj("2026-11-16 08:30"), bj("2026-11-23 08:30")},
		{"weekly on Friday", domain.DigestWeekly, bj("2026-11-27 12:00"), "weekly:2026-11-23", bj("2026-11-16 08:30"), bj("2026-11-23 08:30")},
		{"weekly Monday before send", domain.DigestWeekly, bj("2026-11-30 08:00"), "weekly:2026-11-23", bj("2026-11-16 08:30"), bj("2026-11-23 08:30")},
		{"weekly Sunday midnight", domain.DigestWeekly, bj("2026-11-30 00:01"), "weekly:2026-11-23", bj("2026-11-16 08:30"), bj("2026-11-23 08:30")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := PeriodAt(c.freq, c.now, sh)
			if err != nil {
				t.Fatal(err)
			}
			if p.Key != c.key || !p.Start.Equal(c.start) || !p.End.Equal(c.end) {
				t.Fatalf("got %s [%s, %s), want %s [%s, %s)", p.Key, p.Start, p.End, c.key, c.start, c.end)
			}
		})
	}
	if _, err := PeriodAt(domain.DigestOff, time.Now(), sh); err == nil {
		t.Error("a period for frequency off")
	}
}

func TestReminderLead(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{{-time.Minute, ""}, {0, ""}, {time.Minute, "2h"}, {2 * time.Hour, "2h"}, {2*time.Hour + time.Second, "24h"},
		{24 * time.Hour, "24h"}, {25 * time.Hour, ""}} {
		if got := reminderLead(c.d); got != c.want {
			t.Errorf("reminderLead(%s) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestParseSpec(t *testing.T) {
	for spec, ok := range map[string]bool{
		"30 8 * * *": true, "*/5 * * * *": true, "@daily": true, "CRON_TZ=Asia/Shanghai 30 8 * * 1": true,
		"": false, "30 8 * *": false, "61 * * * *": false, "every day": false, "CRON_TZ=Mars/Base 0 0 * * *": false,
	} {
		if err := ParseSpec(spec); (err == nil) != ok {
			t.Errorf("ParseSpec(%q) = %v, want ok=%v", spec, err, ok)
		}
	}
}
