package handlers

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/store"
)

// pageConsole is the organiser's console of one event: counts, the searchable registration list,
// exports, badges and check-in.
func (h *Handler) pageConsole(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	return h.renderConsole(c, fiber.StatusOK, e, nil)
}

// renderConsole shows the console of e; data, when not nil, holds the walk-in form's values and
// problems after a refused post.
func (h *Handler) renderConsole(c *fiber.Ctx, status int, e *domain.Event, data *eventConsoleView) error {
	f, page, err := registrationsPage(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	counts, err := h.events.Counts(ctx, e)
	if err != nil {
		return err
	}
	regs, next, total, err := h.events.Registrations(ctx, e, f, page)
	if err != nil {
		return err
	}
	base := "/events/" + e.ID + "/console"
	q := url.Values{}
	for _, k := range []string{"q", "status"} {
		if v := c.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	first, nextURL := "", ""
	if page.Cursor != "" {
		first = base + "?" + q.Encode()
	}
	if next != "" {
		q.Set("cursor", next)
		nextURL = base + "?" + q.Encode()
	}
	rows := make([]int, max(1, e.MaxAttendeesPerEnterprise))
	for i := range rows {
		rows[i] = i
	}
	if data == nil {
		data = &eventConsoleView{}
	}
	data.Title, data.Event, data.Counts, data.Registrations = e.DisplayTitle(currentLocale(c)), e, counts, regs
	data.Total, data.First, data.Next = total, first, nextURL
	data.Filter = map[string]string{"q": c.Query("q"), "status": c.Query("status")}
	data.RegStatuses = []domain.RegistrationStatus{domain.RegPending, domain.RegConfirmed, domain.RegOffered, domain.RegWaitlisted,
		domain.RegCancelled, domain.RegRejected}
	data.WalkinRows = rows
	return h.render(c, status, "events/console", data)
}

// badge is one printed name badge.
type badge struct {
	RegistrationID string
	Attendee       domain.Attendee
	Enterprise     string
	Code           string
	Index          int // the attendee's place in the registration, for its QR image
}

// pageBadges is the printable badge sheet of the confirmed attendees, each with the QR code
// of its registration.
func (h *Handler) pageBadges(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	var badges []badge
	page := store.Page{Limit: 500}
	f := store.RegistrationFilter{Statuses: []domain.RegistrationStatus{domain.RegConfirmed}}
	for {
		regs, next, _, err := h.events.Registrations(c.UserContext(), e, f, page)
		if err != nil {
			return err
		}
		for _, r := range regs {
			for i, a := range r.Attendees {
				badges = append(badges, badge{RegistrationID: r.ID, Attendee: a, Enterprise: r.EnterpriseName, Code: a.CheckinCode, Index: i})
			}
		}
		if next == "" {
			break
		}
		page.Cursor = next
	}
	return h.render(c, fiber.StatusOK, "events/badges", &eventBadgesView{
		Page: Page{Title: e.DisplayTitle(currentLocale(c))}, Event: e, Badges: badges})
}
