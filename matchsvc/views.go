package matchsvc

import (
	"context"
	"errors"
	"sort"

	"duijie/domain"
	"duijie/matching"
	"duijie/store"
)

// Bounds of a lead's ranking as the API and pages ask for it.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// ClampLimit bounds the number of suppliers asked for to 1..MaxLimit.
func ClampLimit(n int) int { return max(1, min(n, MaxLimit)) }

// ForLead is a lead's ranking as its buyer side sees it: every match already sent to a
// supplier (with the supplier's answer and what followed), then the best of the rest — stored
// proposals and suppliers the engine ranks now — up to limit, all by score. Rankable leads
// (draft or open) are ranked live, so a buyer sees new suppliers at once; a candidate without
// a record has an empty ID and status. Callers who may not manage the lead get ErrForbidden.
func (s *Service) ForLead(ctx context.Context, u *domain.User, leadID string, limit int) ([]domain.Match, *domain.Lead, error) {
	if !domain.ValidID(leadID) {
		return nil, nil, domain.ErrNotFound
	}
	l, err := s.st.Leads.Get(ctx, leadID)
	if err != nil {
		return nil, nil, err
	}
	if !domain.CanEditLead(u, l) {
		return nil, nil, domain.ErrForbidden
	}
	limit = ClampLimit(limit)
	stored, err := s.st.Matches.ByLead(ctx, l.ID)
	if err != nil {
		return nil, nil, err
	}
	var live []matching.Result
	whole := false // the live ranking lists every candidate the engine would list
	if l.Status == domain.LeadDraft || l.Status == domain.LeadOpen {
		live, err = s.eng.SuppliersFor(*l, limit, matching.Options{})
		var ve *domain.ValidationError
		if err != nil && !errors.As(err, &ve) {
			return nil, nil, err
		}
		whole = err == nil && len(live) < limit
	}
	return s.merge(l, stored, live, whole, limit), l, nil
}

// merge puts a lead's stored matches and live ranking together (see ForLead). When the live
// ranking is whole (not cut by the limit), a proposal it no longer lists is no candidate any
// more (its profile changed), and the buyer is not shown a line the engine would not rank. A
// weaker match of the live ranking not yet sent (matching.Result.Weak) comes after the others,
// for the page to fold.
func (s *Service) merge(l *domain.Lead, stored []domain.Match, live []matching.Result, whole bool, limit int) []domain.Match {
	var out, pool []domain.Match
	proposed := map[string]int{} // enterprise → index in stored
	for i, m := range stored {
		if m.Status == domain.MatchProposed {
			proposed[m.EnterpriseID] = i
		} else {
			out = append(out, m)
		}
	}
	seen := map[string]bool{}
	for _, m := range out {
		seen[m.EnterpriseID] = true
	}
	now := s.cfg.Now()
	for i, r := range live {
		if seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		if j, ok := proposed[r.ID]; ok {
			m := stored[j]
			m.Score, m.Explanation, m.Weak = r.Score, toDomain(r.Explanation), r.Weak // the fresher view
			pool = append(pool, m)
			continue
		}
		c := s.newMatch(l, r.ID, r, i+1, now)
		c.Status, c.History, c.CreatedAt, c.UpdatedAt, c.Weak = "", nil, now, now, r.Weak
		pool = append(pool, c)
	}
	for _, m := range stored {
		if m.Status == domain.MatchProposed && !seen[m.EnterpriseID] && !whole {
			pool = append(pool, m)
		}
	}
	byScore := func(ms []domain.Match) {
		sort.SliceStable(ms, func(i, j int) bool {
			if ms[i].Weak != ms[j].Weak {
				return ms[j].Weak
			}
			return ms[i].Score > ms[j].Score
		})
	}
	byScore(pool)
	if room := limit - len(out); room > 0 {
		out = append(out, pool[:min(room, len(pool))]...)
	}
	byScore(out)
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// SupplierMatch is a match as its supplier sees it, with the lead (its buyer masked until the
// interest is mutual).
type SupplierMatch struct {
	Match domain.Match
	Lead  domain.Lead
	// ContactsOpen: mutual interest between two verified enterprises, so the buyer's contact is
	// in Lead; SupplierVerified tells an unverified supplier why it is not ("verify to see").
	ContactsOpen     bool
	SupplierVerified bool
}

// sentStatuses are every status but proposed: what a supplier has been shown.
var sentStatuses = func() []domain.MatchStatus {
	var out []domain.MatchStatus
	for _, st := range domain.MatchStatuses {
		if st != domain.MatchProposed {
			out = append(out, st)
		}
	}
	return out
}()

// ForSupplier lists the matches sent to the caller's enterprise, newest first ("leads for
// you"); statuses narrows them (nil: all that were sent).
func (s *Service) ForSupplier(ctx context.Context, u *domain.User, statuses []domain.MatchStatus, page store.Page) ([]SupplierMatch, string, int, error) {
	if u == nil || u.EnterpriseID == "" {
		return []SupplierMatch{}, "", 0, nil
	}
	if len(statuses) == 0 {
		statuses = sentStatuses
	}
	var only []domain.MatchStatus
	for _, st := range statuses {
		if st != domain.MatchProposed {
			only = append(only, st)
		}
	}
	if len(only) == 0 {
		return []SupplierMatch{}, "", 0, nil
	}
	ms, next, total, err := s.st.Matches.List(ctx, store.MatchFilter{EnterpriseID: u.EnterpriseID, Statuses: only}, page)
	if err != nil {
		return nil, "", 0, err
	}
	out := make([]SupplierMatch, 0, len(ms))
	for _, m := range ms {
		l, err := s.st.Leads.Get(ctx, m.LeadID)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, "", 0, err
		}
		open, verified, err := s.ContactsOpen(ctx, &m, l)
		if err != nil {
			return nil, "", 0, err
		}
		out = append(out, SupplierMatch{Match: m, Lead: m.LeadFor(u, *l, open), ContactsOpen: open, SupplierVerified: verified})
	}
	return out, next, total, nil
}

