package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
)

// RFC 5545 local date-time and date forms.
const (
	icalLocal = "20060102T150405"
	icalDate  = "20060102"
)

// eventUID and sessionUID are stable across exports, so calendars update entries instead of
// duplicating them.
func eventUID(id string) string   { return "event-" + id + "@duijie" }
func sessionUID(id string) string { return "session-" + id + "@duijie" }

// calendarBuilder assembles one VCALENDAR: a VTIMEZONE for every zone its timed entries use,
// then the entries.
type calendarBuilder struct {
	h      *Handler
	lang   string
	cal    *ics.Calendar
	zones  map[string][2]time.Time // zone → span of the entries that use it
	events []*ics.VEvent
}

func (h *Handler) newCalendar(lang, name string) *calendarBuilder {
	cal := ics.NewCalendarFor("Duijie")
	cal.SetProductId("-//Duijie//Events//" + strings.ToUpper(lang))
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(name)
	return &calendarBuilder{h: h, lang: lang, cal: cal, zones: map[string][2]time.Time{}}
}

// timed sets start and end as local times of the event's zone with TZID, and notes the zone.
func (b *calendarBuilder) timed(v *ics.VEvent, e *domain.Event, start, end time.Time) {
	loc := e.Location()
	v.SetProperty(ics.ComponentPropertyDtStart, start.In(loc).Format(icalLocal), ics.WithTZID(loc.String()))
	v.SetProperty(ics.ComponentPropertyDtEnd, end.In(loc).Format(icalLocal), ics.WithTZID(loc.String()))
	span, ok := b.zones[loc.String()]
	if !ok || start.Before(span[0]) {
		span[0] = start
	}
	if !ok || end.After(span[1]) {
		span[1] = end
	}
	b.zones[loc.String()] = span
}

// addEvent adds the event itself: all-day dates for an event spanning several days (calendars
// show those best as a banner over the days), else a timed entry.
func (b *calendarBuilder) addEvent(e *domain.Event) {
	v := ics.NewEvent(eventUID(e.ID))
	v.SetDtStampTime(e.UpdatedAt)
	v.SetModifiedAt(e.UpdatedAt)
	if e.MultiDay() {
		days := e.Days()
		v.SetAllDayStartAt(days[0])
		v.SetAllDayEndAt(days[len(days)-1].AddDate(0, 0, 1)) // DTEND of a date is exclusive
	} else {
		b.timed(v, e, e.StartsAt, e.EndsAt)
	}
	v.SetSummary(e.DisplayTitle(b.lang))
	v.SetLocation(strings.TrimSpace(e.Venue + " " + e.Address))
	desc := e.Description
	if e.MultiDay() {
		desc = strings.TrimSpace(fmt.Sprintf("%s – %s (%s)\n\n%s",
			b.h.fmtDateTime(b.lang, e.StartsAt, e.Timezone), b.h.fmtDateTime(b.lang, e.EndsAt, e.Timezone),
			e.Timezone, desc))
	}
	v.SetDescription(desc)
	v.SetURL(b.h.absURL("/events/" + e.ID))
	if e.Status == domain.EventCancelled {
		v.SetStatus(ics.ObjectStatusCancelled)
	} else {
		v.SetStatus(ics.ObjectStatusConfirmed)
	}
	b.events = append(b.events, v)
}

// addSession adds one agenda slot of e as a timed entry.
func (b *calendarBuilder) addSession(e *domain.Event, s domain.AgendaSession) {
	v := ics.NewEvent(sessionUID(s.ID))
	v.SetDtStampTime(e.UpdatedAt)
	b.timed(v, e, s.StartsAt, s.EndsAt)
	v.SetSummary(s.Title + " · " + e.DisplayTitle(b.lang))
	v.SetLocation(strings.TrimSpace(strings.Join([]string{e.Venue, s.Room}, " ")))
	var who []string
	for _, sp := range s.Speakers {
		who = append(who, strings.TrimSpace(strings.Join([]string{sp.Name, sp.Position, sp.Organisation}, " ")))
	}
	desc := locales.T(b.lang, "events.session.kind."+string(s.Kind))
	if s.Track != "" {
		desc += " · " + s.Track
	}
	if len(who) > 0 {
		desc += "\n" + strings.Join(who, "\n")
	}
	v.SetDescription(desc)
	v.SetURL(b.h.absURL("/events/" + e.ID))
	if e.Status == domain.EventCancelled {
		v.SetStatus(ics.ObjectStatusCancelled)
	}
	b.events = append(b.events, v)
}

// serialize writes the calendar: time zones first, then entries.
func (b *calendarBuilder) serialize() string {
	names := make([]string, 0, len(b.zones))
	for z := range b.zones {
		names = append(names, z)
	}
	sort.Strings(names)
	for _, z := range names {
		loc, err := domain.LoadZone(z)
		if err != nil {
			continue
		}
		b.cal.AddVTimezone(vtimezone(loc, b.zones[z][0], b.zones[z][1]))
	}
	for _, v := range b.events {
		b.cal.AddVEvent(v)
	}
	return b.cal.Serialize()
}

