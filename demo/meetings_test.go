package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	meetsvc "duijie/service/meetings"
	"duijie/store"
)

func TestSeedMeetings(t *testing.T) {
	withoutHistory(t)
	st := openStore(t)
	ctx := context.Background()
	now := time.Now()
	if _, err := Seed(ctx, st, now); err != nil {
		t.Fatal(err)
	}
	member, err := st.Users.GetByEmail(ctx, MemberEmail)
	if err != nil {
		t.Fatal(err)
	}
	member2, err := st.Users.GetByEmail(ctx, Member2Email)
	if err != nil || member2.Role != domain.RoleMember || member2.EnterpriseID == member.EnterpriseID {
		t.Fatalf("second member: %+v (%v)", member2, err)
	}
	ms, err := st.Meetings.List(ctx, store.MeetingFilter{EnterpriseID: member.EnterpriseID})
	if err != nil {
		t.Fatal(err)
	}
	var booked, proposed, toFeedback int
	for _, m := range ms {
		if m.Status == domain.MeetingAccepted && m.PublishedAt != nil && m.Table > 0 && m.SlotStart.After(now) {
			booked++
		}
		if m.Status == domain.MeetingRequested && m.RecipientID == member.EnterpriseID && m.RequestedSlot != nil {
			proposed++
		}
		if _, err := m.FeedbackSide(member.EnterpriseID, now); err == nil {
			toFeedback++
		}
	}
	if booked != 1 || proposed != 1 || toFeedback != 1 {
		t.Fatalf("member's meetings: %d booked, %d proposed, %d awaiting its feedback", booked, proposed, toFeedback)
	}
	// The expo's schedule is published, and the past session's report has what came of it.
	expo, err := demoExpo(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	// The two members have nothing open at the expo: a newcomer signed in as each can book
	// between them.
	atExpo, err := st.Meetings.List(ctx, store.MeetingFilter{EventID: expo.ID, EnterpriseID: member.EnterpriseID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range atExpo {
		if m.Open() && m.Involves(member2.EnterpriseID) {
			t.Fatalf("the members already share an open meeting at the expo: %+v", m)
		}
	}
	svc := meetsvc.New(st, func() time.Time { return now }, nil)
	r, err := svc.Report(ctx, expo)
	if err != nil || r.Total.Scheduled != 3 || r.Total.Accepted != 3 {
		t.Fatalf("expo report %+v (%v)", r.Total, err)
	}
	evs, _, _, err := st.Events.List(ctx, store.EventFilter{Statuses: []domain.EventStatus{domain.EventCompleted}, Kind: domain.EventMatchmaking},
		store.Page{Limit: 5})
	if err != nil || len(evs) != 1 {
		t.Fatalf("past session: %v (%v)", evs, err)
	}
	r, err = svc.Report(ctx, &evs[0])
	if err != nil || r.Total.Held != 3 || r.Total.NoShows != 1 || r.Total.Declined != 1 || r.Total.Outcomes[domain.OutcomeDeal] != 1 {
		t.Fatalf("past report %+v (%v)", r.Total, err)
	}
	// Both members got their expo agenda by mail, with the .ics.
	for _, addr := range []string{MemberEmail, Member2Email} {
		mails, _, _, err := st.Outbox.List(ctx, store.OutboxFilter{Kind: domain.MailMeeting, To: addr}, store.Page{Limit: 20})
		agendas := 0
		for _, m := range mails {
			if strings.Contains(m.Subject, "洽谈日程") {
				agendas++
			}
		}
		if err != nil || agendas != 1 {
			t.Fatalf("%s has %d agenda mails (%v)", addr, agendas, err)
		}
	}
	ps, err := svc.Participants(ctx, member, expo, meetsvc.ParticipantFilter{})
	if err != nil || len(ps) != 5 {
		t.Fatalf("expo participants %d (%v)", len(ps), err)
	}
}
