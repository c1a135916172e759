package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/xuri/excelize/v2"

	"duijie/domain"
	evsvc "duijie/service/events"
	"duijie/store"
)

// data decodes the "data" member of a success envelope into v.
func (r *response) data(t *testing.T, v any) {
	t.Helper()
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(r.body, &env); err != nil || env.Data == nil {
		t.Fatalf("no data envelope (%v): %s", err, r.body)
	}
	if err := json.Unmarshal(env.Data, v); err != nil {
		t.Fatalf("decode data: %v: %s", err, env.Data)
	}
}

// wantField fails unless the response is an error with status naming field.
func (r *response) wantField(t *testing.T, status int, field string) {
	t.Helper()
	r.wantStatus(t, status)
	_, fields := r.apiError(t)
	if _, ok := fields[field]; !ok {
		t.Fatalf("error does not name %q: %s", field, r.body)
	}
}

const newEventBody = `{"title":"物联网博览会配套对接会","titleEn":"IoT Expo matchmaking","cluster":"L1","kind":"matchmaking",
	"venue":"无锡太湖国际博览中心","address":"清舒道88号","startsAt":"2031-09-20T09:00:00+08:00",
	"endsAt":"2031-09-21T17:00:00+08:00","timezone":"Asia/Shanghai","capacity":2,"maxAttendeesPerEnterprise":2,
	"description":"一对一供需洽谈"}`

