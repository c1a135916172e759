package handlers

import (
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/jobs"
)

// TestCancelledRegistrationReleasesMeetings: a member cancels its registration; its booked
// meeting and its open request at the event are cancelled, the slot is free again for the
// counterpart, and each counterpart gets the meeting-cancelled mail.
func TestCancelledRegistrationReleasesMeetings(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	booked := meetingData(t, b.request(t, asMember, b.partner, "14:20").wantStatus(t, 201))
	f.do("partner", "POST", "/api/v1/meetings/"+booked["id"].(string)+"/accept", "").wantStatus(t, 200)
	b.addThird(t)
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

// TestAcceptAtAnotherSlotPage: the recipient opens the answer page, which lists the free slots
// of both sides (the proposed one, taken meanwhile, is marked), and accepts at another slot: the
// slot and a table are booked for both. A taken slot sends it back to choose again.
func TestAcceptAtAnotherSlotPage(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	m := meetingData(t, b.request(t, asMember, b.partner, "14:20").wantStatus(t, 201))
	id := m["id"].(string)
	// The member books 14:20 with a third firm meanwhile: the proposed slot is gone.
	b.addThird(t)
	other := meetingData(t, b.request(t, "third", f.enterprise, "14:20").wantStatus(t, 201))
	f.do(asMember, "POST", "/api/v1/meetings/"+other["id"].(string)+"/accept", "").wantStatus(t, 200)

	for _, lang := range []string{"zh-CN", "en"} {
		page := string(f.do("partner", "GET", "/meetings/"+id+"/answer", "", acceptLanguage(lang)).wantStatus(t, 200).body)
		if strings.Contains(page, "<span>14:20–14:40</span>") || !strings.Contains(page, "<span>15:40–16:00</span>") ||
			!strings.Contains(page, "pill-warning") {
			t.Fatalf("%s answer page: the taken slot is offered or a free one is missing", lang)
		}
	}
	// The requester does not answer its own request; a stranger does not see it.
	f.do(asMember, "GET", "/meetings/"+id+"/answer", "").wantStatus(t, 403)
	f.do("third", "GET", "/meetings/"+id+"/answer", "").wantStatus(t, 404)

	// Accepting at the taken proposed slot sends the partner back to choose.
	r := f.do("partner", "POST", "/meetings/"+id+"/accept", "")
	r.wantStatus(t, 303)
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/meetings/"+id+"/answer") {
		t.Fatalf("refused accept goes to %q", loc)
	}
	r = f.do("partner", "POST", "/meetings/"+id+"/accept", "slotStart=yesterday")
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/meetings/"+id+"/answer") {
		t.Fatalf("unreadable slot goes to %q", loc)
	}
	r = f.do("partner", "POST", "/meetings/"+id+"/accept", "slotStart="+url.QueryEscape(b.slot("15:40").Format("2006-01-02T15:04:05Z07:00"))+
		"&videoLink="+url.QueryEscape("https://meeting.tencent.com/dm/abc"))
	r.wantStatus(t, 303)
	got, _ := f.store.Meetings.Get(t.Context(), id)
	if got.Status != domain.MeetingAccepted || got.SlotStart == nil || !got.SlotStart.Equal(b.slot("15:40")) || got.Table != 1 ||
		got.VideoLink != "https://meeting.tencent.com/dm/abc" {
		t.Fatalf("accepted at another slot: %+v", got)
	}
	// The requester's acceptance mail carries the time, the table and the video link.
	var accepted int
	for _, m := range f.outboxTo(f.actors[asMember].user.Email) {
		if !strings.Contains(m.Subject, "已接受") {
			continue
		}
		full, err := f.store.Outbox.Get(t.Context(), m.ID)
		if err == nil && strings.Contains(full.Text, "https://meeting.tencent.com/dm/abc") && strings.Contains(full.Text, "15:40") {
			accepted++
		}
	}
	if accepted != 1 {
		t.Fatalf("%d acceptance mails with the slot and the video link, want 1", accepted)
	}
	// Answered: the page sends back to the list.
	f.do("partner", "GET", "/meetings/"+id+"/answer", "").wantStatus(t, 303)
}

