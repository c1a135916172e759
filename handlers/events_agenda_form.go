package handlers

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
)

// The agenda editor of the event's edit page. It is a plain form: rows of inputs named
// sessions[i].field and a count of rows; without JavaScript it offers blank rows and a "remove"
// box per saved row, and static/rows.js adds, duplicates and removes rows in the page without a
// round trip. A refused save shows the page again with every row as typed, each problem beside
// its field and listed above the form by row and field, and the first one focused.

// agendaRow is one row of the agenda editor; Index is its place as shown (0-based).
type agendaRow struct {
	Index                                                          int
	ID, Title, TitleEn, StartsAt, EndsAt, Room, Track, Kind, Speak string
	// Errors are this row's problems by field; Focus is the field the page focuses first.
	Errors map[string]string
	Focus  string
}

// agendaFields are a row's inputs in the order the form shows them, which is the order its
// problems are listed in, with their label keys.
var agendaFields = rowFields{
	{"title", "events.session.title"}, {"titleEn", "checkin2.agenda.titleEn"}, {"kind", "events.session.kindLabel"},
	{"track", "events.session.track"}, {"startsAt", "events.session.startsAt"}, {"endsAt", "events.session.endsAt"},
	{"room", "events.session.room"}, {"speakers", "events.session.speakers"},
}

// formProblem is one line of the list above a refused form: what it says and the input it
// links to.
type formProblem struct {
	Anchor, Text string
}

// blankAgendaRows is how many empty rows the editor offers for new sessions.
const blankAgendaRows = 3

// agendaRows turns sessions into editor rows (local times of e's zone) plus blank rows.
func agendaRows(e *domain.Event, sessions []domain.AgendaSession) []agendaRow {
	loc := e.Location()
	rows := make([]agendaRow, 0, len(sessions)+blankAgendaRows)
	for i, s := range sessions {
		var sp []string
		for _, p := range s.Speakers {
			sp = append(sp, strings.TrimRight(strings.Join([]string{p.Name, p.Position, p.Organisation}, " / "), " /"))
		}
		rows = append(rows, agendaRow{Index: i, ID: s.ID, Title: s.Title, TitleEn: s.TitleEn,
			StartsAt: s.StartsAt.In(loc).Format(formLocal), EndsAt: s.EndsAt.In(loc).Format(formLocal),
			Room: s.Room, Track: s.Track, Kind: string(s.Kind), Speak: strings.Join(sp, "\n")})
	}
	return withBlankRows(rows)
}

// withBlankRows appends the blank rows for new sessions.
func withBlankRows(rows []agendaRow) []agendaRow {
	for range blankAgendaRows {
		rows = append(rows, agendaRow{Index: len(rows), Kind: string(domain.SessionTalk)})
	}
	return rows
}

// parseSpeakers reads one speaker a line: "name / position / organisation".
func parseSpeakers(s string) []domain.Speaker {
	out := []domain.Speaker{}
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.FieldsFunc(line, func(r rune) bool { return r == '/' || r == '／' || r == '|' })
		sp := domain.Speaker{}
		for i, p := range parts {
			switch i {
			case 0:
				sp.Name = strings.TrimSpace(p)
			case 1:
				sp.Position = strings.TrimSpace(p)
			default:
				sp.Organisation = strings.TrimSpace(strings.Join([]string{sp.Organisation, p}, " "))
			}
		}
		out = append(out, sp)
	}
	return out
}

// readAgendaForm reads the submitted rows. Rows left blank or ticked for removal are dropped;
// the others are numbered as they will be shown again, so rows[k] is sessions[k]. A time that
// cannot be read is recorded in v under the row's field.
func readAgendaForm(c *fiber.Ctx, loc *time.Location, v *domain.ValidationError) ([]agendaRow, []domain.AgendaSession) {
	n, _ := strconv.Atoi(c.FormValue("rows"))
	n = min(max(n, 0), domain.MaxAgendaSessions+blankAgendaRows)
	var (
		rows     []agendaRow
		sessions []domain.AgendaSession
	)
	for i := range n {
		p := fmt.Sprintf("sessions[%d].", i)
		r := agendaRow{ID: c.FormValue(p + "id"), Title: strings.TrimSpace(c.FormValue(p + "title")),
			TitleEn: strings.TrimSpace(c.FormValue(p + "titleEn")), StartsAt: c.FormValue(p + "startsAt"),
			EndsAt: c.FormValue(p + "endsAt"), Room: c.FormValue(p + "room"), Track: c.FormValue(p + "track"),
			Kind: c.FormValue(p + "kind"), Speak: c.FormValue(p + "speakers")}
		if c.FormValue(p+"remove") != "" || (r.Title == "" && r.TitleEn == "" && r.StartsAt == "" && r.EndsAt == "" &&
			r.Room == "" && strings.TrimSpace(r.Speak) == "") {
			continue
		}
		r.Index = len(rows)
		s := domain.AgendaSession{ID: r.ID, Title: r.Title, TitleEn: r.TitleEn, Room: r.Room, Track: r.Track,
			Kind: domain.SessionKind(r.Kind), Speakers: parseSpeakers(r.Speak)}
		for field, dst := range map[string]*time.Time{"startsAt": &s.StartsAt, "endsAt": &s.EndsAt} {
			val := c.FormValue(p + field)
			if val == "" {
				continue
			}
			t, err := time.ParseInLocation(formLocal, val, loc)
			if err != nil {
				v.Add(fmt.Sprintf("sessions[%d].%s", r.Index, field), "event_time_format")
				continue
			}
			*dst = t
		}
		rows = append(rows, r)
		sessions = append(sessions, s)
	}
	return rows, sessions
}

