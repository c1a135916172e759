package domain

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	_ "time/tzdata" // events name IANA zones; the binary must resolve them on machines without zoneinfo
)

// EventKind is the format of an event.
type EventKind string

// The event kinds: a cluster's yearly brand event, a supply–demand matchmaking session (供需对接会),
// and a forum.
const (
	EventFlagship    EventKind = "flagship"
	EventMatchmaking EventKind = "matchmaking"
	EventForum       EventKind = "forum"
)

// EventKinds lists the kinds in display order.
var EventKinds = []EventKind{EventFlagship, EventMatchmaking, EventForum}

// EventStatus is where an event stands in its lifecycle.
type EventStatus string

// Lifecycle: draft → published → completed, or cancelled from draft or published.
const (
	EventDraft     EventStatus = "draft"
	EventPublished EventStatus = "published"
	EventCompleted EventStatus = "completed"
	EventCancelled EventStatus = "cancelled"
)

// EventStatuses lists the statuses in lifecycle order.
var EventStatuses = []EventStatus{EventDraft, EventPublished, EventCompleted, EventCancelled}

// DefaultTimezone is the zone of an event that names none: the programme runs in Wuxi.
const DefaultTimezone = "Asia/Shanghai"

// Limits of event fields.
const (
	MaxEventTitle              = 200
	MaxEventDescription        = 20000
	MaxEventCapacity           = 100000
	MaxAttendeesPerEnterprise  = 50
	DefaultAttendeesPerCompany = 3
	MaxEventDuration           = 31 * 24 * time.Hour
)

// Event is a flagship event, matchmaking session or forum of one cluster. Times are instants;
// Timezone says how to show them. ConfirmedCount, WaitlistedCount and SeatsTaken are kept by the
// store and never written by callers.
type Event struct {
	ID                        string     `json:"id"`
	Title                     string     `json:"title"`
	TitleEn                   string     `json:"titleEn"`
	Cluster                   string     `json:"cluster"`
	Kind                      EventKind  `json:"kind"`
	Venue                     string     `json:"venue"`
	Address                   string     `json:"address"`
	StartsAt                  time.Time  `json:"startsAt"`
	EndsAt                    time.Time  `json:"endsAt"`
	Timezone                  string     `json:"timezone"`
	Capacity                  int        `json:"capacity"`
	MaxAttendeesPerEnterprise int        `json:"maxAttendeesPerEnterprise"`
	RegistrationOpensAt       *time.Time `json:"registrationOpensAt,omitempty"`
	RegistrationClosesAt      *time.Time `json:"registrationClosesAt,omitempty"`
	Description               string     `json:"description"`
	VenueEn                   string     `json:"venueEn"`
	DescriptionEn             string     `json:"descriptionEn"`
	// Approval keeps registrations pending until an organiser approves them.
	Approval bool `json:"approval"`
	// Questions are asked at registration (registration form).
	Questions       []Question      `json:"questions"`
	Status          EventStatus     `json:"status"`
	ConfirmedCount  int             `json:"confirmedCount"`
	WaitlistedCount int             `json:"waitlistedCount"`
	SeatsTaken      int             `json:"seatsTaken"`
	Sessions        []AgendaSession `json:"sessions"`
	// MeetingSlots are the 1:1 meeting windows; stored apart by the meetings
	// repository, filled in by the API, never by the event stores.
	MeetingSlots []MeetingWindow `json:"meetingSlots,omitempty"`
	CreatedBy    string          `json:"createdBy,omitempty"`
	PublishedAt  *time.Time      `json:"publishedAt,omitempty"`
	CancelledAt  *time.Time      `json:"cancelledAt,omitempty"`
	CreatedAt    time.Time       `json:"createdAt"`
	UpdatedAt    time.Time       `json:"updatedAt"`
}

// Location returns the event's zone; an unknown or empty name falls back to DefaultTimezone so
// that display code never fails on an old record.
func (e *Event) Location() *time.Location {
	if loc, err := LoadZone(e.Timezone); err == nil {
		return loc
	}
	loc, _ := LoadZone(DefaultTimezone)
	return loc
}

var zones sync.Map // name → *time.Location; time.LoadLocation parses the zone file on every call

