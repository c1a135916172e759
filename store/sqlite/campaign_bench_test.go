package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"duijie/domain"
	"duijie/exports"
	"duijie/seed"
	campaignsvc "duijie/service/campaign"
	"duijie/store"
)

// The campaign's counts at city scale: 10^5 enterprises taking part, 10^4 events (10
// registrations each), 10^5 leads and 10^6 matches, all in one programme year. The fixture is
// written with plain INSERTs (the store's own write paths would take many minutes) and kept in
// DUIJIE_BENCH_CAMPAIGN_DB when that is set, so later runs reuse it:
//
//	DUIJIE_BENCH_CAMPAIGN_DB=/tmp/campaign.db go test -run '^$' -bench Campaign -benchtime 200x -count 5 ./store/sqlite/
//
// The …FromRecords benchmarks count the same windows from the records (the consistency check,
// and the only way before the running totals of 0114_campaign_totals.sql): the ratio of the two
// is measured in one run on one file. Writing the fixture runs the totals' triggers.
const (
	benchEnterprises = 100_000
	benchEvents      = 10_000
	benchRegsPer     = 10
	benchLeads       = 100_000
	benchMatchesPer  = 10
	benchYear        = 2026
)

var benchClusters = []string{"L1", "L2", "L3", "L4", "A1", "A2", "A3", "A4", "A5", "A6", "F1", "F2", "F3", "F4", "F5"}

func campaignBenchStore(b *testing.B) *store.Store {
	b.Helper()
	path := os.Getenv("DUIJIE_BENCH_CAMPAIGN_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "campaign.db")
	}
	if _, err := os.Stat(path); err != nil {
		st, err := Open(path) // migrates the schema
		if err != nil {
			b.Fatal(err)
		}
		_ = st.Health.Close()
		start := time.Now()
		if err := fillCampaignBench(path); err != nil {
			_ = os.Remove(path)
			b.Fatal(err)
		}
		b.Logf("fixture written in %v", time.Since(start).Round(time.Second))
	}
	st, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Health.Close() })
	return st
}

func fillCampaignBench(path string) error {
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	from, until := domain.CampaignWindow(benchYear, loc)
	span := until.Sub(from)
	rng := rand.New(rand.NewPCG(14, 14))
	at := func() int64 { return from.Add(time.Duration(rng.Int64N(int64(span)))).UnixMilli() }
	ent := func() string { return fmt.Sprintf("e%07d", rng.IntN(benchEnterprises)) }
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	exec := func(q string, args ...any) {
		if err == nil {
			_, err = tx.Exec(q, args...)
		}
	}
	kinds := []string{"flagship", "matchmaking", "matchmaking", "matchmaking", "forum"}
	for i := range benchEvents {
		id, start := fmt.Sprintf("ev%06d", i), at()
		kind := kinds[i%len(kinds)]
		sessions := `[{"id":"s1","title":"对接","kind":"matchmaking"},{"id":"s2","title":"演讲","kind":"talk"}]`
		exec(`INSERT INTO events (id, title, cluster, kind, starts_at, ends_at, timezone, capacity, max_per_enterprise,
			status, sessions, created_at, updated_at) VALUES (?, '活动', ?, ?, ?, ?, 'Asia/Shanghai', 100, 3, 'published', ?, ?, ?)`,
			id, benchClusters[i%len(benchClusters)], kind, start, start+8*3600_000, sessions, start, start)
		for r := range benchRegsPer {
			exec(`INSERT OR IGNORE INTO registrations (id, event_id, enterprise_id, status, seats, checkin_code, created_at, updated_at)
				VALUES (?, ?, ?, 'confirmed', 1, ?, ?, ?)`, fmt.Sprintf("r%06d%02d", i, r), id, ent(), fmt.Sprintf("C%02d", r), start, start)
		}
	}
	statuses := []domain.MatchStatus{domain.MatchSent, domain.MatchSent, domain.MatchDeclined, domain.MatchInterested,
		domain.MatchContacted, domain.MatchNegotiating, domain.MatchIntent, domain.MatchSigned, domain.MatchProposed}
	for i := range benchLeads {
		id, opened := fmt.Sprintf("l%06d", i), at()
		cl := benchClusters[i%len(benchClusters)]
		exec(`INSERT INTO leads (id, title, clusters, status, buyer_enterprise_id, opened_at, created_at, updated_at)
			VALUES (?, '采购', ?, 'open', ?, ?, ?, ?)`, id, `["`+cl+`"]`, ent(), opened, opened, opened)
		exec(`INSERT INTO lead_clusters (cluster, lead_id) VALUES (?, ?)`, cl, id)
		for k := range benchMatchesPer {
			mid, s := fmt.Sprintf("m%06d%02d", i, k), statuses[rng.IntN(len(statuses))]
			var sent any
			if s != domain.MatchProposed {
				sent = opened + rng.Int64N(30*86400_000)
			}
			var value int64
			if s == domain.MatchIntent || s == domain.MatchSigned {
				value = int64(1+rng.IntN(500)) * 10_000
			}
			exec(`INSERT INTO matches (id, lead_id, enterprise_id, clusters, status, reached, value, currency, sent_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?)`, mid, id, fmt.Sprintf("e%07d", (i*benchMatchesPer+k)%benchEnterprises),
				`["`+cl+`"]`, s, s.Stage(), value, sent, opened, opened)
			exec(`INSERT INTO match_clusters (cluster, match_id) VALUES (?, ?)`, cl, mid)
		}
		if i%10_000 == 9_999 && err == nil {
			if err = tx.Commit(); err == nil {
				tx, err = db.Begin()
			}
		}
	}
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.Exec(`ANALYZE`)
	return err
}

