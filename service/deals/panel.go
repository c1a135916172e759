package deals

import (
	"context"
	"strings"

	"duijie/domain"
	"duijie/store"
)

// Panel is the deal state a lead's ranking page shows beside its matches.
type Panel struct {
	Shortlisted map[string]bool // supplier enterprise IDs
	Quoted      map[string]bool // match IDs with a quote
	Quotes      int
	CanAct      bool // the caller may shortlist and invite now (buyer side, lead open)
	Query       string
	Hits        []InviteHit // suppliers matching Query that may be invited
}

// InviteHit is a supplier a buyer may invite: only its name is shown, as on the lead board.
type InviteHit struct {
	ID       string
	Name     string
	Clusters []string
	Region   string
}

// maxHits bounds an invitation search: a name search, not a directory.
const maxHits = 10

// Panel loads the deal state of lead l for u and, when q is given, the suppliers whose name,
// USCC or products contain q that u may invite (not the buyer, not blocked, not matched yet).
func (s *Service) Panel(ctx context.Context, u *domain.User, l *domain.Lead, q string) (*Panel, error) {
	p := &Panel{Quoted: map[string]bool{}, Query: strings.TrimSpace(q),
		CanAct: domain.CanEditLead(u, l) && domain.CheckBuyerAction(l) == nil}
	var err error
	if p.Shortlisted, err = s.Shortlisted(ctx, l.ID); err != nil {
		return nil, err
	}
	qs, err := s.quotes.ByLead(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		p.Quoted[q.MatchID] = true
	}
	p.Quotes = len(qs)
	if !p.CanAct || len([]rune(p.Query)) < 2 {
		return p, nil
	}
	ms, err := s.matches.ByLead(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	matched := map[string]bool{}
	for _, m := range ms {
		if m.Status != domain.MatchProposed {
			matched[m.EnterpriseID] = true
		}
	}
	es, _, _, err := s.ents.List(ctx, store.EnterpriseFilter{Q: p.Query}, store.Page{Limit: maxHits + 5})
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		if matched[e.ID] || domain.CheckInvite(l, &e) != nil {
			continue
		}
		p.Hits = append(p.Hits, InviteHit{ID: e.ID, Name: e.Name, Clusters: e.Clusters, Region: e.Region})
		if len(p.Hits) == maxHits {
			break
		}
	}
	return p, nil
}
