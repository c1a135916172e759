package demo

import (
	"context"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// TestSeedEvents checks the sample events: the member holds a confirmed place at the flagship
// event, the small matchmaking session is full with a gapless waitlist, a draft and a
// completed event exist.
func TestSeedEvents(t *testing.T) {
	withoutHistory(t)
	st := openStore(t)
	ctx := context.Background()
	if _, err := Seed(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	all, _, _, err := st.Events.List(ctx, store.EventFilter{Statuses: domain.EventStatuses}, store.Page{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[domain.EventStatus]int{}
	var session *domain.Event
	for i := range all {
		byStatus[all[i].Status]++
		if all[i].Kind == domain.EventMatchmaking && all[i].Status == domain.EventPublished {
			session = &all[i]
		}
	}
	// Published: the expo, the matchmaking session and the roundtable that wants approval;
	// completed: the forum and the past matchmaking session of meetings.go.
	if byStatus[domain.EventPublished] != 3 || byStatus[domain.EventDraft] != 1 || byStatus[domain.EventCompleted] != 2 {
		t.Fatalf("statuses %v", byStatus)
	}
	if session == nil || session.SeatsTaken != session.Capacity || session.WaitlistedCount == 0 {
		t.Fatalf("matchmaking session not full with a waitlist: %+v", session)
	}
	member, err := st.Users.GetByEmail(ctx, MemberEmail)
	if err != nil {
		t.Fatal(err)
	}
	regs, err := st.Registrations.ListByEnterprise(ctx, member.EnterpriseID)
	// The expo, the sensor launch (cancelled by its organiser since: mails.go) and the past
	// session of meetings.go.
	if err != nil || len(regs) != 3 {
		t.Fatalf("member's registrations %+v (%v)", regs, err)
	}
	for _, r := range regs {
		if r.Status != domain.RegConfirmed {
			t.Errorf("member's registration for %s is %s", r.EventID, r.Status)
		}
	}
	if byStatus[domain.EventCancelled] != 1 {
		t.Errorf("statuses %v: want the sensor launch cancelled", byStatus)
	}
}