// agendaMails counts the agenda mails queued for addr.
func (f *fixture) agendaMails(addr string) int {
	n := 0
	for _, m := range f.outboxTo(addr) {
		if m.Kind == domain.MailMeeting && (strings.Contains(m.Subject, "洽谈日程") || strings.Contains(m.Subject, "meeting agenda")) {
			n++
		}
	}
	return n
}

// TestPublishMailsAgendas: the organiser drafts and publishes the schedule; each firm with a
// meeting gets its agenda once (members and attendees), and a later publish that changes a
// firm's agenda mails that firm again, not the others.
func TestPublishMailsAgendas(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	first := meetingData(t, b.request(t, asMember, b.partner, "").wantStatus(t, 201))
	f.do("partner", "POST", "/api/v1/meetings/"+first["id"].(string)+"/accept", "").wantStatus(t, 200)
	f.do(asOrganiser, "POST", "/api/v1/events/"+b.ev.ID+"/schedule", "").wantStatus(t, 200)
	member, partner := f.actors[asMember].user.Email, f.actors["partner"].user.Email
	if f.agendaMails(member) != 0 {
		t.Fatal("a draft mailed an agenda")
	}
	d := meetingData(t, f.do(asOrganiser, "POST", "/api/v1/events/"+b.ev.ID+"/schedule/publish", "").wantStatus(t, 200))
	if d["published"] != float64(1) || f.agendaMails(member) != 1 || f.agendaMails(partner) != 1 {
		t.Fatalf("after publishing: %v; agenda mails member %d, partner %d", d, f.agendaMails(member), f.agendaMails(partner))
	}
	attendee := f.events().reg.Attendees[0].Email
	if attendee != "" && f.agendaMails(attendee) != 1 {
		t.Fatalf("the member's attendee %s got %d agenda mails", attendee, f.agendaMails(attendee))
	}
	msgs := f.outboxTo(member)
	var agenda *domain.OutboxMessage
	for i := range msgs {
		if strings.Contains(msgs[i].Subject, "洽谈日程") {
			agenda = &msgs[i]
		}
	}
	full, err := f.store.Outbox.Get(t.Context(), agenda.ID)
	if err != nil || !strings.Contains(full.Text, b.partner.Name) || !strings.Contains(full.Text, "号桌") ||
		len(full.Attachments) != 1 || !strings.Contains(string(full.Attachments[0].Data), "meeting-"+first["id"].(string)) {
		t.Fatalf("agenda mail %+v: %v", full, err)
	}
	// Publishing again with nothing new mails nothing.
	f.do(asOrganiser, "POST", "/api/v1/events/"+b.ev.ID+"/schedule/publish", "").wantStatus(t, 200)
	// A third firm's meeting with the member is scheduled and published: the member's agenda
	// changed, the partner's did not.
	b.addThird(t)
	second := meetingData(t, b.request(t, "third", f.enterprise, "").wantStatus(t, 201))
	f.do(asMember, "POST", "/api/v1/meetings/"+second["id"].(string)+"/accept", "").wantStatus(t, 200)
	f.do(asOrganiser, "POST", "/events/"+b.ev.ID+"/schedule", "tables=2&slotMinutes=20").wantStatus(t, 303)
	f.do(asOrganiser, "POST", "/events/"+b.ev.ID+"/schedule/publish", "").wantStatus(t, 303)
	if f.agendaMails(member) != 2 || f.agendaMails(partner) != 1 || f.agendaMails(f.actors["third"].user.Email) != 1 {
		t.Fatalf("after the second publish: member %d, partner %d, third %d agenda mails", f.agendaMails(member),
			f.agendaMails(partner), f.agendaMails(f.actors["third"].user.Email))
	}
}

// TestAnswerPageLeavesSlotToScheduler: a request without a proposed slot can be accepted from
// the answer page with the time left to the organiser's schedule.
func TestAnswerPageLeavesSlotToScheduler(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	id := meetingData(t, b.request(t, asMember, b.partner, "").wantStatus(t, 201))["id"].(string)
	page := string(f.do("partner", "GET", "/meetings/"+id+"/answer", "").wantStatus(t, 200).body)
	if !strings.Contains(page, `name="slotStart" value=""`) {
		t.Fatal("the answer page offers no way to leave the slot to the schedule")
	}
	f.do("partner", "POST", "/meetings/"+id+"/accept", "slotStart=").wantStatus(t, 303)
	got, _ := f.store.Meetings.Get(t.Context(), id)
	if got.Status != domain.MeetingAccepted || got.Scheduled() {
		t.Fatalf("accepted for the scheduler: %+v", got)
	}
}

