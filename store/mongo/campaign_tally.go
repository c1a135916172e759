package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

// tallyMatches counts the matches selected by filter into domain.MatchCounts with three
// $group/$sum passes (by status, by furthest stage, CNY value by status). Every view of the
// campaign's outcomes reads these tallies and lets domain.MatchCounts.Outcomes decide what
// counts, so the engine holds no definition of its own.
func tallyMatches(ctx context.Context, c *driver.Collection, filter bson.D) (domain.MatchCounts, error) {
	out := domain.NewMatchCounts()
	if err := groupSum(ctx, c, filter, "status", 1, func(s string, n int64) {
		out.ByStatus[domain.MatchStatus(s)] += int(n)
	}); err != nil {
		return out, fmt.Errorf("by status: %w", err)
	}
	if err := groupSum(ctx, c, filter, "reached", 1, func(stage int, n int64) {
		out.ByReached[stage] += int(n)
	}); err != nil {
		return out, fmt.Errorf("by stage: %w", err)
	}
	cny := bson.D{{Key: "$and", Value: bson.A{filter, bson.D{{Key: "currency", Value: "CNY"}}}}}
	if len(filter) == 0 {
		cny = bson.D{{Key: "currency", Value: "CNY"}}
	}
	if err := groupSum(ctx, c, cny, "status", "$value", func(s string, v int64) {
		out.Values[domain.MatchStatus(s)] += v
	}); err != nil {
		return out, fmt.Errorf("values: %w", err)
	}
	return out, nil
}

// Monthly counts each month with the year's counts narrowed to it. Without $lookup or date
// expressions in $group (FerretDB v1 has neither), a month is a window of its own; an
// enterprise is counted in the first month it appears in.
func (r campaignRepo) Monthly(ctx context.Context, w store.CampaignWindow, cuts []time.Time) ([]domain.CampaignTally, error) {
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
	held, _ := campaignSplit(w)
	year, months, totals := w.TotalsSpan()
	totals = totals && n == 12 && store.TotalsCuts(year, cuts)
	seen := map[string]struct{}{}
	for i := range n {
		from, until := later(cuts[i], w.From), earlier(cuts[i+1], w.Until)
		if !from.Before(until) {
			continue
		}
		month := store.CampaignWindow{From: from, Until: until, Clusters: w.Clusters}
		t := &out[i]
		if h := (campaignSpan{later(from, held.from), earlier(until, held.until)}); h.from.Before(h.until) {
			if err := r.countEvents(ctx, w.Clusters, h, &t.FlagshipEvents, &t.MatchmakingEvents, &t.MatchmakingRounds); err != nil {
				return nil, err
			}
		}
		if totals {
			continue // the rest from the running totals, below
		}
		k, err := r.leads.CountDocuments(ctx, campaignLeadFilter(month))
		if err != nil {
			return nil, fmt.Errorf("mongodb: count campaign leads: %w", err)
		}
		t.Leads = int(k)
		ids, err := r.participants(ctx, month, &domain.CampaignActuals{})
		if err != nil {
			return nil, err
		}
		for id := range ids {
			if _, ok := seen[id]; !ok {
				seen[id] = struct{}{}
				t.NewEnterprises++
			}
		}
		if t.Matches, err = tallyMatches(ctx, r.matchesColl, campaignMatchFilter(month)); err != nil {
			return nil, fmt.Errorf("mongodb: count campaign outcomes: %w", err)
		}
	}
	if totals {
		if err := r.totalsMonthly(ctx, w.Clusters, year, months, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// SignedDeals lists the signed matches of w, the largest value first.
func (r campaignRepo) SignedDeals(ctx context.Context, w store.CampaignWindow, limit int) ([]domain.Match, error) {
	if (w.Clusters != nil && len(w.Clusters) == 0) || limit <= 0 {
		return []domain.Match{}, nil
	}
	filter := append(campaignMatchFilter(w), bson.E{Key: "status", Value: string(domain.MatchSigned)})
	return findAll(ctx, r.matchesColl, filter, options.Find().SetSort(bson.D{{Key: "value", Value: -1}, {Key: "_id", Value: 1}}).
		SetLimit(int64(limit)), (*matchDoc).match)
}
