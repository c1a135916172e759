package storetest

import (
	"reflect"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Campaign", testCampaign) }

// NewCampaignTargets returns valid, unsaved targets of year with every figure set.
func NewCampaignTargets(year int) *domain.CampaignTargets {
	return &domain.CampaignTargets{Year: year, FlagshipEvents: 12, MatchmakingSessions: 120, Enterprises: 1500,
		Leads: 12000, Intentions: 400, SignedDeals: 80, SignedValue: 3_000_000_000, IntendedValue: 9_000_000_000,
		UpdatedBy: "admin-1", UpdatedAt: Ms(time.Now())}
}

func testCampaign(t *testing.T, open Opener) {
	t.Run("Targets", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		_, err := s.Campaign.Targets(ctx, 2026)
		MustNotFound(t, err, "targets of a year nobody configured")

		later, earlier := NewCampaignTargets(2027), NewCampaignTargets(2026)
		Must(t, s.Campaign.PutTargets(ctx, later), "put 2027")
		Must(t, s.Campaign.PutTargets(ctx, earlier), "put 2026")
		got, err := s.Campaign.Targets(ctx, 2026)
		Must(t, err, "get 2026")
		if !reflect.DeepEqual(*got, *earlier) {
			t.Fatalf("stored targets:\n got  %+v\n want %+v", *got, *earlier)
		}

		// A second put replaces the year whole; the other year is untouched.
		earlier.Leads, earlier.SignedValue, earlier.UpdatedBy = 15000, 0, "admin-2"
		earlier.UpdatedAt = Ms(time.Now().Add(time.Minute))
		Must(t, s.Campaign.PutTargets(ctx, earlier), "replace 2026")
		all, err := s.Campaign.ListTargets(ctx)
		Must(t, err, "list")
		if len(all) != 2 || !reflect.DeepEqual(all[0], *earlier) || !reflect.DeepEqual(all[1], *later) {
			t.Fatalf("list, oldest first:\n got  %+v\n want %+v, %+v", all, *earlier, *later)
		}
	})

	t.Run("Monthly", func(t *testing.T) {
		s := open(t)
		seedCampaign(t, s)
		loc, _ := domain.LoadZone(domain.DefaultTimezone)
		months, err := s.Campaign.Monthly(t.Context(), campaignWindow(2030), domain.CampaignMonthCuts(2030, loc))
		Must(t, err, "monthly")
		type fig struct{ flagship, events, rounds, enterprises, leads, intentions, signed int }
		got := map[int]fig{}
		for i, m := range months {
			o := m.Matches.Outcomes()
			f := fig{m.FlagshipEvents, m.MatchmakingEvents, m.MatchmakingRounds, m.NewEnterprises, m.Leads, o.Intentions, o.SignedDeals}
			if f != (fig{}) {
				got[i+1] = f
			}
		}
		want := map[int]fig{
			1:  {flagship: 1},                                                   // 00:30 on New Year's Day in Wuxi
			2:  {enterprises: 1, leads: 1},                                      // buyer 1 opens its lead
			3:  {flagship: 1, rounds: 2, enterprises: 1, leads: 1},              // e1: 1 came in February, 2 is new
			4:  {flagship: 1},                                                   // A5's brand event
			5:  {events: 1, enterprises: 1},                                     // e3: 2 came in March, 3 is new
			6:  {rounds: 1, enterprises: 5, leads: 1, intentions: 4, signed: 1}, // buyer 8; suppliers 9, 10, 12, 15
			9:  {events: 1, enterprises: 1},                                     // e4 with enterprise 5
			11: {flagship: 1, rounds: 1},
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("months:\n got  %+v\n want %+v", got, want)
		}
		empty, err := s.Campaign.Monthly(t.Context(), store.CampaignWindow{From: campaignWindow(2030).From,
			Until: campaignWindow(2030).Until, Clusters: []string{}}, domain.CampaignMonthCuts(2030, loc))
		Must(t, err, "monthly of no clusters")
		for _, m := range empty {
			if m.Leads != 0 || m.FlagshipEvents != 0 || m.Matches.Outcomes() != (domain.CampaignResults{}) {
				t.Fatalf("no clusters counts %+v", m)
			}
		}
	})

	t.Run("SignedDeals", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		l := NewLead(1, "L1", entID(1))
		l.OpenedAt = ptrTime(beijing(2030, 2, 1, 9, 0))
		Must(t, s.Leads.Create(ctx, l), "create lead")
		sign := func(supplier int, sent time.Time, value int64, currency string) string {
			batch := []domain.Match{*NewMatch(l.ID, entID(supplier), 5)}
			batch[0].Clusters = l.Clusters
			_, err := s.Matches.Put(ctx, batch)
			Must(t, err, "put match")
			m := &batch[0]
			for _, mv := range []func() error{
				func() error { return m.Send(sent) },
				func() error { _, err := m.Respond(domain.MatchInterested, "", "supplier", sent); return err },
				func() error {
					_, err := m.Advance(domain.Outcome{Stage: domain.MatchContacted}, "buyer", sent)
					return err
				},
				func() error {
					_, err := m.Advance(domain.Outcome{Stage: domain.MatchNegotiating}, "buyer", sent)
					return err
				},
				func() error {
					_, err := m.Advance(domain.Outcome{Stage: domain.MatchIntent, Value: value, Currency: currency}, "buyer", sent)
					return err
				},
				func() error {
					_, err := m.Advance(domain.Outcome{Stage: domain.MatchSigned, Value: value, Currency: currency}, "buyer", sent)
					return err
				},
			} {
				from := m.Status
				Must(t, mv(), "move match")
				Must(t, s.Matches.Update(ctx, m, from), "update match")
			}
			return m.ID
		}
		small := sign(2, beijing(2030, 3, 1, 9, 0), 100_000, "")
		big := sign(3, beijing(2030, 4, 1, 9, 0), 900_000, "")
		mid := sign(4, beijing(2030, 5, 1, 9, 0), 300_000, "")
		sign(5, beijing(2031, 1, 2, 9, 0), 5_000_000, "") // next year
		w := campaignWindow(2030)
		got, err := s.Campaign.SignedDeals(ctx, w, 10)
		Must(t, err, "signed deals")
		ids := []string{}
		for _, m := range got {
			ids = append(ids, m.ID)
		}
		if !reflect.DeepEqual(ids, []string{big, mid, small}) || got[0].Value != 900_000 || got[0].EnterpriseID != entID(3) {
			t.Fatalf("signed deals of 2030, largest first: %v (%+v)", ids, got)
		}
		if got, _ := s.Campaign.SignedDeals(ctx, w, 2); len(got) != 2 || got[1].ID != mid {
			t.Fatalf("limit 2: %+v", got)
		}
		w.Until = beijing(2030, 4, 1, 0, 0) // the year to the end of March
		if got, _ := s.Campaign.SignedDeals(ctx, w, 10); len(got) != 1 || got[0].ID != small {
			t.Fatalf("to March: %+v", got)
		}
		w.Clusters = []string{"L2"}
		if got, _ := s.Campaign.SignedDeals(ctx, w, 10); len(got) != 0 {
			t.Fatalf("another cluster: %+v", got)
		}
	})

	t.Run("EmptyYear", func(t *testing.T) {
		s := open(t)
		w := campaignWindow(2030)
		got, err := s.Campaign.Actuals(t.Context(), w)
		Must(t, err, "actuals of an empty database")
		if got != (domain.CampaignActuals{}) {
			t.Fatalf("empty database counts %+v", got)
		}
	})

	t.Run("Actuals", func(t *testing.T) {
		s := open(t)
		seedCampaign(t, s)
		ctx := t.Context()
		tests := []struct {
			name     string
			clusters []string
			now      time.Time
			want     domain.CampaignActuals
		}{
			{"whole programme mid-year", nil, beijing(2030, 7, 1, 0, 0), domain.CampaignActuals{
				FlagshipEvents: 3, FlagshipScheduled: 1, MatchmakingEvents: 1, MatchmakingRounds: 3, MatchmakingScheduled: 2,
				Enterprises: 9, EventEnterprises: 4, BuyerEnterprises: 2, SupplierEnterprises: 5, Leads: 3,
				Intentions: 4, SignedDeals: 1, SignedValue: 800_000, IntendedValue: 1_100_000}},
			{"one cluster", []string{"L1"}, beijing(2030, 7, 1, 0, 0), domain.CampaignActuals{
				FlagshipEvents: 2, FlagshipScheduled: 1, MatchmakingEvents: 1, MatchmakingRounds: 3, MatchmakingScheduled: 1,
				Enterprises: 7, EventEnterprises: 3, BuyerEnterprises: 2, SupplierEnterprises: 4, Leads: 2,
				Intentions: 3, SignedDeals: 1, SignedValue: 800_000, IntendedValue: 1_100_000}},
			{"an organiser's clusters", []string{"A5", "L2"}, beijing(2030, 7, 1, 0, 0), domain.CampaignActuals{
				FlagshipEvents: 1, MatchmakingScheduled: 1, Enterprises: 2, EventEnterprises: 1, SupplierEnterprises: 1,
				Leads: 1, Intentions: 1}},
			{"year over: everything held", nil, time.Time{}, domain.CampaignActuals{
				FlagshipEvents: 4, MatchmakingEvents: 2, MatchmakingRounds: 4,
				Enterprises: 9, EventEnterprises: 4, BuyerEnterprises: 2, SupplierEnterprises: 5, Leads: 3,
				Intentions: 4, SignedDeals: 1, SignedValue: 800_000, IntendedValue: 1_100_000}},
			{"year not begun", nil, beijing(2029, 5, 1, 0, 0), domain.CampaignActuals{
				FlagshipScheduled: 4, MatchmakingScheduled: 6,
				Enterprises: 9, EventEnterprises: 4, BuyerEnterprises: 2, SupplierEnterprises: 5, Leads: 3,
				Intentions: 4, SignedDeals: 1, SignedValue: 800_000, IntendedValue: 1_100_000}},
			{"no clusters at all", []string{}, beijing(2030, 7, 1, 0, 0), domain.CampaignActuals{}},
			{"a cluster without activity", []string{"F5"}, beijing(2030, 7, 1, 0, 0), domain.CampaignActuals{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := campaignWindow(2030)
				w.Now, w.Clusters = tt.now, tt.clusters
				got, err := s.Campaign.Actuals(ctx, w)
				Must(t, err, "actuals")
				if got != tt.want {
					t.Fatalf("actuals:\n got  %+v\n want %+v", got, tt.want)
				}
			})
		}
		for _, tt := range tests {
			t.Run("months add up: "+tt.name, func(t *testing.T) {
				w := campaignWindow(2030)
				w.Now, w.Clusters = tt.now, tt.clusters
				checkMonthsAddUp(t, s, w, tt.want)
			})
		}
		got, err := s.Campaign.Actuals(ctx, campaignWindow(2029))
		Must(t, err, "actuals of the year before")
		if got.FlagshipEvents != 1 || got.Leads != 1 || got.SupplierEnterprises != 1 || got.Intentions != 0 {
			t.Fatalf("2029 counts %+v, want the late-December flagship, one lead and one supplier", got)
		}
	})
}

