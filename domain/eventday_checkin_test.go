package domain

import (
	"testing"
	"time"
)

func TestDecideCheckin(t *testing.T) {
	at := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	earlier, later := at.Add(-time.Minute), at.Add(time.Minute)
	for _, c := range []struct {
		name    string
		status  RegistrationStatus
		current *time.Time
		want    CheckinDecision
	}{
		{"first scan", RegConfirmed, nil, CheckinDecision{Result: CheckinOK, Stamp: true, At: at}},
		{"second scan", RegConfirmed, &earlier, CheckinDecision{Result: CheckinAlready}},
		{"same scan again", RegConfirmed, &at, CheckinDecision{Result: CheckinAlready}},
		{"earlier offline scan wins", RegConfirmed, &later, CheckinDecision{Result: CheckinAlready, Stamp: true, At: at}},
		{"waitlisted", RegWaitlisted, nil, CheckinDecision{Result: CheckinNotConfirmed}},
		{"offered", RegOffered, nil, CheckinDecision{Result: CheckinNotConfirmed}},
		{"cancelled", RegCancelled, nil, CheckinDecision{Result: CheckinNotConfirmed}},
	} {
		if got := DecideCheckin(c.status, c.current, at); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestCheckinWindow(t *testing.T) {
	e := validEvent()
	e.Status = EventPublished
	start, end := e.StartsAt, e.EndsAt
	for _, c := range []struct {
		name        string
		status      EventStatus
		at, now     time.Time
		before      time.Duration
		field, want string
	}{
		{"an hour before", EventPublished, start.Add(-time.Hour), start.Add(-time.Hour), 0, "", ""},
		{"two days before", EventPublished, start.Add(-48 * time.Hour), start.Add(-48 * time.Hour), 0, "event", "eventday_checkin_not_yet"},
		{"two days before, door open 3 days", EventPublished, start.Add(-48 * time.Hour), start.Add(-48 * time.Hour), 72 * time.Hour, "", ""},
		{"at the end", EventPublished, end, end, 0, "", ""},
		{"after the end", EventPublished, end.Add(time.Minute), end.Add(time.Minute), 0, "event", "eventday_checkin_over"},
		{"scanned during, synced next morning", EventPublished, end.Add(-time.Hour), end.Add(12 * time.Hour), 0, "", ""},
		{"synced too late", EventPublished, end.Add(-time.Hour), end.Add(CheckinSyncGrace + time.Minute), 0, "event", "eventday_checkin_over"},
		{"dated in the future", EventPublished, start.Add(time.Hour), start, 0, "scannedAt", "eventday_scan_future"},
		{"small clock skew", EventPublished, start.Add(time.Minute), start, 0, "", ""},
		{"completed, synced after", EventCompleted, end.Add(-time.Hour), end.Add(time.Hour), 0, "", ""},
		{"draft", EventDraft, start, start, 0, "event", "checkin_event_not_open"},
		{"cancelled", EventCancelled, start, start, 0, "event", "checkin_event_not_open"},
	} {
		e.Status = c.status
		err := e.CheckinWindow(c.at, c.now, c.before)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if got := fieldKey(err, c.field); got != c.want {
			t.Errorf("%s: %q on %s (%v), want %q", c.name, got, c.field, err, c.want)
		}
	}
}

func TestAssignAndEnsureCheckinCodes(t *testing.T) {
	r := &Registration{Attendees: make([]Attendee, 4)}
	AssignCheckinCodes(r)
	seen := map[string]bool{}
	for i, a := range r.Attendees {
		if NormalizeCheckinCode(a.CheckinCode) != a.CheckinCode || seen[a.CheckinCode] {
			t.Fatalf("attendee %d: %q", i, a.CheckinCode)
		}
		seen[a.CheckinCode] = true
	}
	if r.Attendees[0].CheckinCode != r.CheckinCode {
		t.Fatalf("first attendee %q, registration %q", r.Attendees[0].CheckinCode, r.CheckinCode)
	}
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	old := &Registration{CheckinCode: "ABCD-EF12", CheckedInAt: &at, Attendees: make([]Attendee, 2)}
	if !EnsureAttendeeCodes(old) || old.Attendees[0].CheckinCode != "ABCD-EF12" || old.Attendees[1].CheckinCode == "" ||
		old.Attendees[1].CheckinCode == "ABCD-EF12" || !old.Attendees[1].CheckedInAt.Equal(at) {
		t.Fatalf("legacy codes: %+v", old.Attendees)
	}
	if EnsureAttendeeCodes(old) {
		t.Fatal("second pass changed codes")
	}
	if n := old.CheckedInPeople(); n != 2 || !old.FirstCheckin().Equal(at) {
		t.Fatalf("people %d first %v", n, old.FirstCheckin())
	}
}
