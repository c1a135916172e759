package handlers

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/matching"
	"duijie/store"
)

// scheduleRow is one meeting on the organiser's schedule page.
type scheduleRow struct {
	domain.Meeting
	Draft bool // placed but not yet published
}

// pageEventMeetings is the organiser's view of an event's meetings: the meeting windows, the
// draft schedule, what could not be placed, and the publish button.
func (h *Handler) pageEventMeetings(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	ms, err := h.deps.Store.Meetings.List(ctx, store.MeetingFilter{EventID: e.ID})
	if err != nil {
		return err
	}
	counts := map[string]int{}
	var placed, unplaced []scheduleRow
	drafts := 0
	for _, m := range ms {
		counts[string(m.Status)]++
		if m.Status != domain.MeetingAccepted {
			continue
		}
		row := scheduleRow{Meeting: m, Draft: m.PublishedAt == nil}
		if !m.Scheduled() {
			unplaced = append(unplaced, row)
			continue
		}
		if row.Draft {
			drafts++
		}
		placed = append(placed, row)
	}
	sort.Slice(placed, func(i, j int) bool {
		a, b := placed[i], placed[j]
		if !a.SlotStart.Equal(*b.SlotStart) {
			return a.SlotStart.Before(*b.SlotStart)
		}
		return a.Table < b.Table
	})
	windows, err := h.meetings().Windows(ctx, e)
	if err != nil {
		return err
	}
	slots, err := h.meetings().Slots(ctx, e)
	if err != nil {
		return err
	}
	tables, minutes := c.Query("tables", strconv.Itoa(matching.DefaultTables)), c.Query("slotMinutes", "20")
	return h.render(c, fiber.StatusOK, "meetings/schedule", &meetingScheduleView{
		Page: Page{Title: locales.T(currentLocale(c), "meetings.schedule.title", e.DisplayTitle(currentLocale(c))),
			Form: map[string]string{"tables": tables, "slotMinutes": minutes}},
		Event: e, Placed: placed, Unplaced: unplaced, Counts: counts, Drafts: drafts,
		Statuses: domain.MeetingStatuses, Rounds: len(slots), Windows: windows,
	})
}

// formDraftSchedule runs the scheduler from the organiser's page.
func (h *Handler) formDraftSchedule(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	in := scheduleInput{}
	in.Tables, _ = strconv.Atoi(c.FormValue("tables"))
	in.SlotMinutes, _ = strconv.Atoi(c.FormValue("slotMinutes"))
	if c.FormValue("tables") != "" && in.Tables == 0 {
		in.Tables = -1 // not a number: refused like any bad value
	}
	back := "/events/" + e.ID + "/meetings?" + url.Values{"tables": {c.FormValue("tables")},
		"slotMinutes": {c.FormValue("slotMinutes")}}.Encode()
	res, err := h.draftSchedule(c.UserContext(), e, in)
	if key, ok := meetingFlash(err); ok {
		return h.redirectWithFlash(c, back, "error", key)
	}
	if err != nil {
		return err
	}
	// Say what really happened: nothing to place, nothing placed, all or part placed.
	key := "meetings.flash.scheduled"
	switch {
	case res.Placed == 0 && len(res.Unplaced) == 0:
		key = "meet2.flash.nothingToSchedule"
	case res.Placed == 0:
		key = "meet2.flash.noneFit"
	case len(res.Unplaced) > 0:
		key = "meetings.flash.scheduledPartly"
	}
	kind := "success"
	if res.Placed == 0 {
		kind = "warning"
	}
	return h.redirectWithFlash(c, back, kind, key)
}

// formPublishSchedule publishes the draft from the organiser's page.
func (h *Handler) formPublishSchedule(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	n, err := h.meetings().Publish(c.UserContext(), e)
	if err != nil {
		return err
	}
	if n > 0 {
		h.afterSchedulePublished(c.UserContext(), e)
	}
	if n == 0 {
		return h.redirectWithFlash(c, "/events/"+e.ID+"/meetings", "warning", "meet2.flash.nothingToPublish")
	}
	return h.redirectWithFlash(c, "/events/"+e.ID+"/meetings", "success", "meetings.flash.published")
}

// windowRow is one meeting window as the form edits it: a date and local times.
type windowRow struct {
	Date, From, Until, Minutes, Tables, Breaks string
}

// windowRows turns stored windows into form rows, plus blanks to add more.
func windowRows(e *domain.Event, ws []domain.MeetingWindow, blanks int) []windowRow {
	loc := e.Location()
	var out []windowRow
	for _, w := range ws {
		var bs []string
		for _, b := range w.Breaks {
			bs = append(bs, b.From.In(loc).Format("15:04")+"-"+b.Until.In(loc).Format("15:04"))
		}
		out = append(out, windowRow{Date: w.From.In(loc).Format("2006-01-02"), From: w.From.In(loc).Format("15:04"),
			Until: w.Until.In(loc).Format("15:04"), Minutes: strconv.Itoa(w.Minutes), Tables: strconv.Itoa(w.Tables),
			Breaks: strings.Join(bs, ", ")})
	}
	for i := 0; i < blanks; i++ {
		out = append(out, windowRow{Date: e.StartsAt.In(loc).Format("2006-01-02"),
			Minutes: strconv.Itoa(domain.DefaultSlotMinutes), Tables: strconv.Itoa(domain.DefaultMeetingTables)})
	}
	return out
}

