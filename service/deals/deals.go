// Package deals holds the buyer's and supplier's actions on a lead's matches: shortlisting,
// inviting a supplier outside the ranking to quote, quoting, and comparing quotes. Handlers and
// the demo call it; each action is checked against the access rules and lifecycles of domain,
// then written by single-record operations, and its notice is recorded through notify.
package deals

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/service/notify"
	"duijie/store"
)

// Leads reads the lead an action is on.
type Leads interface {
	Get(ctx context.Context, id string) (*domain.Lead, error)
}

// Enterprises reads the supplier an action names.
type Enterprises interface {
	Get(ctx context.Context, id string) (*domain.Enterprise, error)
	List(ctx context.Context, f store.EnterpriseFilter, page store.Page) ([]domain.Enterprise, string, int, error)
}

// Matches reads and moves the lead's matches.
type Matches interface {
	Get(ctx context.Context, id string) (*domain.Match, error)
	ByLead(ctx context.Context, leadID string) ([]domain.Match, error)
	Put(ctx context.Context, ms []domain.Match) (int, error)
	Update(ctx context.Context, m *domain.Match, expect domain.MatchStatus) error
}

// Service runs the deal actions. Construct it with New.
type Service struct {
	leads      Leads
	ents       Enterprises
	matches    Matches
	quotes     store.QuoteRepo
	shortlists store.ShortlistRepo
	notify     *notify.Service
	log        *slog.Logger
	now        func() time.Time
}

// New returns the service over st; n (may be nil) records the notices of invitations and
// quotes.
func New(st *store.Store, n *notify.Service, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.Default()
	}
	if now == nil {
		now = time.Now
	}
	return &Service{leads: st.Leads, ents: st.Enterprises, matches: st.Matches, quotes: st.Quotes,
		shortlists: st.Shortlists, notify: n, log: log, now: now}
}

// editableLead loads a lead u may act on as its buyer side (its buyer's members, its
// organisers, admins); anyone else meets a lead that does not exist.
func (s *Service) editableLead(ctx context.Context, u *domain.User, leadID string) (*domain.Lead, error) {
	if !domain.ValidID(leadID) {
		return nil, domain.ErrNotFound
	}
	l, err := s.leads.Get(ctx, leadID)
	if err != nil {
		return nil, err
	}
	if !domain.CanEditLead(u, l) {
		if domain.CanViewLead(u, l) {
			return nil, domain.ErrForbidden
		}
		return nil, domain.ErrNotFound
	}
	return l, nil
}

// matchOf returns the lead's stored match with supplier enterpriseID, or nil.
func (s *Service) matchOf(ctx context.Context, leadID, enterpriseID string) (*domain.Match, error) {
	ms, err := s.matches.ByLead(ctx, leadID)
	if err != nil {
		return nil, err
	}
	for i := range ms {
		if ms[i].EnterpriseID == enterpriseID {
			return &ms[i], nil
		}
	}
	return nil, nil
}

// Shortlist puts a supplier of the lead's matches on its shortlist; doing it twice is harmless.
func (s *Service) Shortlist(ctx context.Context, u *domain.User, leadID, enterpriseID string) error {
	l, err := s.editableLead(ctx, u, leadID)
	if err != nil {
		return err
	}
	if err := domain.CheckBuyerAction(l); err != nil {
		return err
	}
	if !domain.ValidID(enterpriseID) {
		return domain.Invalid("enterpriseId", "deal_not_matched")
	}
	m, err := s.matchOf(ctx, l.ID, enterpriseID)
	if err != nil {
		return err
	}
	if m == nil {
		return domain.Invalid("enterpriseId", "deal_not_matched")
	}
	_, err = s.shortlists.Add(ctx, l.ID, enterpriseID, u.ID, s.now())
	return err
}

// Unshortlist takes a supplier off the lead's shortlist; one not on it is not found.
func (s *Service) Unshortlist(ctx context.Context, u *domain.User, leadID, enterpriseID string) error {
	l, err := s.editableLead(ctx, u, leadID)
	if err != nil {
		return err
	}
	if err := domain.CheckBuyerAction(l); err != nil {
		return err
	}
	removed, err := s.shortlists.Remove(ctx, l.ID, enterpriseID)
	if err != nil {
		return err
	}
	if !removed {
		return domain.ErrNotFound
	}
	return nil
}

