package handlers

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	meetsvc "duijie/service/meetings"
)

// pageAnswerMeeting is where the recipient of a request accepts it at a slot of its choosing:
// the slots both sides have free, the proposed one first selected while it is still free. The
// form posts to /meetings/{id}/accept, which books the slot and a table for both at once.
func (h *Handler) pageAnswerMeeting(c *fiber.Ctx) error {
	ctx, u := c.UserContext(), currentUser(c)
	opts, err := h.meetings().Answer(ctx, u, c.Params("id"))
	var ce *domain.ConflictError
	if errors.As(err, &ce) {
		return h.redirectWithFlash(c, "/meetings#meeting-"+c.Params("id"), "error", "meet2.flash.answered")
	}
	if err != nil {
		return err
	}
	m, e := opts.Meeting, opts.Event
	checked := ""
	switch {
	case opts.ProposedFree:
		checked = m.RequestedSlot.In(e.Location()).Format(time.RFC3339)
	case len(opts.Free) > 0:
		checked = opts.Free[0].Start.In(e.Location()).Format(time.RFC3339)
	}
	lang := currentLocale(c)
	return h.render(c, fiber.StatusOK, "meetings/answer", &meetingAnswerView{
		Page: Page{Title: locales.T(lang, "meet2.answer.title", m.RequesterName)}, Meeting: m, Event: e,
		Days: slotDays(opts.Free, e), Checked: checked, ProposedFree: opts.ProposedFree,
	})
}

// answerForm reads the accept form: a chosen slot (RFC 3339) and, when the form has the field,
// the video link. bad is set when the slot cannot be read.
func answerForm(c *fiber.Ctx) (in meetsvc.AnswerInput, bad bool) {
	if s := c.FormValue("slotStart"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return in, true
		}
		in.SlotStart = &t
	}
	if c.Request().PostArgs().Has("videoLink") {
		v := c.FormValue("videoLink")
		in.VideoLink = &v
	}
	return in, false
}

// slotRefusal reports whether err refuses the slot itself (taken, full, past, not a slot), so
// that the recipient is sent to choose another.
func slotRefusal(err error) bool {
	var (
		ve *domain.ValidationError
		ce *domain.ConflictError
	)
	if errors.As(err, &ce) {
		return ce.Field == "slotStart"
	}
	if errors.As(err, &ve) {
		_, ok := ve.Fields["slotStart"]
		return ok
	}
	return false
}
