package handlers

import (
	"errors"
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/store"
)

// pageEvents lists events with filters by cluster, month, status and a search.
func (h *Handler) pageEvents(c *fiber.Ctx) error {
	f, err := h.eventFilterFrom(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	page.Limit = 20
	if c.Query("status") == "" && c.Query("month") == "" && c.Query("from") == "" {
		// People open the list to find what is coming; past events are one filter away.
		f.From = h.now()
	}
	items, next, total, err := h.events.List(c.UserContext(), f, page)
	if err != nil {
		return err
	}
	u := currentUser(c)
	q := url.Values{}
	for _, k := range []string{"cluster", "month", "status", "q", "kind"} {
		if v := c.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	first, nextURL := "", ""
	if page.Cursor != "" {
		first = "/events?" + q.Encode()
	}
	if next != "" {
		nq := url.Values{}
		for k, v := range q {
			nq[k] = v
		}
		nq.Set("cursor", next)
		nextURL = "/events?" + nq.Encode()
	}
	statuses := []domain.EventStatus{domain.EventPublished, domain.EventCompleted}
	manager := u != nil && (u.Role == domain.RoleAdmin || u.Role == domain.RoleOrganiser)
	if manager {
		statuses = domain.EventStatuses
	}
	return h.render(c, fiber.StatusOK, "events/list", &eventListView{
		Events: items, Total: total, First: first, Next: nextURL,
		Filter: map[string]string{"cluster": c.Query("cluster"), "month": c.Query("month"),
			"status": c.Query("status"), "q": c.Query("q"), "kind": c.Query("kind")},
		Statuses: statuses, Kinds: domain.EventKinds, CanCreate: manager,
	})
}

// pageEvent shows one event with its agenda grouped by day and track, in the event's zone.
func (h *Handler) pageEvent(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	ctx := c.UserContext()
	data := &eventDetailView{
		Page: Page{Title: e.DisplayTitle(currentLocale(c))}, Event: e, Days: h.agendaView(currentLocale(c), e),
		CanManage: u.CanManageCluster(e.Cluster), SeatsLeft: max(0, e.Capacity-e.SeatsTaken),
		Paragraphs: paragraphs(e.DisplayDescription(currentLocale(c))),
	}
	// Seats left mean something only while the event can still be attended; an ended or
	// cancelled event says so instead of "80 of 80 seats left".
	lang, now := currentLocale(c), h.now()
	ended := e.Status == domain.EventCompleted || !now.Before(e.EndsAt)
	data.Ended, data.ShowSeats = ended, e.Status == domain.EventPublished && !ended
	switch {
	case ended:
		data.RegistrationClosed = locales.T(lang, "events.detail.ended")
	case e.Status == domain.EventCancelled:
		data.RegistrationClosed = locales.T(lang, "events.detail.cancelledShort")
	default:
		if err := e.RegistrationOpen(now); err != nil {
			data.RegistrationClosed = sentence(fieldError(lang, err, "event"))
		}
	}
	if r, err := h.events.ActiveRegistration(ctx, u, e); err != nil {
		return err
	} else if r != nil {
		data.MyRegistration = r
	}
	return h.render(c, fiber.StatusOK, "events/detail", data)
}

// agendaDayView is one day of the agenda as the event page prints it.
type agendaDayView struct {
	Date   string
	Tracks []agendaTrackView
	// Timeline is the day's sessions in time order whatever their track, each labelled with
	// it: what a phone shows, where tracks side by side do not fit.
	Timeline []agendaRowView
	// Grid is the day on a time grid, tracks side by side: what a wide screen shows.
	Grid gridView
}

// agendaTrackView is one track of a day; Name "" is the main programme.
type agendaTrackView struct {
	Name string
	Rows []agendaRowView
}

// agendaRowView is one session with its times and labels formatted once, here: an agenda of
// hundreds of sessions would otherwise cost thousands of template function calls.
type agendaRowView struct {
	Time, Title, Kind, KindLabel, Room, Track string
	Speakers                                  []string
	start, end                                time.Time
	// Body is the session as the grid shows it, BodyTracked as the phone list does (with its
	// track): escaped and joined here once, since a page of 200 sessions shows each twice.
	Body, BodyTracked template.HTML
}

// html writes the row's content, escaped, without and with its track label.
func (r agendaRowView) html() (template.HTML, template.HTML) {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.WriteString(`<p class="agenda-time">` + esc(r.Time))
	if r.Room != "" {
		b.WriteString(" · " + esc(r.Room))
	}
	b.WriteString(`</p><p class="agenda-title">` + esc(r.Title) + ` <span class="badge">` + esc(r.KindLabel) + `</span>`)
	head := b.String()
	var tail strings.Builder
	tail.WriteString(`</p>`)
	if len(r.Speakers) > 0 {
		tail.WriteString(`<ul class="tag-list muted small">`)
		for _, s := range r.Speakers {
			tail.WriteString("<li>" + esc(s) + "</li>")
		}
		tail.WriteString(`</ul>`)
	}
	track := ""
	if r.Track != "" {
		track = ` <span class="badge badge-code">` + esc(r.Track) + `</span>`
	}
	return template.HTML(head + tail.String()), template.HTML(head + track + tail.String()) // #nosec G203 -- escaped above
}

// agendaView groups the agenda by day and track (domain.GroupAgenda) and formats it in lang,
// times in the event's zone.
func (h *Handler) agendaView(lang string, e *domain.Event) []agendaDayView {
	loc := e.Location()
	kinds := map[domain.SessionKind]string{}
	for _, k := range domain.SessionKinds {
		kinds[k] = locales.T(lang, "events.session.kind."+string(k))
	}
	var out []agendaDayView
	for _, d := range domain.GroupAgenda(e) {
		dv := agendaDayView{Date: h.fmtDate(lang, d.Date, e.Timezone)}
		for _, tr := range d.Tracks {
			tv := agendaTrackView{Name: tr.Name}
			for _, s := range tr.Sessions {
				var sp []string
				for _, p := range s.Speakers {
					sp = append(sp, strings.Join(nonEmpty(p.Name, p.Position, p.Organisation), " · "))
				}
				title := s.Title
				if strings.HasPrefix(lang, "en") && s.TitleEn != "" {
					title = s.TitleEn
				}
				row := agendaRowView{
					Time:  s.StartsAt.In(loc).Format("15:04") + "–" + s.EndsAt.In(loc).Format("15:04"),
					Title: title, Kind: string(s.Kind), KindLabel: kinds[s.Kind], Room: s.Room, Speakers: sp,
					Track: tr.Name, start: s.StartsAt, end: s.EndsAt,
				}
				row.Body, row.BodyTracked = row.html()
				tv.Rows = append(tv.Rows, row)
				dv.Timeline = append(dv.Timeline, row)
			}
			dv.Tracks = append(dv.Tracks, tv)
		}
		sort.SliceStable(dv.Timeline, func(a, b int) bool { return dv.Timeline[a].start.Before(dv.Timeline[b].start) })
		dv.Grid = buildGrid(dv.Tracks, loc)
		out = append(out, dv)
	}
	return out
}

func nonEmpty(parts ...string) []string {
	out := parts[:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// paragraphs splits a description into its non-empty lines, each shown as a paragraph.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// fieldError is the translated message of field in a validation error, or the error's text.
func fieldError(lang string, err error, field string) string {
	var v *domain.ValidationError
	if errors.As(err, &v) {
		if p, ok := v.Fields[field]; ok {
			return fieldMessage(lang, p)
		}
	}
	return err.Error()
}

// sentence turns a field message ("registration has closed"), written to follow a field's
// label, into one that stands alone on a page: "Registration has closed."
func sentence(msg string) string {
	r, n := utf8.DecodeRuneInString(msg)
	if n == 0 || r > unicode.MaxASCII {
		return msg // Chinese needs neither capital nor full stop
	}
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if last, _ := utf8.DecodeLastRuneInString(msg); unicode.IsLetter(last) || unicode.IsDigit(last) || last == ')' {
		msg += "."
	}
	return msg
}

// eventFormFields are the inputs of the event form, in form order.
var eventFormFields = []string{"title", "titleEn", "cluster", "kind", "venue", "address", "startsAt", "endsAt",
	"timezone", "capacity", "maxAttendeesPerEnterprise", "registrationOpensAt", "registrationClosesAt", "description",
	"venueEn", "descriptionEn", "approval"}

// formLocal is how a datetime-local input writes a time.
const formLocal = "2006-01-02T15:04"

// eventForm turns an event into the form's values, times as local times of its zone.
func eventForm(e *domain.Event) map[string]string {
	loc := e.Location()
	local := func(t *time.Time) string {
		if t == nil || t.IsZero() {
			return ""
		}
		return t.In(loc).Format(formLocal)
	}
	m := map[string]string{
		"title": e.Title, "titleEn": e.TitleEn, "cluster": e.Cluster, "kind": string(e.Kind), "venue": e.Venue,
		"address": e.Address, "startsAt": local(&e.StartsAt), "endsAt": local(&e.EndsAt), "timezone": e.Timezone,
		"capacity": "", "maxAttendeesPerEnterprise": strconv.Itoa(e.MaxAttendeesPerEnterprise),
		"registrationOpensAt": local(e.RegistrationOpensAt), "registrationClosesAt": local(e.RegistrationClosesAt),
		"description": e.Description, "venueEn": e.VenueEn, "descriptionEn": e.DescriptionEn,
	}
	if e.Approval {
		m["approval"] = "1"
	}
	if e.Capacity > 0 {
		m["capacity"] = strconv.Itoa(e.Capacity)
	}
	return m
}

// readEventForm applies the submitted form to e; what cannot be read is recorded in v.
func readEventForm(c *fiber.Ctx, e *domain.Event, v *domain.ValidationError) map[string]string {
	form := map[string]string{}
	for _, k := range eventFormFields {
		form[k] = strings.TrimSpace(c.FormValue(k))
	}
	e.Title, e.TitleEn, e.Cluster = form["title"], form["titleEn"], form["cluster"]
	e.Kind, e.Venue, e.Address = domain.EventKind(form["kind"]), form["venue"], form["address"]
	e.Timezone, e.Description = form["timezone"], c.FormValue("description")
	e.VenueEn, e.DescriptionEn, e.Approval = form["venueEn"], c.FormValue("descriptionEn"), form["approval"] == "1"
	loc, err := domain.LoadZone(e.Timezone)
	if err != nil {
		loc, _ = domain.LoadZone(domain.DefaultTimezone)
	}
	at := func(field string) *time.Time {
		s := form[field]
		if s == "" {
			return nil
		}
		t, err := time.ParseInLocation(formLocal, s, loc)
		if err != nil {
			v.Add(field, "event_time_format")
			return nil
		}
		return &t
	}
	e.StartsAt, e.EndsAt = time.Time{}, time.Time{}
	if t := at("startsAt"); t != nil {
		e.StartsAt = *t
	}
	if t := at("endsAt"); t != nil {
		e.EndsAt = *t
	} else if form["endsAt"] == "" {
		v.Add("endsAt", "required") // the domain names only the start while both are empty
	}
	e.RegistrationOpensAt, e.RegistrationClosesAt = at("registrationOpensAt"), at("registrationClosesAt")
	num := func(field string) int {
		if form[field] == "" {
			v.Add(field, "required") // not "must be greater than 0" for a box left empty
			return 0
		}
		n, err := strconv.Atoi(form[field])
		if err != nil {
			v.Add(field, "positive_integer")
		}
		return n
	}
	e.Capacity, e.MaxAttendeesPerEnterprise = num("capacity"), num("maxAttendeesPerEnterprise")
	return form
}

// eventFormProblems is what is wrong with the submitted event form: the problems found reading
// it (v) first, then the event's own rules, so one post shows every field to fix.
func eventFormProblems(e domain.Event, v *domain.ValidationError) error {
	if v.Err() == nil {
		return nil
	}
	var dv *domain.ValidationError
	if errors.As(e.Validate(), &dv) {
		for f, p := range dv.Fields {
			v.Add(f, p.Key, p.Args...)
		}
	}
	return v
}

// renderEventForm shows the new/edit form; e is nil for a new event.
func (h *Handler) renderEventForm(c *fiber.Ctx, status int, e *domain.Event, data *eventFormView) error {
	u := currentUser(c)
	clusters, err := h.deps.Store.Clusters.List(c.UserContext())
	if err != nil {
		return err
	}
	var mine []domain.Cluster
	for _, cl := range clusters {
		if u.CanManageCluster(cl.Code) {
			mine = append(mine, cl)
		}
	}
	if data == nil {
		data = &eventFormView{}
	}
	data.Clusters, data.Kinds, data.SessionKinds = mine, domain.EventKinds, domain.SessionKinds
	data.Event = e
	if e == nil {
		data.Title = locales.T(currentLocale(c), "events.form.newTitle")
	}
	if data.Form == nil {
		if e != nil {
			data.Form = eventForm(e)
		} else {
			data.Form = map[string]string{"timezone": domain.DefaultTimezone, "kind": string(domain.EventMatchmaking),
				"maxAttendeesPerEnterprise": strconv.Itoa(domain.DefaultAttendeesPerCompany)}
		}
	}
	if e != nil {
		if data.Rows == nil {
			data.Rows = agendaRows(e, e.Sessions)
		}
		if data.QuestionRows == nil {
			data.QuestionRows = questionRows(e.Questions)
		}
		data.QuestionKinds = []domain.QuestionKind{domain.QuestionText, domain.QuestionChoice, domain.QuestionMulti}
		data.BlankRow = agendaRow{Kind: string(domain.SessionTalk)}
		data.BlankQuestion = questionRow{Kind: string(domain.QuestionText)}
		data.Title = e.DisplayTitle(currentLocale(c))
	}
	return h.render(c, status, "events/form", data)
}

// pageNewEvent shows the form for a new event.
func (h *Handler) pageNewEvent(c *fiber.Ctx) error {
	return h.renderEventForm(c, fiber.StatusOK, nil, nil)
}

// formCreateEvent creates a draft event from the form and opens its edit page for the agenda.
func (h *Handler) formCreateEvent(c *fiber.Ctx) error {
	e := &domain.Event{}
	v := &domain.ValidationError{}
	form := readEventForm(c, e, v)
	err := eventFormProblems(*e, v)
	if err == nil {
		err = h.events.Create(c.UserContext(), actorOf(c), e)
	}
	if errors.As(err, &v) {
		return h.renderEventForm(c, fiber.StatusUnprocessableEntity, nil, &eventFormView{
			Page: Page{Form: form, Errors: translateFields(currentLocale(c), v)}})
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/events/"+e.ID+"/edit", "success", "events.flash.created")
}

// pageEditEvent shows the edit form with the agenda rows.
func (h *Handler) pageEditEvent(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	return h.renderEventForm(c, fiber.StatusOK, e, nil)
}

// formUpdateEvent saves the event's fields from the edit form.
func (h *Handler) formUpdateEvent(c *fiber.Ctx) error {
	old, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	e := *old
	v := &domain.ValidationError{}
	form := readEventForm(c, &e, v)
	e.Cluster = strings.ToUpper(e.Cluster)
	err = eventFormProblems(e, v)
	if err == nil {
		err = h.events.Update(c.UserContext(), actorOf(c), old, &e)
	}
	if errors.As(err, &v) {
		return h.renderEventForm(c, fiber.StatusUnprocessableEntity, old, &eventFormView{
			Page: Page{Form: form, Errors: translateFields(currentLocale(c), v)}})
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/events/"+e.ID+"/edit", "success", "events.flash.saved")
}

// formPublishEvent publishes the event from its edit page or console.
func (h *Handler) formPublishEvent(c *fiber.Ctx) error {
	return h.formTransition(c, domain.EventPublished, "events.flash.published")
}

// formCancelEvent cancels the event.
func (h *Handler) formCancelEvent(c *fiber.Ctx) error {
	return h.formTransition(c, domain.EventCancelled, "events.flash.cancelled")
}

func (h *Handler) formTransition(c *fiber.Ctx, to domain.EventStatus, flash string) error {
	e, err := h.transitionEvent(c, to)
	var v *domain.ValidationError
	if errors.As(err, &v) {
		// The event or its agenda is not ready: show the edit page with what to fix.
		e, lerr := h.loadManagedEvent(c)
		if lerr != nil {
			return lerr
		}
		return h.renderEventForm(c, fiber.StatusUnprocessableEntity, e, &eventFormView{
			Page: Page{Errors: translateFields(currentLocale(c), v)}})
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/events/"+e.ID+"/console", "success", flash)
}

// registrationsPage reads a console listing's page from the query.
func registrationsPage(c *fiber.Ctx) (store.RegistrationFilter, store.Page, error) {
	f, err := registrationFilterFrom(c)
	if err != nil {
		return f, store.Page{}, err
	}
	p, err := pageParams(c)
	return f, p, err
}
