package matchsvc

import (
	"context"
	"errors"
	"strings"
	"time"

	"duijie/domain"
	"duijie/locales"
	"duijie/mail"
	"duijie/store"
)

// digestItems bounds what one digest lists per section; the page has the rest.
const digestItems = 20

// MatchedLeads lists the leads sent to the member's enterprise in [since, until), with why they
// fit, for the digest (jobs.LeadSource).
func (s *Service) MatchedLeads(ctx context.Context, u *domain.User, since, until time.Time, locale string) ([]mail.DigestLead, error) {
	ms, err := s.sentIn(ctx, u, since, until, nil)
	if err != nil {
		return nil, err
	}
	var out []mail.DigestLead
	for _, sm := range ms {
		out = append(out, mail.DigestLead{Title: sm.Lead.Title, Why: s.Explain(sm.Match.Explanation, locale),
			Link: s.link("/me/matches#match-" + sm.Match.ID)})
	}
	return out, nil
}

// PendingAnswers lists the matches sent to the member's enterprise in [since, until) that still
// wait for its answer (jobs.AnswerSource).
func (s *Service) PendingAnswers(ctx context.Context, u *domain.User, since, until time.Time, locale string) ([]mail.DigestAnswer, error) {
	ms, err := s.sentIn(ctx, u, since, until, []domain.MatchStatus{domain.MatchSent})
	if err != nil {
		return nil, err
	}
	var out []mail.DigestAnswer
	for _, sm := range ms {
		out = append(out, mail.DigestAnswer{Title: sm.Lead.Title, Kind: locales.T(locale, "matches.digest.answer"),
			Link: s.link("/me/matches#match-" + sm.Match.ID)})
	}
	return out, nil
}

func (s *Service) sentIn(ctx context.Context, u *domain.User, since, until time.Time, statuses []domain.MatchStatus) ([]SupplierMatch, error) {
	if s == nil || u == nil || u.EnterpriseID == "" {
		return nil, nil
	}
	ms, _, _, err := s.st.Matches.List(ctx, store.MatchFilter{EnterpriseID: u.EnterpriseID, Statuses: statuses,
		SentFrom: since, SentUntil: until}, store.Page{Limit: digestItems})
	if err != nil {
		return nil, err
	}
	var out []SupplierMatch
	for _, m := range ms {
		l, err := s.st.Leads.Get(ctx, m.LeadID)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		open, verified, err := s.ContactsOpen(ctx, &m, l)
		if err != nil {
			return nil, err
		}
		out = append(out, SupplierMatch{Match: m, Lead: m.LeadFor(u, *l, open), ContactsOpen: open, SupplierVerified: verified})
	}
	return out, nil
}

func (s *Service) link(path string) string {
	return strings.TrimSuffix(s.cfg.BaseURL, "/") + path
}
