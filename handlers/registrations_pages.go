package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"duijie/domain"
)

// pageRegister shows the registration form: as many attendee rows as the event allows.
func (h *Handler) pageRegister(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	if r, err := h.events.ActiveRegistration(c.UserContext(), u, e); err != nil {
		return err
	} else if r != nil {
		return c.Redirect("/me/registrations#reg-"+r.ID, fiber.StatusSeeOther)
	}
	form := map[string]string{}
	if e.MaxAttendeesPerEnterprise > 0 {
		// The signed-in person is the usual first attendee.
		form["attendees[0].name"], form["attendees[0].email"] = u.Name, u.Email
	}
	return h.renderRegister(c, fiber.StatusOK, e, form, nil)
}

func (h *Handler) renderRegister(c *fiber.Ctx, status int, e *domain.Event, form, errs map[string]string) error {
	rows := make([]int, e.MaxAttendeesPerEnterprise)
	for i := range rows {
		rows[i] = i
	}
	data := &registerView{Event: e, Rows: rows, Page: Page{Form: form, Errors: errs, Title: e.DisplayTitle(currentLocale(c))}}
	if err := e.RegistrationOpen(h.now()); err != nil {
		data.Closed = sentence(fieldError(currentLocale(c), err, "event"))
	}
	return h.render(c, status, "events/register", data)
}

// formRegister registers the member's enterprise from the form; empty attendee rows are skipped.
func (h *Handler) formRegister(c *fiber.Ctx) error {
	e, err := h.loadEvent(c)
	if err != nil {
		return err
	}
	form := map[string]string{}
	var list []domain.Attendee
	var shown []int
	for i := 0; i < e.MaxAttendeesPerEnterprise; i++ {
		a := domain.Attendee{}
		for field, dst := range map[string]*string{"name": &a.Name, "position": &a.Position, "mobile": &a.Mobile, "email": &a.Email} {
			k := fmt.Sprintf("attendees[%d].%s", i, field)
			form[k] = c.FormValue(k)
			*dst = form[k]
		}
		if strings.TrimSpace(a.Name+a.Position+a.Mobile+a.Email) == "" {
			continue
		}
		list = append(list, a)
		shown = append(shown, i)
	}
	optIn := c.FormValue("meetingsOptIn") == "1"
	if err := h.optInAtRegistration(c.UserContext(), currentUser(c), e, &optIn); err != nil {
		return err
	}
	answers := map[string]any{}
	for _, q := range e.Questions {
		k := "answers." + q.ID
		if q.Kind == domain.QuestionMulti {
			var picked []any
			for _, v := range c.Request().PostArgs().PeekMulti(k) {
				picked = append(picked, string(v))
				form[k+"="+string(v)] = "1"
			}
			answers[q.ID] = picked
			continue
		}
		form[k] = c.FormValue(k)
		answers[q.ID] = form[k]
	}
	r, _, err := h.events.Register(c.UserContext(), actorOf(c), e, list, answers)
	var v *domain.ValidationError
	if errors.As(err, &v) {
		errs := map[string]string{}
		lang := currentLocale(c)
		for f, p := range v.Fields {
			var k int
			var rest string
			if _, scanErr := fmt.Sscanf(f, "attendees[%d]%s", &k, &rest); scanErr == nil && k < len(shown) {
				f = fmt.Sprintf("attendees[%d]%s", shown[k], rest)
			}
			msg := fieldMessage(lang, p)
			if f == "attendees" || f == "event" {
				f, msg = "form", sentence(msg) // shown alone above the form, not under a field
			}
			errs[f] = msg
		}
		return h.renderRegister(c, fiber.StatusUnprocessableEntity, e, form, errs)
	}
	if err != nil {
		return err
	}
	key := "events.flash.registered"
	switch r.Status {
	case domain.RegWaitlisted:
		key = "events.flash.waitlisted"
	case domain.RegPending:
		key = "eventday.flash.pending"
	}
	return h.redirectWithFlash(c, "/me/registrations#reg-"+r.ID, "success", key)
}

// pageMyRegistrations lists the enterprise's registrations with check-in codes as QR images
// and the personal calendar feed.
func (h *Handler) pageMyRegistrations(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u := currentUser(c)
	regs, err := h.events.MyRegistrations(ctx, u)
	if err != nil {
		return err
	}
	feed, err := h.feedURL(ctx, u)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "events/mine", &myRegistrationsView{Registrations: regs, FeedURL: feed})
}

// formCancelRegistration cancels from "my registrations" or the organiser's console.
func (h *Handler) formCancelRegistration(c *fiber.Ctx) error {
	r, err := h.cancelRegistration(c)
	if err != nil {
		return err
	}
	if currentUser(c).EnterpriseID == r.EnterpriseID {
		return h.redirectWithFlash(c, "/me/registrations", "success", "events.flash.regCancelled")
	}
	return h.redirectWithFlash(c, "/events/"+r.EventID+"/console", "success", "events.flash.regCancelled")
}

// formConfirmOffer accepts an offered seat.
func (h *Handler) formConfirmOffer(c *fiber.Ctx) error {
	r, err := h.confirmOffer(c)
	var v *domain.ValidationError
	if errors.As(err, &v) {
		return h.redirectWithFlash(c, "/me/registrations", "error", "events.flash.offerGone")
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, "/me/registrations#reg-"+r.ID, "success", "events.flash.offerConfirmed")
}

// formResetCalendar gives the member a new secret feed URL.
func (h *Handler) formResetCalendar(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u := currentUser(c)
	if _, err := h.deps.Store.Calendars.Reset(ctx, u.ID); err != nil {
		return err
	}
	h.audit(ctx, u.ID, "calendar.reset", "user:"+u.ID, "", clientIP(c))
	return h.redirectWithFlash(c, "/me/registrations#calendar", "success", "events.flash.calendarReset")
}

// registrationQR is the check-in code of a confirmed registration as a PNG QR image, for the
// member's phone and the printed badges.
func (h *Handler) registrationQR(c *fiber.Ctx) error {
	r, _, err := h.loadRegistration(c)
	if err != nil {
		return err
	}
	if r.Status != domain.RegConfirmed {
		return domain.ErrNotFound
	}
	// ?attendee=N is that person's own code; without it the first attendee's (the registration's).
	i := 0
	if v := c.Query("attendee"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n >= len(r.Attendees) {
			return badRequest("attendee", "one_of", fmt.Sprintf("0–%d", len(r.Attendees)-1))
		}
		i = n
	}
	code := r.CheckinCode
	if len(r.Attendees) > 0 && r.Attendees[i].CheckinCode != "" {
		code = r.Attendees[i].CheckinCode
	}
	png, err := qrcode.Encode(code, qrcode.Medium, 320)
	if err != nil {
		return fmt.Errorf("qr code: %w", err)
	}
	c.Set(fiber.HeaderContentType, "image/png")
	c.Set(fiber.HeaderCacheControl, "private, max-age=86400")
	return c.Send(png)
}
