package handlers

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/locales"
)

// TestEventPagesRender renders every events page in both languages, as the callers who see it,
// in the states that show different parts: agenda, waitlist, offers, check-in outcomes and
// forms re-rendered with errors.
func TestEventPagesRender(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fx := f.events()
	e := fx.event
	// A full event where the member waits, and one where a seat is offered to it.
	full := f.newEvent("L1", 12, domain.EventPublished, 1)
	f.registerFor(full, f.addEnterprise("无锡满员企业", "L1"), 1)
	f.registerFor(full, f.enterprise, 1)
	offerID := f.fillEvents("{{newOffer}}")
	draft := f.newEvent("L1", 30, domain.EventDraft, 10)
	if _, _, err := f.store.Checkins.CheckIn(ctx, e.ID, fx.reg.CheckinCode, "x", "iPad", f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	other := f.registerFor(e, f.addEnterprise("无锡取消企业", "L1"), 1)
	if _, err := f.store.Registrations.Cancel(ctx, other.ID, domain.CancelByMember, f.clock.Now()); err != nil {
		t.Fatal(err)
	}

	cases := []pageCase{
		{asAnonymous, "GET", "/events", "", 200},
		{asAnonymous, "GET", "/events?cluster=L1&month=2031-01&q=x", "", 200},
		{asOrganiser, "GET", "/events?status=draft", "", 200},
		{asMember, "GET", "/events?status=draft", "", 403},
		{asAnonymous, "GET", "/events?month=2031-13", "", 400},
		{asAnonymous, "GET", "/events/" + e.ID, "", 200},
		{asMember, "GET", "/events/" + e.ID, "", 200},
		{asMember, "GET", "/events/" + full.ID, "", 200},
		{asOrganiser, "GET", "/events/" + draft.ID, "", 200},
		{asAnonymous, "GET", "/events/" + draft.ID, "", 404},
		{asOrganiser, "GET", "/events/new", "", 200},
		{asOrganiser, "POST", "/events", "title=&cluster=L1&kind=matchmaking&startsAt=2031-05-20T09%3A00&endsAt=2031-05-19T09%3A00&capacity=0", 422},
		{asOrganiser, "GET", "/events/" + e.ID + "/edit", "", 200},
		{asOrganiser, "POST", "/events/" + e.ID, "title=&timezone=Mars%2FBase", 422},
		{asOrganiser, "POST", "/events/" + e.ID + "/agenda", agendaForm(e, "A厅", "A厅"), 422},
		{asMember, "GET", "/events/" + f.newEvent("L1", 9, domain.EventPublished, 5).ID + "/register", "", 200},
		{asMember, "POST", "/events/" + f.newEvent("L1", 9, domain.EventPublished, 5).ID + "/register",
			"attendees%5B0%5D.name=%E5%BC%A0&attendees%5B0%5D.mobile=123&attendees%5B0%5D.email=bad", 422},
		{asMember, "GET", "/me/registrations", "", 200},
		{asOrganiser, "GET", "/events/" + e.ID + "/console", "", 200},
		{asOrganiser, "GET", "/events/" + e.ID + "/console?q=%E6%97%A0%E9%94%A1&status=confirmed&limit=1", "", 200},
		{asOrganiser, "GET", "/events/" + e.ID + "/badges", "", 200},
		{asOrganiser, "GET", "/events/" + e.ID + "/checkin", "", 200},
		{asOrganiser, "POST", "/events/" + e.ID + "/checkin", "code=" + fx.reg.CheckinCode, 409},
		{asOrganiser, "POST", "/events/" + e.ID + "/checkin", "code=ZZZZZZZZ&device=iPad", 404},
		{asOrganiser, "POST", "/events/" + e.ID + "/checkin", "code=" + other.CheckinCode, 422},
		{asOtherOrganiser, "GET", "/events/" + e.ID + "/console", "", 403},
	}
	for _, lang := range locales.Supported {
		for _, pc := range cases {
			locales.ResetMissing()
			sep := "?"
			if strings.Contains(pc.path, "?") {
				sep = "&"
			}
			res := f.do(pc.as, pc.method, pc.path+sep+"lang="+lang, pc.body)
			checkPage(t, fmt.Sprintf("%s %s %s as %s", lang, pc.method, pc.path, pc.as), lang, res, pc.status)
		}
	}

	// What the pages say in the states that matter.
	body := string(f.do(asMember, "GET", "/me/registrations?lang=en", "").wantStatus(t, 200).body)
	for _, want := range []string{"/registrations/" + fx.reg.ID + "/qr.png", fx.reg.CheckinCode, "no. 1",
		"/registrations/" + offerID + "/confirm", "/calendar/"} {
		if !strings.Contains(body, want) {
			t.Errorf("my registrations lack %q", want)
		}
	}
	body = string(f.do(asAnonymous, "GET", "/events/"+e.ID+"?lang=en", "").wantStatus(t, 200).body)
	for _, want := range []string{"Beijing time (UTC&#43;08:00)", "开幕致辞", "Track: 供需对接", "王主任"} {
		if !strings.Contains(body, want) {
			t.Errorf("event page lacks %q", want)
		}
	}
}

// agendaForm is the agenda editor's form with two sessions at the same time in the given rooms.
func agendaForm(e *domain.Event, room1, room2 string) string {
	loc := e.Location()
	v := url.Values{"rows": {"3"}}
	for i, room := range []string{room1, room2} {
		p := fmt.Sprintf("sessions[%d].", i)
		v.Set(p+"title", fmt.Sprintf("议程%d", i))
		v.Set(p+"startsAt", e.StartsAt.In(loc).Format(formLocal))
		v.Set(p+"endsAt", e.StartsAt.Add(time.Hour).In(loc).Format(formLocal))
		v.Set(p+"room", room)
		v.Set(p+"kind", "talk")
		v.Set(p+"speakers", "王总 / 董事长 / 无锡某集团")
	}
	return v.Encode()
}

// TestAgendaEditorRows saves an agenda through the row editor: blank rows are dropped, rows
// marked for removal go, and an overlap is reported on the row the organiser saw.
func TestAgendaEditorRows(t *testing.T) {
	f := newFixture(t)
	e := f.events().event
	res := f.do(asOrganiser, "POST", "/events/"+e.ID+"/agenda", agendaForm(e, "A厅", "A厅"))
	res.wantStatus(t, 422)
	if !strings.Contains(string(res.body), "field-error") {
		t.Fatal("overlap not shown on its row")
	}
	f.do(asOrganiser, "POST", "/events/"+e.ID+"/agenda", agendaForm(e, "A厅", "B厅")).wantStatus(t, 303)
	got, err := f.store.Events.Get(context.Background(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sessions) != 2 || len(got.Sessions[0].Speakers) != 1 || got.Sessions[0].Speakers[0].Organisation != "无锡某集团" {
		t.Fatalf("agenda = %+v", got.Sessions)
	}
	v := url.Values{"rows": {"2"}, "sessions[0].id": {got.Sessions[0].ID}, "sessions[0].title": {got.Sessions[0].Title},
		"sessions[0].startsAt": {got.Sessions[0].StartsAt.In(e.Location()).Format(formLocal)},
		"sessions[0].endsAt":   {got.Sessions[0].EndsAt.In(e.Location()).Format(formLocal)}, "sessions[0].remove": {"1"}}
	f.do(asOrganiser, "POST", "/events/"+e.ID+"/agenda", v.Encode()).wantStatus(t, 303)
	if got, _ = f.store.Events.Get(context.Background(), e.ID); len(got.Sessions) != 0 {
		t.Fatalf("removed row kept: %+v", got.Sessions)
	}
}

// TestEventPagesEscape shows organiser- and member-written text as text.
func TestEventPagesEscape(t *testing.T) {
	f := newFixture(t)
	const evil = `<script>alert("x")</script>`
	fx := f.events()
	e := fx.event
	e.Title, e.Venue, e.Description = evil, evil, evil
	if err := f.store.Events.Update(context.Background(), e, nil); err != nil {
		t.Fatal(err)
	}
	for _, pc := range []pageCase{
		{asAnonymous, "GET", "/events", "", 200},
		{asAnonymous, "GET", "/events/" + e.ID, "", 200},
		{asOrganiser, "GET", "/events/" + e.ID + "/console", "", 200},
		{asOrganiser, "GET", "/events/" + e.ID + "/edit", "", 200},
		{asMember, "GET", "/me/registrations", "", 200},
	} {
		body := string(f.do(pc.as, pc.method, pc.path, pc.body).wantStatus(t, pc.status).body)
		if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s %s: event text not escaped", pc.method, pc.path)
		}
	}
}
