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

// Actuals counts domain.CampaignActuals with the operations docs/contract.md §Storage allows: counts,
// $match + $group with one $sum, and $unwind + $count for the agenda rounds. Without $lookup,
// the registrations of the year's events are found through the events' IDs, and the distinct
// enterprises of the three ways to take part are united here. Without transactions the counts
// are not one snapshot; a dashboard can live with a registration arriving between two of them.
func (r campaignRepo) Actuals(ctx context.Context, w store.CampaignWindow) (domain.CampaignActuals, error) {
	var a domain.CampaignActuals
	if w.Clusters != nil && len(w.Clusters) == 0 {
		return a, nil
	}
	held, upcoming := campaignSplit(w)
	if held.from.Before(held.until) {
		if err := r.countEvents(ctx, w.Clusters, held, &a.FlagshipEvents, &a.MatchmakingEvents, &a.MatchmakingRounds); err != nil {
			return a, err
		}
	}
	if upcoming.from.Before(upcoming.until) {
		var events, rounds int
		if err := r.countEvents(ctx, w.Clusters, upcoming, &a.FlagshipScheduled, &events, &rounds); err != nil {
			return a, err
		}
		a.MatchmakingScheduled = events + rounds
	}
	if year, months, ok := w.TotalsSpan(); ok {
		return a, r.totalsActuals(ctx, w.Clusters, year, months, &a)
	}
	if err := r.countEnterprises(ctx, w, &a); err != nil {
		return a, err
	}
	n, err := r.leads.CountDocuments(ctx, campaignLeadFilter(w))
	if err != nil {
		return a, fmt.Errorf("mongodb: count campaign leads: %w", err)
	}
	a.Leads = int(n)
	return a, r.countOutcomes(ctx, w, &a)
}

// campaignSpan is a half-open time range [from, until).
type campaignSpan struct{ from, until time.Time }

// campaignSplit divides the year at w.Now into held and scheduled events.
func campaignSplit(w store.CampaignWindow) (held, upcoming campaignSpan) {
	if w.Now.IsZero() {
		return campaignSpan{w.From, w.Until}, campaignSpan{}
	}
	cut := w.Now
	if cut.Before(w.From) {
		cut = w.From
	}
	if cut.After(w.Until) {
		cut = w.Until
	}
	return campaignSpan{w.From, cut}, campaignSpan{cut, w.Until}
}

func campaignRange(from, until time.Time) bson.D {
	return bson.D{{Key: "$gte", Value: instant(from)}, {Key: "$lt", Value: instant(until)}}
}

func campaignIn(vals []string) bson.D { return bson.D{{Key: "$in", Value: vals}} }

// campaignEventFilter selects the counted events (published or completed) starting in s.
func campaignEventFilter(clusters []string, s campaignSpan) bson.D {
	f := bson.D{
		{Key: "status", Value: campaignIn([]string{string(domain.EventPublished), string(domain.EventCompleted)})},
		{Key: "startsAt", Value: campaignRange(s.from, s.until)},
	}
	if clusters != nil {
		f = append(f, bson.E{Key: "cluster", Value: campaignIn(clusters)})
	}
	return f
}

// campaignLeadFilter selects the leads opened in the year, in the clusters.
func campaignLeadFilter(w store.CampaignWindow) bson.D { return campaignYear(w, "openedAt") }

// campaignMatchFilter selects the matches sent in the year, of leads in the clusters.
func campaignMatchFilter(w store.CampaignWindow) bson.D { return campaignYear(w, "sentAt") }

// campaignYear selects the documents whose field falls in the year, in the clusters.
func campaignYear(w store.CampaignWindow, field string) bson.D {
	f := bson.D{{Key: field, Value: campaignRange(w.From, w.Until)}}
	if w.Clusters != nil {
		f = append(f, bson.E{Key: "clusters", Value: campaignIn(w.Clusters)})
	}
	return f
}

