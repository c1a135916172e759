package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"duijie/domain"
	"duijie/store"
)

// tallyMatches counts the matches (alias m) selected by w into domain.MatchCounts, one per
// bucket (bucket is an SQL expression giving 0…n-1; "0" for one tally). Every view of the
// campaign's outcomes — funnel, dashboard, months — reads these tallies and lets
// domain.MatchCounts.Outcomes decide what counts, so the engines hold no definition of their own.
func tallyMatches(ctx context.Context, q querier, w where, bucket string, n int) ([]domain.MatchCounts, error) {
	return foldMatchCounts(ctx, q, `SELECT `+bucket+`, m.status, m.reached, m.currency = 'CNY', count(*), coalesce(sum(m.value), 0)
		FROM matches m`+w.sql()+` GROUP BY 1, 2, 3, 4`, w.args, n)
}

// foldMatchCounts folds rows of (bucket, status, furthest stage, is CNY, count, value) into n
// tallies: the one reading of match counts, whether they come from the matches themselves or
// from the running totals.
func foldMatchCounts(ctx context.Context, q querier, query string, args []any, n int) ([]domain.MatchCounts, error) {
	out := make([]domain.MatchCounts, n)
	for i := range out {
		out[i] = domain.NewMatchCounts()
	}
	err := groupRows(ctx, q, query, args, func(rows *sql.Rows) error {
		var b, reached, k int
		var cny bool
		var status domain.MatchStatus
		var v int64
		if err := rows.Scan(&b, &status, &reached, &cny, &k, &v); err != nil {
			return err
		}
		if b < 0 || b >= n {
			return nil
		}
		c := out[b]
		c.ByStatus[status] += k
		c.ByReached[reached] += k
		if cny {
			c.Values[status] += v
		}
		return nil
	})
	return out, err
}

// monthBucket is an SQL expression numbering the month (0-based) of col among cuts; rows
// outside [cuts[0], cuts[last]) get -1. The cut points are integers of our own making, written
// into the SQL so the expression needs no arguments.
func monthBucket(col string, cuts []time.Time) string {
	var b strings.Builder
	b.WriteString("CASE WHEN " + col + " < " + strconv.FormatInt(ms(cuts[0]), 10) + " THEN -1")
	for i := 1; i < len(cuts); i++ {
		b.WriteString(" WHEN " + col + " < " + strconv.FormatInt(ms(cuts[i]), 10) + " THEN " + strconv.Itoa(i-1))
	}
	b.WriteString(" ELSE -1 END")
	return b.String()
}

