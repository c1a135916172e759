package storetest

import (
	"errors"
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("AttendeeCheckins", testAttendeeCheckins) }

// testAttendeeCheckins: every attendee has an own code; a scan checks in that person only; the
// earliest scan sets the time; a batch is idempotent; a registration with someone checked in
// cannot be cancelled.
func testAttendeeCheckins(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	now := Ms(time.Now())
	e := MustCreateEvent(t, s, NewEvent("L1", 10, 3))
	firm := mustRegister(t, s, NewRegistration(e, 1, 2), now)
	other := mustRegister(t, s, NewRegistration(e, 2, 1), now)

	codes := map[string]bool{}
	for _, r := range []*domain.Registration{firm, other} {
		for i, a := range r.Attendees {
			if domain.NormalizeCheckinCode(a.CheckinCode) != a.CheckinCode || a.CheckedInAt != nil || codes[a.CheckinCode] {
				t.Fatalf("attendee %d of %s: code %q at %v (seen: %v)", i, r.EnterpriseName, a.CheckinCode, a.CheckedInAt, codes)
			}
			codes[a.CheckinCode] = true
		}
		if r.Attendees[0].CheckinCode != r.CheckinCode {
			t.Fatalf("first attendee's code %q, registration's %q", r.Attendees[0].CheckinCode, r.CheckinCode)
		}
	}
	got, err := s.Registrations.Get(ctx, firm.ID)
	Must(t, err, "get")
	if got.Attendees[1].CheckinCode != firm.Attendees[1].CheckinCode {
		t.Fatalf("stored codes %+v, returned %+v", got.Attendees, firm.Attendees)
	}

	// The second colleague arrives first, with the own code.
	t1 := now.Add(time.Minute)
	r, scan, err := s.Checkins.CheckIn(ctx, e.ID, firm.Attendees[1].CheckinCode, "org", "门口", t1)
	Must(t, err, "check in colleague")
	if scan.Result != domain.CheckinOK || r.Attendees[1].CheckedInAt == nil || r.Attendees[0].CheckedInAt != nil ||
		r.CheckedInAt == nil || !r.CheckedInAt.Equal(t1) {
		t.Fatalf("colleague: %+v %+v", scan, r.Attendees)
	}
	t2 := t1.Add(time.Minute)
	r, scan, err = s.Checkins.CheckIn(ctx, e.ID, firm.Attendees[0].CheckinCode, "org", "门口", t2)
	Must(t, err, "check in first attendee")
	if scan.Result != domain.CheckinOK || !r.Attendees[0].CheckedInAt.Equal(t2) || !r.CheckedInAt.Equal(t1) {
		t.Fatalf("first attendee: %+v %+v first %v", scan, r.Attendees, r.CheckedInAt)
	}
	if _, scan, err = s.Checkins.CheckIn(ctx, e.ID, firm.Attendees[0].CheckinCode, "org", "门口", t2.Add(time.Minute)); err != nil || scan.Result != domain.CheckinAlready {
		t.Fatalf("second scan: %+v %v", scan, err)
	}
	c := checkCounters(t, s, e)
	if c.CheckedIn != 1 || c.PeopleCheckedIn != 2 {
		t.Fatalf("counts %+v, want 1 firm and 2 people", c)
	}

	// Cancelling after a check-in is refused and changes nothing.
	_, err = s.Registrations.Cancel(ctx, firm.ID, domain.CancelByMember, t2)
	var ce *domain.ConflictError
	if !errors.As(err, &ce) || ce.Field != "status" {
		t.Fatalf("cancel after check-in: %v", err)
	}
	if got, _ := s.Registrations.Get(ctx, firm.ID); got.Status != domain.RegConfirmed {
		t.Fatalf("after refused cancel: %s", got.Status)
	}

	// An offline phone syncs: its earlier scan of the colleague wins, a repeat changes nothing,
	// an unknown code and another event's code are reported.
	early := now.Add(30 * time.Second)
	elsewhere := MustCreateEvent(t, s, NewEvent("L1", 10, 1))
	foreign := mustRegister(t, s, NewRegistration(elsewhere, 3, 1), now)
	batch := []domain.CheckinScan{
		{Code: firm.Attendees[1].CheckinCode, By: "org", Device: "手机B", At: early},
		{Code: other.CheckinCode, By: "org", Device: "手机B", At: early},
		{Code: "ZZZZ-ZZZZ", By: "org", Device: "手机B", At: early},
		{Code: foreign.CheckinCode, By: "org", Device: "手机B", At: early},
	}
	out, err := s.Checkins.CheckInMany(ctx, e.ID, batch)
	Must(t, err, "batch")
	want := []domain.CheckinResult{domain.CheckinAlready, domain.CheckinOK, domain.CheckinUnknown, domain.CheckinUnknown}
	for i, o := range out {
		if o.Scan.Result != want[i] {
			t.Fatalf("batch scan %d: %s, want %s", i, o.Scan.Result, want[i])
		}
	}
	if a := out[0].Registration.Attendees[1]; out[0].Attendee != 1 || !a.CheckedInAt.Equal(early) || !out[0].Registration.CheckedInAt.Equal(early) {
		t.Fatalf("earliest scan did not win: %+v", out[0])
	}
	if out[2].Registration != nil || out[2].Attendee != -1 || out[3].Registration != nil {
		t.Fatalf("unknown codes: %+v %+v", out[2], out[3])
	}
	again, err := s.Checkins.CheckInMany(ctx, e.ID, batch)
	Must(t, err, "batch again")
	for i, o := range again[:2] {
		if o.Scan.Result != domain.CheckinAlready || !o.Registration.Attendees[o.Attendee].CheckedInAt.Equal(early) {
			t.Fatalf("repeated batch scan %d: %+v", i, o)
		}
	}
	c = checkCounters(t, s, e)
	if c.CheckedIn != 2 || c.PeopleCheckedIn != 3 {
		t.Fatalf("counts after sync %+v", c)
	}
	got, err = s.Registrations.Get(ctx, foreign.ID)
	Must(t, err, "foreign")
	if got.CheckedInAt != nil {
		t.Fatalf("another event's registration was checked in")
	}
}
