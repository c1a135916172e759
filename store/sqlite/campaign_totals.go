package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"duijie/domain"
	"duijie/store"
)

// The running totals of 0114_campaign_totals.sql, read for a window of whole months of one year
// (store.CampaignWindow.TotalsSpan). What they count is what the counts from the records count
// (campaign_actuals.go, campaign_tally.go); the conformance suite compares the two after a random
// mix of writes.

// totalsRange selects the rows of months lo…hi (yyyymm) of a totals table (alias t) keyed by
// cluster list, whose list meets clusters (nil: every row).
func totalsRange(clusters []string, lo, hi int) where {
	var q where
	q.add("t.month BETWEEN ? AND ?", lo, hi)
	if clusters != nil {
		ph, args := inList(clusters)
		q.add("EXISTS (SELECT 1 FROM json_each(t.clusters) WHERE value IN ("+ph+"))", args...)
	}
	return q
}

// totalsActuals fills a's enterprises, leads and outcomes from the totals of the first months
// of year.
func totalsActuals(ctx context.Context, tx *sql.Tx, clusters []string, year, months int, a *domain.CampaignActuals) error {
	lo, hi := store.TotalsMonth(year, 1), store.TotalsMonth(year, months)
	dst := map[string]*int{"event": &a.EventEnterprises, "buyer": &a.BuyerEnterprises, "supplier": &a.SupplierEnterprises,
		"*": &a.Enterprises}
	key, kept, err := totalsKey(ctx, tx, clusters)
	if err != nil {
		return err
	}
	query, args := `SELECT kind, coalesce(sum(n), 0) FROM campaign_firsts WHERE year = ? AND cluster = ? AND month <= ? GROUP BY kind`,
		[]any{year, key, hi}
	if !kept {
		// Distinct over several clusters is not a sum of theirs: without the scope's own totals
		// (0214_campaign_scopes.sql), count the enterprises' parts.
		ph, cl := inList(clusters)
		query = `SELECT kind, count(DISTINCT enterprise_id) FROM campaign_parts
			WHERE year = ? AND cluster IN (` + ph + `) AND month <= ? AND n > 0 GROUP BY kind`
		args = append(append([]any{year}, cl...), hi)
	}
	err = groupRows(ctx, tx, query, args, func(rows *sql.Rows) error {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			return err
		}
		if p := dst[kind]; p != nil {
			*p = n
		}
		return nil
	})
	if err != nil {
		return err
	}
	lq := totalsRange(clusters, lo, hi)
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(t.n), 0) FROM campaign_lead_totals t`+lq.sql(), lq.args...).
		Scan(&a.Leads); err != nil {
		return err
	}
	c, err := matchTotals(ctx, tx, clusters, lo, hi, "0", 1)
	if err == nil {
		*a = a.WithOutcomes(c[0].Outcomes())
	}
	return err
}

// totalsKey is the cluster key of clusters in campaign_parts and campaign_firsts: '*' for the
// whole programme, the code of one cluster, the scope of several (store.ScopeKey). kept is false
// for several clusters whose scope is not registered: their enterprises are counted from the
// members' parts.
func totalsKey(ctx context.Context, tx *sql.Tx, clusters []string) (key string, kept bool, err error) {
	switch {
	case len(clusters) == 0:
		return "*", true, nil
	case len(clusters) == 1:
		return clusters[0], true, nil
	}
	key = store.ScopeKey(clusters)
	if key == "" { // the same cluster twice: counted from the parts, as before the scopes
		return "", false, nil
	}
	err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM campaign_scopes WHERE scope = ?)`, key).Scan(&kept)
	return key, kept, err
}

// matchTotals folds the match totals of months lo…hi into domain.MatchCounts, one per bucket
// (an SQL expression over t.month giving 0…n-1).
func matchTotals(ctx context.Context, q querier, clusters []string, lo, hi int, bucket string, n int) ([]domain.MatchCounts, error) {
	w := totalsRange(clusters, lo, hi)
	return foldMatchCounts(ctx, q, `SELECT `+bucket+`, t.status, t.reached, t.cny, sum(t.n), sum(t.value)
		FROM campaign_match_totals t`+w.sql()+` GROUP BY 1, 2, 3, 4 HAVING sum(t.n) <> 0`, w.args, n)
}

