package matchsvc

import (
	"context"
	"errors"

	"duijie/domain"
)

// moveAttempts bounds the retries of a move that lost a race with another writer of the match.
const moveAttempts = 3

// move loads a match, lets allow check the caller against it (and its lead), applies the move
// and stores it on condition that nobody moved the match meanwhile; a lost race is retried on
// the fresh record, so the domain rules (and idempotence) see what is really stored.
func (s *Service) move(ctx context.Context, id string, allow func(*domain.Match, *domain.Lead) error,
	apply func(*domain.Match) (bool, error)) (*domain.Match, *domain.Lead, bool, error) {
	if !domain.ValidID(id) {
		return nil, nil, false, domain.ErrNotFound
	}
	for attempt := 1; ; attempt++ {
		m, err := s.st.Matches.Get(ctx, id)
		if err != nil {
			return nil, nil, false, err
		}
		l, err := s.st.Leads.Get(ctx, m.LeadID)
		if err != nil {
			return nil, nil, false, err
		}
		if err := allow(m, l); err != nil {
			return nil, nil, false, err
		}
		from := m.Status
		changed, err := apply(m)
		if err != nil || !changed {
			return m, l, false, err
		}
		err = s.st.Matches.Update(ctx, m, from)
		if errors.Is(err, domain.ErrConflict) && attempt < moveAttempts {
			continue
		}
		return m, l, err == nil, err
	}
}

// Respond records the matched supplier's answer (interested or declined, with a note). Anyone
// else gets domain.ErrForbidden; answering again the same way changes nothing. Interest in a
// lead that is no longer open is a conflict. A decline gives its place to the next best
// supplier of the lead, while the lead is open.
func (s *Service) Respond(ctx context.Context, u *domain.User, id string, decision domain.MatchStatus, note string) (*domain.Match, error) {
	m, l, changed, err := s.move(ctx, id,
		func(m *domain.Match, l *domain.Lead) error {
			if !domain.CanRespondMatch(u, m) {
				return domain.ErrForbidden
			}
			// Interest in a lead that no longer takes answers would reveal contacts for nothing;
			// a decline, or repeating an earlier interest, stays harmless.
			if decision == domain.MatchInterested && l.Status != domain.LeadOpen && m.Decision() != domain.MatchInterested {
				return domain.Conflict("decision", "match_lead_closed")
			}
			return nil
		},
		func(m *domain.Match) (bool, error) { return m.Respond(decision, note, u.ID, s.cfg.Now()) })
	if err != nil {
		return nil, err
	}
	if changed && m.Status == domain.MatchDeclined && l.Status == domain.LeadOpen {
		if err := s.dispatch(ctx, l.ID); err != nil {
			s.log.Warn("matching: send the next supplier after a decline", "lead", l.ID, "err", err)
		}
	}
	return m, nil
}

// RecordOutcome records how a match went (contacted, negotiating, intent, signed with its value,
// or lost), for the buyer side and the lead's organisers; others get domain.ErrForbidden.
func (s *Service) RecordOutcome(ctx context.Context, u *domain.User, id string, o domain.Outcome) (*domain.Match, error) {
	m, _, _, err := s.move(ctx, id,
		func(m *domain.Match, l *domain.Lead) error {
			if !domain.CanRecordOutcome(u, l) {
				return domain.ErrForbidden
			}
			return nil
		},
		func(m *domain.Match) (bool, error) { return m.Advance(o, u.ID, s.cfg.Now()) })
	return m, err
}
