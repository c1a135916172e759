package handlers

import (
	"context"

	"duijie/domain"
)

// The hooks below queue the deal loop's mail after a write succeeded (registration mail is
// queued by service/events after the response, and by the registration-mails job). The write stands whatever
// happens to its mail: a failure is logged, and the registration walk or the next action's
// dedup key lets the mail follow later.

// afterMeeting tells the other side of a meeting what the actor's enterprise did.
func (h *Handler) afterMeeting(ctx context.Context, m *domain.Meeting, action, actor string) {
	if _, err := h.deps.Notify.Meeting(ctx, m, action, actor); err != nil {
		h.deps.Logger.Warn("meeting mail not queued", "meeting", m.ID, "action", action, "err", err)
	}
}

// afterMatchMove records the instant notice a match's move calls for: the buyer hears of an
// interested supplier, the supplier of the buyer's contact.
func (h *Handler) afterMatchMove(ctx context.Context, m *domain.Match) {
	if m == nil || (m.Status != domain.MatchInterested && m.Status != domain.MatchContacted) {
		return
	}
	l, err := h.deps.Store.Leads.Get(ctx, m.LeadID)
	if err != nil {
		h.deps.Logger.Warn("deal notice not recorded", "match", m.ID, "err", err)
		return
	}
	if m.Status == domain.MatchInterested {
		_, err = h.deps.Notify.Answered(ctx, m, l)
	} else {
		_, err = h.deps.Notify.Contacted(ctx, m, l)
	}
	if err != nil {
		h.deps.Logger.Warn("deal notice not recorded", "match", m.ID, "err", err)
	}
}

// afterAgenda records what attendees must know of an agenda edit (a session's time, room or
// speakers, a session added or dropped); the event-changes job mails it to everyone registered.
// e carries the saved agenda, before the one it replaced.
func (h *Handler) afterAgenda(ctx context.Context, e *domain.Event, before []domain.AgendaSession, by string) {
	if _, err := h.deps.Notify.AgendaChanged(ctx, e, before, by); err != nil {
		h.deps.Logger.Warn("agenda changes not recorded", "event", e.ID, "err", err)
	}
}

// welcome stores a new account's default mail preferences: a member starts with the daily
// digest and instant notices, so it hears of matched leads without signing in.
func (h *Handler) welcome(ctx context.Context, u *domain.User) {
	if err := h.deps.Notify.Welcome(ctx, u); err != nil {
		h.deps.Logger.Warn("default preferences not stored", "user", u.ID, "err", err)
	}
}
