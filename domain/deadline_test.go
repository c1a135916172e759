package domain

import (
	"testing"
	"time"
)

func TestParseDeadline(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // RFC 3339 in UTC, "" for refused
	}{
		{"2027-03-31", "2027-03-31T15:59:59Z"}, // end of day Beijing
		{" 2027-03-31 ", "2027-03-31T15:59:59Z"},
		{"2027-03-31T10:00:00+02:00", "2027-03-31T08:00:00Z"},
		{"2027-02-30", ""},
		{"2027-13-01", ""},
		{"31.03.2027", ""},
		{"", ""},
		{"明年三月", ""},
	} {
		got, err := ParseDeadline(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParseDeadline(%q) = %v, want an error", tc.in, got)
		case tc.want != "" && err != nil:
			t.Errorf("ParseDeadline(%q): %v", tc.in, err)
		case tc.want != "" && got.UTC().Format(time.RFC3339) != tc.want:
			t.Errorf("ParseDeadline(%q) = %s, want %s", tc.in, got.UTC().Format(time.RFC3339), tc.want)
		}
	}
}

func TestLeadIntakeOptionalCodes(t *testing.T) {
	l := validLead()
	l.Clusters, l.IndustryCodes, l.HSCodes = nil, nil, nil
	if err := l.Validate(testClusters(), leadNow, true); err != nil {
		t.Fatalf("a lead without codes is refused: %v", err)
	}
	for _, tc := range []struct {
		region, want string
		ok           bool
	}{
		{"320214", "320214", true},
		{"de", "DE", true},
		{"UK", "GB", true},
		{"XX", "XX", false},
		{"EU", "EU", false}, // a market group is no delivery place
		{"999999", "999999", false},
	} {
		l := validLead()
		l.DeliveryRegion = tc.region
		err := l.Validate(testClusters(), leadNow, true)
		if l.DeliveryRegion != tc.want {
			t.Errorf("region %q normalised to %q, want %q", tc.region, l.DeliveryRegion, tc.want)
		}
		if (err == nil) != tc.ok {
			t.Errorf("region %q: err %v, want ok=%v", tc.region, err, tc.ok)
		}
		if !tc.ok && !hasField(err, "deliveryRegion") {
			t.Errorf("region %q: the refusal does not name deliveryRegion: %v", tc.region, err)
		}
	}
}

func hasField(err error, field string) bool {
	ve, ok := err.(*ValidationError)
	return ok && ve.Has(field)
}

func TestReadable(t *testing.T) {
	for s, want := range map[string]bool{"采购传感器": true, "PCBA": true, "Müller": true, "８０": true, "M8 螺栓": true,
		"😀😀😀": false, "Привет мир": false, "مرحبا": false, "!!! ---": false, "": false, "Привет M8": true} {
		if got := Readable(s); got != want {
			t.Errorf("Readable(%q) = %v, want %v", s, got, want)
		}
	}
	l := validLead()
	l.Title, l.Description = "😀😀😀", "Привет"
	if err := l.Validate(testClusters(), leadNow, true); !hasField(err, "title") {
		t.Errorf("emoji and Cyrillic lead: %v", err)
	}
}
