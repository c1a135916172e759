package meetings

import (
	"context"

	"duijie/domain"
)

// AnswerOptions is what the recipient of a request chooses from: the request, its event and the
// slots where both sides are free and a table is left.
type AnswerOptions struct {
	Meeting *domain.Meeting
	Event   *domain.Event
	Free    []domain.SlotTime
	// ProposedFree: the slot the requester proposed is still free for both (it is among Free).
	ProposedFree bool
}

// Answer loads request id for u's enterprise to answer at a slot of its choosing. Only the
// recipient answers (domain.ErrForbidden for the requester); a request of others does not exist
// for u; one answered already is a conflict on "status".
func (s *Service) Answer(ctx context.Context, u *domain.User, id string) (*AnswerOptions, error) {
	if !domain.ValidID(id) || u.EnterpriseID == "" {
		return nil, domain.ErrNotFound
	}
	m, err := s.meetings.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !m.Involves(u.EnterpriseID) {
		return nil, domain.ErrNotFound
	}
	if m.RecipientID != u.EnterpriseID {
		return nil, domain.ErrForbidden
	}
	if m.Status != domain.MeetingRequested {
		return nil, domain.Conflict("status", "meeting_transition")
	}
	e, err := s.events.Get(ctx, m.EventID)
	if err != nil {
		return nil, err
	}
	free, err := s.FreeSlots(ctx, e, m.RequesterID, m.RecipientID)
	if err != nil {
		return nil, err
	}
	out := &AnswerOptions{Meeting: m, Event: e, Free: free}
	for _, t := range free {
		if m.RequestedSlot != nil && t.Start.Equal(*m.RequestedSlot) {
			out.ProposedFree = true
		}
	}
	return out, nil
}
