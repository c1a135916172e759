package meetings

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// ReleaseForRegistration withdraws the enterprise from its meetings at the event once its
// registration is cancelled: every open request and every accepted meeting whose slot has not
// begun is cancelled in the enterprise's name, which gives the slot and table back to the
// counterpart. Meetings already under way or past stay as they are, for their feedback. It
// returns the meetings it cancelled, so the caller can tell each counterpart.
func (s *Service) ReleaseForRegistration(ctx context.Context, eventID, enterpriseID string) ([]domain.Meeting, error) {
	if eventID == "" || enterpriseID == "" {
		return nil, nil
	}
	ms, err := s.meetings.List(ctx, store.MeetingFilter{EventID: eventID, EnterpriseID: enterpriseID,
		Statuses: []domain.MeetingStatus{domain.MeetingRequested, domain.MeetingAccepted}})
	if err != nil {
		return nil, err
	}
	now := s.now()
	var out []domain.Meeting
	for i := range ms {
		m := &ms[i]
		if m.Status == domain.MeetingAccepted && m.SlotStart != nil && !now.Before(*m.SlotStart) {
			continue
		}
		from := m.Status
		if changed, err := m.Cancel(enterpriseID, now); err != nil || !changed {
			continue
		}
		err := s.meetings.Update(ctx, m, from)
		var ce *domain.ConflictError
		if errors.As(err, &ce) || errors.Is(err, domain.ErrNotFound) {
			continue // answered or cancelled meanwhile by the other side: that answer stands
		}
		if err != nil {
			return out, err
		}
		out = append(out, *m)
	}
	return out, nil
}
