package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Matches", testMatches) }

// NewMatch returns an unsaved proposed match of lead and enterprise with score.
func NewMatch(lead, enterprise string, score float64) *domain.Match {
	now := Ms(time.Now())
	return &domain.Match{
		LeadID: lead, EnterpriseID: enterprise, EnterpriseName: "供应商" + enterprise,
		Clusters: []string{"L2"}, Rank: 1, Score: score, Status: domain.MatchProposed,
		Explanation: domain.MatchExplanation{
			Summary: "匹配 车规级、MCU；HS 8542.31",
			Factors: []domain.MatchFactor{
				{Name: "text", Contribution: 7.25, Detail: "车规级, MCU"},
				{Name: "hs", Contribution: 3, Detail: "8542.31"},
			},
			MatchedTerms: []string{"车规级", "MCU"},
		},
		History:   []domain.MatchStep{},
		CreatedAt: now, UpdatedAt: now,
	}
}

func normMatch(m domain.Match) domain.Match {
	m.Clusters, m.History = list(m.Clusters), list(m.History)
	m.Explanation.Factors, m.Explanation.MatchedTerms = list(m.Explanation.Factors), list(m.Explanation.MatchedTerms)
	m.SentAt, m.RespondedAt, m.ClosedAt = msPtr(m.SentAt), msPtr(m.RespondedAt), msPtr(m.ClosedAt)
	m.CreatedAt, m.UpdatedAt = Ms(m.CreatedAt), Ms(m.UpdatedAt)
	steps := make([]domain.MatchStep, len(m.History))
	for i, s := range m.History {
		s.At = Ms(s.At)
		steps[i] = s
	}
	m.History = steps
	return m
}

var sameMatch = sameAs(normMatch)

// putOne stores one new match and returns it as stored.
func putOne(t *testing.T, s *store.Store, m *domain.Match) *domain.Match {
	t.Helper()
	batch := []domain.Match{*m}
	n, err := s.Matches.Put(t.Context(), batch)
	Must(t, err, "put match")
	if n != 1 {
		t.Fatalf("put a new pair: created %d", n)
	}
	return &batch[0]
}

// advance moves a stored match along the lifecycle through its domain rules and stores it.
func advance(t *testing.T, s *store.Store, m *domain.Match, at time.Time, moves ...func(*domain.Match) error) {
	t.Helper()
	for _, mv := range moves {
		from := m.Status
		Must(t, mv(m), "move match")
		Must(t, s.Matches.Update(t.Context(), m, from), "update match")
	}
}

func send(at time.Time) func(*domain.Match) error {
	return func(m *domain.Match) error { return m.Send(at) }
}

func respond(d domain.MatchStatus, at time.Time) func(*domain.Match) error {
	return func(m *domain.Match) error { _, err := m.Respond(d, "备注", "user-s", at); return err }
}

func outcome(stage domain.MatchStatus, value int64, currency string, at time.Time) func(*domain.Match) error {
	return func(m *domain.Match) error {
		_, err := m.Advance(domain.Outcome{Stage: stage, Value: value, Currency: currency}, "user-b", at)
		return err
	}
}

