package storetest

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("CampaignTotals", testCampaignTotals) }

// testCampaignTotals puts a random mix of writes through the store — events created, moved,
// re-clustered and cancelled, registrations made and cancelled, leads opened and re-clustered,
// matches sent, answered, advanced, valued and lost, around the turn of two years — and asserts
// that the running totals give the same figures as the counts from the records, for every kind
// of window the campaign asks (the whole programme, one cluster, several — with the totals of
// their scope registered before, during or after the writes, or without — the year to a
// month), before and after RebuildTotals.
func testCampaignTotals(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(14, seed))
	clusters := []string{"L1", "L2", "A5"}
	start, span := beijing(2029, 12, 20, 0, 0), 400*24*time.Hour // 20 Dec 2029 … 24 Jan 2031
	at := func() time.Time { return Ms(start.Add(time.Duration(rng.Int64N(int64(span))))) }
	cluster := func() string { return clusters[rng.IntN(len(clusters))] }
	someClusters := func() []string {
		if rng.IntN(3) == 0 {
			return []string{"L1", cluster()}[:1+rng.IntN(2)]
		}
		return []string{cluster()}
	}
	var (
		events  []*domain.Event
		regs    []*domain.Registration
		leads   []*domain.Lead
		matches []*domain.Match
	)
	pick := func(n int) int { return rng.IntN(n) }
	steps := 320
	if testing.Short() || s.Engine == "mongodb" {
		steps = 160
	}
	seen := map[string]bool{}
	// A base the random writes do not touch, so that every figure has something to count.
	base := NewEvent("L1", 10, 100)
	base.Kind, base.StartsAt = domain.EventFlagship, beijing(2030, 5, 10, 9, 0)
	base.EndsAt = base.StartsAt.Add(8 * time.Hour)
	MustCreateEvent(t, s, base)
	mustRegister(t, s, NewRegistration(base, 1, 1), base.StartsAt.Add(-48*time.Hour))
	bl := NewLead(99, "L2", entID(2))
	bl.OpenedAt = ptrTime(beijing(2030, 3, 1, 9, 0))
	Must(t, s.Leads.Create(ctx, bl), "create base lead")
	bm := []domain.Match{*NewMatch(bl.ID, entID(3), 5)}
	bm[0].Clusters = bl.Clusters
	_, err := s.Matches.Put(ctx, bm)
	Must(t, err, "put base match")
	sent := beijing(2030, 3, 2, 9, 0)
	for _, mv := range []func(m *domain.Match) error{
		func(m *domain.Match) error { return m.Send(sent) },
		func(m *domain.Match) error {
			_, err := m.Respond(domain.MatchInterested, "", "supplier", sent)
			return err
		},
		func(m *domain.Match) error {
			_, err := m.Advance(domain.Outcome{Stage: domain.MatchContacted}, "buyer", sent)
			return err
		},
		func(m *domain.Match) error {
			_, err := m.Advance(domain.Outcome{Stage: domain.MatchNegotiating}, "buyer", sent)
			return err
		},
		func(m *domain.Match) error {
			_, err := m.Advance(domain.Outcome{Stage: domain.MatchIntent, Value: 50_000}, "buyer", sent)
			return err
		},
	} {
		from := bm[0].Status
		Must(t, mv(&bm[0]), "move base match")
		Must(t, s.Matches.Update(ctx, &bm[0], from), "update base match")
	}

	// An organiser of two clusters has totals of the scope kept from before the writes (named
	// in any order); one of three from halfway; and an organiser's account given a second
	// cluster at three quarters registers its scope by itself. {A5, L1} stays unregistered: it
	// is counted from the members' parts.
	Must(t, s.Campaign.RegisterScope(ctx, []string{"L2", "L1"}), "register the scope L1+L2")
	org := NewUser(1, domain.RoleOrganiser)
	org.Clusters = []string{"L2"}
	Must(t, s.Users.Create(ctx, org), "create an organiser")

	began := time.Now()
	for step := range steps {
		switch step {
		case steps / 2:
			Must(t, s.Campaign.RegisterScope(ctx, []string{"L1", "A5", "L2", "L1"}), "register the scope A5+L1+L2")
		case steps * 3 / 4:
			org.Clusters = []string{"L2", "A5"}
			Must(t, s.Users.Update(ctx, org), "give the organiser a second cluster")
		}
		switch op := rng.IntN(18); {
		case op == 0 || len(events) == 0:
			e := NewEvent(cluster(), 10, 100)
			e.Kind = []domain.EventKind{domain.EventFlagship, domain.EventMatchmaking, domain.EventForum}[pick(3)]
			e.Status = []domain.EventStatus{domain.EventPublished, domain.EventPublished, domain.EventPublished, domain.EventDraft}[pick(4)]
			e.StartsAt = at()
			e.EndsAt = e.StartsAt.Add(8 * time.Hour)
			events = append(events, MustCreateEvent(t, s, e))
		case op <= 3:
			e := events[pick(len(events))]
			r, created, err := s.Registrations.Register(ctx, NewRegistration(e, 1+pick(12), 1), e.StartsAt.Add(-48*time.Hour))
			if err == nil && created {
				regs = append(regs, r)
			}
		case op == 4 && len(regs) > 0:
			r := regs[pick(len(regs))]
			_, _ = s.Registrations.Cancel(ctx, r.ID, domain.CancelByMember, time.Now())
		case op == 5:
			e := events[pick(len(events))]
			from := e.Status
			now := time.Now()
			switch from {
			case domain.EventDraft:
				e.Status, e.PublishedAt = domain.EventPublished, &now
			case domain.EventPublished:
				e.Status, e.CancelledAt = domain.EventCancelled, &now
			default:
				continue
			}
			e.UpdatedAt = now
			Must(t, s.Events.SetStatus(ctx, e, from), "set event status")
		case op == 6:
			// Moved to another day, maybe another year, and another cluster.
			e := events[pick(len(events))]
			e.StartsAt = at()
			e.EndsAt, e.Cluster, e.UpdatedAt = e.StartsAt.Add(8*time.Hour), cluster(), time.Now()
			Must(t, s.Events.Update(ctx, e, nil), "move event")
		case op == 7 || len(leads) == 0:
			buyer := ""
			if pick(4) > 0 {
				buyer = entID(1 + pick(12))
			}
			l := NewLead(len(leads), cluster(), buyer)
			l.Clusters = someClusters()
			if pick(5) == 0 {
				l.Status = domain.LeadDraft
			} else {
				l.OpenedAt = ptrTime(at())
			}
			Must(t, s.Leads.Create(ctx, l), "create lead")
			leads = append(leads, l)
		case op == 8:
			// Clusters corrected (triage), or a draft opened.
			l := leads[pick(len(leads))]
			expect := l.Status
			if l.OpenedAt == nil {
				l.Status, l.OpenedAt = domain.LeadOpen, ptrTime(at())
			} else {
				l.Clusters = someClusters()
			}
			l.UpdatedAt = time.Now()
			Must(t, s.Leads.Update(ctx, l, expect), "update lead")
		case op == 9:
			l := leads[pick(len(leads))]
			batch := []domain.Match{*NewMatch(l.ID, entID(1+pick(12)), 5)}
			batch[0].Clusters = append([]string{}, l.Clusters...)
			if _, err := s.Matches.Put(ctx, batch); err == nil {
				if got, err := s.Matches.Get(ctx, batch[0].ID); err == nil && !seen[got.ID] {
					seen[got.ID] = true
					matches = append(matches, got)
				}
			}
		default:
			if len(matches) == 0 {
				continue
			}
			// Mostly the latest matches, so that some go all the way to a signature.
			m := matches[len(matches)-1-pick(min(4, len(matches)))]
			from, now := m.Status, at()
			var err error
			switch m.Status {
			case domain.MatchProposed:
				err = m.Send(now)
			case domain.MatchSent:
				_, err = m.Respond([]domain.MatchStatus{domain.MatchInterested, domain.MatchDeclined}[pick(2)], "", "supplier", now)
			case domain.MatchInterested:
				_, err = m.Advance(domain.Outcome{Stage: domain.MatchContacted}, "buyer", now)
			case domain.MatchContacted:
				_, err = m.Advance(domain.Outcome{Stage: domain.MatchNegotiating}, "buyer", now)
			case domain.MatchNegotiating:
				_, err = m.Advance(domain.Outcome{Stage: domain.MatchIntent, Value: int64(1+pick(9)) * 10_000,
					Currency: []string{"CNY", "CNY", "USD"}[pick(3)]}, "buyer", now)
			case domain.MatchIntent:
				next := []domain.MatchStatus{domain.MatchSigned, domain.MatchSigned, domain.MatchLost}[pick(3)]
				_, err = m.Advance(domain.Outcome{Stage: next, Value: int64(1+pick(9)) * 100_000, Currency: m.Currency}, "buyer", now)
			default:
				continue
			}
			if err != nil {
				continue
			}
			Must(t, s.Matches.Update(ctx, m, from), "move match")
		}
	}

	// Counting from the records on the FerretDB fixture takes a second a window: there the
	// windows are fewer (still the whole programme, one cluster, several, none).
	years, scopes := []int{2029, 2030, 2031}, [][]string{nil, {"L1"}, {"L2"}, {"A5"}, {"L1", "L2"}, {"A5", "L1", "L2"},
		{"L2", "A5"}, {"A5", "L1"}, {}, {"F5"}}
	if s.Engine == "mongodb" {
		years, scopes = []int{2030}, [][]string{nil, {"L1"}, {"L1", "L2"}, {"A5", "L2", "L1"}, {"A5", "L2"}, {}}
	}

	check := func(when string) {
		t.Helper()
		kept, err := s.Campaign.Scopes(ctx)
		Must(t, err, "list the kept scopes")
		if want := [][]string{{"A5", "L1", "L2"}, {"A5", "L2"}, {"L1", "L2"}}; !reflect.DeepEqual(kept, want) {
			t.Fatalf("%s: kept scopes %v, want %v", when, kept, want)
		}
		loc, _ := domain.LoadZone(domain.DefaultTimezone)
		var whole domain.CampaignActuals
		for _, year := range years {
			cuts := domain.CampaignMonthCuts(year, loc)
			for _, cl := range scopes {
				for _, month := range []int{12, 1 + pick(11)} {
					w := store.CampaignWindow{From: cuts[0], Until: cuts[month], Now: beijing(year, time.Month(1+pick(12)), 15, 0, 0),
						Clusters: cl}
					if _, _, ok := w.TotalsSpan(); !ok {
						t.Fatalf("%v: the campaign's window is not one the totals cut", w)
					}
					recs := w
					recs.FromRecords = true
					got, want := actualsBothWays(t, s, w)
					if got != want {
						t.Fatalf("%s, %d to month %d, clusters %v:\n totals  %+v\n records %+v", when, year, month, cl, got, want)
					}
					if year == 2030 && cl == nil && month == 12 {
						whole = got
					}
					gm, err := s.Campaign.Monthly(ctx, w, cuts)
					Must(t, err, "months from the totals")
					wm, err := s.Campaign.Monthly(ctx, recs, cuts)
					Must(t, err, "months from the records")
					for i := range gm {
						if !sameTally(gm[i], wm[i]) {
							t.Fatalf("%s, %d to month %d, clusters %v, month %d:\n totals  %+v\n records %+v",
								when, year, month, cl, i+1, gm[i], wm[i])
						}
					}
					gt, err := s.Campaign.MatchTally(ctx, w)
					Must(t, err, "match tally from the totals")
					wt, err := s.Campaign.MatchTally(ctx, recs)
					Must(t, err, "match tally from the records")
					if !sameCounts(gt, wt) {
						t.Fatalf("%s, %d to month %d, clusters %v: match tally\n totals  %+v\n records %+v", when, year, month, cl, gt, wt)
					}
				}
			}
		}
		// A test that cannot fail is no test: the mix must have made every kind of figure.
		if whole.Enterprises == 0 || whole.EventEnterprises == 0 || whole.SupplierEnterprises == 0 || whole.Leads == 0 ||
			whole.Intentions == 0 {
			t.Fatalf("%s: the random writes counted too little to compare: %+v", when, whole)
		}
	}
	// A matching run refreshes every stored pair (sent ones included) and adds a new one, in one
	// batch: the totals must neither count the refreshed pairs twice nor miss the new one.
	again := []domain.Match{*NewMatch(bl.ID, entID(11), 4)}
	again[0].Clusters = bl.Clusters
	for _, m := range append(matches, &bm[0]) {
		r := *NewMatch(m.LeadID, m.EnterpriseID, 6)
		r.Clusters = m.Clusters
		again = append(again, r)
	}
	_, err = s.Matches.Put(ctx, again)
	Must(t, err, "refresh the pairs")
	t.Logf("%d writes in %v", steps, time.Since(began))
	check("after the writes")
	Must(t, s.Campaign.RebuildTotals(ctx), "rebuild totals")
	check("after a rebuild")
}

// sameTally compares two months' counts, ignoring tallies that are zero.
func sameTally(a, b domain.CampaignTally) bool {
	ma, mb := a.Matches, b.Matches
	a.Matches, b.Matches = domain.MatchCounts{}, domain.MatchCounts{}
	return reflect.DeepEqual(a, b) && sameCounts(ma, mb)
}

func sameCounts(a, b domain.MatchCounts) bool {
	return reflect.DeepEqual(nonZero(a.ByStatus), nonZero(b.ByStatus)) && reflect.DeepEqual(nonZero(a.ByReached), nonZero(b.ByReached)) &&
		reflect.DeepEqual(nonZero(a.Values), nonZero(b.Values))
}

func nonZero[K comparable, V int | int64](m map[K]V) map[K]V {
	out := map[K]V{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}