// TestEventJourney is the "as a new user would": an organiser creates and publishes an
// event with an agenda, a member registers, the organiser checks them in and exports the list.
func TestEventJourney(t *testing.T) {
	f := newFixture(t)
	var e domain.Event
	f.do(asOrganiser, "POST", "/api/v1/events", newEventBody).wantStatus(t, 201).data(t, &e)
	if e.Status != domain.EventDraft || !domain.ValidID(e.ID) {
		t.Fatalf("created %+v", e)
	}
	f.do(asAnonymous, "GET", "/api/v1/events/"+e.ID, "").wantStatus(t, 404)

	agenda := `{"sessions":[
		{"title":"开幕式","startsAt":"2031-09-20T09:00:00+08:00","endsAt":"2031-09-20T09:30:00+08:00","room":"A厅","kind":"talk",
		 "speakers":[{"name":"王主任","position":"主任","organisation":"市集群办"}]},
		{"title":"供需洽谈","startsAt":"2031-09-21T09:30:00+08:00","endsAt":"2031-09-21T12:00:00+08:00","room":"A厅","track":"对接","kind":"matchmaking"}]}`
	f.do(asOrganiser, "PUT", "/api/v1/events/"+e.ID+"/agenda", agenda).wantStatus(t, 200)
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/publish", "").wantStatus(t, 200)

	var pub domain.Event
	res := f.do(asAnonymous, "GET", "/api/v1/events/"+e.ID, "").wantStatus(t, 200)
	res.data(t, &pub)
	if pub.Status != domain.EventPublished || len(pub.Sessions) != 2 || !bytes.Contains(res.body, []byte(`"startsAt":"2031-09-20T09:00:00+08:00"`)) {
		t.Fatalf("public event: %s", res.body)
	}
	var list []domain.Event
	f.do(asAnonymous, "GET", "/api/v1/events?cluster=L1&month=2031-09&q=iot", "").wantStatus(t, 200).data(t, &list)
	if len(list) != 1 || list[0].ID != e.ID {
		t.Fatalf("list = %+v", list)
	}

	body := `{"attendees":[{"name":"张伟","position":"采购经理","mobile":"+86 138 1234 5678","email":"zhang@example.cn"},
		{"name":"李娜","title":"工程师","phone":"13912345678","email":"li@example.cn"}]}`
	var reg domain.Registration
	f.do(asMember, "POST", "/api/v1/events/"+e.ID+"/registrations", body).wantStatus(t, 201).data(t, &reg)
	if reg.Status != domain.RegConfirmed || reg.Attendees[0].Mobile != "13812345678" || reg.Attendees[1].Position != "工程师" {
		t.Fatalf("registration %+v", reg)
	}
	var again domain.Registration
	f.do(asMember, "POST", "/api/v1/events/"+e.ID+"/registrations", body).wantStatus(t, 200).data(t, &again)
	if again.ID != reg.ID {
		t.Fatalf("repeat made a second registration: %s vs %s", again.ID, reg.ID)
	}
	// The event is full now (2 seats): the next enterprise waits.
	other := f.addEnterprise("无锡后来企业", "L1")
	late := f.registerFor(&e, other, 1)
	if late.Status != domain.RegWaitlisted || late.Position != 1 {
		t.Fatalf("late registration %+v", late)
	}

	var mine []evsvc.MyRegistration
	f.do(asMember, "GET", "/api/v1/me/registrations", "").wantStatus(t, 200).data(t, &mine)
	if len(mine) != 1 || mine[0].ID != reg.ID || mine[0].Event == nil || mine[0].Event.Title == "" {
		t.Fatalf("my registrations %+v", mine)
	}

	var regs []domain.Registration
	f.do(asOrganiser, "GET", "/api/v1/events/"+e.ID+"/registrations?q=%E5%BC%A0%E4%BC%9F", "").wantStatus(t, 200).data(t, &regs)
	if len(regs) != 1 || regs[0].ID != reg.ID {
		t.Fatalf("search registrations %+v", regs)
	}

	// Check-in: typed in lower case without the dash; a second scan says when the first was.
	code := strings.ToLower(strings.ReplaceAll(reg.CheckinCode, "-", ""))
	var ans checkinAnswer
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+code+`","device":"入口1号机"}`).wantStatus(t, 201).data(t, &ans)
	if ans.Result != domain.CheckinOK || ans.Registration.CheckedInAt == nil || ans.Scan.Device != "入口1号机" {
		t.Fatalf("check-in %+v", ans)
	}
	res = f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+reg.CheckinCode+`"}`).wantStatus(t, 409)
	if msg := res.json(t)["error"].(map[string]any)["message"].(string); !strings.Contains(msg, "已于") {
		t.Fatalf("second scan message %q", msg)
	}
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"ZZZZ-ZZZZ"}`).wantStatus(t, 404)
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"`+late.CheckinCode+`"}`).wantField(t, 422, "code")
	f.do(asOrganiser, "POST", "/api/v1/events/"+e.ID+"/checkins", `{"code":"12"}`).wantField(t, 422, "code")
	var scans []domain.Checkin
	f.do(asOrganiser, "GET", "/api/v1/events/"+e.ID+"/checkins", "").wantStatus(t, 200).data(t, &scans)
	if len(scans) != 4 {
		t.Fatalf("scan log has %d entries, want 4 (every scan)", len(scans))
	}

	// Exports: one row per attendee plus the header.
	res = f.do(asOrganiser, "GET", "/api/v1/events/"+e.ID+"/registrations.csv", "").wantStatus(t, 200)
	if !bytes.HasPrefix(res.body, []byte("\uFEFF")) || !bytes.Contains(res.body, []byte("张伟")) || bytes.Count(res.body, []byte("\r\n")) != 4 {
		t.Fatalf("csv:\n%s", res.body)
	}
	res = f.do(asOrganiser, "GET", "/api/v1/events/"+e.ID+"/registrations.xlsx", "").wantStatus(t, 200)
	x, err := excelize.OpenReader(bytes.NewReader(res.body))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	// A sheet for people named in the language, one of codes for machines, a readable file name.
	rows, err := x.GetRows("报名名单")
	if err != nil || len(rows) != 4 {
		t.Fatalf("xlsx rows %v (%v)", rows, err)
	}
	codes, err := x.GetRows("代码")
	if err != nil || len(codes) != 4 || codes[0][0] != "registrationId" {
		t.Fatalf("codes sheet %v (%v)", codes, err)
	}
	if w, _ := x.GetColWidth("报名名单", "A"); w < 10 {
		t.Fatalf("enterprise column %v wide", w)
	}
	cd := res.header.Get("Content-Disposition")
	if !strings.Contains(cd, `filename="registrations-2031-09-20.xlsx"`) || !strings.Contains(cd, "filename*=UTF-8''") {
		t.Fatalf("download named %q", cd)
	}
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		byName[r[3]] = r
	}
	if z := byName["张伟"]; len(z) < 8 || z[5] != "13812345678" || z[7] != reg.CheckinCode || byName[late.Attendees[0].Name][2] != "1" {
		t.Fatalf("xlsx rows %v", rows)
	}

	// Someone of the registration is at the event: it can no longer be cancelled, by the member
	// or an organiser, and the waitlist stays as it was. (Cancelling that frees seats for the
	// waitlist is covered by store/storetest.)
	f.do(asMember, "DELETE", "/api/v1/registrations/"+reg.ID, "").wantField(t, 409, "status")
	f.do(asOrganiser, "DELETE", "/api/v1/registrations/"+reg.ID, "").wantStatus(t, 409)
	got, err := f.store.Registrations.Get(context.Background(), late.ID)
	if err != nil || got.Status != domain.RegWaitlisted {
		t.Fatalf("waitlisted after a refused cancellation: %+v %v", got, err)
	}
}