func testMatches(t *testing.T, open Opener) {
	t.Run("PutOncePerPair", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		batch := []domain.Match{*NewMatch("lead-1", "ent-1", 9), *NewMatch("lead-1", "ent-2", 7), *NewMatch("lead-2", "ent-1", 5)}
		n, err := s.Matches.Put(ctx, batch)
		Must(t, err, "put")
		if n != 3 {
			t.Fatalf("created %d, want 3", n)
		}
		for _, m := range batch {
			if !domain.ValidID(m.ID) || m.Status != domain.MatchProposed {
				t.Fatalf("stored match %+v", m)
			}
			got, err := s.Matches.Get(ctx, m.ID)
			Must(t, err, "get")
			sameMatch(t, "get", got, &m)
		}

		// The supplier answered one of them; storing the lead's ranking again must keep that,
		// and take the new rank, score and explanation.
		first := batch[0]
		advance(t, s, &first, Ms(time.Now()), send(Ms(time.Now())), respond(domain.MatchInterested, Ms(time.Now())))
		again := []domain.Match{*NewMatch("lead-1", "ent-1", 4), *NewMatch("lead-1", "ent-3", 3)}
		again[0].Rank, again[0].EnterpriseName, again[0].Clusters = 2, "改名后的供应商", []string{"L1", "A5"}
		again[0].Explanation.Summary = "新的解释"
		n, err = s.Matches.Put(ctx, again)
		Must(t, err, "put again")
		if n != 1 {
			t.Fatalf("second put created %d, want 1 (one new pair)", n)
		}
		got := again[0]
		if got.ID != first.ID || got.Status != domain.MatchInterested || got.Note != "备注" || len(got.History) != 2 {
			t.Fatalf("re-put changed the answered match: %+v", got)
		}
		if got.Rank != 2 || got.Score != 4 || got.EnterpriseName != "改名后的供应商" || got.Explanation.Summary != "新的解释" ||
			!reflect.DeepEqual(got.Clusters, []string{"L1", "A5"}) {
			t.Fatalf("re-put did not refresh the ranking: %+v", got)
		}
		stored, err := s.Matches.Get(ctx, first.ID)
		Must(t, err, "get refreshed")
		sameMatch(t, "refreshed", stored, &got)

		byLead, err := s.Matches.ByLead(ctx, "lead-1")
		Must(t, err, "by lead")
		var ids []string
		for _, m := range byLead {
			ids = append(ids, m.EnterpriseID)
		}
		sameIDs(t, "by lead, best score first", ids, []string{"ent-2", "ent-1", "ent-3"})
		none, err := s.Matches.ByLead(ctx, "no-lead")
		Must(t, err, "by unknown lead")
		if none == nil || len(none) != 0 {
			t.Fatalf("ByLead of an unknown lead = %v, want []", none)
		}
		_, err = s.Matches.Get(ctx, domain.NewID())
		MustNotFound(t, err, "get missing")
	})

	t.Run("UpdateIsConditional", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		m := putOne(t, s, NewMatch("lead-1", "ent-1", 9))
		at := Ms(time.Now())
		stale := *m
		advance(t, s, m, at, send(at), respond(domain.MatchInterested, at), outcome(domain.MatchContacted, 0, "", at),
			outcome(domain.MatchNegotiating, 0, "", at), outcome(domain.MatchIntent, 800000, "", at),
			outcome(domain.MatchSigned, 1200000, "CNY", at))
		got, err := s.Matches.Get(ctx, m.ID)
		Must(t, err, "get")
		sameMatch(t, "after the whole lifecycle", got, m)
		if got.Value != 1200000 || got.Currency != "CNY" || len(got.History) != 6 || got.ClosedAt == nil {
			t.Fatalf("signed match: %+v", got)
		}

		// A writer that read the match before it moved loses.
		Must(t, stale.Send(at), "send stale copy")
		MustConflict(t, s.Matches.Update(ctx, &stale, domain.MatchProposed), "status", "stale update")
		missing := NewMatch("lead-9", "ent-9", 1)
		missing.ID = domain.NewID()
		MustNotFound(t, s.Matches.Update(ctx, missing, domain.MatchProposed), "update missing")
	})

	t.Run("ListFilterAndPage", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		base := Ms(time.Now()).Add(-time.Hour)
		var sentIDs []string
		for i := range 7 {
			m := NewMatch(fmt.Sprintf("lead-%d", i), "ent-1", float64(i))
			m.CreatedAt, m.UpdatedAt = base.Add(time.Duration(i)*time.Minute), base.Add(time.Duration(i)*time.Minute)
			if i%2 == 1 {
				m.Clusters = []string{"A5"}
			}
			m = putOne(t, s, m)
			if i < 5 {
				advance(t, s, m, m.CreatedAt, send(m.CreatedAt))
				sentIDs = append([]string{m.ID}, sentIDs...) // newest first
			}
		}
		putOne(t, s, NewMatch("lead-0", "ent-2", 1))

		ids := walk(t, 2, func(c string) ([]string, string, error) {
			ms, next, total, err := s.Matches.List(ctx, store.MatchFilter{EnterpriseID: "ent-1",
				Statuses: []domain.MatchStatus{domain.MatchSent}}, store.Page{Limit: 2, Cursor: c})
			if total != 5 {
				t.Errorf("total %d, want 5", total)
			}
			return matchIDs(ms), next, err
		})
		sameIDs(t, "sent to ent-1, newest first", ids, sentIDs)

		for _, tc := range []struct {
			name string
			f    store.MatchFilter
			want int
		}{
			{"all", store.MatchFilter{}, 8},
			{"lead", store.MatchFilter{LeadID: "lead-0"}, 2},
			{"cluster", store.MatchFilter{Clusters: []string{"A5"}}, 3},
			{"clusters", store.MatchFilter{Clusters: []string{"A5", "L2"}}, 8},
			{"proposed", store.MatchFilter{Statuses: []domain.MatchStatus{domain.MatchProposed}}, 3},
			{"sent from", store.MatchFilter{SentFrom: base.Add(2 * time.Minute)}, 3},
			{"sent until", store.MatchFilter{SentUntil: base.Add(2 * time.Minute)}, 2},
			{"sent window", store.MatchFilter{SentFrom: base.Add(time.Minute), SentUntil: base.Add(3 * time.Minute)}, 2},
		} {
			ms, _, total, err := s.Matches.List(ctx, tc.f, store.Page{Limit: 50})
			Must(t, err, tc.name)
			if total != tc.want || len(ms) != tc.want {
				t.Errorf("%s: %d matches (total %d), want %d", tc.name, len(ms), total, tc.want)
			}
		}
		_, _, _, err := s.Matches.List(ctx, store.MatchFilter{}, store.Page{Cursor: "not-a-cursor"})
		MustInvalid(t, err, "cursor", "bad cursor")
	})

	t.Run("CountsAndExposure", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		old := now.Add(-10 * 24 * time.Hour)
		moves := map[string][]func(*domain.Match) error{
			"proposed":   nil,
			"sent":       {send(now)},
			"declined":   {send(now), respond(domain.MatchDeclined, now)},
			"interested": {send(now), respond(domain.MatchInterested, now)},
			"lost": {send(now), respond(domain.MatchInterested, now), outcome(domain.MatchContacted, 0, "", now),
				outcome(domain.MatchLost, 0, "", now)},
			"intent": {send(now), respond(domain.MatchInterested, now), outcome(domain.MatchContacted, 0, "", now),
				outcome(domain.MatchNegotiating, 0, "", now), outcome(domain.MatchIntent, 300, "", now)},
			"signed": {send(now), respond(domain.MatchInterested, now), outcome(domain.MatchContacted, 0, "", now),
				outcome(domain.MatchNegotiating, 0, "", now), outcome(domain.MatchIntent, 0, "", now),
				outcome(domain.MatchSigned, 5000, "", now)},
			"signed-usd": {send(now), respond(domain.MatchInterested, now), outcome(domain.MatchContacted, 0, "", now),
				outcome(domain.MatchNegotiating, 0, "", now), outcome(domain.MatchIntent, 0, "", now),
				outcome(domain.MatchSigned, 700, "USD", now)},
		}
		for name, mv := range moves {
			m := putOne(t, s, NewMatch("lead-"+name, "ent-"+name, 1))
			advance(t, s, m, now, mv...)
		}
		// An old send of ent-sent, and a match of another cluster.
		oldSent := putOne(t, s, NewMatch("lead-old", "ent-sent", 1))
		advance(t, s, oldSent, old, send(old))
		other := NewMatch("lead-other", "ent-other", 1)
		other.Clusters = []string{"A5"}
		putOne(t, s, other)

		c, err := s.Matches.Counts(ctx, store.MatchFilter{Clusters: []string{"L2"}})
		Must(t, err, "counts")
		wantStatus := map[domain.MatchStatus]int{domain.MatchProposed: 1, domain.MatchSent: 2, domain.MatchDeclined: 1,
			domain.MatchInterested: 1, domain.MatchLost: 1, domain.MatchIntent: 1, domain.MatchSigned: 2}
		if !reflect.DeepEqual(c.ByStatus, wantStatus) {
			t.Errorf("by status %v, want %v", c.ByStatus, wantStatus)
		}
		wantReached := map[int]int{0: 1, 1: 2, 2: 2, 3: 1, 5: 1, 6: 2}
		if !reflect.DeepEqual(c.ByReached, wantReached) {
			t.Errorf("by reached %v, want %v", c.ByReached, wantReached)
		}
		wantValues := map[domain.MatchStatus]int64{domain.MatchIntent: 300, domain.MatchSigned: 5000}
		if !reflect.DeepEqual(c.Values, wantValues) {
			t.Errorf("values %v, want %v (CNY only)", c.Values, wantValues)
		}
		one, err := s.Matches.Counts(ctx, store.MatchFilter{LeadID: "lead-signed"})
		Must(t, err, "counts of a lead")
		if one.ByStatus[domain.MatchSigned] != 1 || len(one.ByStatus) != 1 || one.Values[domain.MatchSigned] != 5000 {
			t.Errorf("counts of one lead: %+v", one)
		}
		empty, err := s.Matches.Counts(ctx, store.MatchFilter{LeadID: "nothing"})
		Must(t, err, "counts of nothing")
		if len(empty.ByStatus) != 0 || len(empty.ByReached) != 0 || len(empty.Values) != 0 {
			t.Errorf("counts of nothing: %+v", empty)
		}

		exp, err := s.Matches.SentSince(ctx, now.Add(-7*24*time.Hour))
		Must(t, err, "sent since")
		want := map[string]int{"ent-sent": 1, "ent-declined": 1, "ent-interested": 1, "ent-lost": 1, "ent-intent": 1,
			"ent-signed": 1, "ent-signed-usd": 1}
		if !reflect.DeepEqual(exp, want) {
			t.Errorf("exposure %v, want %v", exp, want)
		}
		all, err := s.Matches.SentSince(ctx, old)
		Must(t, err, "sent since long ago")
		if all["ent-sent"] != 2 {
			t.Errorf("exposure of ent-sent since the old send: %d, want 2", all["ent-sent"])
		}
	})
}

func matchIDs(ms []domain.Match) []string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}
