package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	ics "github.com/arran4/golang-ical"

	"duijie/domain"
	"duijie/locales"
	"duijie/mail"
)

// MeetingAgenda mails one enterprise its agenda at e once the organiser publishes the meeting
// schedule: ms are its accepted, published meetings there in time order, each with its time,
// table, counterpart and video link, and the .ics of them attached. The members of the
// enterprise and the attendees of its registration (with an address) each get it once per
// version of the agenda: publishing again mails only the firms whose agenda changed. It
// returns how many mails were newly queued.
func (s *Service) MeetingAgenda(ctx context.Context, e *domain.Event, enterpriseID string, attendees []domain.Attendee,
	ms []domain.Meeting) (int, error) {
	if s == nil || e == nil || len(ms) == 0 {
		return 0, nil
	}
	people, err := s.members(ctx, enterpriseID)
	if err != nil {
		return 0, err
	}
	lang := locales.Default
	seen := map[string]bool{}
	for _, p := range people {
		seen[strings.ToLower(p.email)] = true
	}
	if len(people) > 0 {
		lang = people[0].lang
	}
	for _, a := range attendees {
		addr := strings.TrimSpace(a.Email)
		if addr == "" || seen[strings.ToLower(addr)] {
			continue
		}
		seen[strings.ToLower(addr)] = true
		people = append(people, person{email: addr, name: a.Name, lang: lang})
	}
	key := "agenda:" + e.ID + ":" + enterpriseID + ":" + agendaVersion(ms)
	n := 0
	for _, p := range people {
		d := s.agendaData(e, enterpriseID, ms, p.lang)
		attach := []domain.MailAttachment{{Name: "meetings.ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH",
			Data: []byte(AgendaICS(e, enterpriseID, ms, p.lang, d.Link))}}
		d.Calendar = true
		created, err := s.send(ctx, domain.MailMeeting, mail.TemplateAgenda, p, d, key, attach)
		if err != nil {
			return n, err
		}
		if created {
			n++
		}
	}
	return n, nil
}

func (s *Service) agendaData(e *domain.Event, me string, ms []domain.Meeting, lang string) *mail.AgendaData {
	loc := e.Location()
	d := &mail.AgendaData{Event: e.DisplayTitle(lang), When: when(e, e.StartsAt), Venue: e.DisplayVenue(lang),
		Zone: "UTC" + e.StartsAt.In(loc).Format("-07:00"), Link: s.r.Link("/meetings")}
	for _, m := range ms {
		if !m.Scheduled() {
			continue
		}
		start, end := m.SlotStart.In(loc), m.SlotEnd.In(loc)
		_, with := m.Counterpart(me)
		d.Meetings = append(d.Meetings, mail.AgendaItem{Day: start.Format("2006-01-02"),
			Time: start.Format("15:04") + "–" + end.Format("15:04"), Table: m.Table, With: with, VideoLink: m.VideoLink})
	}
	return d
}

// agendaVersion names what an agenda shows, so the same agenda is mailed once and a changed
// one (a meeting added, moved, cancelled, a link set) again.
func agendaVersion(ms []domain.Meeting) string {
	h := sha256.New()
	for _, m := range ms {
		var start, end int64
		if m.Scheduled() {
			start, end = m.SlotStart.UnixMilli(), m.SlotEnd.UnixMilli()
		}
		fmt.Fprintf(h, "%s|%d|%d|%d|%s|%s|%s\n", m.ID, start, end, m.Table, m.RequesterName, m.RecipientName, m.VideoLink)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// AgendaICS is a calendar of the enterprise's meetings, in UTC, with the UIDs its personal feed
// uses, so a calendar that imports both keeps one entry per meeting.
func AgendaICS(e *domain.Event, me string, ms []domain.Meeting, lang, link string) string {
	cal := ics.NewCalendarFor("Duijie")
	cal.SetProductId("-//Duijie//Meetings//ZH")
	cal.SetMethod(ics.MethodPublish)
	venue := e.DisplayVenue(lang)
	for _, m := range ms {
		if !m.Scheduled() {
			continue
		}
		v := cal.AddEvent("meeting-" + m.ID + "@duijie")
		v.SetDtStampTime(m.UpdatedAt)
		v.SetStartAt(*m.SlotStart)
		v.SetEndAt(*m.SlotEnd)
		_, with := m.Counterpart(me)
		v.SetSummary(locales.T(lang, "meetings.calendar.summary", with, m.Table))
		v.SetLocation(strings.TrimSpace(venue + " " + locales.T(lang, "meetings.field.tableN", m.Table)))
		desc := e.DisplayTitle(lang)
		if m.VideoLink != "" {
			desc = m.VideoLink + "\n" + desc
		}
		v.SetDescription(desc)
		v.SetURL(link + "#meeting-" + m.ID)
		v.SetStatus(ics.ObjectStatusConfirmed)
	}
	return cal.Serialize()
}