// Monthly counts w month by month, in one read snapshot.
func (r *campaign) Monthly(ctx context.Context, w store.CampaignWindow, cuts []time.Time) ([]domain.CampaignTally, error) {
	n := len(cuts) - 1
	if n < 1 {
		return nil, nil
	}
	out := make([]domain.CampaignTally, n)
	for i := range out {
		out[i].Matches = domain.NewMatchCounts()
	}
	if w.Clusters != nil && len(w.Clusters) == 0 {
		return out, nil
	}
	held, _ := splitWindow(w)
	err := r.read(ctx, func(tx *sql.Tx) error {
		bucketOf := func(rows *sql.Rows, add func(*domain.CampaignTally, int)) error {
			var b, k int
			if err := rows.Scan(&b, &k); err != nil {
				return err
			}
			if b >= 0 && b < n {
				add(&out[b], k)
			}
			return nil
		}
		if !held.empty() {
			ev := eventWindow(w.Clusters, held)
			err := groupRows(ctx, tx, `SELECT `+monthBucket("e.starts_at", cuts)+`, e.kind, count(*) FROM events e`+ev.sql()+
				` GROUP BY 1, 2`, ev.args, func(rows *sql.Rows) error {
				var b, k int
				var kind domain.EventKind
				if err := rows.Scan(&b, &kind, &k); err != nil || b < 0 || b >= n {
					return err
				}
				switch kind {
				case domain.EventFlagship:
					out[b].FlagshipEvents += k
				case domain.EventMatchmaking:
					out[b].MatchmakingEvents += k
				}
				return nil
			})
			if err != nil {
				return err
			}
			ev.add("e.kind <> ?", domain.EventMatchmaking)
			ev.add("json_extract(s.value, '$.kind') = ?", domain.SessionMatchmaking)
			err = groupRows(ctx, tx, `SELECT `+monthBucket("e.starts_at", cuts)+`, count(*) FROM events e, json_each(e.sessions) s`+
				ev.sql()+` GROUP BY 1`, ev.args, func(rows *sql.Rows) error {
				return bucketOf(rows, func(t *domain.CampaignTally, k int) { t.MatchmakingRounds += k })
			})
			if err != nil {
				return err
			}
		}
		if year, months, ok := w.TotalsSpan(); ok && n == 12 && store.TotalsCuts(year, cuts) {
			return totalsMonthly(ctx, tx, w.Clusters, year, months, out)
		}
		leads := leadWindow(w)
		err := groupRows(ctx, tx, `SELECT `+monthBucket("l.opened_at", cuts)+`, count(*) FROM leads l`+leads.sql()+` GROUP BY 1`,
			leads.args, func(rows *sql.Rows) error {
				return bucketOf(rows, func(t *domain.CampaignTally, k int) { t.Leads += k })
			})
		if err != nil {
			return err
		}
		if err := newEnterprisesByMonth(ctx, tx, w, cuts, bucketOf); err != nil {
			return err
		}
		tallies, err := tallyMatches(ctx, tx, matchWindow(w), monthBucket("m.sent_at", cuts), n)
		for i := range tallies {
			out[i].Matches = tallies[i]
		}
		return err
	})
	return out, dbErr("count campaign months", err)
}

// newEnterprisesByMonth counts each enterprise taking part in the year once, in the month of its
// first part (the three ways of countEnterprises, each dated).
func newEnterprisesByMonth(ctx context.Context, tx *sql.Tx, w store.CampaignWindow, cuts []time.Time,
	bucketOf func(*sql.Rows, func(*domain.CampaignTally, int)) error) error {
	ev := eventWindow(w.Clusters, span{w.From, w.Until})
	ev.add("r.status = ?", domain.RegConfirmed)
	lq := leadWindow(w)
	lq.add("l.buyer_enterprise_id <> ''")
	mq := matchWindow(w)
	mq.add("m.reached >= ? AND m.status <> ?", domain.MatchInterested.Stage(), domain.MatchDeclined)
	var args []any
	args = append(append(append(args, ev.args...), lq.args...), mq.args...)
	return groupRows(ctx, tx, `SELECT `+monthBucket("t", cuts)+`, count(*) FROM (SELECT id, min(t) AS t FROM (
			SELECT r.enterprise_id AS id, e.starts_at AS t FROM registrations r JOIN events e ON e.id = r.event_id`+ev.sql()+`
			UNION ALL SELECT l.buyer_enterprise_id, l.opened_at FROM leads l`+lq.sql()+`
			UNION ALL SELECT m.enterprise_id, m.sent_at FROM matches m`+mq.sql()+`
		) GROUP BY id) GROUP BY 1`, args, func(rows *sql.Rows) error {
		return bucketOf(rows, func(t *domain.CampaignTally, k int) { t.NewEnterprises += k })
	})
}

// SignedDeals lists the signed matches of w, the largest value first.
func (r *campaign) SignedDeals(ctx context.Context, w store.CampaignWindow, limit int) ([]domain.Match, error) {
	if (w.Clusters != nil && len(w.Clusters) == 0) || limit <= 0 {
		return []domain.Match{}, nil
	}
	q := matchWindow(w)
	q.add("m.status = ?", domain.MatchSigned)
	out, err := queryAll(ctx, r.r, scanMatch, `SELECT `+matchCols+` FROM matches m`+q.sql()+
		` ORDER BY m.value DESC, m.id LIMIT ?`, append(q.args, limit)...)
	return out, dbErr("list signed deals", err)
}
