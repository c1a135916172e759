package handlers

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/store"
)

// publicStatuses are the statuses anyone may list; drafts and cancelled events are listed only
// for those who run them.
var publicStatuses = []domain.EventStatus{domain.EventPublished, domain.EventCompleted}

// loadEvent loads the event of the route's :id (a calendar's ".ics" dropped) as the caller may
// see it: an event it may not see does not exist for it.
func (h *Handler) loadEvent(c *fiber.Ctx) (*domain.Event, error) {
	return h.events.Event(c.UserContext(), currentUser(c), strings.TrimSuffix(c.Params("id"), ".ics"))
}

// loadManagedEvent loads the route's event for a change by its organiser: others get 403.
func (h *Handler) loadManagedEvent(c *fiber.Ctx) (*domain.Event, error) {
	return h.events.ManagedEvent(c.UserContext(), currentUser(c), strings.TrimSuffix(c.Params("id"), ".ics"))
}

// eventFilterFrom reads the list filters shared by the API and the page: cluster, status,
// kind, q, month (YYYY-MM in the default zone) and from/to (RFC 3339 or a date). Statuses a
// caller may not list are refused with 403, so a member asking for drafts learns why.
func (h *Handler) eventFilterFrom(c *fiber.Ctx) (store.EventFilter, error) {
	u := currentUser(c)
	f := store.EventFilter{Cluster: strings.ToUpper(strings.TrimSpace(c.Query("cluster"))),
		Q: strings.TrimSpace(c.Query("q")), Kind: domain.EventKind(c.Query("kind"))}
	if len([]rune(f.Q)) > 100 {
		return f, badRequest("q", "too_long", 100)
	}
	if f.Kind != "" && !isEventKind(f.Kind) {
		return f, badRequest("kind", "one_of", "flagship, matchmaking, forum")
	}
	loc := h.loadZone("")
	var err error
	if f.From, err = parseQueryTime(c.Query("from"), loc); err != nil {
		return f, badRequest("from", "event_time_format")
	}
	if f.To, err = parseQueryTime(c.Query("to"), loc); err != nil {
		return f, badRequest("to", "event_time_format")
	}
	if m := c.Query("month"); m != "" {
		start, err := time.ParseInLocation("2006-01", m, loc)
		if err != nil {
			return f, badRequest("month", "event_month_format")
		}
		f.From, f.To = start, start.AddDate(0, 1, 0)
	}
	for _, s := range strings.Split(c.Query("status"), ",") {
		st := domain.EventStatus(strings.TrimSpace(s))
		switch {
		case st == "":
		case st == domain.EventPublished || st == domain.EventCompleted:
			f.Statuses = append(f.Statuses, st)
		case st == domain.EventDraft || st == domain.EventCancelled:
			f.Statuses = append(f.Statuses, st)
			if u == nil || (u.Role != domain.RoleAdmin && u.Role != domain.RoleOrganiser) {
				return f, domain.ErrForbidden
			}
		default:
			return f, badRequest("status", "one_of", "draft, published, completed, cancelled")
		}
	}
	if len(f.Statuses) == 0 {
		f.Statuses = publicStatuses
	}
	restricted := false
	for _, st := range f.Statuses {
		restricted = restricted || st == domain.EventDraft || st == domain.EventCancelled
	}
	if restricted && u.Role == domain.RoleOrganiser {
		f.Clusters = u.Clusters // drafts and cancellations of their own clusters only
		if len(f.Clusters) == 0 {
			f.Clusters = []string{"-"}
		}
	}
	return f, nil
}

func isEventKind(k domain.EventKind) bool {
	for _, x := range domain.EventKinds {
		if x == k {
			return true
		}
	}
	return false
}

// parseQueryTime reads an RFC 3339 instant or a plain date (midnight in loc); "" is zero.
func parseQueryTime(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02", s, loc)
}

// apiListEvents lists events: public ones for everybody, drafts for their organisers.
func (h *Handler) apiListEvents(c *fiber.Ctx) error {
	f, err := h.eventFilterFrom(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	items, next, total, err := h.events.List(c.UserContext(), f, page)
	if err != nil {
		return err
	}
	for i := range items {
		items[i] = items[i].InZone()
		items[i].Sessions = nil
	}
	return sendList(c, items, next, total)
}

// apiGetEvent returns one event with its agenda, times in the event's zone.
func (h *Handler) apiGetEvent(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	if e.MeetingSlots, err = h.meetings().Windows(c.UserContext(), e); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e.InZone())
}

// optTime is a JSON time that tells "absent" from null: PATCH uses null to clear a
// registration window bound.
type optTime struct {
	Set bool
	T   *time.Time
}

func (o *optTime) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		o.T = nil
		return nil
	}
	var t time.Time
	if err := json.Unmarshal(b, &t); err != nil {
		return err
	}
	o.T = &t
	return nil
}