func TestEventCalendars(t *testing.T) {
	f := newFixture(t)
	fx := f.events()
	res := f.do(asAnonymous, "GET", "/api/v1/events/"+fx.event.ID+".ics", "").wantStatus(t, 200)
	ics := string(res.body)
	for _, want := range []string{"BEGIN:VCALENDAR", "UID:event-" + fx.event.ID + "@duijie", "BEGIN:VTIMEZONE",
		"TZID:Asia/Shanghai", "TZOFFSETTO:+0800", "DTSTART;TZID=Asia/Shanghai:" + fx.event.StartsAt.In(fx.event.Location()).Format(icalLocal)} {
		if !strings.Contains(ics, want) {
			t.Errorf("event .ics lacks %q:\n%s", want, ics)
		}
	}
	again := f.do(asAnonymous, "GET", "/api/v1/events/"+fx.event.ID+".ics", "")
	if !bytes.Equal(stripStamp(again.body), stripStamp(res.body)) {
		t.Error("two exports of one event differ")
	}

	// A three-day event is an all-day entry with an exclusive end date.
	long := f.newEvent("L1", 30, domain.EventPublished, 10)
	long.EndsAt = long.StartsAt.Add(50 * time.Hour)
	long.Sessions = nil
	if err := f.store.Events.Update(context.Background(), long, nil); err != nil {
		t.Fatal(err)
	}
	body := string(f.do(asAnonymous, "GET", "/api/v1/events/"+long.ID+".ics", "").wantStatus(t, 200).body)
	loc := long.Location()
	first, last := long.StartsAt.In(loc), long.EndsAt.In(loc).AddDate(0, 0, 1)
	if !strings.Contains(body, "DTSTART;VALUE=DATE:"+first.Format(icalDate)) || !strings.Contains(body, "DTEND;VALUE=DATE:"+last.Format(icalDate)) {
		t.Errorf("multi-day event not all-day:\n%s", body)
	}

	// A draft has no public calendar file.
	draft := f.newEvent("L1", 30, domain.EventDraft, 10)
	f.do(asAnonymous, "GET", "/api/v1/events/"+draft.ID+".ics", "").wantStatus(t, 404)

	// The personal feed holds the member's event and its agenda, without signing in.
	var feed struct{ URL string }
	f.do(asMember, "GET", "/api/v1/me/calendar", "").wantStatus(t, 200).data(t, &feed)
	path := strings.TrimPrefix(feed.URL, "http://duijie.test")
	body = string(f.do(asAnonymous, "GET", "/api/v1"+path, "").wantStatus(t, 200).body)
	for _, s := range append([]string{"UID:event-" + fx.event.ID + "@duijie"}, sessionUIDs(fx.event)...) {
		if !strings.Contains(body, s) {
			t.Errorf("feed lacks %q:\n%s", s, body)
		}
	}
	f.do(asMember, "POST", "/api/v1/me/calendar/reset", "").wantStatus(t, 200)
	f.do(asAnonymous, "GET", "/api/v1"+path, "").wantStatus(t, 404)
}

func sessionUIDs(e *domain.Event) []string {
	var out []string
	for _, s := range e.Sessions {
		out = append(out, "UID:"+sessionUID(s.ID))
	}
	return out
}

// stripStamp drops nothing today: DTSTAMP is the event's last change, so exports are stable.
func stripStamp(b []byte) []byte { return b }