// totalsMonthly fills the months' enterprises, leads and matches from the totals of the first
// months of year (out has 12 months; those after the window stay empty).
func totalsMonthly(ctx context.Context, tx *sql.Tx, clusters []string, year, months int, out []domain.CampaignTally) error {
	lo, hi := store.TotalsMonth(year, 1), store.TotalsMonth(year, months)
	bucket := "t.month - " + strconv.Itoa(lo)
	add := func(query string, args []any, to func(*domain.CampaignTally, int)) error {
		return groupRows(ctx, tx, query, args, func(rows *sql.Rows) error {
			var b, k int
			if err := rows.Scan(&b, &k); err != nil {
				return err
			}
			if b >= 0 && b < len(out) {
				to(&out[b], k)
			}
			return nil
		})
	}
	key, kept, err := totalsKey(ctx, tx, clusters)
	if err != nil {
		return err
	}
	query, args := `SELECT `+bucket+`, sum(t.n) FROM campaign_firsts t
		WHERE t.year = ? AND t.cluster = ? AND t.kind = '*' AND t.month <= ? GROUP BY 1`, []any{year, key, hi}
	if !kept {
		ph, cl := inList(clusters)
		query = `SELECT t.month - ` + strconv.Itoa(lo) + `, count(*) FROM (SELECT min(month) AS month FROM campaign_parts
			WHERE year = ? AND kind = '*' AND cluster IN (` + ph + `) AND month <= ? AND n > 0 GROUP BY enterprise_id) t GROUP BY 1`
		args = append(append([]any{year}, cl...), hi)
	}
	if err := add(query, args, func(t *domain.CampaignTally, k int) { t.NewEnterprises += k }); err != nil {
		return err
	}
	lq := totalsRange(clusters, lo, hi)
	if err := add(`SELECT `+bucket+`, sum(t.n) FROM campaign_lead_totals t`+lq.sql()+` GROUP BY 1`, lq.args,
		func(t *domain.CampaignTally, k int) { t.Leads += k }); err != nil {
		return err
	}
	tallies, err := matchTotals(ctx, tx, clusters, lo, hi, bucket, len(out))
	for i := range tallies {
		out[i].Matches = tallies[i]
	}
	return err
}

// MatchTally tallies the matches sent in w, from the totals when w is whole months.
func (r *campaign) MatchTally(ctx context.Context, w store.CampaignWindow) (domain.MatchCounts, error) {
	if w.Clusters != nil && len(w.Clusters) == 0 {
		return domain.NewMatchCounts(), nil
	}
	var c []domain.MatchCounts
	err := r.read(ctx, func(tx *sql.Tx) error {
		var err error
		if year, months, ok := w.TotalsSpan(); ok {
			c, err = matchTotals(ctx, tx, w.Clusters, store.TotalsMonth(year, 1), store.TotalsMonth(year, months), "0", 1)
		} else {
			c, err = tallyMatches(ctx, tx, matchWindow(w), "0", 1)
		}
		return err
	})
	if err != nil {
		return domain.NewMatchCounts(), dbErr("tally campaign matches", err)
	}
	return c[0], nil
}

// RebuildTotals empties the running totals and adds every record again, in one transaction:
// the moves are the triggers' own (the backfill of 0114_campaign_totals.sql), which spread
// them over the kept scopes too (0214_campaign_scopes.sql).
func (r *campaign) RebuildTotals(ctx context.Context) error {
	ms, err := loadMigrations(migrationFS)
	if err != nil {
		return err
	}
	var body string
	for _, m := range ms {
		if m.version == 114 {
			body = m.sql
		}
	}
	return dbErr("rebuild campaign totals", r.write(ctx, func(tx *sql.Tx) error {
		for _, t := range []string{"campaign_match_totals", "campaign_lead_totals", "campaign_parts", "campaign_firsts"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return err
			}
		}
		// Every organiser's scope is kept (those registered stay so): registered before the
		// records are added, their totals fill with the members'.
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_scope_adds (clusters)
			SELECT clusters FROM users WHERE role = 'organiser'`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, backfillOf(body))
		return err
	}))
}

// RegisterScope keeps totals for the scope of clusters: the trigger of campaign_scope_adds
// (0214_campaign_scopes.sql) decides whether there is anything to do and fills them.
func (r *campaign) RegisterScope(ctx context.Context, clusters []string) error {
	if store.ScopeKey(clusters) == "" {
		return nil
	}
	return dbErr("register campaign scope", r.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO campaign_scope_adds (clusters) VALUES (?)`, listArg(clusters))
		return err
	}))
}

// Scopes lists the kept scopes, each sorted.
func (r *campaign) Scopes(ctx context.Context) ([][]string, error) {
	var out [][]string
	err := groupRows(ctx, r.r, `SELECT DISTINCT scope FROM campaign_scopes ORDER BY scope`, nil, func(rows *sql.Rows) error {
		var key string
		if err := rows.Scan(&key); err != nil {
			return err
		}
		out = append(out, strings.Split(key, "+"))
		return nil
	})
	return out, dbErr("list campaign scopes", err)
}

// backfillMarker heads the statements of the migration that add the stored records to the
// totals; RebuildTotals runs them again.
const backfillMarker = "-- Backfill from the records already stored"

func backfillOf(migration string) string {
	if i := strings.Index(migration, backfillMarker); i >= 0 {
		return migration[i:]
	}
	return ""
}
