package jobs

import "testing"

func TestReadSpec(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want SpecReading
	}{
		{"* * * * *", SpecReading{Kind: "every_minute"}},
		{"*/5 * * * *", SpecReading{Kind: "every_minutes", Every: 5}},
		{"17 * * * *", SpecReading{Kind: "hourly", Minute: 17}},
		{"0 */6 * * *", SpecReading{Kind: "every_hours", Every: 6}},
		{"30 8 * * *", SpecReading{Kind: "daily", Hour: 8, Minute: 30}},
		{"30 8 * * 1", SpecReading{Kind: "weekly", Hour: 8, Minute: 30, Weekday: 1}},
		{"0 9 * * 7", SpecReading{Kind: "weekly", Hour: 9, Weekday: 0}},
		{"0 9 1 * *", SpecReading{Kind: "monthly", Hour: 9, Day: 1}},
		{"0 9 1 1 *", SpecReading{}},     // a month named: no simple reading
		{"0,30 8 * * *", SpecReading{}},  // a list
		{"30 8-18 * * *", SpecReading{}}, // a range
		{"@every 1m", SpecReading{}},     // a descriptor
		{"61 8 * * *", SpecReading{}},    // out of range
		{"30 8 * * 1-5", SpecReading{}},  // weekdays
		{"", SpecReading{}},
	} {
		if got := ReadSpec(tc.spec); got != tc.want {
			t.Errorf("ReadSpec(%q) = %+v, want %+v", tc.spec, got, tc.want)
		}
	}
	for name, spec := range DefaultSpecs {
		if ReadSpec(spec).Kind == "" {
			t.Errorf("default spec of %s (%q) has no reading", name, spec)
		}
	}
}
