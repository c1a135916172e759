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
