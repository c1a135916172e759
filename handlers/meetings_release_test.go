package handlers

import (
	"strings"
	"testing"

	"duijie/domain"
)

// TestCancelledRegistrationReleasesMeetings: a member cancels its registration; its booked
// meeting and its open request at the event are cancelled, the slot is free again for the
// counterpart, and each counterpart gets the meeting-cancelled mail.
func TestCancelledRegistrationReleasesMeetings(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	booked := meetingData(t, b.request(t, asMember, b.partner, "14:20").wantStatus(t, 201))
	f.do("partner", "POST", "/api/v1/meetings/"+booked["id"].(string)+"/accept", "").wantStatus(t, 200)
	third := f.addEnterprise("第三家洽谈企业", "L1")
	f.registerFor(b.ev, third, 1)
	if err := f.store.Meetings.SetOptIn(t.Context(), b.ev.ID, third.ID, true, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	colleague := &domain.User{Role: domain.RoleMember, EnterpriseID: third.ID}
	f.addActor("third", colleague)
	pending := meetingData(t, b.request(t, "third", f.enterprise, "").wantStatus(t, 201))

	f.do(asMember, "DELETE", "/api/v1/registrations/"+f.events().reg.ID, "").wantStatus(t, 200)

	for _, id := range []string{booked["id"].(string), pending["id"].(string)} {
		m, err := f.store.Meetings.Get(t.Context(), id)
		if err != nil || m.Status != domain.MeetingCancelled || m.CancelledBy != f.enterprise.ID || m.Table != 0 {
			t.Fatalf("meeting %s after the cancellation: %+v, %v", id, m, err)
		}
	}
	busy, err := f.store.Meetings.Busy(t.Context(), b.ev.ID)
	if err != nil || busy[b.slot("14:20").UnixMilli()].Firms[b.partner.ID] {
		t.Fatalf("the partner still sits at 14:20: %+v, %v", busy, err)
	}
	for _, as := range []string{"partner", "third"} {
		var cancelled int
		for _, m := range f.outboxTo(f.actors[as].user.Email) {
			if m.Kind == domain.MailMeeting && strings.Contains(m.Subject, "取消") {
				cancelled++
			}
		}
		if cancelled != 1 {
			t.Fatalf("%s got %d meeting-cancelled mails, want 1", as, cancelled)
		}
	}
	// The partner can now meet someone else at 14:20.
	b.request(t, "third", b.partner, "14:20").wantStatus(t, 201)
}
