package handlers

import (
	"github.com/gofiber/fiber/v2"

	evsvc "duijie/service/events"
)

// newEvents builds the events service over the app's store, clock and registration mail, and
// wires what other areas do after its writes (evsvc.Hooks).
func newEvents(h *Handler) *evsvc.Service {
	s := evsvc.New(h.deps.Store, h.deps.Notify, h.deps.Logger, h.now)
	// A cancelled registration's meetings at the event are released (meetings_release.go).
	s.Hooks.Cancelled = h.afterRegistrationCancelled
	// A cancelled event's meetings are cancelled with it (meetings_release.go).
	s.Hooks.EventCancelled = h.afterEventCancelled
	// An agenda edit's changes are mailed to everyone registered (notify_hooks.go).
	s.Hooks.AgendaChanged = h.afterAgenda
	return s
}

// actorOf is who calls, for the events service: the signed-in user and the client address.
func actorOf(c *fiber.Ctx) evsvc.Actor {
	return evsvc.Actor{User: currentUser(c), IP: clientIP(c)}
}
