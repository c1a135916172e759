package matchsvc

import (
	"context"
	"errors"
	"time"

	"duijie/domain"
	"duijie/matching"
)

// The hooks below are what other areas call after a successful write. A failure here must not
// undo the user's write, which is already stored: it is logged, and the periodic re-sync and
// rematch repair what was missed.

// EnterpriseChanged indexes a created or edited profile (a blocked one leaves matching) and, for
// an active one, offers it to the open leads it now fits: new suppliers arrive in rankings
// without waiting for a rematch.
func (s *Service) EnterpriseChanged(ctx context.Context, e domain.Enterprise) {
	if s == nil || e.ID == "" {
		return
	}
	s.eng.Upsert(e)
	s.remember([]domain.Enterprise{e})
	if e.Status == domain.EnterpriseBlocked {
		return
	}
	if err := s.arrive(ctx, e); err != nil {
		s.log.Warn("matching: offer a new profile to open leads", "enterprise", e.ID, "err", err)
	}
}

// EnterprisesChanged indexes the profiles of an import and offers them to the open leads they
// fit: a few one by one, a larger import by ranking every open lead again in the background
// (an import may hold 10^6 rows; the request that brought it does not wait for that).
func (s *Service) EnterprisesChanged(ctx context.Context, es []domain.Enterprise) {
	if s == nil || len(es) == 0 {
		return
	}
	s.eng.UpsertMany(es)
	s.remember(es)
	if len(es) > arrivalBatch {
		s.rematchSoon()
		return
	}
	for _, e := range es {
		if e.Status == domain.EnterpriseBlocked {
			continue
		}
		if err := s.arrive(ctx, e); err != nil {
			s.log.Warn("matching: offer an imported profile to open leads", "enterprise", e.ID, "err", err)
		}
	}
}

// LeadChanged indexes a created or edited lead for "leads for you" and, while it is open,
// stores its best suppliers and sends the best of those to them. Editing an open lead re-ranks
// it; suppliers already sent or answering keep their matches.
func (s *Service) LeadChanged(ctx context.Context, l domain.Lead) {
	if s == nil || l.ID == "" {
		return
	}
	s.eng.UpsertLead(l)
	if l.Status != domain.LeadOpen {
		return
	}
	if _, err := s.storeTop(ctx, &l); err != nil {
		s.log.Warn("matching: store the matches of a lead", "lead", l.ID, "err", err)
	}
}

// LeadsChanged is LeadChanged for the leads of an import.
func (s *Service) LeadsChanged(ctx context.Context, ls []domain.Lead) {
	if s == nil {
		return
	}
	for i := range ls {
		s.LeadChanged(ctx, ls[i])
	}
}

// arrive stores a match of e for every open lead it now ranks among the best Keep of.
func (s *Service) arrive(ctx context.Context, e domain.Enterprise) error {
	now := s.cfg.Now()
	rs, err := s.eng.LeadsFor(e, s.cfg.ArrivalLeads, matching.Options{Now: now})
	if err != nil {
		return err
	}
	for i, r := range rs {
		l, err := s.st.Leads.Get(ctx, r.ID)
		if errors.Is(err, domain.ErrNotFound) {
			continue // indexed from a write not visible here yet
		}
		if err != nil {
			return err
		}
		if l.Status != domain.LeadOpen {
			continue
		}
		stored, err := s.st.Matches.ByLead(ctx, l.ID)
		if err != nil {
			return err
		}
		if !fitsAmong(stored, e.ID, r.Score, s.cfg.Keep) {
			continue
		}
		m := s.newMatch(l, e.ID, r, i+1, now)
		if _, err := s.st.Matches.Put(ctx, []domain.Match{m}); err != nil {
			return err
		}
		if err := s.dispatch(ctx, l.ID); err != nil {
			return err
		}
	}
	return nil
}

// fitsAmong reports whether a supplier with score belongs among a lead's keep best stored
// matches (it may be one of them already, whose explanation is then refreshed).
func fitsAmong(stored []domain.Match, enterprise string, score float64, keep int) bool {
	for _, m := range stored {
		if m.EnterpriseID == enterprise {
			return true
		}
	}
	if len(stored) < keep {
		return true
	}
	return score > stored[keep-1].Score // stored is best first
}

func (s *Service) newMatch(l *domain.Lead, enterprise string, r matching.Result, rank int, now time.Time) domain.Match {
	name := s.name(enterprise)
	if name == "" {
		name = enterprise
	}
	return domain.Match{
		LeadID: l.ID, EnterpriseID: enterprise, EnterpriseName: name, Clusters: l.Clusters, Rank: rank,
		Score: r.Score, Status: domain.MatchProposed, Explanation: toDomain(r.Explanation),
		History: []domain.MatchStep{}, CreatedAt: now, UpdatedAt: now,
	}
}

// LeadsExpired takes the leads whose deadline is at or before now out of "leads for you", after
// the store expired them in one update.
func (s *Service) LeadsExpired(now time.Time) {
	if s == nil {
		return
	}
	s.eng.ExpireLeads(now)
}