// vtimezone describes loc from before from until after to, one observance per offset period,
// from Go's zone database (ZoneBounds walks the transitions). Zones without transitions in the
// span, like Asia/Shanghai, get a single STANDARD observance.
func vtimezone(loc *time.Location, from, to time.Time) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	t := time.Date(from.In(loc).Year(), 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(to.In(loc).Year()+1, 1, 1, 0, 0, 0, 0, loc)
	_, prevOffset := t.Zone()
	if start, _ := t.ZoneBounds(); !start.IsZero() {
		_, prevOffset = start.Add(-time.Second).Zone()
	}
	for i := 0; i < 100; i++ {
		name, offset := t.Zone()
		start, next := t.ZoneBounds()
		onset := "19700101T000000"
		if !start.IsZero() {
			// DTSTART of an observance is the wall time just before it, in the old offset.
			onset = start.In(time.FixedZone("", prevOffset)).Format(icalLocal)
		}
		cb := ics.ComponentBase{}
		cb.SetProperty(ics.ComponentPropertyDtStart, onset)
		cb.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), icalOffset(prevOffset))
		cb.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), icalOffset(offset))
		cb.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		if t.IsDST() {
			tz.Components = append(tz.Components, &ics.Daylight{ComponentBase: cb})
		} else {
			tz.Components = append(tz.Components, &ics.Standard{ComponentBase: cb})
		}
		if next.IsZero() || !next.Before(end) {
			break
		}
		prevOffset, t = offset, next
	}
	return tz
}

// icalOffset writes a UTC offset in seconds as ±hhmm.
func icalOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
}

// absURL makes a path absolute with the configured external URL.
func (h *Handler) absURL(path string) string {
	return strings.TrimSuffix(h.deps.Options.BaseURL, "/") + path
}

// sendCalendar answers with a text/calendar body.
func sendCalendar(c *fiber.Ctx, filename, body string) error {
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+filename+`"`)
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	return c.SendString(body)
}

// eventICS serves one published event as a calendar file (public).
func (h *Handler) eventICS(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	if e.Status == domain.EventDraft {
		return domain.ErrNotFound
	}
	b := h.newCalendar(currentLocale(c), e.DisplayTitle(currentLocale(c)))
	b.addEvent(e)
	return sendCalendar(c, "event-"+e.ID+".ics", b.serialize())
}

// personalFeed builds the calendar of a member: each event its enterprise holds or was offered
// a seat at, with the agenda.
func (h *Handler) personalFeed(ctx context.Context, u *domain.User, lang string) (string, error) {
	b := h.newCalendar(lang, locales.T(lang, "events.calendar.feedName"))
	regs, err := h.events.MyRegistrations(ctx, u)
	if err != nil {
		return "", err
	}
	var ids []string
	for _, r := range regs {
		if r.Status.HoldsSeats() {
			ids = append(ids, r.EventID)
		}
	}
	evs, err := h.deps.Store.Events.GetMany(ctx, ids)
	if err != nil {
		return "", err
	}
	for i := range evs {
		e := &evs[i]
		if e.Status == domain.EventDraft {
			continue
		}
		b.addEvent(e)
		for _, s := range e.Sessions {
			b.addSession(e, s)
		}
	}
	// Published 1:1 meetings (meetings_calendar.go).
	if err := h.addPublishedMeetings(ctx, b, u, evs); err != nil {
		return "", err
	}
	return b.serialize(), nil
}

// calendarFeed serves a member's personal feed at its secret URL; no sign-in, since calendar
// apps cannot sign in. Unknown tokens are 404.
func (h *Handler) calendarFeed(c *fiber.Ctx) error {
	tok := strings.TrimSuffix(c.Params("token"), ".ics")
	if len(tok) < 32 || len(tok) > 64 {
		return domain.ErrNotFound
	}
	ctx := c.UserContext()
	uid, err := h.deps.Store.Calendars.User(ctx, tok)
	if err != nil {
		return err
	}
	u, err := h.deps.Store.Users.Get(ctx, uid)
	if err != nil || u.Disabled {
		return domain.ErrNotFound
	}
	lang := u.Locale
	if lang != "en" {
		lang = "zh-CN"
	}
	body, err := h.personalFeed(ctx, u, lang)
	if err != nil {
		return err
	}
	return sendCalendar(c, "duijie.ics", body)
}

// feedURL returns the secret URL of u's personal feed, creating its token on first use.
func (h *Handler) feedURL(ctx context.Context, u *domain.User) (string, error) {
	tok, err := h.deps.Store.Calendars.Token(ctx, u.ID)
	if err != nil {
		return "", err
	}
	return h.absURL("/calendar/" + tok + ".ics"), nil
}

// apiMyCalendar tells a member the URL of its personal feed.
func (h *Handler) apiMyCalendar(c *fiber.Ctx) error {
	url, err := h.feedURL(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, fiber.Map{"url": url})
}

// apiResetMyCalendar replaces the feed's secret, so a leaked URL stops working.
func (h *Handler) apiResetMyCalendar(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u := currentUser(c)
	tok, err := h.deps.Store.Calendars.Reset(ctx, u.ID)
	if err != nil {
		return err
	}
	h.audit(ctx, u.ID, "calendar.reset", "user:"+u.ID, "", clientIP(c))
	return sendData(c, fiber.StatusOK, fiber.Map{"url": h.absURL("/calendar/" + tok + ".ics")})
}
