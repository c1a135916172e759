package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"

	"duijie/domain"
	"duijie/store"
)

// Reading the running totals (campaign_totals.go) for a window of whole months of one year:
// a few hundred small documents instead of the year's records.

// findTotals returns the totals of months lo…hi (yyyymm) of c whose cluster list meets
// clusters (nil: all).
func findTotals(ctx context.Context, c *driver.Collection, clusters []string, lo, hi int) ([]totalDoc, error) {
	f := bson.D{{Key: "month", Value: bson.D{{Key: "$gte", Value: lo}, {Key: "$lte", Value: hi}}}}
	if clusters != nil {
		f = append(f, bson.E{Key: "clusters", Value: campaignIn(clusters)})
	}
	cur, err := c.Find(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("mongodb: read campaign totals: %w", err)
	}
	var out []totalDoc
	if err := cur.All(ctx, &out); err != nil {
		return nil, fmt.Errorf("mongodb: read campaign totals: %w", err)
	}
	return out, nil
}

// addMatchTotal adds one total to the tallies, as tallyMatches counts matches.
func addMatchTotal(c domain.MatchCounts, d totalDoc) {
	if d.N == 0 && d.Value == 0 {
		return
	}
	c.ByStatus[domain.MatchStatus(d.Status)] += int(d.N)
	c.ByReached[d.Reached] += int(d.N)
	if d.CNY {
		c.Values[domain.MatchStatus(d.Status)] += d.Value
	}
}

// firstMonths counts, per kind and month, the enterprises first taking part then in clusters
// (nil: the whole programme) up to month hi of year. Over several clusters whose scope is not
// kept the enterprises are collected from their parts, since a distinct count is not a sum.
func (r campaignRepo) firstMonths(ctx context.Context, clusters []string, year, hi int, kinds ...string) (map[string]map[int]int, error) {
	out := map[string]map[int]int{}
	for _, k := range kinds {
		out[k] = map[int]int{}
	}
	cl, kept := "*", true
	switch {
	case len(clusters) == 1:
		cl = clusters[0]
	case len(clusters) > 1:
		// A kept scope (campaign_scopes.go) has first months of its own; any other set of
		// clusters is counted from its members' parts.
		cl = store.ScopeKey(clusters)
		if kept = cl != ""; kept {
			var err error
			if kept, err = r.totals.kept(ctx, cl); err != nil {
				return nil, err
			}
		}
	}
	if kept {
		cur, err := r.totals.firsts.Find(ctx, bson.D{{Key: "year", Value: year}, {Key: "cluster", Value: cl},
			{Key: "month", Value: bson.D{{Key: "$lte", Value: hi}}}})
		if err != nil {
			return nil, fmt.Errorf("mongodb: read campaign firsts: %w", err)
		}
		var docs []firstDoc
		if err := cur.All(ctx, &docs); err != nil {
			return nil, fmt.Errorf("mongodb: read campaign firsts: %w", err)
		}
		for _, d := range docs {
			if m := out[d.Kind]; m != nil {
				m[d.Month] += int(d.N)
			}
		}
		return out, nil
	}
	cur, err := r.totals.parts.Find(ctx, bson.D{{Key: "year", Value: year}, {Key: "cluster", Value: campaignIn(clusters)}})
	if err != nil {
		return nil, fmt.Errorf("mongodb: read campaign parts: %w", err)
	}
	defer func() { _ = cur.Close(ctx) }()
	first := map[string]map[string]int{} // kind → enterprise → first month
	for _, k := range kinds {
		first[k] = map[string]int{}
	}
	for cur.Next(ctx) {
		var p enterpriseParts
		if err := cur.Decode(&p); err != nil {
			return nil, fmt.Errorf("mongodb: read campaign parts: %w", err)
		}
		for _, k := range kinds {
			m := firstMonth(p.M[k], hi)
			if m == 0 {
				continue
			}
			if was, ok := first[k][p.EnterpriseID]; !ok || m < was {
				first[k][p.EnterpriseID] = m
			}
		}
	}
	if err := cur.Err(); err != nil {
		return nil, fmt.Errorf("mongodb: read campaign parts: %w", err)
	}
	for k, es := range first {
		for _, m := range es {
			out[k][m]++
		}
	}
	return out, nil
}