// Suggestion is an open lead the engine ranks for a supplier that has not been matched to it.
type Suggestion struct {
	Lead        domain.Lead
	Score       float64
	Explanation domain.MatchExplanation
	// Weak: a weaker match (matching.Result.Weak), listed last under a fold.
	Weak bool
}

// Recommend ranks the open leads for the caller's enterprise live, leaving out those already
// matched to it: more "leads for you" than the platform sent.
func (s *Service) Recommend(ctx context.Context, u *domain.User, k int) ([]Suggestion, error) {
	if u == nil || u.EnterpriseID == "" {
		return nil, nil
	}
	ent, err := s.st.Enterprises.Get(ctx, u.EnterpriseID)
	if err != nil {
		return nil, err
	}
	mine, _, _, err := s.st.Matches.List(ctx, store.MatchFilter{EnterpriseID: ent.ID}, store.Page{Limit: 500})
	if err != nil {
		return nil, err
	}
	exclude := make([]string, len(mine))
	for i, m := range mine {
		exclude[i] = m.LeadID
	}
	rs, err := s.eng.LeadsFor(*ent, k, matching.Options{Exclude: exclude, Now: s.cfg.Now()})
	if err != nil {
		return nil, err
	}
	out := make([]Suggestion, 0, len(rs))
	for _, r := range rs {
		l, err := s.st.Leads.Get(ctx, r.ID)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if l.Status != domain.LeadOpen {
			continue
		}
		out = append(out, Suggestion{Lead: l.ForViewer(u, false), Score: r.Score, Explanation: toDomain(r.Explanation), Weak: r.Weak})
	}
	// The weaker matches last, for the page to fold.
	sort.SliceStable(out, func(i, j int) bool { return !out[i].Weak && out[j].Weak })
	return out, nil
}

// FunnelScope is what a funnel counts: one lead, one cluster, or (both empty) every cluster
// the caller runs.
type FunnelScope struct {
	LeadID  string
	Cluster string
}

// Funnel counts how far the matches in scope got. Organisers see their clusters' leads, the
// buyer side its own lead, admins everything; others get ErrForbidden.
func (s *Service) Funnel(ctx context.Context, u *domain.User, sc FunnelScope) (domain.MatchFunnel, error) {
	var f store.MatchFilter
	switch {
	case sc.LeadID != "":
		if !domain.ValidID(sc.LeadID) {
			return domain.MatchFunnel{}, domain.ErrNotFound
		}
		l, err := s.st.Leads.Get(ctx, sc.LeadID)
		if err != nil {
			return domain.MatchFunnel{}, err
		}
		if !domain.CanEditLead(u, l) {
			return domain.MatchFunnel{}, domain.ErrForbidden
		}
		f.LeadID = l.ID
	case sc.Cluster != "":
		if !u.CanManageCluster(sc.Cluster) {
			return domain.MatchFunnel{}, domain.ErrForbidden
		}
		f.Clusters = []string{sc.Cluster}
	case u != nil && u.Role == domain.RoleAdmin:
	case u != nil && u.Role == domain.RoleOrganiser:
		if len(u.Clusters) == 0 {
			return domain.MatchCounts{}.Funnel(), nil
		}
		f.Clusters = u.Clusters
	default:
		return domain.MatchFunnel{}, domain.ErrForbidden
	}
	c, err := s.st.Matches.Counts(ctx, f)
	if err != nil {
		return domain.MatchFunnel{}, err
	}
	return c.Funnel(), nil
}

// ClusterFunnel is one cluster's funnel.
type ClusterFunnel struct {
	Cluster domain.Cluster
	Funnel  domain.MatchFunnel
}

// FunnelByCluster gives the funnel of each cluster the caller runs (admins: every cluster).
func (s *Service) FunnelByCluster(ctx context.Context, u *domain.User) ([]ClusterFunnel, error) {
	cs, err := s.st.Clusters.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []ClusterFunnel
	for _, c := range cs {
		if !u.CanManageCluster(c.Code) {
			continue
		}
		counts, err := s.st.Matches.Counts(ctx, store.MatchFilter{Clusters: []string{c.Code}})
		if err != nil {
			return nil, err
		}
		out = append(out, ClusterFunnel{Cluster: c, Funnel: counts.Funnel()})
	}
	return out, nil
}

// Get returns a match and its lead to those who may see it (domain.CanViewMatch); to anyone
// else it does not exist.
func (s *Service) Get(ctx context.Context, u *domain.User, id string) (*domain.Match, *domain.Lead, error) {
	if !domain.ValidID(id) {
		return nil, nil, domain.ErrNotFound
	}
	m, err := s.st.Matches.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	l, err := s.st.Leads.Get(ctx, m.LeadID)
	if err != nil {
		return nil, nil, err
	}
	if !domain.CanViewMatch(u, m, l) {
		return nil, nil, domain.ErrNotFound
	}
	return m, l, nil
}

// Supplier loads an enterprise for the contact a mutual match reveals.
func (s *Service) Supplier(ctx context.Context, id string) (*domain.Enterprise, error) {
	return s.st.Enterprises.Get(ctx, id)
}

// Unread reports whether the engine reads nothing from a lead but place names (江阴, "Dubai"),
// and which: its page says what to add instead of showing an empty ranking.
func (s *Service) Unread(l *domain.Lead) ([]string, bool) { return s.eng.Unread(*l) }
