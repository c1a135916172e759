package handlers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	evsvc "duijie/service/events"
)

// formWalkin adds a walk-in or guest from the console's form: the firm's name and its people,
// rows left empty skipped. A refused post shows the console again with what was typed and each
// problem at its field.
func (h *Handler) formWalkin(c *fiber.Ctx) error {
	e, err := h.loadManagedEvent(c)
	if err != nil {
		return err
	}
	form := map[string]string{"enterpriseName": strings.TrimSpace(c.FormValue("enterpriseName"))}
	var list []domain.Attendee
	var shown []int
	for i := range max(1, e.MaxAttendeesPerEnterprise) {
		a := domain.Attendee{}
		for field, dst := range map[string]*string{"name": &a.Name, "position": &a.Position, "mobile": &a.Mobile, "email": &a.Email} {
			k := fmt.Sprintf("attendees[%d].%s", i, field)
			form[k] = strings.TrimSpace(c.FormValue(k))
			*dst = form[k]
		}
		if a.Name+a.Position+a.Mobile+a.Email == "" {
			continue
		}
		list = append(list, a)
		shown = append(shown, i)
	}
	r, err := h.events.AddWalkin(c.UserContext(), actorOf(c), e, evsvc.Walkin{EnterpriseName: form["enterpriseName"], Attendees: list})
	var v *domain.ValidationError
	var ce *domain.ConflictError
	switch {
	case errors.As(err, &v):
		lang := currentLocale(c)
		errs := map[string]string{}
		for f, p := range v.Fields {
			var k int
			var rest string
			if _, scanErr := fmt.Sscanf(f, "attendees[%d]%s", &k, &rest); scanErr == nil && k < len(shown) {
				f = fmt.Sprintf("attendees[%d]%s", shown[k], rest)
			}
			if f == "attendees" || f == "event" {
				f = "walkin" // shown above the form, not under a field
			}
			errs[f] = fieldMessage(lang, p)
		}
		return h.renderConsole(c, fiber.StatusUnprocessableEntity, e, &eventConsoleView{Page: Page{Form: form, Errors: errs}, WalkinOpen: true})
	case errors.As(err, &ce):
		return h.renderConsole(c, fiber.StatusConflict, e, &eventConsoleView{WalkinOpen: true,
			Page: Page{Form: form, Errors: map[string]string{"enterpriseName": fieldMessage(currentLocale(c), domain.FieldProblem{Key: ce.Key})}}})
	case err != nil:
		return err
	}
	key := "checkin2.walkin.added." + string(r.Status)
	return h.redirectWithFlash(c, "/events/"+e.ID+"/console", "success", key)
}
