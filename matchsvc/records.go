package matchsvc

import (
	"context"
	"errors"
	"fmt"

	"duijie/domain"
	"duijie/matching"
	"duijie/store"
)

// storeTop ranks an open lead's suppliers, stores the best Keep as matches (refreshing those
// already stored) and sends the best ones. A lead with nothing to match on stores nothing.
func (s *Service) storeTop(ctx context.Context, l *domain.Lead) (int, error) {
	now := s.cfg.Now()
	if err := s.freshExposure(ctx); err != nil {
		return 0, err
	}
	rs, err := s.eng.SuppliersFor(*l, s.cfg.Keep, matching.Options{})
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if len(rs) == 0 {
		return 0, nil
	}
	ms := make([]domain.Match, len(rs))
	for i, r := range rs {
		ms[i] = s.newMatch(l, r.ID, r, i+1, now)
	}
	created, err := s.st.Matches.Put(ctx, ms)
	if err != nil {
		return created, fmt.Errorf("store matches: %w", err)
	}
	return created, s.dispatch(ctx, l.ID)
}

// dispatch sends a lead's best proposed matches until Send of them are in front of suppliers
// (declined ones do not count: their place goes to the next best), leaving out those below
// SendFloor of the best score. Each send adds to the supplier's exposure, so the next rankings
// spread leads more widely.
func (s *Service) dispatch(ctx context.Context, leadID string) error {
	ms, err := s.st.Matches.ByLead(ctx, leadID)
	if err != nil {
		return fmt.Errorf("matches of lead: %w", err)
	}
	floor := 0.0
	for _, m := range ms {
		floor = max(floor, m.Score*s.cfg.SendFloor)
	}
	active := 0
	for _, m := range ms {
		if m.Status != domain.MatchProposed && m.Status != domain.MatchDeclined {
			active++
		}
	}
	for i := range ms {
		if active >= s.cfg.Send {
			break
		}
		m := &ms[i]
		if m.Status != domain.MatchProposed || m.Score < floor {
			continue
		}
		if err := m.Send(s.cfg.Now()); err != nil {
			return err
		}
		err := s.st.Matches.Update(ctx, m, domain.MatchProposed)
		if errors.Is(err, domain.ErrConflict) {
			continue // another instance sent it at the same moment
		}
		if err != nil {
			return fmt.Errorf("send match: %w", err)
		}
		s.eng.AddExposure(m.EnterpriseID, 1)
		active++
	}
	return nil
}

// RematchOpen ranks every open lead again and stores its matches: after an import of profiles,
// or when weights change. It returns how many new matches it stored.
func (s *Service) RematchOpen(ctx context.Context) (int, error) {
	if s == nil {
		return 0, nil
	}
	created, cursor := 0, ""
	for {
		ls, next, _, err := s.st.Leads.List(ctx, store.LeadFilter{Status: domain.LeadOpen}, store.Page{Limit: 200, Cursor: cursor})
		if err != nil {
			return created, fmt.Errorf("matching: list open leads: %w", err)
		}
		for i := range ls {
			if err := ctx.Err(); err != nil {
				return created, err
			}
			s.eng.UpsertLead(ls[i])
			n, err := s.storeTop(ctx, &ls[i])
			if err != nil {
				return created, fmt.Errorf("matching: lead %s: %w", ls[i].ID, err)
			}
			created += n
		}
		if next == "" {
			return created, nil
		}
		cursor = next
	}
}