// formAgenda saves the agenda edited row by row.
func (h *Handler) formAgenda(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	v := &domain.ValidationError{}
	rows, sessions := readAgendaForm(c, e.Location(), v)
	if v.Err() != nil {
		// A time that could not be read: the agenda's own rules still run on a copy, so one
		// post shows every field to fix.
		var rest *domain.ValidationError
		if errors.As(domain.ValidateAgenda(e, append([]domain.AgendaSession(nil), sessions...)), &rest) {
			for f, p := range rest.Fields {
				v.Add(f, p.Key, p.Args...)
			}
		}
	} else {
		err = h.events.SetAgenda(c.UserContext(), actorOf(c), e, sessions)
		if ve := (*domain.ValidationError)(nil); errors.As(err, &ve) {
			v = ve
		} else if err != nil {
			return err
		}
	}
	if v.Err() != nil {
		return h.rerenderAgenda(c, e, rows, v)
	}
	return h.redirectWithFlash(c, "/events/"+e.ID+"/edit#agenda", "success", "events.flash.agendaSaved")
}

// rerenderAgenda shows the edit page again with the rows as submitted, their problems beside
// the fields and listed above the agenda by row and field, the first one focused.
func (h *Handler) rerenderAgenda(c *fiber.Ctx, e *domain.Event, rows []agendaRow, v *domain.ValidationError) error {
	rp := rowProblems(currentLocale(c), v, "sessions", "s", "agenda-h", "checkin2.agenda.problem", agendaFields, len(rows))
	for i := range rows {
		rows[i].Errors = rp.errors[i]
		if i == rp.focusRow {
			rows[i].Focus = rp.focusField
		}
	}
	return h.renderEventForm(c, fiber.StatusUnprocessableEntity, e, &eventFormView{
		Rows: withBlankRows(rows), AgendaProblems: rp.list, AgendaErrors: true})
}

// rowFields are the inputs of a repeated row, in form order, with their label keys.
type rowFields []struct{ name, label string }

// rowProblemsView is what a refused form of repeated rows shows: each row's problems by field,
// the list above the form (general problems first, then by row and field) and the input focused
// first (focusRow -1: none).
type rowProblemsView struct {
	errors     []map[string]string
	list       []formProblem
	focusRow   int
	focusField string
}

// rowProblems sorts the problems of v (fields "<prefix>[k].<field>…") into the rows of a form of
// n rows whose inputs have the IDs "<idPrefix><k>-<field>". A problem deeper than the row's own
// inputs (a speaker's name) is shown at the input it came from (speakers); anything not of a
// row is listed first and links to general. line is the message key of a listed problem: row
// number, field label, problem.
func rowProblems(lang string, v *domain.ValidationError, prefix, idPrefix, general, line string, fields rowFields, n int) rowProblemsView {
	out := rowProblemsView{errors: make([]map[string]string, n), focusRow: -1}
	order := map[string]int{}
	for i, f := range fields {
		order[f.name] = i
	}
	type key struct{ row, field int }
	var keys []key
	var other []string
	for f, p := range v.Fields {
		var k int
		var rest string
		if _, err := fmt.Sscanf(f, prefix+"[%d].%s", &k, &rest); err != nil || k < 0 || k >= n {
			other = append(other, fieldMessage(lang, p))
			continue
		}
		name := strings.FieldsFunc(rest, func(r rune) bool { return r == '.' || r == '[' })[0]
		if _, ok := order[name]; !ok {
			name = fields[0].name
		}
		if out.errors[k] == nil {
			out.errors[k] = map[string]string{}
		}
		if _, dup := out.errors[k][name]; !dup {
			out.errors[k][name] = fieldMessage(lang, p)
			keys = append(keys, key{k, order[name]})
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a].row != keys[b].row {
			return keys[a].row < keys[b].row
		}
		return keys[a].field < keys[b].field
	})
	sort.Strings(other)
	for _, g := range other {
		out.list = append(out.list, formProblem{Anchor: general, Text: g})
	}
	for i, k := range keys {
		f := fields[k.field]
		if i == 0 {
			out.focusRow, out.focusField = k.row, f.name
		}
		out.list = append(out.list, formProblem{Anchor: fmt.Sprintf("%s%d-%s", idPrefix, k.row, f.name),
			Text: locales.T(lang, line, k.row+1, locales.T(lang, f.label), out.errors[k.row][f.name])})
	}
	return out
}