// LoadZone returns the IANA zone called name, cached. "" and "Local" are refused: an event's
// zone must not depend on the server it happens to run on.
func LoadZone(name string) (*time.Location, error) {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	if name == "" || strings.EqualFold(name, "local") {
		return nil, fmt.Errorf("zone %q: not an IANA zone name", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}

// DisplayTitle returns the title in the locale, falling back to Chinese.
func (e *Event) DisplayTitle(locale string) string {
	if strings.HasPrefix(locale, "en") && e.TitleEn != "" {
		return e.TitleEn
	}
	return e.Title
}

// DisplayVenue is the venue in locale: the English one on English pages when there is one.
func (e *Event) DisplayVenue(locale string) string {
	if strings.HasPrefix(locale, "en") && e.VenueEn != "" {
		return e.VenueEn
	}
	return e.Venue
}

// DisplayDescription is the description in locale, as DisplayVenue.
func (e *Event) DisplayDescription(locale string) string {
	if strings.HasPrefix(locale, "en") && e.DescriptionEn != "" {
		return e.DescriptionEn
	}
	return e.Description
}

// MultiDay reports whether the event spans more than one calendar day in its zone; calendars
// show such events as all-day entries.
func (e *Event) MultiDay() bool {
	loc := e.Location()
	return !sameDay(e.StartsAt.In(loc), e.EndsAt.Add(-time.Nanosecond).In(loc))
}

// Days returns the local calendar dates (midnight in the event's zone) the event covers.
func (e *Event) Days() []time.Time {
	loc := e.Location()
	first := dayStart(e.StartsAt.In(loc))
	last := dayStart(e.EndsAt.In(loc))
	var days []time.Time
	for d := first; !d.After(last) && len(days) <= 62; d = d.AddDate(0, 0, 1) {
		days = append(days, d)
	}
	return days
}

// InZone returns a copy whose times are expressed in the event's zone, so JSON carries the
// local offset people expect ("2026-09-20T09:00:00+08:00").
func (e Event) InZone() Event {
	loc := e.Location()
	e.StartsAt = e.StartsAt.In(loc)
	e.EndsAt = e.EndsAt.In(loc)
	e.RegistrationOpensAt = inLoc(e.RegistrationOpensAt, loc)
	e.RegistrationClosesAt = inLoc(e.RegistrationClosesAt, loc)
	if e.Sessions != nil {
		s := make([]AgendaSession, len(e.Sessions))
		for i, x := range e.Sessions {
			x.StartsAt, x.EndsAt = x.StartsAt.In(loc), x.EndsAt.In(loc)
			s[i] = x
		}
		e.Sessions = s
	}
	return e
}

func inLoc(t *time.Time, loc *time.Location) *time.Time {
	if t == nil {
		return nil
	}
	x := t.In(loc)
	return &x
}

// Normalize trims text fields and fills defaults (zone, kind-independent attendee limit).
func (e *Event) Normalize() {
	e.Title = strings.TrimSpace(e.Title)
	e.TitleEn = strings.TrimSpace(e.TitleEn)
	e.Cluster = strings.ToUpper(strings.TrimSpace(e.Cluster))
	e.Venue = strings.TrimSpace(e.Venue)
	e.Address = strings.TrimSpace(e.Address)
	e.Description = strings.TrimSpace(e.Description)
	e.Timezone = strings.TrimSpace(e.Timezone)
	if e.Timezone == "" {
		e.Timezone = DefaultTimezone
	}
	if e.MaxAttendeesPerEnterprise == 0 {
		e.MaxAttendeesPerEnterprise = DefaultAttendeesPerCompany
	}
	if e.Status == "" {
		e.Status = EventDraft
	}
}

// Validate normalises e and checks every field an organiser writes. It does not check that the
// cluster exists (the caller asks the store) nor the agenda (ValidateAgenda).
func (e *Event) Validate() error {
	e.Normalize()
	v := &ValidationError{}
	textField(v, "title", e.Title, true, MaxEventTitle)
	textField(v, "titleEn", e.TitleEn, false, MaxEventTitle)
	textField(v, "venue", e.Venue, true, MaxEventTitle)
	textField(v, "address", e.Address, false, MaxEventTitle)
	textField(v, "description", e.Description, false, MaxEventDescription)
	e.VenueEn, e.DescriptionEn = strings.TrimSpace(e.VenueEn), strings.TrimSpace(e.DescriptionEn)
	textField(v, "venueEn", e.VenueEn, false, MaxEventTitle)
	textField(v, "descriptionEn", e.DescriptionEn, false, MaxEventDescription)
	if err := ValidateQuestions(e.Questions); err != nil {
		for f, p := range err.(*ValidationError).Fields {
			v.Add(f, p.Key, p.Args...)
		}
	}
	if e.Cluster == "" {
		v.Add("cluster", "required")
	}
	switch e.Kind {
	case EventFlagship, EventMatchmaking, EventForum:
	case "":
		v.Add("kind", "required")
	default:
		v.Add("kind", "one_of", "flagship, matchmaking, forum")
	}
	if _, err := LoadZone(e.Timezone); err != nil {
		v.Add("timezone", "event_timezone_unknown", e.Timezone)
	}
	switch {
	case e.StartsAt.IsZero():
		v.Add("startsAt", "required")
	case e.EndsAt.IsZero():
		v.Add("endsAt", "required")
	case !e.EndsAt.After(e.StartsAt):
		v.Add("endsAt", "event_end_before_start")
	case e.EndsAt.Sub(e.StartsAt) > MaxEventDuration:
		v.Add("endsAt", "event_too_long", int(MaxEventDuration/(24*time.Hour)))
	}
	if e.Capacity <= 0 {
		v.Add("capacity", "event_capacity_positive")
	} else if e.Capacity > MaxEventCapacity {
		v.Add("capacity", "event_capacity_max", MaxEventCapacity)
	}
	if e.MaxAttendeesPerEnterprise < 1 || e.MaxAttendeesPerEnterprise > MaxAttendeesPerEnterprise {
		v.Add("maxAttendeesPerEnterprise", "event_attendees_range", MaxAttendeesPerEnterprise)
	}
	if o, c := e.RegistrationOpensAt, e.RegistrationClosesAt; o != nil && c != nil && !c.After(*o) {
		v.Add("registrationClosesAt", "event_registration_window")
	}
	if c := e.RegistrationClosesAt; c != nil && !e.EndsAt.IsZero() && c.After(e.EndsAt) {
		v.Add("registrationClosesAt", "event_registration_after_end")
	}
	return v.Err()
}

// textField checks a trimmed text value for presence and length in runes.
func textField(v *ValidationError, field, s string, required bool, max int) {
	switch {
	case s == "" && required:
		v.Add(field, "required")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "too_long", max)
	}
}

// Public reports whether anonymous visitors may see the event.
func (e *Event) Public() bool {
	return e.Status == EventPublished || e.Status == EventCompleted
}

func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