// TestAnswerPageWithoutFreeSlots: when no slot is free for both sides the page says so and still
// lets the recipient decline, or accept a request without a proposed time for the schedule.
func TestAnswerPageWithoutFreeSlots(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	id := meetingData(t, b.request(t, "partner", f.enterprise, "").wantStatus(t, 201))["id"].(string)
	f.clock.advance(b.slot("16:00").Sub(f.clock.Now())) // every slot of the window has begun
	f.addActor("member-later", &domain.User{Role: domain.RoleMember, EnterpriseID: f.enterprise.ID})
	for _, lang := range []string{"zh-CN", "en"} {
		page := string(f.do("member-later", "GET", "/meetings/"+id+"/answer", "", acceptLanguage(lang)).wantStatus(t, 200).body)
		if strings.Contains(page, "slot-chip") || !strings.Contains(page, "/meetings/"+id+"/decline") ||
			!strings.Contains(page, `action="/meetings/`+id+`/accept"`) {
			t.Fatalf("%s: the page without free slots offers a slot or lacks decline and accept", lang)
		}
	}
}

// TestCancelledEventCancelsMeetingsAndTellsRegistrants: the organiser cancels a published event
// with a booked meeting and an open request; both are cancelled in no side's name, and the
// change-notice job tells each registered enterprise, in its language, that the event will not
// take place.
func TestCancelledEventCancelsMeetingsAndTellsRegistrants(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	booked := meetingData(t, b.request(t, asMember, b.partner, "14:20").wantStatus(t, 201))
	f.do("partner", "POST", "/api/v1/meetings/"+booked["id"].(string)+"/accept", "").wantStatus(t, 200)
	b.addThird(t)
	open := meetingData(t, b.request(t, "third", f.enterprise, "").wantStatus(t, 201))

	f.do(asOrganiser, "POST", "/api/v1/events/"+b.ev.ID+"/cancel", "").wantStatus(t, 200)

	for _, id := range []string{booked["id"].(string), open["id"].(string)} {
		m, err := f.store.Meetings.Get(t.Context(), id)
		if err != nil || m.Status != domain.MeetingCancelled || m.CancelledBy != "" || m.Table != 0 || m.SlotStart != nil {
			t.Fatalf("meeting %s after the event's cancellation: %+v, %v", id, m, err)
		}
	}
	pending, err := f.store.Events.PendingChanges(t.Context(), 10)
	if err != nil || len(pending) != 1 || !pending[0].Cancels() {
		t.Fatalf("pending changes %+v, %v; want the cancellation", pending, err)
	}
	n := &jobs.Notices{Store: f.store, Renderer: f.h.deps.Notify.Renderer()}
	rn := jobs.NewRunner(f.store, slog.New(slog.DiscardHandler))
	rn.Register(n.ChangeJob("@every 1h"))
	for range 2 { // the second run finds nothing pending
		if _, err := rn.Run(t.Context(), jobs.JobChanges, domain.TriggerManual); err != nil {
			t.Fatal(err)
		}
	}
	for _, as := range []string{asMember, "partner", "third"} {
		var told []string
		for _, m := range f.outboxTo(f.actors[as].user.Email) {
			if m.Kind == domain.MailChange {
				told = append(told, m.Subject)
			}
		}
		if len(told) != 1 || !strings.HasPrefix(told[0], "活动取消") {
			t.Fatalf("%s got change mails %q, want one cancellation", as, told)
		}
	}
}

// addThird registers a third firm, open to meetings, at the booking fixture's event and signs
// in a member of it as "third".
func (b *bookingFix) addThird(t *testing.T) *domain.Enterprise {
	t.Helper()
	f := b.f
	third := f.addEnterprise("第三家洽谈企业", "L1")
	f.registerFor(b.ev, third, 1)
	if err := f.store.Meetings.SetOptIn(t.Context(), b.ev.ID, third.ID, true, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.addActor("third", &domain.User{Role: domain.RoleMember, EnterpriseID: third.ID})
	return third
}
