package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store/storetest"
)

// TestMeetingAgendaMail sends two firms their agendas through the outbox to the in-process SMTP
// server: times, table numbers, counterparts and the video link in each side's language, the
// meetings' .ics attached, attendees told beside members; the same agenda is sent once, a
// changed one again.
func TestMeetingAgendaMail(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	zh := e.member(1, "zh-CN")
	en := e.member(2, "en")
	ev := storetest.MustCreateEvent(t, e.st, storetest.NewEvent("L1", 10, 20))
	loc := ev.Location()
	day := ev.StartsAt.In(loc)
	at := func(h, m int) time.Time { return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc) }
	meeting := func(start time.Time, table int, link string) domain.Meeting {
		end, now := start.Add(20*time.Minute), e.clock()
		return domain.Meeting{ID: domain.NewID(), EventID: ev.ID, RequesterID: zh.EnterpriseID, RequesterName: "无锡甲方科技",
			RecipientID: en.EnterpriseID, RecipientName: "Wuxi Beta Sensors", Status: domain.MeetingAccepted,
			SlotStart: &start, SlotEnd: &end, Table: table, PublishedAt: &now, VideoLink: link, UpdatedAt: now}
	}
	ms := []domain.Meeting{meeting(at(14, 20), 3, ""), meeting(at(15, 40), 7, "https://meeting.tencent.com/dm/abc")}
	attendees := []domain.Attendee{{Name: "王芳", Email: "wang.fang@example.test"}, {Name: "同一人", Email: strings.ToUpper(zh.Email)}}

	if n, err := e.svc.MeetingAgenda(ctx, ev, zh.EnterpriseID, attendees, ms); err != nil || n != 2 {
		t.Fatalf("zh agenda: queued %d, %v; want the member and one attendee", n, err)
	}
	if n, err := e.svc.MeetingAgenda(ctx, ev, en.EnterpriseID, nil, ms); err != nil || n != 1 {
		t.Fatalf("en agenda: queued %d, %v", n, err)
	}
	// Published again unchanged: nothing more.
	if n, err := e.svc.MeetingAgenda(ctx, ev, zh.EnterpriseID, attendees, ms); err != nil || n != 0 {
		t.Fatalf("same agenda again: queued %d, %v", n, err)
	}
	if sent := e.drain(); sent != 3 {
		t.Fatalf("sent %d, want 3", sent)
	}

	m := e.parsed(zh.Email)
	if len(m) != 1 || !strings.Contains(m[0].Subject, "洽谈日程") || !strings.Contains(m[0].Subject, "2 场") {
		t.Fatalf("zh agenda mail: %+v", m)
	}
	for _, want := range []string{"14:20–14:40", "3 号桌", "15:40–16:00", "7 号桌", "Wuxi Beta Sensors",
		"https://meeting.tencent.com/dm/abc", "UTC+08:00", "https://duijie.example.org/meetings"} {
		if !strings.Contains(m[0].Text, want) {
			t.Errorf("zh agenda text lacks %q:\n%s", want, m[0].Text)
		}
	}
	if !strings.Contains(m[0].HTML, "#3") || m[0].Header.Get("List-Unsubscribe") != "" {
		t.Error("html agenda lacks the table, or a transactional mail carries an unsubscribe header")
	}
	if len(m[0].Attachments) != 1 || m[0].Attachments[0].Name != "meetings.ics" ||
		!strings.Contains(string(m[0].Attachments[0].Data), "UID:meeting-"+ms[0].ID+"@duijie") ||
		!strings.Contains(string(m[0].Attachments[0].Data), "UID:meeting-"+ms[1].ID+"@duijie") {
		t.Fatalf("attachment %+v", m[0].Attachments)
	}
	if got := e.parsed("wang.fang@example.test"); len(got) != 1 || !strings.Contains(got[0].Text, "Wuxi Beta Sensors") {
		t.Fatalf("attendee's agenda: %d mails", len(got))
	}
	eng := e.parsed(en.Email)
	if len(eng) != 1 || !strings.Contains(eng[0].Subject, "meeting agenda") || !strings.Contains(eng[0].Text, "table 3") ||
		!strings.Contains(eng[0].Text, "无锡甲方科技") || !strings.Contains(eng[0].Text, "Online meeting link") {
		t.Fatalf("en agenda: %+v", eng)
	}

	// A meeting moves to another table: that agenda is a new version and goes out again.
	ms[0].Table = 4
	if n, err := e.svc.MeetingAgenda(ctx, ev, en.EnterpriseID, nil, ms); err != nil || n != 1 {
		t.Fatalf("changed agenda: queued %d, %v", n, err)
	}
	if n, err := e.svc.MeetingAgenda(ctx, ev, en.EnterpriseID, nil, nil); err != nil || n != 0 {
		t.Fatalf("no meetings: queued %d, %v", n, err)
	}
}
