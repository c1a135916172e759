package handlers

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"duijie/domain"
)

// bookingFix is an event with meeting windows (14:00–16:00, 20-minute slots, 2 tables, a break
// 15:00–15:20) and a partner enterprise whose member can answer.
type bookingFix struct {
	f       *fixture
	ev      *domain.Event
	partner *domain.Enterprise
	slot    func(hm string) time.Time
}

func newBookingFix(t *testing.T) *bookingFix {
	f := newFixture(t)
	ev := f.events().event
	loc := ev.Location()
	day := ev.StartsAt.In(loc)
	slot := func(hm string) time.Time {
		c, _ := time.ParseInLocation("15:04", hm, loc)
		return time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), 0, 0, loc)
	}
	body := fmt.Sprintf(`{"meetingSlots":[{"from":%q,"until":%q,"minutes":20,"tables":2,
		"breaks":[{"from":%q,"until":%q}]}]}`, slot("14:00").Format(time.RFC3339), slot("16:00").Format(time.RFC3339),
		slot("15:00").Format(time.RFC3339), slot("15:20").Format(time.RFC3339))
	f.do(asOrganiser, "PUT", "/api/v1/events/"+ev.ID+"/meeting-slots", body).wantStatus(t, 200)
	p := f.partner()
	f.addActor("partner", &domain.User{Role: domain.RoleMember, EnterpriseID: p.ID})
	return &bookingFix{f: f, ev: ev, partner: p, slot: slot}
}

func (b *bookingFix) request(t *testing.T, as string, with *domain.Enterprise, slot string) *response {
	t.Helper()
	body := `{"with":"` + with.ID + `"}`
	if slot != "" {
		body = fmt.Sprintf(`{"with":%q,"slotStart":%q,"videoLink":"https://meeting.tencent.com/dm/x1"}`, with.ID,
			b.slot(slot).Format(time.RFC3339))
	}
	return b.f.do(as, "POST", "/api/v1/events/"+b.ev.ID+"/meetings", body)
}

func TestMeetingWindowsValidation(t *testing.T) {
	b := newBookingFix(t)
	path := "/api/v1/events/" + b.ev.ID + "/meeting-slots"
	wantField(t, b.f.do(asOrganiser, "PUT", path, fmt.Sprintf(`{"meetingSlots":[{"from":%q,"until":%q}]}`,
		b.slot("16:00").Format(time.RFC3339), b.slot("15:00").Format(time.RFC3339))), 422, "meetingSlots[0].until")
	wantField(t, b.f.do(asOrganiser, "PUT", path, fmt.Sprintf(`{"meetingSlots":[{"from":%q,"until":%q,"tables":9999}]}`,
		b.slot("14:00").Format(time.RFC3339), b.slot("15:00").Format(time.RFC3339))), 422, "meetingSlots[0].tables")
	// The windows and their rounds: 14:00, 14:20, 14:40, (break) 15:20, 15:40.
	d := meetingData(t, b.f.do(asMember, "GET", path, "").wantStatus(t, 200))
	if slots, _ := d["slots"].([]any); len(slots) != 5 {
		t.Fatalf("slots %v, want 5", d["slots"])
	}
}

