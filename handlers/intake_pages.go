package handlers

import (
	"errors"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/store"
)

// navCounts fills the counts of the navigation entries that have one (the triage queue).
func (h *Handler) navCounts(c *fiber.Ctx, items []navItem) []navItem {
	for i := range items {
		if items[i].count != nil {
			items[i].Count = items[i].count(h, c)
		}
	}
	return items
}

// pageTriage is the organiser's queue: open leads of its clusters whose clusters the platform
// inferred, each with the clusters to confirm or correct.
func (h *Handler) pageTriage(c *fiber.Ctx) error {
	u := currentUser(c)
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	page.Limit = min(page.Limit, 20)
	ls, next, total, err := h.deps.Store.Leads.List(c.UserContext(), store.LeadFilter{Triage: true, Scope: triageScope(u)}, page)
	if err != nil {
		return err
	}
	_, cls, err := h.clusterIndex(c.UserContext())
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	rows := make([]triageRow, len(ls))
	for i := range ls {
		rows[i] = triageRow{leadPageView{ls[i], lang}, h.intakeSvc().Analyse(analyseInputOf(&ls[i]), cls, lang)}
	}
	nextURL, first := "", ""
	if next != "" {
		nextURL = "/leads/triage?cursor=" + url.QueryEscape(next)
	}
	if page.Cursor != "" {
		first = "/leads/triage"
	}
	return h.render(c, fiber.StatusOK, "leads/triage", &triageView{
		Page: Page{Title: locales.T(currentLocale(c), "intake.triage.title")},
		Rows: rows, Total: total, Next: nextURL, First: first, Lessons: h.lessonsInUse(c),
	})
}

// formConfirmClusters is the triage form: the clusters ticked become the lead's.
func (h *Handler) formConfirmClusters(c *fiber.Ctx) error {
	l, err := h.confirmClusters(c, formValues(c, "clusters"))
	if err != nil {
		var ve *domain.ValidationError
		if errors.As(err, &ve) {
			return h.redirectWithFlash(c, "/leads/triage", "error", "intake.triage.pickOne")
		}
		return err
	}
	back := "/leads/triage"
	if c.FormValue("from") == "lead" {
		back = "/leads/" + l.ID
	}
	return h.redirectWithFlash(c, back, "success", "intake.triage.confirmed")
}
