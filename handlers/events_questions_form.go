package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// The registration questions editor of the event's edit page: the same kind of form as the
// agenda editor (events_agenda_form.go), one row a question, options one a line.

// questionRow is one row of the questions editor; Index is its place as shown (0-based).
type questionRow struct {
	Index                                        int
	ID, Label, LabelEn, Kind, Options, OptionsEn string
	Required                                     bool
	Errors                                       map[string]string
	Focus                                        string
}

// questionFields are a question row's inputs in form order, with their label keys.
var questionFields = rowFields{
	{"label", "checkin2.questions.label"}, {"labelEn", "checkin2.questions.labelEn"}, {"kind", "checkin2.questions.kind"},
	{"options", "checkin2.questions.options"}, {"optionsEn", "checkin2.questions.optionsEn"}, {"id", "checkin2.questions.id"},
}

// blankQuestionRows is how many empty rows the editor offers for new questions.
const blankQuestionRows = 2

// questionRows turns questions into editor rows plus blank rows.
func questionRows(qs []domain.Question) []questionRow {
	rows := make([]questionRow, 0, len(qs)+blankQuestionRows)
	for i, q := range qs {
		rows = append(rows, questionRow{Index: i, ID: q.ID, Label: q.Label, LabelEn: q.LabelEn, Kind: string(q.Kind),
			Options: strings.Join(q.Options, "\n"), OptionsEn: strings.Join(q.OptionsEn, "\n"), Required: q.Required})
	}
	return withBlankQuestions(rows)
}

func withBlankQuestions(rows []questionRow) []questionRow {
	for range blankQuestionRows {
		rows = append(rows, questionRow{Index: len(rows), Kind: string(domain.QuestionText)})
	}
	return rows
}

// lines splits a box of one item a line, dropping empty lines.
func lines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// readQuestionsForm reads the submitted question rows, dropping blank rows and those ticked for
// removal; rows[k] is questions[k]. A new question gets the first free ID q1, q2 …: answers
// are stored under it, and the API's clients see it.
func readQuestionsForm(c *fiber.Ctx) ([]questionRow, []domain.Question) {
	n, _ := strconv.Atoi(c.FormValue("qrows"))
	n = min(max(n, 0), domain.MaxQuestions+blankQuestionRows)
	var rows []questionRow
	var qs []domain.Question
	taken := map[string]bool{}
	for i := range n {
		p := fmt.Sprintf("questions[%d].", i)
		r := questionRow{ID: strings.TrimSpace(c.FormValue(p + "id")), Label: strings.TrimSpace(c.FormValue(p + "label")),
			LabelEn: strings.TrimSpace(c.FormValue(p + "labelEn")), Kind: c.FormValue(p + "kind"),
			Options: c.FormValue(p + "options"), OptionsEn: c.FormValue(p + "optionsEn"), Required: c.FormValue(p+"required") != ""}
		if c.FormValue(p+"remove") != "" || (r.Label == "" && r.LabelEn == "" && len(lines(r.Options)) == 0 && len(lines(r.OptionsEn)) == 0) {
			continue
		}
		r.Index = len(rows)
		taken[r.ID] = true
		rows = append(rows, r)
		q := domain.Question{ID: r.ID, Label: r.Label, LabelEn: r.LabelEn, Kind: domain.QuestionKind(r.Kind),
			Options: lines(r.Options), OptionsEn: lines(r.OptionsEn), Required: r.Required}
		if len(q.Options) == 0 {
			q.Options = nil
		}
		if len(q.OptionsEn) == 0 {
			q.OptionsEn = nil
		}
		qs = append(qs, q)
	}
	next := 1
	for i := range qs {
		if qs[i].ID != "" {
			continue
		}
		for taken["q"+strconv.Itoa(next)] {
			next++
		}
		qs[i].ID = "q" + strconv.Itoa(next)
		rows[i].ID = qs[i].ID
		taken[qs[i].ID] = true
	}
	if qs == nil {
		qs = []domain.Question{}
	}
	return rows, qs
}

// formQuestions saves the registration questions edited row by row.
func (h *Handler) formQuestions(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	rows, qs := readQuestionsForm(c)
	err = h.events.SetQuestions(c.UserContext(), actorOf(c), e, qs)
	var v *domain.ValidationError
	if errors.As(err, &v) {
		rp := rowProblems(currentLocale(c), v, "questions", "q", "questions-h", "checkin2.questions.problem", questionFields, len(rows))
		for i := range rows {
			rows[i].Errors = rp.errors[i]
			if i == rp.focusRow {
				rows[i].Focus = rp.focusField
			}
		}
		return h.renderEventForm(c, fiber.StatusUnprocessableEntity, e, &eventFormView{
			QuestionRows: withBlankQuestions(rows), QuestionProblems: rp.list, AgendaErrors: true})
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/events/"+e.ID+"/edit#questions", "success", "checkin2.questions.saved")
}