// totalsActuals fills a's enterprises, leads and outcomes from the totals of the first months
// of year.
func (r campaignRepo) totalsActuals(ctx context.Context, clusters []string, year, months int, a *domain.CampaignActuals) error {
	lo, hi := store.TotalsMonth(year, 1), store.TotalsMonth(year, months)
	firsts, err := r.firstMonths(ctx, clusters, year, hi, "event", "buyer", "supplier", "*")
	if err != nil {
		return err
	}
	sum := func(m map[int]int) int {
		n := 0
		for _, v := range m {
			n += v
		}
		return n
	}
	a.EventEnterprises, a.BuyerEnterprises, a.SupplierEnterprises, a.Enterprises =
		sum(firsts["event"]), sum(firsts["buyer"]), sum(firsts["supplier"]), sum(firsts["*"])
	leads, err := findTotals(ctx, r.totals.leadTotals, clusters, lo, hi)
	if err != nil {
		return err
	}
	for _, d := range leads {
		a.Leads += int(d.N)
	}
	c, err := r.matchTotals(ctx, clusters, lo, hi)
	if err == nil {
		*a = a.WithOutcomes(c.Outcomes())
	}
	return err
}

func (r campaignRepo) matchTotals(ctx context.Context, clusters []string, lo, hi int) (domain.MatchCounts, error) {
	c := domain.NewMatchCounts()
	docs, err := findTotals(ctx, r.totals.matchTotals, clusters, lo, hi)
	for _, d := range docs {
		addMatchTotal(c, d)
	}
	return c, err
}

// totalsMonthly fills the months' enterprises, leads and matches from the totals of the first
// months of year.
func (r campaignRepo) totalsMonthly(ctx context.Context, clusters []string, year, months int, out []domain.CampaignTally) error {
	lo, hi := store.TotalsMonth(year, 1), store.TotalsMonth(year, months)
	at := func(month int) *domain.CampaignTally {
		if i := month - lo; i >= 0 && i < len(out) {
			return &out[i]
		}
		return nil
	}
	firsts, err := r.firstMonths(ctx, clusters, year, hi, "*")
	if err != nil {
		return err
	}
	for m, n := range firsts["*"] {
		if t := at(m); t != nil {
			t.NewEnterprises += n
		}
	}
	leads, err := findTotals(ctx, r.totals.leadTotals, clusters, lo, hi)
	if err != nil {
		return err
	}
	for _, d := range leads {
		if t := at(d.Month); t != nil {
			t.Leads += int(d.N)
		}
	}
	docs, err := findTotals(ctx, r.totals.matchTotals, clusters, lo, hi)
	for _, d := range docs {
		if t := at(d.Month); t != nil {
			addMatchTotal(t.Matches, d)
		}
	}
	return err
}

// MatchTally tallies the matches sent in w, from the totals when w is whole months.
func (r campaignRepo) MatchTally(ctx context.Context, w store.CampaignWindow) (domain.MatchCounts, error) {
	if w.Clusters != nil && len(w.Clusters) == 0 {
		return domain.NewMatchCounts(), nil
	}
	if year, months, ok := w.TotalsSpan(); ok {
		return r.matchTotals(ctx, w.Clusters, store.TotalsMonth(year, 1), store.TotalsMonth(year, months))
	}
	c, err := tallyMatches(ctx, r.matchesColl, campaignMatchFilter(w))
	if err != nil {
		return c, fmt.Errorf("mongodb: tally campaign matches: %w", err)
	}
	return c, nil
}

// RebuildTotals recomputes the running totals from the records.
func (r campaignRepo) RebuildTotals(ctx context.Context) error { return r.totals.rebuild(ctx) }
