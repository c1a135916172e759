package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"duijie/domain"
	"duijie/locales"
)

// meetingData is the "data" object of a meeting answer.
func meetingData(t *testing.T, r *response) map[string]any {
	t.Helper()
	d, ok := r.json(t)["data"].(map[string]any)
	if !ok {
		t.Fatalf("no data object: %s", r.body)
	}
	return d
}

func wantField(t *testing.T, r *response, status int, field string) {
	t.Helper()
	r.wantStatus(t, status)
	if _, fields := r.apiError(t); fields[field] == nil {
		t.Errorf("error names %v, want %s", fields, field)
	}
}

func TestMeetingRequestRules(t *testing.T) {
	f := newFixture(t)
	ev := f.events().event
	path := "/api/v1/events/" + ev.ID + "/meetings"
	p := f.partner()

	d := meetingData(t, f.do(asMember, "POST", path, `{"with":"`+p.ID+`"}`).wantStatus(t, 201))
	if d["status"] != "requested" || d["requesterId"] != f.enterprise.ID || d["recipientName"] != p.Name {
		t.Errorf("stored request: %v", d)
	}
	wantField(t, f.do(asMember, "POST", path, `{"with":"`+p.ID+`"}`), 409, "with")
	wantField(t, f.do(asMember, "POST", path, `{"with":"`+f.enterprise.ID+`"}`), 422, "with")
	wantField(t, f.do(asMember, "POST", path, `{"with":""}`), 422, "with")
	stranger := f.addEnterprise("未报名企业", "L1")
	wantField(t, f.do(asMember, "POST", path, `{"with":"`+stranger.ID+`"}`), 422, "with")
	wantField(t, f.do(asMember, "POST", path, `{"with":"`+domain.NewID()+`"}`), 422, "with")
	wantField(t, f.do(asMember, "POST", path, `{"with":"`+f.partner().ID+`","matchId":"`+domain.NewID()+`"}`), 422, "matchId")

	// The quota counts every request sent at the event: the first above is one.
	for i := 1; i < domain.MeetingQuota; i++ {
		f.do(asMember, "POST", path, `{"with":"`+f.partner().ID+`"}`).wantStatus(t, 201)
	}
	wantField(t, f.do(asMember, "POST", path, `{"with":"`+f.partner().ID+`"}`), 422, "with")
}

func TestMeetingAnswersBelongToTheRecipient(t *testing.T) {
	f := newFixture(t)
	p := f.partner()
	in := f.storeMeeting(p, f.enterprise)
	out := f.storeMeeting(f.enterprise, f.partner())

	f.do(asMember, "POST", "/api/v1/meetings/"+out.ID+"/accept", "").wantStatus(t, 403)
	if d := meetingData(t, f.do(asMember, "POST", "/api/v1/meetings/"+in.ID+"/accept", "").wantStatus(t, 200)); d["status"] != "accepted" {
		t.Errorf("after accept: %v", d)
	}
	f.do(asMember, "POST", "/api/v1/meetings/"+in.ID+"/accept", "").wantStatus(t, 200) // a retry is harmless
	f.do(asMember, "POST", "/api/v1/meetings/"+in.ID+"/decline", "").wantStatus(t, 409)
	if d := meetingData(t, f.do(asMember, "POST", "/api/v1/meetings/"+out.ID+"/cancel", "").wantStatus(t, 200)); d["status"] != "cancelled" {
		t.Errorf("after cancel: %v", d)
	}
	// Someone else's meeting does not exist for the member.
	other := f.storeMeeting(f.partner(), f.partner())
	f.do(asMember, "POST", "/api/v1/meetings/"+other.ID+"/cancel", "").wantStatus(t, 404)
}