// Shortlisted returns the lead's shortlist as a set, for pages.
func (s *Service) Shortlisted(ctx context.Context, leadID string) (map[string]bool, error) {
	ids, err := s.shortlists.ByLead(ctx, leadID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// Invite sends the lead to a supplier the buyer chose (from the directory or a search), even
// outside the ranking, and tells the supplier it is invited to quote.
func (s *Service) Invite(ctx context.Context, u *domain.User, leadID, enterpriseID, note string) (*domain.Match, error) {
	l, err := s.editableLead(ctx, u, leadID)
	if err != nil {
		return nil, err
	}
	if err := domain.CheckBuyerAction(l); err != nil {
		return nil, err
	}
	if len([]rune(note)) > domain.MaxMatchNote {
		return nil, domain.Invalid("note", "too_long", domain.MaxMatchNote)
	}
	if !domain.ValidID(enterpriseID) {
		return nil, domain.Invalid("enterpriseId", "not_found")
	}
	e, err := s.ents.Get(ctx, enterpriseID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, domain.Invalid("enterpriseId", "not_found")
	}
	if err != nil {
		return nil, err
	}
	if err := domain.CheckInvite(l, e); err != nil {
		return nil, err
	}
	now := s.now()
	m, err := s.matchOf(ctx, l.ID, e.ID)
	if err != nil {
		return nil, err
	}
	if m == nil {
		// A pair outside the ranking: stored as a proposal first, so the invitation is the
		// same conditional move as for a ranked one, and a racing invite finds the pair.
		batch := []domain.Match{{LeadID: l.ID, EnterpriseID: e.ID, EnterpriseName: e.Name, Clusters: l.Clusters,
			Status: domain.MatchProposed, History: []domain.MatchStep{},
			Explanation: domain.MatchExplanation{Factors: []domain.MatchFactor{}, MatchedTerms: []string{}},
			CreatedAt:   now, UpdatedAt: now}}
		if _, err := s.matches.Put(ctx, batch); err != nil {
			return nil, err
		}
		m = &batch[0]
	}
	from := m.Status
	if err := m.Invite(u.ID, note, now); err != nil {
		return nil, err
	}
	if err := s.matches.Update(ctx, m, from); err != nil {
		if errors.Is(err, domain.ErrConflict) {
			return nil, domain.Conflict("enterpriseId", "deal_already_matched")
		}
		return nil, err
	}
	if _, err := s.notify.Invited(ctx, m, l); err != nil {
		s.log.Warn("invitation notice not recorded", "match", m.ID, "err", err)
	}
	return m, nil
}

// Quote records the supplier's quote on a match it answered interested, replacing its earlier
// one. The quote's total becomes the match's value while the buyer has recorded none, so the
// funnel's intended value counts it once the match reaches intent.
func (s *Service) Quote(ctx context.Context, u *domain.User, matchID string, in domain.QuoteInput) (*domain.Quote, error) {
	if !domain.ValidID(matchID) {
		return nil, domain.ErrNotFound
	}
	m, err := s.matches.Get(ctx, matchID)
	if err != nil {
		return nil, err
	}
	if !domain.IsMatchSupplier(u, m) || m.Status == domain.MatchProposed {
		return nil, domain.ErrNotFound
	}
	l, err := s.leads.Get(ctx, m.LeadID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	if !m.CanQuote() {
		return nil, domain.Conflict("status", "quote_not_interested")
	}
	if l.Status != domain.LeadOpen {
		return nil, domain.Conflict("status", "deal_lead_closed")
	}
	q := &domain.Quote{MatchID: m.ID, LeadID: l.ID, SupplierID: m.EnterpriseID, SupplierName: m.EnterpriseName,
		UnitPrice: domain.MinorUnits(in.UnitPrice), Currency: in.Currency, Quantity: in.Quantity, MOQ: in.MOQ,
		LeadTimeDays: in.LeadTimeDays, ValidUntil: in.ValidUntil, Note: in.Note, CreatedBy: u.ID,
		CreatedAt: now, UpdatedAt: now}
	if err := s.quotes.Put(ctx, q); err != nil {
		return nil, err
	}
	if err := s.feedValue(ctx, m, q); err != nil {
		s.log.Warn("quote value not carried to the match", "match", m.ID, "err", err)
	}
	if _, err := s.notify.Quoted(ctx, q, l); err != nil {
		s.log.Warn("quote notice not recorded", "quote", q.ID, "err", err)
	}
	return q, nil
}

// feedValue sets the match's value to the quote's total (whole units) unless the buyer side
// recorded a value of its own.
func (s *Service) feedValue(ctx context.Context, m *domain.Match, q *domain.Quote) error {
	if m.Value != 0 && !quotedValue(m) {
		return nil
	}
	from := m.Status
	m.Value, m.Currency = (q.Total()+50)/100, q.Currency
	m.UpdatedAt = s.now()
	if err := s.matches.Update(ctx, m, from); err != nil {
		return fmt.Errorf("match value: %w", err)
	}
	return nil
}

// quotedValue reports whether the match's value came from a quote (no outcome step recorded
// one), so a revised quote may replace it.
func quotedValue(m *domain.Match) bool {
	for _, st := range m.History {
		if st.Value != 0 {
			return false
		}
	}
	return true
}