// benchLatency runs op b.N times and reports p50 and p99 in milliseconds.
func benchLatency(b *testing.B, op func() error) {
	b.Helper()
	d := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(d)
	q := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(p*float64(len(d))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.5), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
}

func campaignBenchWindow(clusters []string) store.CampaignWindow {
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	from, until := domain.CampaignWindow(benchYear, loc)
	return store.CampaignWindow{From: from, Until: until, Now: time.Date(benchYear, 7, 1, 0, 0, 0, 0, loc), Clusters: clusters}
}

// BenchmarkCampaignActualsYear is the year's KPIs of the whole programme (one store call).
func BenchmarkCampaignActualsYear(b *testing.B) {
	st := campaignBenchStore(b)
	w := campaignBenchWindow(nil)
	benchLatency(b, func() error { _, err := st.Campaign.Actuals(context.Background(), w); return err })
}

// BenchmarkCampaignActualsCluster is one cluster's year (a fifteenth of the data).
func BenchmarkCampaignActualsCluster(b *testing.B) {
	st := campaignBenchStore(b)
	w := campaignBenchWindow([]string{"L1"})
	benchLatency(b, func() error { _, err := st.Campaign.Actuals(context.Background(), w); return err })
}

// BenchmarkCampaignMonthly is the monthly series of the whole programme's year.
func BenchmarkCampaignMonthly(b *testing.B) {
	st := campaignBenchStore(b)
	w := campaignBenchWindow(nil)
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	cuts := domain.CampaignMonthCuts(benchYear, loc)
	benchLatency(b, func() error { _, err := st.Campaign.Monthly(context.Background(), w, cuts); return err })
}

// BenchmarkCampaignMonthlyCluster is one cluster's monthly series.
func BenchmarkCampaignMonthlyCluster(b *testing.B) {
	st := campaignBenchStore(b)
	w := campaignBenchWindow([]string{"L1"})
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	cuts := domain.CampaignMonthCuts(benchYear, loc)
	benchLatency(b, func() error { _, err := st.Campaign.Monthly(context.Background(), w, cuts); return err })
}

// benchScope is the organiser of two clusters the benchmarks read; benchScopeUnkept is another
// whose scope is not registered (counted from the members' parts, as before 0214).
var benchScope, benchScopeUnkept = []string{"L1", "L2"}, []string{"L3", "L4"}

