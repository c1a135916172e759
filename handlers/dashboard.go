package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/locales"
)

// apiMyDashboard answers what needs the caller now; reading it does not count as a visit.
func (h *Handler) apiMyDashboard(c *fiber.Ctx) error {
	d, err := h.deps.Dashboard.For(c.UserContext(), currentUser(c), false)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, d)
}

// pageDashboard is the first screen after signing in, one per role; opening it is a visit, so
// the next one counts new matches from now.
func (h *Handler) pageDashboard(c *fiber.Ctx) error {
	u := currentUser(c)
	d, err := h.deps.Dashboard.For(c.UserContext(), u, true)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	return h.render(c, fiber.StatusOK, "dashboard", &dashboardView{
		Page: Page{Title: locales.T(lang, "dash.title")}, D: d,
		Member: u.EnterpriseID != "", Staff: d.Triage != nil, Admin: d.OutboxFailed != nil,
		NewEvent: hasGetRoute(c, "/events/new"), TriagePage: hasGetRoute(c, "/leads/triage"),
		VerifyPage: hasGetRoute(c, "/admin/verifications"),
	})
}
