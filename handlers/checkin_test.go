package handlers

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/service/checkin"
)

// TestColleaguesCheckInWithOwnCodes is the "done when": two people of one firm arrive
// one after the other, each with an own code; the console counts people and firms.
func TestColleaguesCheckInWithOwnCodes(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 1, domain.EventPublished, 10)
	reg := f.registerFor(e, f.enterprise, 2)
	a, b := reg.Attendees[0], reg.Attendees[1]
	if a.CheckinCode == "" || b.CheckinCode == "" || a.CheckinCode == b.CheckinCode {
		t.Fatalf("attendee codes %q %q", a.CheckinCode, b.CheckinCode)
	}
	var ans checkinAnswer
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+a.CheckinCode+`","device":"入口A"}`).
		wantStatus(t, 201).data(t, &ans)
	if ans.Attendee != 0 || ans.Registration.Attendees[0].CheckedInAt == nil || ans.Registration.Attendees[1].CheckedInAt != nil {
		t.Fatalf("first colleague: %+v", ans)
	}
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+strings.ToLower(b.CheckinCode)+`","device":"入口A"}`).
		wantStatus(t, 201).data(t, &ans)
	if ans.Attendee != 1 || ans.Registration.Attendees[1].CheckedInAt == nil {
		t.Fatalf("second colleague: %+v", ans)
	}
	res := f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+b.CheckinCode+`"}`).wantStatus(t, 409)
	if !bytes.Contains(res.body, []byte(b.Name)) {
		t.Fatalf("second scan names nobody: %s", res.body)
	}
	page := f.do(asOrganiser, "GET", "/events/"+e.ID+"/console", "").wantStatus(t, 200)
	if !bytes.Contains(page.body, []byte("2 / 2")) || !bytes.Contains(page.body, []byte("1 / 1")) {
		t.Fatalf("console does not count 2 of 2 people and 1 of 1 firms")
	}
	// Each person's own QR on the personal page, at a scannable size.
	mine := f.do(asMember, "GET", "/me/registrations", "").wantStatus(t, 200)
	for i := range 2 {
		if !bytes.Contains(mine.body, []byte(fmt.Sprintf(`/registrations/%s/qr.png?attendee=%d" alt=`, reg.ID, i))) {
			t.Fatalf("no QR of attendee %d on the personal page", i)
		}
	}
	if !bytes.Contains(mine.body, []byte(`width="220"`)) {
		t.Fatal("personal QR is not shown at 220 px")
	}
	png := f.do(asMember, "GET", "/registrations/"+reg.ID+"/qr.png?attendee=1", "").wantStatus(t, 200)
	if !bytes.HasPrefix(png.body, []byte("\x89PNG")) {
		t.Fatal("attendee QR is not a PNG")
	}
	f.do(asMember, "GET", "/registrations/"+reg.ID+"/qr.png?attendee=2", "").wantStatus(t, 400)
}

// TestOfflineBatch: a phone syncs what it scanned offline; every scan gets its own answer, the
// earliest scan of a badge wins, and sending the batch again changes nothing.
func TestOfflineBatch(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 1, domain.EventPublished, 10)
	reg := f.registerFor(e, f.enterprise, 2)
	other := f.newEvent("L1", 1, domain.EventPublished, 10)
	foreign := f.registerFor(other, f.addEnterprise("外场企业", "L1"), 1)
	now := f.clock.Now().Truncate(time.Second) // as RFC 3339 carries it
	a, b := reg.Attendees[0].CheckinCode, reg.Attendees[1].CheckinCode
	at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	body := fmt.Sprintf(`{"scans":[
		{"code":"%s","scannedAt":"%s","device":"手机B"},
		{"code":"%s","scannedAt":"%s","device":"手机B"},
		{"code":"%s","scannedAt":"%s","device":"手机B"},
		{"code":"ZZZZ-ZZZZ","scannedAt":"%s","device":"手机B"},
		{"code":"%s","scannedAt":"%s","device":"手机B"},
		{"code":"12","scannedAt":"%s","device":"手机B"},
		{"code":"%s","scannedAt":"%s","device":"手机B"}]}`,
		a, at(-time.Minute), a, at(-30*time.Minute), b, at(time.Hour), at(-time.Minute),
		foreign.CheckinCode, at(-time.Minute), at(-time.Minute), b, at(-10*time.Minute))
	want := []string{"already", "checked_in", "refused", "unknown", "unknown", "invalid", "checked_in"}
	for round := range 2 {
		var got []checkin.Result
		f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins/batch", body).wantStatus(t, 200).data(t, &got)
		if len(got) != len(want) {
			t.Fatalf("%d results for %d scans", len(got), len(want))
		}
		for i, r := range got {
			w := want[i]
			if round == 1 && (w == "checked_in") {
				w = "already"
			}
			if r.Result != w {
				t.Fatalf("round %d scan %d: %+v, want %s", round, i, r, w)
			}
		}
		if !got[0].CheckedInAt.Equal(now.Add(-30*time.Minute)) || got[2].Message == "" || got[5].Message == "" || got[0].Message == "" {
			t.Fatalf("round %d: earliest scan did not win or problems unexplained: %+v", round, got)
		}
	}
	stored, err := f.store.Registrations.Get(t.Context(), reg.ID)
	if err != nil || !stored.Attendees[0].CheckedInAt.Equal(now.Add(-30*time.Minute)) ||
		!stored.Attendees[1].CheckedInAt.Equal(now.Add(-10*time.Minute)) {
		t.Fatalf("stored: %+v %v", stored, err)
	}
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins/batch", `{"scans":[]}`).wantField(t, 422, "scans")
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins/batch", `{"scans":[{"code":"x","scannedAt":"yesterday"}]}`).wantStatus(t, 400)
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins/batch", `{"scans":[{"code":"x","sneaky":1}]}`).wantStatus(t, 400)
}

// TestCheckinWindowSaysWhy: with the default setting the door opens 24 hours before the start.
func TestCheckinWindowSaysWhy(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.CheckinOpensBefore, o.SessionTTL = 0, 30*24*time.Hour })
	e := f.newEvent("L1", 3, domain.EventPublished, 10)
	reg := f.registerFor(e, f.enterprise, 1)
	res := f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+reg.CheckinCode+`"}`)
	res.wantField(t, 422, "event")
	opens := e.StartsAt.Add(-24 * time.Hour).In(e.Location()).Format("2006-01-02 15:04")
	if _, fields := res.apiError(t); !strings.Contains(fmt.Sprint(fields["event"]), opens) {
		t.Fatalf("refusal does not say when the door opens (%s): %s", opens, res.body)
	}
	f.clock.advance(e.StartsAt.Sub(f.clock.Now()) - 23*time.Hour)
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+reg.CheckinCode+`"}`).wantStatus(t, 201)
	f.clock.advance(e.EndsAt.Sub(f.clock.Now()) + time.Minute)
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+reg.CheckinCode+`"}`).wantField(t, 422, "event")
}