func TestVTimezoneWithDST(t *testing.T) {
	loc, err := domain.LoadZone("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2031, 6, 1, 10, 0, 0, 0, loc)
	cal := ics.NewCalendar()
	cal.AddVTimezone(vtimezone(loc, at, at))
	s := cal.Serialize()
	for _, want := range []string{"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "DTSTART:20310330T020000",
		"BEGIN:STANDARD", "DTSTART:20311026T030000", "TZNAME:CEST"} {
		if !strings.Contains(s, want) {
			t.Errorf("VTIMEZONE lacks %q:\n%s", want, s)
		}
	}
}

// TestEventBadInput is the list of bad input: each a clear 4xx naming the field, and
// nothing half-written.
func TestEventBadInput(t *testing.T) {
	f := newFixture(t)
	with := func(field, value string) string {
		var m map[string]any
		_ = json.Unmarshal([]byte(newEventBody), &m)
		var v any
		_ = json.Unmarshal([]byte(value), &v)
		m[field] = v
		b, _ := json.Marshal(m)
		return string(b)
	}
	for _, tc := range []struct {
		name, body, field string
	}{
		{"end before start", with("endsAt", `"2031-09-19T09:00:00+08:00"`), "endsAt"},
		{"unknown time zone", with("timezone", `"Asia/Wuxi"`), "timezone"},
		{"capacity zero", with("capacity", `0`), "capacity"},
		{"capacity negative", with("capacity", `-3`), "capacity"},
		{"unknown cluster", with("cluster", `"Z9"`), "cluster"},
		{"session outside the event", with("sessions", `[{"title":"预热","startsAt":"2031-09-18T09:00:00+08:00","endsAt":"2031-09-18T10:00:00+08:00"}]`), "sessions[0].startsAt"},
		{"sessions overlapping in a room", with("sessions", `[
			{"title":"一","startsAt":"2031-09-20T09:00:00+08:00","endsAt":"2031-09-20T10:00:00+08:00","room":"A厅"},
			{"title":"二","startsAt":"2031-09-20T09:30:00+08:00","endsAt":"2031-09-20T10:30:00+08:00","room":"A厅"}]`), "sessions[1].startsAt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.do(asOrganiser, "POST", "/api/v1/events", tc.body).wantField(t, 422, tc.field)
		})
	}
	_, _, total, err := f.store.Events.List(context.Background(), store.EventFilter{}, store.Page{})
	if err != nil || total != 0 {
		t.Fatalf("refused events were stored: %d (%v)", total, err)
	}
	f.do(asOrganiser, "POST", "/api/v1/events", `{"title":`).wantField(t, 400, "body")
	f.do(asOtherOrganiser, "POST", "/api/v1/events", newEventBody).wantStatus(t, 403)

	fx := f.events()
	path := "/api/v1/events/" + fx.event.ID
	f.do(asOtherOrganiser, "PATCH", path, `{"title":"抢改"}`).wantStatus(t, 403)
	f.do(asOtherOrganiser, "PUT", path+"/agenda", `{"sessions":[]}`).wantStatus(t, 403)
	f.do(asOrganiser, "PATCH", path, `{"endsAt":"2020-01-01T00:00:00+08:00"}`).wantField(t, 422, "endsAt")
	f.do(asOrganiser, "PATCH", path, `{"capacity":1}`).wantField(t, 422, "capacity") // 2 seats taken
	f.do(asOrganiser, "PUT", path+"/agenda", `{"sessions":[{"title":"","startsAt":"2031-01-01T00:00:00Z","endsAt":"2031-01-01T01:00:00Z"}]}`).
		wantField(t, 422, "sessions[0].title")
	f.do(asOrganiser, "POST", path+"/publish", "").wantField(t, 422, "status")

	att := func(a string) string { return `{"attendees":[` + a + `]}` }
	one := `{"name":"张伟","mobile":"13812345678","email":"zhang@example.cn"}`
	regs := []struct {
		name, event, body, field string
	}{
		{"draft event", f.newEvent("L1", 10, domain.EventDraft, 5).ID, att(one), "event"},
		{"cancelled event", f.newEvent("L1", 10, domain.EventCancelled, 5).ID, att(one), "event"},
		{"event already started", f.newEvent("L1", -1, domain.EventPublished, 5).ID, att(one), "event"},
		{"zero attendees", "", att(""), "attendees"},
		{"more attendees than allowed", "", att(one + "," + strings.Replace(one, "zhang", "a", 1) + "," +
			strings.Replace(one, "zhang", "b", 1) + "," + strings.Replace(one, "zhang", "c", 1)), "attendees"},
		{"same email twice", "", att(one + "," + strings.Replace(one, "张伟", "李娜", 1)), "attendees[1].email"},
		{"malformed mobile", "", att(strings.Replace(one, "13812345678", "12345", 1)), "attendees[0].mobile"},
		{"malformed email", "", att(strings.Replace(one, "zhang@example.cn", "zhang@", 1)), "attendees[0].email"},
	}
	closed := f.newEvent("L1", 10, domain.EventPublished, 5)
	past := f.clock.Now().Add(-time.Hour)
	closed.RegistrationClosesAt = &past
	if err := f.store.Events.Update(context.Background(), closed, nil); err != nil {
		t.Fatal(err)
	}
	regs = append(regs, struct{ name, event, body, field string }{"window closed", closed.ID, att(one), "event"})
	for _, tc := range regs {
		t.Run(tc.name, func(t *testing.T) {
			ev := tc.event
			if ev == "" {
				ev = f.newEvent("L1", 10, domain.EventPublished, 5).ID
			}
			f.do(asMember, "POST", "/api/v1/events/"+ev+"/registrations", tc.body).wantField(t, 422, tc.field)
			if _, err := f.store.Registrations.ByEnterprise(context.Background(), ev, f.enterprise.ID); err == nil {
				t.Fatal("a refused registration was stored")
			}
		})
	}
	f.do(asMember, "POST", "/api/v1/events/"+fx.event.ID+"/registrations", `{"attendees":[{"name":"x","nickname":"y"}]}`).
		wantField(t, 400, "attendees[0].nickname")
}
