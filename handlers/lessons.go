package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
)

// What the platform learned from the cluster office's triage (service/intake lessons.go): the
// list for organisers (their clusters) and admins, and the switch that turns a learned link off
// or on again.

// apiListLessons lists the learned links the caller may see, strongest first.
func (h *Handler) apiListLessons(c *fiber.Ctx) error {
	ls, err := h.intakeSvc().LinksFor(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	return sendList(c, ls, "", len(ls)) // every link of a city's clusters fits one page
}

// lessonSwitchInput switches one learned link: off true stops routing by it, false resumes.
type lessonSwitchInput struct {
	Term    string `json:"term"`
	Cluster string `json:"cluster"`
	Off     *bool  `json:"off"`
}

// apiSwitchLesson turns a learned link off or on: {term, cluster, off}.
func (h *Handler) apiSwitchLesson(c *fiber.Ctx) error {
	var in lessonSwitchInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.Off == nil {
		v := &domain.ValidationError{}
		v.Add("off", "required")
		return v
	}
	l, err := h.leads.SwitchLesson(c.UserContext(), callerOf(c), in.Term, in.Cluster, *in.Off)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, l)
}

// lessonRow is one learned link as the page shows it.
type lessonRow struct {
	domain.LearnedLink
	Name string // the cluster's name in the page's language
}

// lessonsView is the data of leads/lessons.
type lessonsView struct {
	Page
	Rows []lessonRow
}

// pageLessons lists what was learned, with a switch on each link.
func (h *Handler) pageLessons(c *fiber.Ctx) error {
	ls, err := h.intakeSvc().LinksFor(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	_, cls, err := h.clusterIndex(c.UserContext())
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	names := map[string]string{}
	for _, cl := range cls {
		names[cl.Code] = cl.Name(lang)
	}
	rows := make([]lessonRow, len(ls))
	for i, l := range ls {
		rows[i] = lessonRow{l, names[l.Cluster]}
	}
	return h.render(c, fiber.StatusOK, "leads/lessons", &lessonsView{
		Page: Page{Title: locales.T(lang, "lessons.title")}, Rows: rows,
	})
}

// formSwitchLesson is the switch of one row: term, cluster and action off|on.
func (h *Handler) formSwitchLesson(c *fiber.Ctx) error {
	off := c.FormValue("action") != "on"
	_, err := h.leads.SwitchLesson(c.UserContext(), callerOf(c), c.FormValue("term"), c.FormValue("cluster"), off)
	var ve *domain.ValidationError
	switch {
	case errors.As(err, &ve):
		return h.redirectWithFlash(c, "/leads/triage/lessons", "error", "lessons.bad")
	case err != nil:
		return err
	}
	msg := "lessons.switchedOn"
	if off {
		msg = "lessons.switchedOff"
	}
	return h.redirectWithFlash(c, "/leads/triage/lessons", "success", msg)
}

// lessonsInUse counts the learned links in use that the caller may see, for the line on the
// triage page; 0 when they cannot be read.
func (h *Handler) lessonsInUse(c *fiber.Ctx) int {
	ls, err := h.intakeSvc().LinksFor(c.UserContext(), currentUser(c))
	if err != nil {
		return 0
	}
	n := 0
	for _, l := range ls {
		if !l.Off {
			n++
		}
	}
	return n
}
