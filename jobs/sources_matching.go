package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/matching"
	"duijie/store"
)

// MatchingLeads is the LeadSource over the matching engine: the open leads the engine ranks
// for the member's enterprise that opened in the period. It stands in until matches are
// stored (then "new matches" become stored records with their own time), and it ranks with the
// same scores and explanations the leads pages show.
type MatchingLeads struct {
	Engine  *matching.Engine
	Store   *store.Store
	BaseURL string
	K       int // most leads per digest; default 5
}

// MatchedLeads lists leads opened in [since, until) that the engine matches to u's enterprise,
// best first; a lead the enterprise posted itself is left out.
func (m MatchingLeads) MatchedLeads(ctx context.Context, u *domain.User, since, until time.Time, _ string) ([]mail.DigestLead, error) {
	if u.EnterpriseID == "" || m.Engine == nil || m.Store.Leads == nil {
		return nil, nil
	}
	ent, err := m.Store.Enterprises.Get(ctx, u.EnterpriseID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("enterprise %s: %w", u.EnterpriseID, err)
	}
	k := m.K
	if k <= 0 {
		k = 5
	}
	// Rank more than k: leads opened before the period are dropped after ranking.
	res, err := m.Engine.LeadsFor(*ent, 4*k, matching.Options{Now: until, NoExposure: true})
	if err != nil {
		return nil, fmt.Errorf("leads for %s: %w", ent.ID, err)
	}
	var out []mail.DigestLead
	for _, r := range res {
		if len(out) == k {
			break
		}
		l, err := m.Store.Leads.Get(ctx, r.ID)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("lead %s: %w", r.ID, err)
		}
		opened := l.CreatedAt
		if l.OpenedAt != nil {
			opened = *l.OpenedAt
		}
		if l.Status != domain.LeadOpen || l.BuyerEnterpriseID == ent.ID || opened.Before(since) || !opened.Before(until) {
			continue
		}
		out = append(out, mail.DigestLead{Title: l.Title, Why: r.Explanation.Summary, Link: m.BaseURL + "/leads/" + l.ID})
	}
	return out, nil
}

// Resyncer keeps a matching engine in step with the store: the first call loads everything,
// later calls apply what changed since (other instances' writes included).
type Resyncer struct {
	Engine *matching.Engine
	Store  *store.Store

	mu          sync.Mutex
	ents, leads time.Time // watermarks
}

// Resync applies changed enterprises and leads and says how many records it applied.
func (r *Resyncer) Resync(ctx context.Context) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	mark, n, err := r.Engine.SyncEnterprises(ctx, r.ents, r.Store.Enterprises.UpdatedSince)
	if err != nil {
		return n, fmt.Errorf("sync enterprises: %w", err)
	}
	r.ents = mark
	if r.Store.Leads == nil {
		return n, nil
	}
	mark, m, err := r.Engine.SyncLeads(ctx, r.leads, r.Store.Leads.UpdatedSince)
	if err != nil {
		return n + m, fmt.Errorf("sync leads: %w", err)
	}
	r.leads = mark
	return n + m, nil
}