// parseWindowRows reads the window rows of the form; rows left without times are skipped. A
// value that does not parse is reported on its row's field.
func parseWindowRows(e *domain.Event, rows []windowRow) ([]domain.MeetingWindow, error) {
	loc := e.Location()
	v := &domain.ValidationError{}
	clock := func(date, hm string) (time.Time, bool) {
		t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+strings.TrimSpace(hm), loc)
		return t, err == nil
	}
	ws := []domain.MeetingWindow{}
	for _, r := range rows {
		if strings.TrimSpace(r.From) == "" && strings.TrimSpace(r.Until) == "" {
			continue
		}
		i := len(ws)
		f := func(name string) string { return "meetingSlots[" + strconv.Itoa(i) + "]." + name }
		w := domain.MeetingWindow{Breaks: []domain.MeetingBreak{}}
		var ok bool
		if w.From, ok = clock(r.Date, r.From); !ok {
			v.Add(f("from"), "invalid")
		}
		if w.Until, ok = clock(r.Date, r.Until); !ok {
			v.Add(f("until"), "invalid")
		}
		var err error
		if w.Minutes, err = strconv.Atoi(strings.TrimSpace(r.Minutes)); err != nil {
			v.Add(f("minutes"), "invalid")
		}
		if w.Tables, err = strconv.Atoi(strings.TrimSpace(r.Tables)); err != nil {
			v.Add(f("tables"), "invalid")
		}
		for j, part := range strings.FieldsFunc(r.Breaks, func(r rune) bool { return r == ',' || r == '，' || r == ';' }) {
			a, b, found := strings.Cut(strings.TrimSpace(part), "-")
			from, ok1 := clock(r.Date, a)
			until, ok2 := clock(r.Date, b)
			if !found || !ok1 || !ok2 {
				v.Add(f("breaks["+strconv.Itoa(j)+"]"), "meet2_break_format")
				continue
			}
			w.Breaks = append(w.Breaks, domain.MeetingBreak{From: from, Until: until})
		}
		ws = append(ws, w)
	}
	return ws, v.Err()
}

// pageMeetingWindows is the organiser's form of the event's meeting windows.
func (h *Handler) pageMeetingWindows(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	ws, err := h.meetings().Windows(c.UserContext(), e)
	if err != nil {
		return err
	}
	blanks := 1
	if len(ws) == 0 {
		blanks = len(e.Days())
	}
	return h.renderWindows(c, fiber.StatusOK, e, windowRows(e, ws, blanks), nil)
}

func (h *Handler) renderWindows(c *fiber.Ctx, status int, e *domain.Event, rows []windowRow, err error) error {
	lang := currentLocale(c)
	errs := map[string]string{}
	if ve, ok := err.(*domain.ValidationError); ok {
		for f, p := range ve.Fields {
			// meetingSlots[2].from → row 2, so the form marks the row.
			row, rest, _ := strings.Cut(strings.TrimPrefix(f, "meetingSlots["), "]")
			errs[row] = errs[row] + " " + locales.T(lang, "meet2.windows.col."+windowCol(rest)) + ": " + fieldMessage(lang, p)
		}
	}
	return h.render(c, status, "meetings/windows", &meetingWindowsView{
		Page:  Page{Title: locales.T(lang, "meet2.windows.title", e.DisplayTitle(lang)), Errors: errs},
		Event: e, Rows: rows, Days: e.Days(),
	})
}

// windowCol names the column of a window field for the form's messages.
func windowCol(rest string) string {
	rest = strings.TrimPrefix(rest, ".")
	switch {
	case strings.HasPrefix(rest, "breaks"):
		return "breaks"
	case rest == "from", rest == "until", rest == "minutes", rest == "tables":
		return rest
	}
	return "window"
}

// formMeetingWindows stores the windows from the organiser's form.
func (h *Handler) formMeetingWindows(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	args := c.Request().PostArgs()
	col := func(name string) []string {
		var out []string
		for _, b := range args.PeekMulti(name) {
			out = append(out, string(b))
		}
		return out
	}
	dates, froms, untils, minutes, tables, breaks := col("date"), col("from"), col("until"), col("minutes"), col("tables"), col("breaks")
	at := func(s []string, i int) string {
		if i < len(s) {
			return s[i]
		}
		return ""
	}
	var rows []windowRow
	for i := range dates {
		if i >= domain.MaxMeetingWindows {
			break
		}
		rows = append(rows, windowRow{Date: dates[i], From: at(froms, i), Until: at(untils, i), Minutes: at(minutes, i),
			Tables: at(tables, i), Breaks: at(breaks, i)})
	}
	ws, err := parseWindowRows(e, rows)
	if err == nil {
		_, err = h.meetings().SetWindows(c.UserContext(), e, ws)
	}
	if _, ok := err.(*domain.ValidationError); ok {
		return h.renderWindows(c, fiber.StatusUnprocessableEntity, e, rows, err)
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/events/"+e.ID+"/meetings", "success", "meet2.flash.windowsSaved")
}

// pageMeetingReport is the organiser's report of an event's meetings.
func (h *Handler) pageMeetingReport(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	r, err := h.meetings().Report(c.UserContext(), e)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "meetings/report", &meetingReportView{
		Page:  Page{Title: locales.T(currentLocale(c), "meet2.report.title", e.DisplayTitle(currentLocale(c)))},
		Event: e, Report: r, Outcomes: domain.MeetingOutcomes, ClusterNames: h.clusterNames(c),
	})
}

// clusterNames maps cluster codes to their names in the caller's language.
func (h *Handler) clusterNames(c *fiber.Ctx) map[string]string {
	out := map[string]string{}
	cs, err := h.deps.Store.Clusters.List(c.UserContext())
	if err != nil {
		return out
	}
	lang := currentLocale(c)
	for _, cl := range cs {
		out[cl.Code] = cl.NameZh
		if lang == "en" && cl.NameEn != "" {
			out[cl.Code] = cl.NameEn
		}
	}
	return out
}
