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
	now := s.now()
	return s.cancelOpen(ctx, store.MeetingFilter{EventID: eventID, EnterpriseID: enterpriseID}, func(m *domain.Meeting) (bool, error) {
		if m.Status == domain.MeetingAccepted && m.SlotStart != nil && !now.Before(*m.SlotStart) {
			return false, nil
		}
		return m.Cancel(enterpriseID, now)
	})
}

// ReleaseForEvent cancels every open request and accepted meeting of a cancelled event, in no
// side's name, so that nobody keeps a slot at an event that will not take place. The
// registrants hear of the cancellation itself through the event's change notice. It returns the
// meetings it cancelled.
func (s *Service) ReleaseForEvent(ctx context.Context, eventID string) ([]domain.Meeting, error) {
	now := s.now()
	return s.cancelOpen(ctx, store.MeetingFilter{EventID: eventID}, func(m *domain.Meeting) (bool, error) {
		return m.CancelWithEvent(now)
	})
}

// cancelOpen applies cancel to the requested and accepted meetings f selects and stores those it
// changed, each only if nobody answered or cancelled it meanwhile (then that answer stands).
func (s *Service) cancelOpen(ctx context.Context, f store.MeetingFilter, cancel func(*domain.Meeting) (bool, error)) ([]domain.Meeting, error) {
	f.Statuses = []domain.MeetingStatus{domain.MeetingRequested, domain.MeetingAccepted}
	ms, err := s.meetings.List(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []domain.Meeting
	for i := range ms {
		m := &ms[i]
		from := m.Status
		if changed, err := cancel(m); err != nil || !changed {
			continue
		}
		err := s.meetings.Update(ctx, m, from)
		var ce *domain.ConflictError
		if errors.As(err, &ce) || errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return out, err
		}
		out = append(out, *m)
	}
	return out, nil
}
