package handlers

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/store"
)

// outboxTo lists what the outbox holds for addr (subjects and kinds; bodies by Get).
func (f *fixture) outboxTo(addr string) []domain.OutboxMessage {
	f.t.Helper()
	ms, _, _, err := f.store.Outbox.List(context.Background(), store.OutboxFilter{To: addr}, store.Page{Limit: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	return ms
}

// TestRegistrationQueuesMail registers through the API: the member and every attendee get the
// confirmation with the .ics, in the member's language, once however often the browser retries.
func TestRegistrationQueuesMail(t *testing.T) {
	f := newFixture(t)
	e := f.newEvent("L1", 10, domain.EventPublished, 50)
	body, _ := json.Marshal(map[string]any{"attendees": attendees(700, 2)})
	f.do(asMember, "POST", "/api/v1/events/"+e.ID+"/registrations", string(body)).wantStatus(t, 201)
	f.do(asMember, "POST", "/api/v1/events/"+e.ID+"/registrations", string(body)).wantStatus(t, 200)
	member := f.actors[asMember].user
	mine := f.outboxTo(member.Email)
	if len(mine) != 1 || mine[0].Kind != domain.MailRegistration || !strings.Contains(mine[0].Subject, "报名成功") {
		t.Fatalf("member's mail %+v", mine)
	}
	full, err := f.store.Outbox.Get(context.Background(), mine[0].ID)
	if err != nil || len(full.Attachments) != 1 || !strings.Contains(string(full.Attachments[0].Data), "BEGIN:VCALENDAR") {
		t.Fatalf("attachment of %+v: %v", full, err)
	}
	for _, a := range attendees(700, 2) {
		if got := f.outboxTo(a.Email); len(got) != 1 || got[0].Headers["List-Unsubscribe"] != "" {
			t.Fatalf("attendee %s: %+v", a.Email, got)
		}
	}
}

// TestMeetingStepsQueueMail requests a meeting and answers it through the API.
func TestMeetingStepsQueueMail(t *testing.T) {
	f := newFixture(t)
	ev := f.events().event
	other := f.partner()
	colleague := &domain.User{Role: domain.RoleMember, EnterpriseID: other.ID}
	f.addActor("partner", colleague)
	res := f.do(asMember, "POST", "/api/v1/events/"+ev.ID+"/meetings", `{"with":"`+other.ID+`"}`).wantStatus(t, 201).json(t)
	id := res["data"].(map[string]any)["id"].(string)
	got := f.outboxTo(colleague.Email)
	if len(got) != 1 || got[0].Kind != domain.MailMeeting || !strings.Contains(got[0].Subject, "希望与您洽谈") {
		t.Fatalf("request mail %+v", got)
	}
	f.do("partner", "POST", "/api/v1/meetings/"+id+"/accept", "").wantStatus(t, 200)
	back := f.outboxTo(f.actors[asMember].user.Email)
	var accepted int
	for _, m := range back {
		if m.Kind == domain.MailMeeting && strings.Contains(m.Subject, "已接受") {
			accepted++
		}
	}
	if accepted != 1 {
		t.Fatalf("requester's mails %+v", back)
	}
}

// TestAnswerRecordsInstantNotice answers interested through the API: the buyer's member gets a
// pending instant notice, once.
func TestAnswerRecordsInstantNotice(t *testing.T) {
	f := newFixture(t)
	f.matchService()
	fx := f.matchFix()
	buyer := &domain.User{Role: domain.RoleMember, EnterpriseID: f.otherEnt.ID}
	f.addActor("buyer", buyer)
	for range 2 {
		f.do(asMember, "POST", "/api/v1/matches/"+fx.memberMatch.ID+"/respond", `{"decision":"interested"}`).wantStatus(t, 200)
	}
	ns, err := f.store.Notices.PendingFor(context.Background(), buyer.ID)
	if err != nil || len(ns) != 1 || ns[0].Kind != domain.NoticeAnswer || !strings.Contains(ns[0].Detail, f.enterprise.Name) {
		t.Fatalf("notices %+v, %v", ns, err)
	}
}
