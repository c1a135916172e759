package meetings

import (
	"context"
	"errors"

	"duijie/domain"
)

// funnelAttempts bounds the retries of a match move that lost a race with another writer.
const funnelAttempts = 3

// Feedback records what u's enterprise says of meeting id after its slot: held or not, a
// rating and an outcome, once per side. A held meeting moves the match it came from along the
// funnel (contacted; negotiating and intent for an intent or a deal); a match that has gone
// further, or elsewhere, stays as it is.
func (s *Service) Feedback(ctx context.Context, u *domain.User, id string, f domain.MeetingFeedback) (*domain.Meeting, error) {
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
	side, err := m.FeedbackSide(u.EnterpriseID, s.now())
	if err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	f.By, f.At = u.ID, s.now()
	if err := s.meetings.Feedback(ctx, m.ID, side, f); err != nil {
		return nil, err
	}
	if side == "requester" {
		m.RequesterFeedback = &f
	} else {
		m.RecipientFeedback = &f
	}
	if m.MatchID != "" {
		if err := s.moveMatch(ctx, m.MatchID, u.ID, f); err != nil {
			// The feedback is stored; the funnel is a consequence the buyer can still record.
			s.log.Warn("meetings: move the match after feedback", "meeting", m.ID, "match", m.MatchID, "err", err)
		}
	}
	return m, nil
}

// moveMatch applies the funnel steps of f to the match, on condition of its stored status.
func (s *Service) moveMatch(ctx context.Context, matchID, by string, f domain.MeetingFeedback) error {
	for attempt := 1; ; attempt++ {
		mt, err := s.matches.Get(ctx, matchID)
		if err != nil {
			return err
		}
		from := mt.Status
		steps := domain.FunnelSteps(from, f)
		if len(steps) == 0 {
			return nil
		}
		for _, st := range steps {
			if _, err := mt.Advance(domain.Outcome{Stage: st, Note: f.Note}, by, f.At); err != nil {
				return err
			}
		}
		err = s.matches.Update(ctx, mt, from)
		if errors.Is(err, domain.ErrConflict) && attempt < funnelAttempts {
			continue
		}
		return err
	}
}
