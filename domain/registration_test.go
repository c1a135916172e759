package domain

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestValidateAttendees(t *testing.T) {
	ok := func() Attendee {
		return Attendee{Name: "张伟", Position: "采购经理", Mobile: "13812345678", Email: "zhang@example.cn"}
	}
	with := func(f func(a *Attendee)) Attendee { a := ok(); f(&a); return a }
	for _, tc := range []struct {
		name, field, key string
		attendees        []Attendee
	}{
		{"one attendee", "", "", []Attendee{ok()}},
		{"+86 prefix and spaces", "", "", []Attendee{with(func(a *Attendee) { a.Mobile = "+86 138-1234-5678" })}},
		{"zero attendees", "attendees", "registration_no_attendees", nil},
		{"too many", "attendees", "registration_too_many_attendees", []Attendee{
			ok(), with(func(a *Attendee) { a.Email = "b@example.cn" }), with(func(a *Attendee) { a.Email = "c@example.cn" }),
			with(func(a *Attendee) { a.Email = "d@example.cn" })}},
		{"name required", "attendees[0].name", "required", []Attendee{with(func(a *Attendee) { a.Name = " " })}},
		{"mobile required", "attendees[0].mobile", "required", []Attendee{with(func(a *Attendee) { a.Mobile = "" })}},
		{"mobile too short", "attendees[0].mobile", "attendee_mobile_format", []Attendee{with(func(a *Attendee) { a.Mobile = "1381234567" })}},
		{"mobile bad prefix", "attendees[0].mobile", "attendee_mobile_format", []Attendee{with(func(a *Attendee) { a.Mobile = "12812345678" })}},
		{"landline", "attendees[0].mobile", "attendee_mobile_format", []Attendee{with(func(a *Attendee) { a.Mobile = "0510-85123456" })}},
		{"letters", "attendees[0].mobile", "attendee_mobile_format", []Attendee{with(func(a *Attendee) { a.Mobile = "1381234567x" })}},
		{"email malformed", "attendees[0].email", "email_format", []Attendee{with(func(a *Attendee) { a.Email = "zhang@" })}},
		{"email required", "attendees[0].email", "required", []Attendee{with(func(a *Attendee) { a.Email = "" })}},
		{"same email twice, any case", "attendees[1].email", "registration_duplicate_email", []Attendee{ok(), with(func(a *Attendee) { a.Email = "Zhang@Example.cn" })}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateAttendees(tc.attendees, 3)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("ValidateAttendees = %v", err)
				}
				if m := tc.attendees[0].Mobile; m != "13812345678" {
					t.Fatalf("mobile not normalised: %q", m)
				}
				return
			}
			if got := fieldKey(err, tc.field); got != tc.key {
				t.Fatalf("ValidateAttendees = %v, want %s: %s", err, tc.field, tc.key)
			}
		})
	}
}

func TestAttendeeJSONAliases(t *testing.T) {
	var a Attendee
	if err := json.Unmarshal([]byte(`{"name":"李娜","email":"li@example.cn","phone":"13912345678","title":"总经理"}`), &a); err != nil {
		t.Fatal(err)
	}
	if a.Mobile != "13912345678" || a.Position != "总经理" {
		t.Fatalf("aliases not read: %+v", a)
	}
	if err := json.Unmarshal([]byte(`{"name":"李娜","nickname":"x"}`), &a); err == nil || !strings.Contains(err.Error(), "nickname") {
		t.Fatalf("unknown field accepted: %v", err)
	}
}

func TestRegistrationOpen(t *testing.T) {
	e := validEvent()
	e.Normalize()
	e.Status = EventPublished
	before := e.StartsAt.Add(-72 * time.Hour)
	opens, closes := e.StartsAt.Add(-48*time.Hour), e.StartsAt.Add(-24*time.Hour)
	for _, tc := range []struct {
		name   string
		status EventStatus
		opens  *time.Time
		closes *time.Time
		now    time.Time
		key    string
	}{
		{"published, no window", EventPublished, nil, nil, before, ""},
		{"draft", EventDraft, nil, nil, before, "registration_event_not_open"},
		{"cancelled", EventCancelled, nil, nil, before, "registration_event_not_open"},
		{"completed", EventCompleted, nil, nil, before, "registration_event_not_open"},
		{"event started", EventPublished, nil, nil, e.StartsAt, "registration_closed"},
		{"before window", EventPublished, &opens, &closes, before, "registration_not_yet_open"},
		{"inside window", EventPublished, &opens, &closes, opens, ""},
		{"window closed", EventPublished, &opens, &closes, closes, "registration_closed"},
	} {
		x := *e
		x.Status, x.RegistrationOpensAt, x.RegistrationClosesAt = tc.status, tc.opens, tc.closes
		err := x.RegistrationOpen(tc.now)
		if got := fieldKey(err, "event"); got != tc.key || (tc.key == "" && err != nil) {
			t.Errorf("%s: %v, want key %q", tc.name, err, tc.key)
		}
	}
}

func TestOfferExpiry(t *testing.T) {
	e := validEvent()
	far := e.StartsAt.Add(-10 * 24 * time.Hour)
	if got := OfferExpiry(e, far, 0); !got.Equal(far.Add(DefaultOfferTTL)) {
		t.Fatalf("default TTL: %v", got)
	}
	near := e.StartsAt.Add(-time.Hour)
	if got := OfferExpiry(e, near, 0); !got.Equal(e.StartsAt) {
		t.Fatalf("offer outlives the event start: %v", got)
	}
}

func TestCheckinCodes(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		c := NewCheckinCode()
		if len(c) != 9 || c[4] != '-' || NormalizeCheckinCode(c) != c {
			t.Fatalf("code %q not in canonical form", c)
		}
		if seen[c] {
			t.Fatalf("code %q repeated within 2000 draws", c)
		}
		seen[c] = true
	}
	for in, want := range map[string]string{
		"abcd-ef12":   "ABCD-EF12",
		" abcdef12 ":  "ABCD-EF12",
		"0OIL-1234":   "0011-1234",
		"ABCD EF12":   "ABCD-EF12",
		"ABCD-EF1":    "",
		"ABCD-EF123":  "",
		"ABCU-EF12":   "",
		"":            "",
		"ABCD-EF1?":   "",
		"abcd_ef12\t": "ABCD-EF12",
		"ＡＢＣＤ-EF12":   "",
	} {
		if got := NormalizeCheckinCode(in); got != want {
			t.Errorf("NormalizeCheckinCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckinOpen(t *testing.T) {
	e := validEvent()
	e.Status = EventPublished
	if err := e.CheckinOpen(e.StartsAt.Add(-time.Hour)); err != nil {
		t.Fatalf("before start: %v", err)
	}
	if got := fieldKey(e.CheckinOpen(e.EndsAt.Add(CheckinSyncGrace+time.Minute)), "event"); got != "eventday_checkin_over" {
		t.Fatalf("long after the end: %q", got)
	}
	e.Status = EventCancelled
	if got := fieldKey(e.CheckinOpen(e.StartsAt), "event"); got != "checkin_event_not_open" {
		t.Fatalf("cancelled: %q", got)
	}
}