// keepBenchScope registers benchScope once on the fixture (reporting how long filling its
// totals took) and makes sure benchScopeUnkept is not kept.
func keepBenchScope(b *testing.B, st *store.Store) {
	b.Helper()
	kept, err := st.Campaign.Scopes(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	for _, sc := range kept {
		if slices.Equal(sc, benchScopeUnkept) {
			b.Fatalf("scope %v is kept on the fixture: the counts from the parts cannot be timed", sc)
		}
		if slices.Equal(sc, benchScope) {
			return
		}
	}
	t0 := time.Now()
	if err := st.Campaign.RegisterScope(context.Background(), benchScope); err != nil {
		b.Fatal(err)
	}
	b.Logf("scope %v registered and filled in %v", benchScope, time.Since(t0).Round(time.Millisecond))
}

// BenchmarkCampaignActualsOrganiser is an organiser of two clusters, whose scope's totals are
// kept (0214_campaign_scopes.sql): each enterprise once across the clusters.
func BenchmarkCampaignActualsOrganiser(b *testing.B) {
	st := campaignBenchStore(b)
	keepBenchScope(b, st)
	w := campaignBenchWindow(benchScope)
	benchLatency(b, func() error { _, err := st.Campaign.Actuals(context.Background(), w); return err })
}

// BenchmarkCampaignActualsOrganiserUnkept is an organiser of two clusters whose scope is not
// kept: the enterprises are counted from the clusters' parts (the only way before 0214).
func BenchmarkCampaignActualsOrganiserUnkept(b *testing.B) {
	st := campaignBenchStore(b)
	keepBenchScope(b, st)
	w := campaignBenchWindow(benchScopeUnkept)
	benchLatency(b, func() error { _, err := st.Campaign.Actuals(context.Background(), w); return err })
}

// BenchmarkCampaignRegisterScope registers an organiser's scope of two clusters on the
// city-scale file: its parts summed from the members' (1/7.5 of all parts), its first months
// counted. Each iteration drops the scope first; the last leaves it dropped.
func BenchmarkCampaignRegisterScope(b *testing.B) {
	st := campaignBenchStore(b)
	db, err := sql.Open("sqlite", os.Getenv("DUIJIE_BENCH_CAMPAIGN_DB")+"?_pragma=busy_timeout(10000)")
	if err != nil || os.Getenv("DUIJIE_BENCH_CAMPAIGN_DB") == "" {
		b.Skip("needs DUIJIE_BENCH_CAMPAIGN_DB")
	}
	defer db.Close()
	ctx, key := context.Background(), store.ScopeKey(benchScopeUnkept)
	drop := func() error {
		for _, q := range []string{`DELETE FROM campaign_scopes WHERE scope = ?`, `DELETE FROM campaign_parts WHERE cluster = ?`,
			`DELETE FROM campaign_firsts WHERE cluster = ?`} {
			if _, err := db.ExecContext(ctx, q, key); err != nil {
				return err
			}
		}
		return nil
	}
	var rows int
	d := make([]time.Duration, 0, b.N)
	for range b.N {
		if err := drop(); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if err := st.Campaign.RegisterScope(ctx, benchScopeUnkept); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t0))
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM campaign_parts WHERE cluster = ?`, key).Scan(&rows); err != nil {
			b.Fatal(err)
		}
	}
	if err := drop(); err != nil {
		b.Fatal(err)
	}
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(d[len(d)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(rows), "part-rows")
}

// BenchmarkCampaignActualsYearFromRecords is BenchmarkCampaignActualsYear counted from the records.
func BenchmarkCampaignActualsYearFromRecords(b *testing.B) {
	st := campaignBenchStore(b)
	w := campaignBenchWindow(nil)
	w.FromRecords = true
	benchLatency(b, func() error { _, err := st.Campaign.Actuals(context.Background(), w); return err })
}

// BenchmarkCampaignMonthlyFromRecords is BenchmarkCampaignMonthly counted from the records.
func BenchmarkCampaignMonthlyFromRecords(b *testing.B) {
	st := campaignBenchStore(b)
	w := campaignBenchWindow(nil)
	w.FromRecords = true
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	cuts := domain.CampaignMonthCuts(benchYear, loc)
	benchLatency(b, func() error { _, err := st.Campaign.Monthly(context.Background(), w, cuts); return err })
}

// BenchmarkCampaignBulletinXLSX is the monthly bulletin's workbook as an admin downloads it
// (GET /campaign/report.xlsx): the service's Bulletin (the year to June with every cluster's
// row, the monthly series and the year before, the month's events, the year's brand events, the
// 500 largest signed deals with their leads) and exports.WriteBulletin.
func BenchmarkCampaignBulletinXLSX(b *testing.B) {
	benchBulletin(b, &domain.User{ID: "admin", Role: domain.RoleAdmin})
}

// BenchmarkCampaignBulletinXLSXOrganiser is the same workbook as an organiser of L1 and L2
// downloads it: the scope's figures (kept) and each of its two clusters'.
func BenchmarkCampaignBulletinXLSXOrganiser(b *testing.B) {
	benchBulletin(b, &domain.User{ID: "organiser", Role: domain.RoleOrganiser, Clusters: benchScope})
}

func benchBulletin(b *testing.B, u *domain.User) {
	st := campaignBenchStore(b)
	if u.Role == domain.RoleOrganiser {
		keepBenchScope(b, st)
	}
	ctx := context.Background()
	if err := seed.Clusters(ctx, st); err != nil {
		b.Fatal(err)
	}
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	now := time.Date(benchYear, 7, 1, 9, 0, 0, 0, loc)
	svc := campaignsvc.New(st, loc, func() time.Time { return now })
	var size int
	benchLatency(b, func() error {
		bl, err := svc.Bulletin(ctx, u, benchYear, 6, "")
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		err = exports.WriteBulletin(&buf, bl, "zh-CN", loc)
		size = buf.Len()
		return err
	})
	b.ReportMetric(float64(size)/1024, "xlsx-KiB")
}

// BenchmarkCampaignWriteAnswer is one supplier answering "interested" through the store
// (Matches.Update) on the city-scale file: the write the totals' triggers make dearest (the
// match's tallies move, and the supplier takes part in its month in the match's cluster and
// the whole programme, by kind and in all). Each iteration answers another sent match, so the
// file changes a little with every run.
func BenchmarkCampaignWriteAnswer(b *testing.B) {
	benchWriteAnswer(b, campaignBenchStore(b), nil)
}

func benchWriteAnswer(b *testing.B, st *store.Store, clusters []string) {
	ctx := context.Background()
	list, _, _, err := st.Matches.List(ctx, store.MatchFilter{Clusters: clusters, Statuses: []domain.MatchStatus{domain.MatchSent}},
		store.Page{Limit: b.N})
	if err != nil || len(list) < b.N {
		b.Fatalf("%d sent matches (%v)", len(list), err)
	}
	i := 0
	benchLatency(b, func() error {
		m := &list[i]
		i++
		if _, err := m.Respond(domain.MatchInterested, "", "bench", time.Now()); err != nil {
			return err
		}
		return st.Matches.Update(ctx, m, domain.MatchSent)
	})
}

// BenchmarkCampaignMonthlyOrganiser is the monthly series of an organiser of two clusters
// whose scope is kept.
func BenchmarkCampaignMonthlyOrganiser(b *testing.B) {
	benchMonthly(b, benchScope)
}

// BenchmarkCampaignMonthlyOrganiserUnkept is the same for a scope not kept.
func BenchmarkCampaignMonthlyOrganiserUnkept(b *testing.B) {
	benchMonthly(b, benchScopeUnkept)
}

func benchMonthly(b *testing.B, clusters []string) {
	st := campaignBenchStore(b)
	keepBenchScope(b, st)
	w := campaignBenchWindow(clusters)
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	cuts := domain.CampaignMonthCuts(benchYear, loc)
	benchLatency(b, func() error { _, err := st.Campaign.Monthly(context.Background(), w, cuts); return err })
}

// BenchmarkCampaignWriteAnswerL1 is BenchmarkCampaignWriteAnswer on matches of L1. Once the
// scope L1+L2 is kept on the fixture (any organiser benchmark registers it; the log says) the
// supplier's parts move in the scope too: two more part rows, and its first months. Run before
// and after that registration, it is the write cost of a kept scope.
func BenchmarkCampaignWriteAnswerL1(b *testing.B) {
	st := campaignBenchStore(b)
	kept, err := st.Campaign.Scopes(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("kept scopes: %v", kept)
	benchWriteAnswer(b, st, []string{"L1"})
}

// BenchmarkCampaignMatchTallyOrganiser is the funnel of an organiser of two clusters: the match
// totals, kept per cluster list, read for any list meeting the two (json_each), no scope needed.
func BenchmarkCampaignMatchTallyOrganiser(b *testing.B) {
	st := campaignBenchStore(b)
	w := campaignBenchWindow(benchScopeUnkept)
	benchLatency(b, func() error { _, err := st.Campaign.MatchTally(context.Background(), w); return err })
}