// eventInput is the body of POST /events and PATCH /events/{id}: absent fields keep their value.
type eventInput struct {
	Title                     *string                 `json:"title"`
	TitleEn                   *string                 `json:"titleEn"`
	Cluster                   *string                 `json:"cluster"`
	Kind                      *domain.EventKind       `json:"kind"`
	Venue                     *string                 `json:"venue"`
	Address                   *string                 `json:"address"`
	StartsAt                  *time.Time              `json:"startsAt"`
	EndsAt                    *time.Time              `json:"endsAt"`
	Timezone                  *string                 `json:"timezone"`
	Capacity                  *int                    `json:"capacity"`
	MaxAttendeesPerEnterprise *int                    `json:"maxAttendeesPerEnterprise"`
	RegistrationOpensAt       optTime                 `json:"registrationOpensAt"`
	RegistrationClosesAt      optTime                 `json:"registrationClosesAt"`
	Description               *string                 `json:"description"`
	VenueEn                   *string                 `json:"venueEn"`
	DescriptionEn             *string                 `json:"descriptionEn"`
	Approval                  *bool                   `json:"approval"`
	Questions                 *[]domain.Question      `json:"questions"`
	Sessions                  *[]domain.AgendaSession `json:"sessions"`
	// MeetingSlots replaces the event's meeting windows when sent.
	MeetingSlots *[]domain.MeetingWindow `json:"meetingSlots"`
}

// apply copies the given fields onto e.
func (in *eventInput) apply(e *domain.Event) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&e.Title, in.Title)
	set(&e.TitleEn, in.TitleEn)
	set(&e.Cluster, in.Cluster)
	set(&e.Venue, in.Venue)
	set(&e.Address, in.Address)
	set(&e.Timezone, in.Timezone)
	set(&e.Description, in.Description)
	set(&e.VenueEn, in.VenueEn)
	set(&e.DescriptionEn, in.DescriptionEn)
	if in.Approval != nil {
		e.Approval = *in.Approval
	}
	if in.Questions != nil {
		e.Questions = *in.Questions
	}
	if in.Kind != nil {
		e.Kind = *in.Kind
	}
	if in.StartsAt != nil {
		e.StartsAt = *in.StartsAt
	}
	if in.EndsAt != nil {
		e.EndsAt = *in.EndsAt
	}
	if in.Capacity != nil {
		e.Capacity = *in.Capacity
	}
	if in.MaxAttendeesPerEnterprise != nil {
		e.MaxAttendeesPerEnterprise = *in.MaxAttendeesPerEnterprise
	}
	if in.RegistrationOpensAt.Set {
		e.RegistrationOpensAt = in.RegistrationOpensAt.T
	}
	if in.RegistrationClosesAt.Set {
		e.RegistrationClosesAt = in.RegistrationClosesAt.T
	}
}

// apiCreateEvent creates a draft event (organisers of its cluster, admins).
func (h *Handler) apiCreateEvent(c *fiber.Ctx) error {
	var in eventInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e := &domain.Event{}
	in.apply(e)
	if in.Sessions != nil {
		e.Sessions = *in.Sessions
	}
	if err := h.events.Create(c.UserContext(), actorOf(c), e); err != nil {
		return err
	}
	return sendData(c, fiber.StatusCreated, e.InZone())
}

// apiUpdateEvent changes the given fields of an event (its organisers).
func (h *Handler) apiUpdateEvent(c *fiber.Ctx) error {
	var in eventInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Sessions != nil {
		return badRequest("sessions", "event_agenda_separate")
	}
	old, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	e := *old
	in.apply(&e)
	e.Cluster = strings.ToUpper(strings.TrimSpace(e.Cluster))
	ctx := c.UserContext()
	if in.MeetingSlots != nil {
		// Checked against the edited dates before anything is written.
		if err := domain.ValidateMeetingWindows(&e, *in.MeetingSlots); err != nil {
			return err
		}
	}
	if err := h.events.Update(ctx, actorOf(c), old, &e); err != nil {
		return err
	}
	if in.MeetingSlots != nil {
		if _, err := h.meetings().SetWindows(ctx, &e, *in.MeetingSlots); err != nil {
			return err
		}
	}
	got, err := h.events.ManagedEvent(ctx, currentUser(c), e.ID)
	if err != nil {
		return err
	}
	if got.MeetingSlots, err = h.meetings().Windows(ctx, got); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, got.InZone())
}

// agendaInput is the body of PUT /events/{id}/agenda: the whole agenda.
type agendaInput struct {
	Sessions []domain.AgendaSession `json:"sessions"`
}

// apiPutAgenda replaces the agenda of an event (its organisers).
func (h *Handler) apiPutAgenda(c *fiber.Ctx) error {
	var in agendaInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	if err := h.events.SetAgenda(c.UserContext(), actorOf(c), e, in.Sessions); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e.InZone())
}

// transitionEvent moves the route's event to status to (its organisers).
func (h *Handler) transitionEvent(c *fiber.Ctx, to domain.EventStatus) (*domain.Event, error) {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return nil, err
	}
	if err := h.events.Transition(c.UserContext(), actorOf(c), e, to); err != nil {
		return nil, err
	}
	return e, nil
}

// apiPublishEvent publishes a draft event.
func (h *Handler) apiPublishEvent(c *fiber.Ctx) error {
	e, err := h.transitionEvent(c, domain.EventPublished)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e.InZone())
}

// apiCancelEvent cancels a draft or published event.
func (h *Handler) apiCancelEvent(c *fiber.Ctx) error {
	e, err := h.transitionEvent(c, domain.EventCancelled)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e.InZone())
}

// apiCompleteEvent marks a published event that has ended as completed.
func (h *Handler) apiCompleteEvent(c *fiber.Ctx) error {
	e, err := h.transitionEvent(c, domain.EventCompleted)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, e.InZone())
}
