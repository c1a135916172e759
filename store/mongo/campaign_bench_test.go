package mongo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
	"duijie/store/mongo/mongotest"
	"duijie/store/storetest"
)

// BenchmarkCampaignFerretDB times the campaign's reads on the in-process FerretDB fixture at a
// small scale — 60 events with 5 registrations each, 300 leads, 900 matches in one year — from
// the running totals and from the records, for the whole programme and an organiser of two
// clusters (org-…: its scope's totals kept; org-year-parts: another two clusters whose scope is
// not kept), the rebuild of the totals and the registration of the organiser's scope. It measures the
// fixture (no index, a collection scan per command), not MongoDB; the ratio of the two reads,
// taken in one run, is what carries over:
//
//	go test -run '^$' -bench CampaignFerretDB -benchtime 5x ./store/mongo/
//
// The scale — 10^4 events with 10 registrations each, 10^5 leads with 10 matches each,
// 10^5 enterprises — on a real MongoDB (the fixture cannot hold it in reasonable time):
//
//	DUIJIE_TEST_MONGODB_URI=mongodb://127.0.0.1:27017 DUIJIE_BENCH_CAMPAIGN_FULL=1 \
//	  go test -run '^$' -bench CampaignFerretDB -benchtime 5x -timeout 2h ./store/mongo/
func BenchmarkCampaignFerretDB(b *testing.B) {
	events, regs, nLeads, perLead, firms := 60, 5, 300, 3, 200
	if os.Getenv("DUIJIE_BENCH_CAMPAIGN_FULL") != "" {
		events, regs, nLeads, perLead, firms = 10_000, 10, 100_000, 10, 100_000
	}
	uri := mongotest.URI(b)
	ctx := context.Background()
	st, err := Open(ctx, uri, mongotest.FreshDatabase(b, uri))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Health.Close() })
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	from, until := domain.CampaignWindow(2026, loc)
	rng := rand.New(rand.NewPCG(14, 14))
	at := func() time.Time {
		return from.Add(time.Duration(rng.Int64N(int64(until.Sub(from))))).UTC().Truncate(time.Millisecond)
	}
	clusters := []string{"L1", "L2", "A5"}
	for i := range events {
		e := storetest.NewEvent(clusters[i%3], 10, 100)
		e.StartsAt = at()
		e.EndsAt = e.StartsAt.Add(8 * time.Hour)
		e.Kind = []domain.EventKind{domain.EventFlagship, domain.EventMatchmaking}[i%2]
		if err := st.Events.Create(ctx, e); err != nil {
			b.Fatal(err)
		}
		for range regs {
			if _, _, err := st.Registrations.Register(ctx, storetest.NewRegistration(e, rng.IntN(firms), 1), e.StartsAt.Add(-48*time.Hour)); err != nil {
				b.Fatal(err)
			}
		}
	}
	statuses := []domain.MatchStatus{domain.MatchSent, domain.MatchDeclined, domain.MatchInterested, domain.MatchContacted,
		domain.MatchNegotiating, domain.MatchIntent, domain.MatchSigned}
	var leads, matches []any
	for i := range nLeads {
		l := storetest.NewLead(i, clusters[i%3], fmt.Sprintf("%024x", rng.IntN(firms)+1))
		opened := at()
		l.ID, l.OpenedAt = domain.NewID(), &opened
		leads = append(leads, toLeadDoc(l))
		for k := range perLead {
			m := storetest.NewMatch(l.ID, fmt.Sprintf("%024x", (i*perLead+k)%firms+1), 5)
			s := statuses[rng.IntN(len(statuses))]
			sent := opened.Add(time.Hour)
			m.ID, m.Clusters, m.Status, m.SentAt, m.Currency = domain.NewID(), l.Clusters, s, &sent, "CNY"
			m.History = []domain.MatchStep{{Status: s, At: sent}}
			if s == domain.MatchIntent || s == domain.MatchSigned {
				m.Value = int64(1+rng.IntN(50)) * 10_000
			}
			matches = append(matches, toMatchDoc(m))
		}
	}
	db := st.Campaign.(campaignRepo)
	if _, err := db.leads.InsertMany(ctx, leads); err != nil {
		b.Fatal(err)
	}
	if _, err := db.matchesColl.InsertMany(ctx, matches); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	if err := st.Campaign.RebuildTotals(ctx); err != nil {
		b.Fatal(err)
	}
	rebuild := time.Since(t0)
	// An organiser of L1 and L2, whose scope's totals are kept (filled from the clusters'), and
	// one of L2 and A5 whose scope is not (counted from the clusters' parts).
	t0 = time.Now()
	if err := st.Campaign.RegisterScope(ctx, []string{"L1", "L2"}); err != nil {
		b.Fatal(err)
	}
	register := time.Since(t0)

	w := store.CampaignWindow{From: from, Until: until, Now: time.Date(2026, 7, 1, 0, 0, 0, 0, loc)}
	recs := w
	recs.FromRecords = true
	cuts := domain.CampaignMonthCuts(2026, loc)
	org, unkept := w, w
	org.Clusters, unkept.Clusters = []string{"L1", "L2"}, []string{"A5", "L2"}
	orgRecs, unkeptRecs := org, unkept
	orgRecs.FromRecords, unkeptRecs.FromRecords = true, true
	ops := []struct {
		name string
		op   func() error
	}{
		{"year-totals", func() error { _, err := st.Campaign.Actuals(ctx, w); return err }},
		{"year-records", func() error { _, err := st.Campaign.Actuals(ctx, recs); return err }},
		{"months-totals", func() error { _, err := st.Campaign.Monthly(ctx, w, cuts); return err }},
		{"months-records", func() error { _, err := st.Campaign.Monthly(ctx, recs, cuts); return err }},
		{"org-year-totals", func() error { _, err := st.Campaign.Actuals(ctx, org); return err }},
		{"org-year-parts", func() error { _, err := st.Campaign.Actuals(ctx, unkept); return err }},
		{"org-year-records", func() error { _, err := st.Campaign.Actuals(ctx, orgRecs); return err }},
		{"org-months-totals", func() error { _, err := st.Campaign.Monthly(ctx, org, cuts); return err }},
		{"org-months-records", func() error { _, err := st.Campaign.Monthly(ctx, orgRecs, cuts); return err }},
	}
	for _, x := range [][2]store.CampaignWindow{{w, recs}, {org, orgRecs}, {unkept, unkeptRecs}} {
		got, err := st.Campaign.Actuals(ctx, x[0])
		want, err2 := st.Campaign.Actuals(ctx, x[1])
		if err != nil || err2 != nil || got != want {
			b.Fatalf("%v: totals %+v (%v) differ from the records %+v (%v)", x[0].Clusters, got, err, want, err2)
		}
	}
	b.ResetTimer()
	b.ReportMetric(rebuild.Seconds(), "rebuild-s")
	b.ReportMetric(register.Seconds(), "register-s")
	for _, o := range ops {
		d := make([]time.Duration, 0, b.N)
		for range b.N {
			t0 := time.Now()
			if err := o.op(); err != nil {
				b.Fatal(err)
			}
			d = append(d, time.Since(t0))
		}
		slices.Sort(d)
		b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, o.name+"-p50-ms")
	}
}
