package matchsvc

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/store"
)

// SeedDemo stores the matches of the demo's open leads, as a lead opening would, and moves a
// few of them along (answers, a negotiation, a signed order) so the organiser's funnel has
// something to show. Matches of the demo member's own enterprise stay unanswered: answering
// them is for whoever tries the demo. Leads whose clusters are inferred wait for the cluster
// office (triage) and nobody has worked them yet: their matches stay as sent.
func SeedDemo(ctx context.Context, st *store.Store, member string, now time.Time) error {
	// A throwaway index of its own: its build is no news for the log, which reports the
	// server's index once.
	s := New(st, Config{Now: func() time.Time { return now }, Logger: slog.New(slog.DiscardHandler)})
	if err := s.Start(ctx); err != nil {
		return err
	}
	if _, err := s.RematchOpen(ctx); err != nil {
		return err
	}
	ls, _, _, err := st.Leads.List(ctx, store.LeadFilter{Status: domain.LeadOpen}, store.Page{Limit: 50})
	if err != nil {
		return fmt.Errorf("demo matches: %w", err)
	}
	// Each plan is the path of the first sent match of one lead, in lead order.
	signed := func(l *domain.Lead) int64 { return max(l.BudgetMax, 380000) }
	plans := []func(*domain.Lead) []func(*domain.Match) (bool, error){
		func(*domain.Lead) []func(*domain.Match) (bool, error) {
			return []func(*domain.Match) (bool, error){answer(domain.MatchInterested, "可以提供样品，欢迎来厂考察", now)}
		},
		func(l *domain.Lead) []func(*domain.Match) (bool, error) {
			return []func(*domain.Match) (bool, error){answer(domain.MatchInterested, "产品规格符合，可小批量试供", now),
				stage(domain.MatchContacted, 0, "", now), stage(domain.MatchNegotiating, 0, "", now),
				stage(domain.MatchIntent, signed(l)/2, l.Currency, now)}
		},
		func(l *domain.Lead) []func(*domain.Match) (bool, error) {
			return []func(*domain.Match) (bool, error){answer(domain.MatchInterested, "", now),
				stage(domain.MatchContacted, 0, "", now), stage(domain.MatchNegotiating, 0, "", now),
				stage(domain.MatchIntent, 0, "", now), stage(domain.MatchSigned, signed(l), l.Currency, now)}
		},
		func(*domain.Lead) []func(*domain.Match) (bool, error) {
			return []func(*domain.Match) (bool, error){answer(domain.MatchDeclined, "产能已排满", now)}
		},
	}
	for k := range ls {
		l := &ls[k]
		if l.ClustersInferred {
			continue
		}
		if len(plans) == 0 {
			break
		}
		plan := plans[0]
		plans = plans[1:]
		ms, err := st.Matches.ByLead(ctx, l.ID)
		if err != nil {
			return fmt.Errorf("demo matches: %w", err)
		}
		for j := range ms {
			m := &ms[j]
			if m.Status != domain.MatchSent || m.EnterpriseID == member {
				continue
			}
			for _, mv := range plan(l) {
				from := m.Status
				if _, err := mv(m); err != nil {
					return fmt.Errorf("demo matches: %w", err)
				}
				if err := st.Matches.Update(ctx, m, from); err != nil {
					return fmt.Errorf("demo matches: %w", err)
				}
			}
			break
		}
	}
	return nil
}

func answer(d domain.MatchStatus, note string, now time.Time) func(*domain.Match) (bool, error) {
	return func(m *domain.Match) (bool, error) { return m.Respond(d, note, "", now) }
}

// stage moves a match to st; a value is in the lead's currency ("" is CNY).
func stage(st domain.MatchStatus, value int64, currency string, now time.Time) func(*domain.Match) (bool, error) {
	return func(m *domain.Match) (bool, error) {
		return m.Advance(domain.Outcome{Stage: st, Value: value, Currency: currency}, "", now)
	}
}
