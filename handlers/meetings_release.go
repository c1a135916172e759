package handlers

import (
	"context"

	"duijie/domain"
	"duijie/service/notify"
)

// afterRegistrationCancelled withdraws a cancelled registration's enterprise from its meetings
// at the event and tells each counterpart, as if the enterprise had cancelled them itself. The
// cancellation stands whatever happens here: a failure is logged.
func (h *Handler) afterRegistrationCancelled(ctx context.Context, r *domain.Registration) {
	if r == nil || r.Status != domain.RegCancelled {
		return
	}
	ms, err := h.meetings().ReleaseForRegistration(ctx, r.EventID, r.EnterpriseID)
	if err != nil {
		h.deps.Logger.Warn("meetings of a cancelled registration not released", "registration", r.ID, "err", err)
	}
	for i := range ms {
		h.afterMeeting(ctx, &ms[i], notify.MeetingCancelled, r.EnterpriseID)
	}
}

// afterEventCancelled frees every meeting of a cancelled event. The cancellation stands
// whatever happens here: a failure is logged.
func (h *Handler) afterEventCancelled(ctx context.Context, e *domain.Event) {
	if ms, err := h.meetings().ReleaseForEvent(ctx, e.ID); err != nil {
		h.deps.Logger.Warn("meetings of a cancelled event not released", "event", e.ID, "released", len(ms), "err", err)
	}
}

// afterSchedulePublished mails every enterprise with a published meeting at e its agenda
// (times, tables, counterparts, video links, an .ics), once per version of that agenda. The
// schedule stands whatever happens here: a failure is logged, and publishing again sends
// what is missing.
func (h *Handler) afterSchedulePublished(ctx context.Context, e *domain.Event) {
	agendas, err := h.meetings().Agendas(ctx, e)
	if err != nil {
		h.deps.Logger.Warn("meeting agendas not mailed", "event", e.ID, "err", err)
		return
	}
	for _, a := range agendas {
		if _, err := h.deps.Notify.MeetingAgenda(ctx, e, a.EnterpriseID, a.Attendees, a.Meetings); err != nil {
			h.deps.Logger.Warn("meeting agenda not mailed", "event", e.ID, "enterprise", a.EnterpriseID, "err", err)
		}
	}
}
