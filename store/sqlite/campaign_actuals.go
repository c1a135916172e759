package sqlite

import (
	"context"
	"database/sql"
	"time"

	"duijie/domain"
	"duijie/store"
)

// Events that count for the campaign: announced and not called off.
const campaignEventStatuses = `e.status IN ('published', 'completed')`

// Actuals runs the counts of domain.CampaignActuals in one read snapshot, so the figures of one
// dashboard agree with each other.
func (r *campaign) Actuals(ctx context.Context, w store.CampaignWindow) (domain.CampaignActuals, error) {
	var a domain.CampaignActuals
	if w.Clusters != nil && len(w.Clusters) == 0 {
		return a, nil
	}
	held, upcoming := splitWindow(w)
	err := r.read(ctx, func(tx *sql.Tx) error {
		if !held.empty() {
			if err := countEvents(ctx, tx, w.Clusters, held, &a.FlagshipEvents, &a.MatchmakingEvents, &a.MatchmakingRounds); err != nil {
				return err
			}
		}
		if !upcoming.empty() {
			var events, rounds int
			if err := countEvents(ctx, tx, w.Clusters, upcoming, &a.FlagshipScheduled, &events, &rounds); err != nil {
				return err
			}
			a.MatchmakingScheduled = events + rounds
		}
		if year, months, ok := w.TotalsSpan(); ok {
			return totalsActuals(ctx, tx, w.Clusters, year, months, &a)
		}
		if err := countEnterprises(ctx, tx, w, &a); err != nil {
			return err
		}
		leads := leadWindow(w)
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM leads l`+leads.sql(), leads.args...).Scan(&a.Leads); err != nil {
			return err
		}
		tallies, err := tallyMatches(ctx, tx, matchWindow(w), "0", 1)
		if err == nil {
			a = a.WithOutcomes(tallies[0].Outcomes())
		}
		return err
	})
	return a, dbErr("count campaign actuals", err)
}

// span is a half-open time range [from, until).
type span struct{ from, until time.Time }

func (s span) empty() bool { return !s.from.Before(s.until) }

// splitWindow divides the year at w.Now into the part whose events are held and the part whose
// events are only scheduled.
func splitWindow(w store.CampaignWindow) (held, upcoming span) {
	if w.Now.IsZero() {
		return span{w.From, w.Until}, span{}
	}
	cut := w.Now
	if cut.Before(w.From) {
		cut = w.From
	}
	if cut.After(w.Until) {
		cut = w.Until
	}
	return span{w.From, cut}, span{cut, w.Until}
}

// eventWindow selects the counted events (alias e) starting in s, in the clusters.
func eventWindow(clusters []string, s span) where {
	var q where
	q.add(campaignEventStatuses)
	q.add("e.starts_at >= ? AND e.starts_at < ?", ms(s.from), ms(s.until))
	if clusters != nil {
		q.in("e.cluster", clusters)
	}
	return q
}

// countEvents counts the flagship and matchmaking events of s, and the matchmaking rounds held
// inside the other events.
func countEvents(ctx context.Context, tx *sql.Tx, clusters []string, s span, flagship, matchmaking, rounds *int) error {
	q := eventWindow(clusters, s)
	err := groupRows(ctx, tx, `SELECT e.kind, count(*) FROM events e`+q.sql()+` GROUP BY e.kind`, q.args,
		func(rows *sql.Rows) error {
			var kind domain.EventKind
			var n int
			if err := rows.Scan(&kind, &n); err != nil {
				return err
			}
			switch kind {
			case domain.EventFlagship:
				*flagship = n
			case domain.EventMatchmaking:
				*matchmaking = n
			}
			return nil
		})
	if err != nil {
		return err
	}
	q.add("e.kind <> ?", domain.EventMatchmaking)
	q.add("json_extract(s.value, '$.kind') = ?", domain.SessionMatchmaking)
	return tx.QueryRowContext(ctx, `SELECT count(*) FROM events e, json_each(e.sessions) s`+q.sql(), q.args...).Scan(rounds)
}

// leadWindow selects the leads (alias l) opened in the year, in the clusters.
func leadWindow(w store.CampaignWindow) where { return yearWindow(w, "lead", "l", "opened_at") }

// matchWindow selects the matches (alias m) sent in the year, of leads in the clusters.
func matchWindow(w store.CampaignWindow) where { return yearWindow(w, "match", "m", "sent_at") }

// yearWindow selects the records of kind (table alias alias) whose col falls in the year, in the
// clusters.
func yearWindow(w store.CampaignWindow, kind, alias, col string) where {
	var q where
	q.add(alias+"."+col+" >= ? AND "+alias+"."+col+" < ?", ms(w.From), ms(w.Until))
	if w.Clusters != nil {
		q.inClusters(kind, alias+".id", w.Clusters)
	}
	return q
}

// countEnterprises counts the enterprises of each way to take part, and all of them once.
func countEnterprises(ctx context.Context, tx *sql.Tx, w store.CampaignWindow, a *domain.CampaignActuals) error {
	ev := eventWindow(w.Clusters, span{w.From, w.Until})
	ev.add("r.status = ?", domain.RegConfirmed)
	atEvents := `SELECT r.enterprise_id AS id FROM registrations r JOIN events e ON e.id = r.event_id` + ev.sql()

	lq := leadWindow(w)
	lq.add("l.buyer_enterprise_id <> ''")
	buyers := `SELECT l.buyer_enterprise_id AS id FROM leads l` + lq.sql()

	mq := matchWindow(w)
	mq.add("m.reached >= ? AND m.status <> ?", domain.MatchInterested.Stage(), domain.MatchDeclined)
	suppliers := `SELECT m.enterprise_id AS id FROM matches m` + mq.sql()

	for _, c := range []struct {
		query string
		args  []any
		dst   *int
	}{
		{atEvents, ev.args, &a.EventEnterprises},
		{buyers, lq.args, &a.BuyerEnterprises},
		{suppliers, mq.args, &a.SupplierEnterprises},
	} {
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT id) FROM (`+c.query+`)`, c.args...).Scan(c.dst); err != nil {
			return err
		}
	}
	var all []any
	all = append(append(append(all, ev.args...), lq.args...), mq.args...)
	return tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+atEvents+` UNION `+buyers+` UNION `+suppliers+`)`, all...).
		Scan(&a.Enterprises)
}