// checkMonthsAddUp asserts that the months of w add up to the year's actuals: held events, each
// enterprise once (in the month of its first part), leads and outcomes.
func checkMonthsAddUp(t *testing.T, s *store.Store, w store.CampaignWindow, year domain.CampaignActuals) {
	t.Helper()
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	months, err := s.Campaign.Monthly(t.Context(), w, domain.CampaignMonthCuts(w.From.In(loc).Year(), loc))
	Must(t, err, "monthly")
	if len(months) != 12 {
		t.Fatalf("%d months", len(months))
	}
	var sum domain.CampaignActuals
	counts := domain.NewMatchCounts()
	for _, m := range months {
		sum.FlagshipEvents += m.FlagshipEvents
		sum.MatchmakingEvents += m.MatchmakingEvents
		sum.MatchmakingRounds += m.MatchmakingRounds
		sum.Enterprises += m.NewEnterprises
		sum.Leads += m.Leads
		counts = counts.Add(m.Matches)
	}
	sum = sum.WithOutcomes(counts.Outcomes())
	want := domain.CampaignActuals{FlagshipEvents: year.FlagshipEvents, MatchmakingEvents: year.MatchmakingEvents,
		MatchmakingRounds: year.MatchmakingRounds, Enterprises: year.Enterprises, Leads: year.Leads}.WithOutcomes(year.Outcomes())
	if sum != want {
		t.Fatalf("months add up to\n %+v\nthe year counts\n %+v", sum, want)
	}
}