// countEvents counts the flagship and matchmaking events of s, and the matchmaking rounds on the
// agendas of the other events.
func (r campaignRepo) countEvents(ctx context.Context, clusters []string, s campaignSpan, flagship, matchmaking, rounds *int) error {
	filter := campaignEventFilter(clusters, s)
	err := groupSum(ctx, r.events, filter, "kind", 1, func(kind string, n int64) {
		switch domain.EventKind(kind) {
		case domain.EventFlagship:
			*flagship = int(n)
		case domain.EventMatchmaking:
			*matchmaking = int(n)
		}
	})
	if err != nil {
		return fmt.Errorf("mongodb: count campaign events: %w", err)
	}
	others := append(filter, bson.E{Key: "kind", Value: bson.D{{Key: "$ne", Value: string(domain.EventMatchmaking)}}})
	cur, err := r.events.Aggregate(ctx, bson.A{
		bson.D{{Key: "$match", Value: others}},
		bson.D{{Key: "$unwind", Value: "$sessions"}},
		bson.D{{Key: "$match", Value: bson.D{{Key: "sessions.kind", Value: string(domain.SessionMatchmaking)}}}},
		bson.D{{Key: "$count", Value: "n"}},
	})
	if err != nil {
		return fmt.Errorf("mongodb: count campaign rounds: %w", err)
	}
	var out []struct {
		N int64 `bson:"n"`
	}
	if err := cur.All(ctx, &out); err != nil {
		return fmt.Errorf("mongodb: count campaign rounds: %w", err)
	}
	*rounds = 0
	if len(out) > 0 { // $count answers nothing at all when nothing matched
		*rounds = int(out[0].N)
	}
	return nil
}

// countEnterprises collects the enterprises of each way to take part and counts their union.
func (r campaignRepo) countEnterprises(ctx context.Context, w store.CampaignWindow, a *domain.CampaignActuals) error {
	all, err := r.participants(ctx, w, a)
	a.Enterprises = len(all)
	return err
}

// participants returns the enterprises taking part in w, and counts each way of taking part
// into a.
func (r campaignRepo) participants(ctx context.Context, w store.CampaignWindow, a *domain.CampaignActuals) (map[string]struct{}, error) {
	all := map[string]struct{}{}
	collect := func(c *driver.Collection, filter bson.D, key string, dst *int) error {
		n := 0
		err := groupSum(ctx, c, filter, key, 1, func(id string, _ int64) {
			if id == "" {
				return
			}
			n++
			all[id] = struct{}{}
		})
		*dst = n
		return err
	}

	ids, err := r.eventIDs(ctx, campaignEventFilter(w.Clusters, campaignSpan{w.From, w.Until}))
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		regs := bson.D{{Key: "eventId", Value: campaignIn(ids)}, {Key: "status", Value: string(domain.RegConfirmed)}}
		if err := collect(r.regs, regs, "enterpriseId", &a.EventEnterprises); err != nil {
			return nil, fmt.Errorf("mongodb: count campaign enterprises at events: %w", err)
		}
	}
	buyers := append(campaignLeadFilter(w), bson.E{Key: "buyerEnterpriseId", Value: bson.D{{Key: "$ne", Value: ""}}})
	if err := collect(r.leads, buyers, "buyerEnterpriseId", &a.BuyerEnterprises); err != nil {
		return nil, fmt.Errorf("mongodb: count campaign buyers: %w", err)
	}
	suppliers := append(campaignMatchFilter(w),
		bson.E{Key: "reached", Value: bson.D{{Key: "$gte", Value: domain.MatchInterested.Stage()}}},
		bson.E{Key: "status", Value: bson.D{{Key: "$ne", Value: string(domain.MatchDeclined)}}})
	if err := collect(r.matchesColl, suppliers, "enterpriseId", &a.SupplierEnterprises); err != nil {
		return nil, fmt.Errorf("mongodb: count campaign suppliers: %w", err)
	}
	return all, nil
}

// eventIDs returns the IDs of the events matching filter.
func (r campaignRepo) eventIDs(ctx context.Context, filter bson.D) ([]string, error) {
	cur, err := r.events.Find(ctx, filter, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("mongodb: find campaign events: %w", err)
	}
	return readIDs(ctx, cur, "read campaign events")
}

// countOutcomes counts intentions and signed deals and sums their CNY values: the tallies of
// the year's matches, read through domain.MatchCounts.Outcomes like every other view.
func (r campaignRepo) countOutcomes(ctx context.Context, w store.CampaignWindow, a *domain.CampaignActuals) error {
	c, err := tallyMatches(ctx, r.matchesColl, campaignMatchFilter(w))
	if err != nil {
		return fmt.Errorf("mongodb: count campaign outcomes: %w", err)
	}
	*a = a.WithOutcomes(c.Outcomes())
	return nil
}