func TestMeetingBookedOnAcceptance(t *testing.T) {
	b := newBookingFix(t)
	f := b.f

	// Bad requests name the field.
	wantField(t, b.request(t, asMember, b.partner, "14:10"), 422, "slotStart") // not a slot
	wantField(t, b.request(t, asMember, b.partner, "15:00"), 422, "slotStart") // the break
	wantField(t, b.request(t, asMember, b.partner, "17:00"), 422, "slotStart") // outside the window
	wantField(t, b.request(t, asMember, f.enterprise, "14:00"), 422, "with")   // oneself
	outsider := f.addEnterprise("未加入洽谈企业", "L1")
	f.registerFor(b.ev, outsider, 1)
	wantField(t, b.request(t, asMember, outsider, "14:00"), 422, "with") // not opted in
	wantField(t, f.do(asMember, "POST", "/api/v1/events/"+b.ev.ID+"/meetings",
		`{"with":"`+b.partner.ID+`","videoLink":"javascript:alert(1)"}`), 422, "videoLink")

	m := meetingData(t, b.request(t, asMember, b.partner, "14:20").wantStatus(t, 201))
	if m["requestedSlot"] == nil || m["slotStart"] != nil {
		t.Fatalf("request: %v", m)
	}
	id := m["id"].(string)
	acc := meetingData(t, f.do("partner", "POST", "/api/v1/meetings/"+id+"/accept", "").wantStatus(t, 200))
	if acc["status"] != "accepted" || acc["table"] != float64(1) || acc["slotStart"] == nil {
		t.Fatalf("accepted: %v", acc)
	}

	// Both agendas show the slot and the table.
	for _, as := range []string{asMember, "partner"} {
		r := f.do(as, "GET", "/api/v1/me/meetings", "").wantStatus(t, 200)
		var got struct {
			Data []domain.Meeting `json:"data"`
		}
		if err := json.Unmarshal(r.body, &got); err != nil || len(got.Data) != 1 {
			t.Fatalf("%s meetings: %s", as, r.body)
		}
		g := got.Data[0]
		if g.Table != 1 || g.SlotStart == nil || !g.SlotStart.Equal(b.slot("14:20")) {
			t.Fatalf("%s sees %+v", as, g)
		}
		page := f.do(as, "GET", "/meetings", "").wantStatus(t, 200)
		if !strings.Contains(string(page.body), "14:20–14:40") || !strings.Contains(string(page.body), "meet-table") {
			t.Fatalf("%s agenda page lacks the slot", as)
		}
	}

	// The slot is taken for the member now: a third firm asking it for 14:20 is refused, and
	// a request accepted at a taken slot fails whole.
	third := f.addEnterprise("第三家企业", "L1")
	f.registerFor(b.ev, third, 1)
	if err := f.store.Meetings.SetOptIn(t.Context(), b.ev.ID, third.ID, true, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.addActor("third", &domain.User{Role: domain.RoleMember, EnterpriseID: third.ID})
	wantField(t, b.request(t, "third", f.enterprise, "14:20"), 409, "slotStart")
	late := meetingData(t, b.request(t, "third", f.enterprise, "14:40").wantStatus(t, 201))
	early := meetingData(t, b.request(t, "partner", third, "14:40").wantStatus(t, 201))
	f.do("third", "POST", "/api/v1/meetings/"+early["id"].(string)+"/accept", "").wantStatus(t, 200)
	wantField(t, f.do(asMember, "POST", "/api/v1/meetings/"+late["id"].(string)+"/accept", ""), 409, "slotStart")
	stored, _ := f.store.Meetings.Get(t.Context(), late["id"].(string))
	if stored.Status != domain.MeetingRequested {
		t.Fatalf("failed booking changed the meeting: %s", stored.Status)
	}
	// The member accepts it at another slot instead.
	ok := meetingData(t, f.do(asMember, "POST", "/api/v1/meetings/"+late["id"].(string)+"/accept",
		fmt.Sprintf(`{"slotStart":%q}`, b.slot("15:40").Format(time.RFC3339))).wantStatus(t, 200))
	if ok["table"] != float64(1) {
		t.Fatalf("re-slotted: %v", ok)
	}

	// The calendar feed carries the meeting with its table.
	tok, err := f.store.Calendars.Token(t.Context(), f.actors[asMember].user.ID)
	if err != nil {
		t.Fatal(err)
	}
	ics := string(f.do(asAnonymous, "GET", "/api/v1/calendar/"+tok+".ics", "").wantStatus(t, 200).body)
	if !strings.Contains(ics, "meeting-"+id) || !strings.Contains(ics, b.partner.Name) {
		t.Fatalf("feed lacks the meeting:\n%s", ics)
	}
}

func TestMeetingFeedbackAndReport(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	m := meetingData(t, b.request(t, asMember, b.partner, "14:00").wantStatus(t, 201))
	id := m["id"].(string)
	f.do("partner", "POST", "/api/v1/meetings/"+id+"/accept", "").wantStatus(t, 200)
	path := "/api/v1/meetings/" + id + "/feedback"
	wantField(t, f.do(asMember, "POST", path, `{"held":true,"rating":4,"outcome":"intent"}`), 409, "status") // before the slot
	f.clock.advance(b.slot("14:05").Sub(f.clock.Now()))
	wantField(t, f.do(asMember, "POST", path, `{"held":true,"rating":7,"outcome":"intent"}`), 422, "rating")
	wantField(t, f.do(asMember, "POST", path, `{"held":true,"rating":4,"outcome":"maybe"}`), 422, "outcome")
	wantField(t, f.do(asMember, "POST", path, `{"rating":4}`), 400, "held")
	f.do(asMember, "POST", path, `{"held":true,"rating":4,"outcome":"intent","note":"样品下周寄出"}`).wantStatus(t, 200)
	wantField(t, f.do(asMember, "POST", path, `{"held":true,"rating":5,"outcome":"deal"}`), 409, "status") // twice
	f.do("partner", "POST", path, `{"held":true,"rating":5,"outcome":"follow_up"}`).wantStatus(t, 200)
	f.do(asOrganiser, "GET", path, "").wantStatus(t, 405)

	r := meetingData(t, f.do(asOrganiser, "GET", "/api/v1/events/"+b.ev.ID+"/meetings/report", "").wantStatus(t, 200))
	total := r["total"].(map[string]any)
	if total["requested"] != float64(1) || total["accepted"] != float64(1) || total["held"] != float64(1) ||
		total["averageRating"] != 4.5 || total["outcomes"].(map[string]any)["intent"] != float64(1) {
		t.Fatalf("report total %v", total)
	}
	if bc := r["byCluster"].([]any); len(bc) != 1 || bc[0].(map[string]any)["cluster"] != "L1" {
		t.Fatalf("by cluster %v", r["byCluster"])
	}
	f.do(asMember, "GET", "/api/v1/events/"+b.ev.ID+"/meetings/report", "").wantStatus(t, 403)
	// The campaign counts the held meeting in the year of its slot.
	kpis := meetingData(t, f.do(asOrganiser, "GET", fmt.Sprintf("/api/v1/campaign/kpis?year=%d", b.slot("14:00").Year()), "").wantStatus(t, 200))
	if held := kpis["actuals"].(map[string]any)["meetingsHeld"]; held != float64(1) {
		t.Fatalf("campaign counts %v meetings held, want 1", held)
	}
	// The clock moved past the sessions' lifetime: a fresh organiser signs in.
	f.addActor("organiser-later", &domain.User{Role: domain.RoleOrganiser, Clusters: []string{"L1"}})
	for _, lang := range []string{"zh-CN", "en"} {
		page := f.do("organiser-later", "GET", "/events/"+b.ev.ID+"/meetings/report", "", acceptLanguage(lang)).wantStatus(t, 200)
		if !strings.Contains(string(page.body), "L1") {
			t.Fatalf("report page lacks the cluster")
		}
	}
}

func TestParticipantsDirectory(t *testing.T) {
	b := newBookingFix(t)
	f := b.f
	other := f.addEnterprise("无锡未报名企业", "L1")
	_ = other
	r := f.do(asMember, "GET", "/api/v1/events/"+b.ev.ID+"/participants", "").wantStatus(t, 200)
	var got struct {
		Data []map[string]any `json:"data"`
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	names := []string{}
	for _, p := range got.Data {
		names = append(names, p["name"].(string))
	}
	// The partner (opted in, confirmed) first, the member itself last; nobody unregistered.
	if len(got.Data) != 2 || got.Data[0]["enterpriseId"] != b.partner.ID || got.Data[1]["self"] != true {
		t.Fatalf("participants %v", names)
	}
	if got.Data[0]["reason"] == nil {
		t.Errorf("same-cluster partner carries no reason: %v", got.Data[0])
	}
	r = f.do(asMember, "GET", "/api/v1/events/"+b.ev.ID+"/participants?q=洽谈伙伴", "").wantStatus(t, 200)
	if err := json.Unmarshal(r.body, &got); err != nil || len(got.Data) != 1 {
		t.Fatalf("filtered: %s", r.body)
	}
	r = f.do(asMember, "GET", "/api/v1/events/"+b.ev.ID+"/participants?cluster=A2", "").wantStatus(t, 200)
	if err := json.Unmarshal(r.body, &got); err != nil || len(got.Data) != 0 {
		t.Fatalf("cluster filter: %s", r.body)
	}
	wantField(t, f.do(asMember, "GET", "/api/v1/events/"+b.ev.ID+"/participants?q="+strings.Repeat("x", 101), ""), 400, "q")
	// A member of a firm not registered for the event sees no directory.
	stranger := f.addEnterprise("未报名企业", "L1")
	f.addActor("stranger", &domain.User{Role: domain.RoleMember, EnterpriseID: stranger.ID})
	f.do("stranger", "GET", "/api/v1/events/"+b.ev.ID+"/participants", "").wantStatus(t, 403)
	page := f.do("stranger", "GET", "/events/"+b.ev.ID+"/participants", "").wantStatus(t, 200)
	if !strings.Contains(string(page.body), "empty") {
		t.Fatal("unregistered member gets no explanation")
	}
	for _, lang := range []string{"zh-CN", "en"} {
		page := f.do(asMember, "GET", "/events/"+b.ev.ID+"/participants", "", acceptLanguage(lang)).wantStatus(t, 200)
		if !strings.Contains(string(page.body), b.partner.Name) {
			t.Fatalf("%s page lacks the partner", lang)
		}
		page = f.do(asMember, "GET", "/events/"+b.ev.ID+"/meetings/new?with="+b.partner.ID+"", "", acceptLanguage(lang)).wantStatus(t, 200)
		if !strings.Contains(string(page.body), "slot-chip") {
			t.Fatalf("%s request form offers no slot", lang)
		}
	}
}

func TestRegistrationOptsIn(t *testing.T) {
	f := newFixture(t)
	ev := f.newEvent("L1", 5, domain.EventPublished, 50)
	f.do(asMember, "POST", "/api/v1/events/"+ev.ID+"/registrations", `{"meetingsOptIn":true,"attendees":[{"name":"张伟",
		"position":"采购经理","mobile":"13812345678","email":"zhang@example.cn"}]}`).wantStatus(t, 201)
	in, err := f.store.Meetings.OptedIn(t.Context(), ev.ID)
	if err != nil || !in[f.enterprise.ID] {
		t.Fatalf("opt-in not recorded: %v %v", in, err)
	}
	f.do(asMember, "PUT", "/api/v1/events/"+ev.ID+"/meetings/opt-in", `{"meetingsOptIn":false}`).wantStatus(t, 200)
	in, _ = f.store.Meetings.OptedIn(t.Context(), ev.ID)
	if in[f.enterprise.ID] {
		t.Fatal("opt-out not recorded")
	}
	wantField(t, f.do(asMember, "PUT", "/api/v1/events/"+ev.ID+"/meetings/opt-in", `{}`), 400, "meetingsOptIn")
	other := f.newEvent("L1", 6, domain.EventPublished, 50)
	wantField(t, f.do(asMember, "PUT", "/api/v1/events/"+other.ID+"/meetings/opt-in", `{"meetingsOptIn":true}`), 422, "meetingsOptIn")
}

func TestEventCarriesMeetingSlots(t *testing.T) {
	b := newBookingFix(t)
	path := "/api/v1/events/" + b.ev.ID
	d := meetingData(t, b.f.do(asMember, "GET", path, "").wantStatus(t, 200))
	if ws, _ := d["meetingSlots"].([]any); len(ws) != 1 {
		t.Fatalf("event meetingSlots %v", d["meetingSlots"])
	}
	// PATCH replaces them, checked before anything is written.
	wantField(t, b.f.do(asOrganiser, "PATCH", path, fmt.Sprintf(`{"title":"改名","meetingSlots":[{"from":%q,"until":%q}]}`,
		b.slot("15:00").Format(time.RFC3339), b.slot("14:00").Format(time.RFC3339))), 422, "meetingSlots[0].until")
	got, _ := b.f.store.Events.Get(t.Context(), b.ev.ID)
	if got.Title == "改名" {
		t.Fatal("a refused PATCH changed the event")
	}
	d = meetingData(t, b.f.do(asOrganiser, "PATCH", path, fmt.Sprintf(`{"meetingSlots":[{"from":%q,"until":%q,"tables":4},{"from":%q,"until":%q}]}`,
		b.slot("09:00").Format(time.RFC3339), b.slot("10:00").Format(time.RFC3339),
		b.slot("13:00").Format(time.RFC3339), b.slot("14:00").Format(time.RFC3339))).wantStatus(t, 200))
	if ws, _ := d["meetingSlots"].([]any); len(ws) != 2 || ws[0].(map[string]any)["tables"] != float64(4) {
		t.Fatalf("patched meetingSlots %v", d["meetingSlots"])
	}
}

func TestFeedbackFormSaysWhy(t *testing.T) {
	f := newFixture(t)
	m := f.heldMeeting()
	r := f.do(asMember, "POST", "/meetings/"+m.ID+"/feedback", "held=1&outcome=intent")
	r.wantStatus(t, 303)
	if c := r.cookieOf(flashCookie); c == nil || c.Value != "error:meet2.flash.meet2_rating_range" {
		t.Fatalf("flash %v, want the rating message", c)
	}
	stored, _ := f.store.Meetings.Get(t.Context(), m.ID)
	if stored.RequesterFeedback != nil {
		t.Fatal("refused feedback was stored")
	}
}

func TestMeetingBadSlotFormat(t *testing.T) {
	b := newBookingFix(t)
	r := b.f.do(asMember, "POST", "/api/v1/events/"+b.ev.ID+"/meetings", `{"with":"`+b.partner.ID+`","slotStart":"tomorrow"}`)
	wantField(t, r, 400, "slotStart")
}