func ptrTime(t time.Time) *time.Time { return &t }

// beijing is a wall-clock time in the programme's zone.
func beijing(y int, m time.Month, d, h, min int) time.Time {
	loc, err := domain.LoadZone(domain.DefaultTimezone)
	if err != nil {
		panic(err)
	}
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

func campaignWindow(year int) store.CampaignWindow {
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	from, until := domain.CampaignWindow(year, loc)
	return store.CampaignWindow{From: from, Until: until}
}

// entID is the enterprise ID NewRegistration gives enterprise number i.
func entID(i int) string { return NewRegistration(&domain.Event{}, i, 0).EnterpriseID }

// seedCampaign stores a year (2030) of activity whose counts the Actuals cases spell out. Each
// record that must not count says why.
func seedCampaign(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := t.Context()
	round := func(kind domain.SessionKind, at time.Time) domain.AgendaSession {
		return domain.AgendaSession{ID: domain.NewID(), Title: "对接洽谈", StartsAt: at, EndsAt: at.Add(time.Hour),
			Room: "A1", Kind: kind, Speakers: []domain.Speaker{}}
	}
	event := func(cluster string, kind domain.EventKind, status domain.EventStatus, start time.Time,
		sessions ...domain.AgendaSession) *domain.Event {
		e := NewEvent(cluster, 10, 100)
		e.Kind, e.Status, e.StartsAt, e.EndsAt = kind, status, start, start.Add(8*time.Hour)
		e.Sessions = append([]domain.AgendaSession{}, sessions...)
		return MustCreateEvent(t, s, e)
	}
	register := func(e *domain.Event, i int) *domain.Registration {
		return mustRegister(t, s, NewRegistration(e, i, 1), e.StartsAt.Add(-24*time.Hour))
	}

	// 十: held flagship events in L1 (one at 00:30 on New Year's Day in Wuxi) and A5, one
	// scheduled for November; the one at 23:59 on 31 December belongs to 2029.
	mar := beijing(2030, 3, 10, 9, 0)
	e1 := event("L1", domain.EventFlagship, domain.EventPublished, mar,
		round(domain.SessionMatchmaking, mar.Add(2*time.Hour)), round(domain.SessionMatchmaking, mar.Add(4*time.Hour)),
		round(domain.SessionTalk, mar))
	event("A5", domain.EventFlagship, domain.EventCompleted, beijing(2030, 4, 20, 9, 0))
	event("L1", domain.EventFlagship, domain.EventPublished, beijing(2030, 1, 1, 0, 30))
	event("L1", domain.EventFlagship, domain.EventPublished, beijing(2029, 12, 31, 23, 59))
	nov := beijing(2030, 11, 5, 9, 0)
	event("L1", domain.EventFlagship, domain.EventPublished, nov, round(domain.SessionMatchmaking, nov.Add(time.Hour)))
	// 百: a held matchmaking event (its own agenda slot is not a second session), a scheduled one
	// in L2, a forum with a matchmaking round; cancelled and draft events never count.
	may := beijing(2030, 5, 8, 9, 0)
	e3 := event("L1", domain.EventMatchmaking, domain.EventPublished, may, round(domain.SessionMatchmaking, may))
	e4 := event("L2", domain.EventMatchmaking, domain.EventPublished, beijing(2030, 9, 1, 9, 0))
	jun := beijing(2030, 6, 2, 9, 0)
	event("L1", domain.EventForum, domain.EventPublished, jun, round(domain.SessionMatchmaking, jun), round(domain.SessionBreak, jun))
	e6 := event("L1", domain.EventMatchmaking, domain.EventPublished, beijing(2030, 4, 1, 9, 0))
	event("L1", domain.EventMatchmaking, domain.EventDraft, beijing(2030, 4, 2, 9, 0))

	// 千 at events: 1, 2 at e1; 2 again and 3 at e3; 5 at the scheduled e4. Enterprise 4 cancelled,
	// 7 registered for the event that was then called off.
	register(e1, 1)
	register(e1, 2)
	register(e3, 2)
	register(e3, 3)
	register(e4, 5)
	gone := register(e1, 4)
	_, err := s.Registrations.Cancel(ctx, gone.ID, domain.CancelByMember, mar.Add(-time.Hour))
	Must(t, err, "cancel registration")
	register(e6, 7)
	now := e6.StartsAt.Add(-time.Hour)
	e6.Status, e6.CancelledAt, e6.UpdatedAt = domain.EventCancelled, &now, now
	Must(t, s.Events.SetStatus(ctx, e6, domain.EventPublished), "cancel event")

	// 万: leads opened in 2030 in L1 (buyers 1 and 8) and L2 (an outside buyer, no enterprise); a
	// draft never opened; one opened in 2029.
	lead := func(i int, cluster string, buyer string, opened *time.Time) *domain.Lead {
		l := NewLead(i, cluster, buyer)
		l.OpenedAt = opened
		if opened == nil {
			l.Status = domain.LeadDraft
		}
		Must(t, s.Leads.Create(ctx, l), "create lead")
		return l
	}
	at := func(tm time.Time) *time.Time { return &tm }
	l1 := lead(1, "L1", entID(1), at(beijing(2030, 2, 1, 10, 0)))
	l2 := lead(2, "L1", entID(8), at(beijing(2030, 6, 1, 10, 0)))
	l3 := lead(3, "L2", "", at(beijing(2030, 3, 1, 10, 0)))
	lead(4, "L1", entID(8), nil)
	l5 := lead(5, "L1", entID(8), at(beijing(2029, 6, 1, 10, 0)))

	// Outcomes and the suppliers who took part: matches sent in 2030.
	sent := beijing(2030, 6, 10, 9, 0)
	match := func(l *domain.Lead, supplier int, sentAt time.Time, moves ...func(*domain.Match) error) {
		batch := []domain.Match{*NewMatch(l.ID, entID(supplier), 5)}
		batch[0].Clusters = l.Clusters
		_, err := s.Matches.Put(ctx, batch)
		Must(t, err, "put match")
		m := &batch[0]
		if !sentAt.IsZero() {
			moves = append([]func(*domain.Match) error{func(m *domain.Match) error { return m.Send(sentAt) }}, moves...)
		}
		for _, mv := range moves {
			from := m.Status
			Must(t, mv(m), "move match")
			Must(t, s.Matches.Update(ctx, m, from), "update match")
		}
	}
	answer := func(d domain.MatchStatus) func(*domain.Match) error {
		return func(m *domain.Match) error { _, err := m.Respond(d, "", "supplier", sent.Add(time.Hour)); return err }
	}
	stage := func(st domain.MatchStatus, value int64, currency string) func(*domain.Match) error {
		return func(m *domain.Match) error {
			_, err := m.Advance(domain.Outcome{Stage: st, Value: value, Currency: currency}, "buyer", sent.Add(2*time.Hour))
			return err
		}
	}
	interested := answer(domain.MatchInterested)
	// Signed at 800,000 after an intention of 500,000: one intention, one deal, both values 800,000.
	match(l1, 9, sent, interested, stage(domain.MatchContacted, 0, ""), stage(domain.MatchNegotiating, 0, ""),
		stage(domain.MatchIntent, 500_000, ""), stage(domain.MatchSigned, 800_000, ""))
	match(l1, 10, sent, interested, stage(domain.MatchContacted, 0, ""), stage(domain.MatchNegotiating, 0, ""),
		stage(domain.MatchIntent, 300_000, ""))
	// An intention in dollars counts as an intention but adds nothing to the yuan sums.
	match(l1, 15, sent, interested, stage(domain.MatchContacted, 0, ""), stage(domain.MatchNegotiating, 0, ""),
		stage(domain.MatchIntent, 100, "USD"))
	// Lost after an intention: still an intention, its value no longer intended.
	match(l3, 12, sent, interested, stage(domain.MatchContacted, 0, ""), stage(domain.MatchNegotiating, 0, ""),
		stage(domain.MatchIntent, 200_000, ""), stage(domain.MatchLost, 0, ""))
	// Enterprise 1 supplies as well as attends: counted once.
	match(l2, 1, sent, interested)
	match(l2, 11, sent, answer(domain.MatchDeclined)) // declined: did not take part
	match(l2, 13, time.Time{})                        // never sent
	match(l5, 14, beijing(2029, 6, 2, 9, 0), interested)
}