func TestMeetingScheduleDraftThenPublish(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ev := f.events().event
	// Two accepted meetings of the member and one of two partners.
	var ids []string
	for _, pair := range [][2]*domain.Enterprise{{f.partner(), f.enterprise}, {f.enterprise, f.partner()}, {f.partner(), f.partner()}} {
		m := f.storeMeeting(pair[0], pair[1])
		if _, err := m.Accept(pair[1].ID, f.clock.Now()); err != nil {
			t.Fatal(err)
		}
		if err := f.store.Meetings.Update(ctx, m, domain.MeetingRequested); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	wantField(t, f.do(asOrganiser, "POST", "/api/v1/events/"+ev.ID+"/schedule", `{"tables":9999}`), 422, "tables")
	d := meetingData(t, f.do(asOrganiser, "POST", "/api/v1/events/"+ev.ID+"/schedule", `{"tables":1}`).wantStatus(t, 200))
	if d["placed"] != float64(3) {
		t.Fatalf("draft: %v", d)
	}
	// One table: three meetings take three rounds, and the member never sits twice at once.
	starts := map[string]bool{}
	for _, id := range ids {
		m, err := f.store.Meetings.Get(ctx, id)
		if err != nil || !m.Scheduled() || m.Table != 1 || m.PublishedAt != nil {
			t.Fatalf("meeting %s after draft: %+v, %v", id, m, err)
		}
		starts[m.SlotStart.String()] = true
	}
	if len(starts) != 3 {
		t.Errorf("one table but %d distinct rounds", len(starts))
	}

	slotsShown := func() int {
		t.Helper()
		list, _ := f.do(asMember, "GET", "/api/v1/me/meetings", "").wantStatus(t, 200).json(t)["data"].([]any)
		n := 0
		for _, x := range list {
			if x.(map[string]any)["slotStart"] != nil {
				n++
			}
		}
		return n
	}
	if n := slotsShown(); n != 0 {
		t.Errorf("member sees %d draft slots before publishing", n)
	}
	if d := meetingData(t, f.do(asOrganiser, "POST", "/api/v1/events/"+ev.ID+"/schedule/publish", "").wantStatus(t, 200)); d["published"] != float64(3) {
		t.Errorf("publish: %v", d)
	}
	if n := slotsShown(); n != 2 {
		t.Errorf("member sees %d published slots, want 2", n)
	}
	// The member's calendar feed carries its own two meetings, not the partners' one.
	tok, err := f.store.Calendars.Token(ctx, f.actors[asMember].user.ID)
	if err != nil {
		t.Fatal(err)
	}
	feed := string(f.do(asAnonymous, "GET", "/calendar/"+tok+".ics", "").wantStatus(t, 200).body)
	for i, id := range ids {
		if got := strings.Contains(feed, "UID:"+meetingUID(id)); got != (i < 2) {
			t.Errorf("feed has meeting %d: %v", i, got)
		}
	}
}

func TestMeetingPagesRender(t *testing.T) {
	f := newFixture(t)
	ev := f.events().event
	f.storeMeeting(f.partner(), f.enterprise)
	f.do(asOrganiser, "POST", "/events/"+ev.ID+"/schedule", "tables=5&slotMinutes=20").wantStatus(t, 303)
	cases := []struct {
		as, path string
	}{
		{asMember, "/meetings"},
		{asOrganiser, "/meetings"},
		{asAdmin, "/meetings"},
		{asOrganiser, "/events/" + ev.ID + "/meetings"},
	}
	for _, lang := range locales.Supported {
		for _, c := range cases {
			locales.ResetMissing()
			res := f.do(c.as, "GET", c.path+"?lang="+lang, "")
			checkPage(t, fmt.Sprintf("%s %s as %s", lang, c.path, c.as), lang, res, 200)
		}
	}
	// A refused form comes back to the page with the reason.
	res := f.do(asMember, "POST", "/events/"+ev.ID+"/meetings/request", "with="+f.enterprise.ID).wantStatus(t, 303)
	if c := res.cookieOf(flashCookie); c == nil || c.Value != "error:meetings.flash.meeting_self" {
		t.Errorf("flash = %v, want the self-meeting refusal", c)
	}
}
