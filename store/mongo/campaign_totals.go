package mongo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

// The campaign's running totals on MongoDB: the same figures as the SQLite triggers of
// 0114_campaign_totals.sql, kept by the operations CONTRACT §Storage allows. Without
// transactions a record and its totals cannot change in one step, so each record's share of the
// totals is written down in a ledger document: after every write the record is compared with
// its ledger entry, the entry is replaced by a conditional update on its version (two writers of
// one record cannot both apply the same change), and the difference is applied with $inc
// upserts. What can still go wrong is a process stopping between the ledger and the $inc (or
// two writers moving the first month of one enterprise at the same instant): the consistency
// check (FromRecords) finds it and RebuildTotals repairs it.
const (
	campaignLedgerColl  = "campaign_ledger"
	campaignMatchTotals = "campaign_match_totals"
	campaignLeadTotals  = "campaign_lead_totals"
	campaignPartsColl   = "campaign_parts"
	campaignFirstsColl  = "campaign_firsts"
)

func campaignTotalsIndexes() []collection {
	return []collection{
		{campaignLedgerColl, nil},
		{campaignMatchTotals, []driver.IndexModel{index(false, "month")}},
		{campaignLeadTotals, []driver.IndexModel{index(false, "month")}},
		{campaignPartsColl, []driver.IndexModel{index(false, "year", "cluster", "kind", "enterpriseId"),
			index(false, "year", "kind", "cluster", "month")}},
		{campaignFirstsColl, []driver.IndexModel{index(false, "year", "cluster", "month")}},
	}
}

// totalDoc is one running total: matches (status set) or leads of a month and cluster list.
type totalDoc struct {
	ID       string   `bson:"_id"`
	Month    int      `bson:"month"`
	Clusters []string `bson:"clusters"`
	Status   string   `bson:"status,omitempty"`
	Reached  int      `bson:"reached,omitempty"`
	CNY      bool     `bson:"cny,omitempty"`
	N        int64    `bson:"n"`
	Value    int64    `bson:"value,omitempty"`
}

// partDoc counts the records that make an enterprise take part (kind, '*' any) in cluster
// ('*' any) in a month; firstDoc counts the enterprises whose first part is in the month.
type partDoc struct {
	ID           string `bson:"_id"`
	Year         int    `bson:"year"`
	Cluster      string `bson:"cluster"`
	Kind         string `bson:"kind"`
	EnterpriseID string `bson:"enterpriseId"`
	Month        int    `bson:"month"`
	N            int64  `bson:"n"`
}

type firstDoc struct {
	ID      string `bson:"_id"`
	Year    int    `bson:"year"`
	Cluster string `bson:"cluster"`
	Kind    string `bson:"kind"`
	Month   int    `bson:"month"`
	N       int64  `bson:"n"`
}

// share is one record's part of the totals, as its ledger entry holds it.
type share struct {
	Matches []totalDoc `bson:"matches"`
	Leads   []totalDoc `bson:"leads"`
	Parts   []partDoc  `bson:"parts"`
}

type ledgerDoc struct {
	ID    string `bson:"_id"`
	V     int64  `bson:"v"`
	Share share  `bson:",inline"`
}

// totalsMonth is the yyyymm of t in store.TotalsZone.
func totalsMonth(t time.Time) int {
	c := t.In(store.TotalsZone)
	return c.Year()*100 + int(c.Month())
}

func sortedClusters(cs []string) []string {
	out := slices.Clone(cs)
	slices.Sort(out)
	return slices.Compact(out)
}

// parts is the enterprise's part through kind in the clusters in month, spread over '*'.
func parts(month int, clusters []string, kind, enterprise string) []partDoc {
	var out []partDoc
	for _, c := range append([]string{"*"}, clusters...) {
		for _, k := range []string{kind, "*"} {
			out = append(out, partDoc{ID: strings.Join([]string{strconv.Itoa(month / 100), c, k, enterprise, strconv.Itoa(month)}, "|"),
				Year: month / 100, Cluster: c, Kind: k, EnterpriseID: enterprise, Month: month, N: 1})
		}
	}
	return out
}

// The records' fields the totals read.
type matchFacts struct {
	EnterpriseID string     `bson:"enterpriseId"`
	Clusters     []string   `bson:"clusters"`
	Status       string     `bson:"status"`
	Reached      int        `bson:"reached"`
	Value        int64      `bson:"value"`
	Currency     string     `bson:"currency"`
	SentAt       *time.Time `bson:"sentAt"`
}

type leadFacts struct {
	Clusters []string   `bson:"clusters"`
	Buyer    string     `bson:"buyerEnterpriseId"`
	OpenedAt *time.Time `bson:"openedAt"`
}

type regFacts struct {
	EventID      string `bson:"eventId"`
	EnterpriseID string `bson:"enterpriseId"`
	Status       string `bson:"status"`
}

type eventFacts struct {
	Cluster  string    `bson:"cluster"`
	Status   string    `bson:"status"`
	StartsAt time.Time `bson:"startsAt"`
}

// What each record adds to the totals: domain.CampaignActuals' definition, as the SQLite
// triggers and the counts from the records implement it.
func (m matchFacts) share() share {
	var s share
	if m.SentAt == nil {
		return s
	}
	month, cl := totalsMonth(*m.SentAt), sortedClusters(m.Clusters)
	s.Matches = []totalDoc{{ID: fmt.Sprintf("%d|%s|%s|%d|%t", month, strings.Join(cl, ","), m.Status, m.Reached, m.Currency == "CNY"),
		Month: month, Clusters: cl, Status: m.Status, Reached: m.Reached, CNY: m.Currency == "CNY", N: 1, Value: m.Value}}
	if m.Reached >= domain.MatchInterested.Stage() && m.Status != string(domain.MatchDeclined) {
		s.Parts = parts(month, cl, "supplier", m.EnterpriseID)
	}
	return s
}

func (l leadFacts) share() share {
	var s share
	if l.OpenedAt == nil {
		return s
	}
	month, cl := totalsMonth(*l.OpenedAt), sortedClusters(l.Clusters)
	s.Leads = []totalDoc{{ID: fmt.Sprintf("%d|%s", month, strings.Join(cl, ",")), Month: month, Clusters: cl, N: 1}}
	if l.Buyer != "" {
		s.Parts = parts(month, cl, "buyer", l.Buyer)
	}
	return s
}

func (r regFacts) share(e *eventFacts) share {
	var s share
	if e == nil || r.Status != string(domain.RegConfirmed) ||
		(e.Status != string(domain.EventPublished) && e.Status != string(domain.EventCompleted)) {
		return s
	}
	s.Parts = parts(totalsMonth(e.StartsAt), []string{e.Cluster}, "event", r.EnterpriseID)
	return s
}

// campaignTotals keeps the running totals as records change.
type campaignTotals struct {
	ledger, matchTotals, leadTotals, parts, firsts *driver.Collection
	matches, leads, regs, events                   *driver.Collection
}

func newCampaignTotals(db *driver.Database) *campaignTotals {
	return &campaignTotals{ledger: db.Collection(campaignLedgerColl), matchTotals: db.Collection(campaignMatchTotals),
		leadTotals: db.Collection(campaignLeadTotals), parts: db.Collection(campaignPartsColl),
		firsts: db.Collection(campaignFirstsColl), matches: db.Collection(matchesColl), leads: db.Collection(leadsColl),
		regs: db.Collection(registrationsColl), events: db.Collection(eventsColl)}
}

// current reads what the record of key ("m:", "l:" or "r:" and its ID) adds to the totals now
// (nothing when it is gone).
func (t *campaignTotals) current(ctx context.Context, key string) (share, error) {
	kind, id, _ := strings.Cut(key, ":")
	one := func(c *driver.Collection, dst any) (bool, error) {
		err := c.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(dst)
		if errors.Is(err, driver.ErrNoDocuments) {
			return false, nil
		}
		return err == nil, err
	}
	switch kind {
	case "m":
		var m matchFacts
		ok, err := one(t.matches, &m)
		if !ok {
			return share{}, err
		}
		return m.share(), nil
	case "l":
		var l leadFacts
		ok, err := one(t.leads, &l)
		if !ok {
			return share{}, err
		}
		return l.share(), nil
	default:
		var r regFacts
		ok, err := one(t.regs, &r)
		if !ok {
			return share{}, err
		}
		var e eventFacts
		err = t.events.FindOne(ctx, bson.D{{Key: "_id", Value: r.EventID}}).Decode(&e)
		found := err == nil
		if errors.Is(err, driver.ErrNoDocuments) {
			err = nil
		}
		if err != nil {
			return share{}, err
		}
		if !found {
			return r.share(nil), nil
		}
		return r.share(&e), nil
	}
}

// sync brings the totals in line with the record of key: the difference between its ledger
// entry and what it adds now.
func (t *campaignTotals) sync(ctx context.Context, key string) error {
	for attempt := 0; attempt < 8; attempt++ {
		var old ledgerDoc
		err := t.ledger.FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&old)
		found := err == nil
		if err != nil && !errors.Is(err, driver.ErrNoDocuments) {
			return fmt.Errorf("mongodb: campaign ledger: %w", err)
		}
		now, err := t.current(ctx, key)
		if err != nil {
			return fmt.Errorf("mongodb: campaign share of %s: %w", key, err)
		}
		if sameShare(old.Share, now) {
			return nil
		}
		if found {
			res, err := t.ledger.UpdateOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "v", Value: old.V}},
				bson.D{{Key: "$set", Value: now}, {Key: "$inc", Value: bson.D{{Key: "v", Value: 1}}}})
			if err != nil {
				return fmt.Errorf("mongodb: campaign ledger: %w", err)
			}
			if res.ModifiedCount == 0 {
				continue // another writer moved it: compare again
			}
		} else if _, err := t.ledger.InsertOne(ctx, ledgerDoc{ID: key, V: 1, Share: now}); err != nil {
			if isDuplicate(err) {
				continue
			}
			return fmt.Errorf("mongodb: campaign ledger: %w", err)
		}
		return t.apply(ctx, old.Share, now)
	}
	return fmt.Errorf("mongodb: campaign totals of %s: too many concurrent writers", key)
}

// sameShare compares two shares (each built in one order from its record).
func sameShare(a, b share) bool {
	same := func(x, y []totalDoc) bool {
		return slices.EqualFunc(x, y, func(p, q totalDoc) bool { return p.ID == q.ID && p.N == q.N && p.Value == q.Value })
	}
	return same(a.Matches, b.Matches) && same(a.Leads, b.Leads) && slices.Equal(a.Parts, b.Parts)
}

func init() { schema = append(schema, campaignTotalsIndexes()...) }

// apply takes old off the totals and adds now.
func (t *campaignTotals) apply(ctx context.Context, old, now share) error {
	for _, x := range []struct {
		c        *driver.Collection
		old, now []totalDoc
	}{{t.matchTotals, old.Matches, now.Matches}, {t.leadTotals, old.Leads, now.Leads}} {
		for _, d := range x.old {
			if err := t.incTotal(ctx, x.c, d, -1); err != nil {
				return err
			}
		}
		for _, d := range x.now {
			if err := t.incTotal(ctx, x.c, d, 1); err != nil {
				return err
			}
		}
	}
	for _, p := range old.Parts {
		if !slices.Contains(now.Parts, p) {
			if err := t.movePart(ctx, p, -1); err != nil {
				return err
			}
		}
	}
	for _, p := range now.Parts {
		if !slices.Contains(old.Parts, p) {
			if err := t.movePart(ctx, p, 1); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *campaignTotals) incTotal(ctx context.Context, c *driver.Collection, d totalDoc, sign int64) error {
	set := bson.D{{Key: "month", Value: d.Month}, {Key: "clusters", Value: list(d.Clusters)}}
	if d.Status != "" {
		set = append(set, bson.E{Key: "status", Value: d.Status}, bson.E{Key: "reached", Value: d.Reached},
			bson.E{Key: "cny", Value: d.CNY})
	}
	_, err := c.UpdateOne(ctx, bson.D{{Key: "_id", Value: d.ID}},
		bson.D{{Key: "$set", Value: set}, {Key: "$inc", Value: bson.D{{Key: "n", Value: sign}, {Key: "value", Value: sign * d.Value}}}},
		options.Update().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("mongodb: campaign totals: %w", err)
	}
	return nil
}

// movePart adds delta to one part; when the part appears or goes, the enterprise's first month
// may move, and with it campaign_firsts.
func (t *campaignTotals) movePart(ctx context.Context, p partDoc, delta int64) error {
	var after partDoc
	err := t.parts.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: p.ID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "year", Value: p.Year}, {Key: "cluster", Value: p.Cluster},
			{Key: "kind", Value: p.Kind}, {Key: "enterpriseId", Value: p.EnterpriseID}, {Key: "month", Value: p.Month}}},
			{Key: "$inc", Value: bson.D{{Key: "n", Value: delta}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&after)
	if err != nil {
		return fmt.Errorf("mongodb: campaign part: %w", err)
	}
	appeared, went := delta > 0 && after.N == delta, delta < 0 && after.N == 0
	if !appeared && !went {
		return nil
	}
	// The earliest other month in which the enterprise takes part this way.
	cur, err := t.parts.Find(ctx, bson.D{{Key: "year", Value: p.Year}, {Key: "cluster", Value: p.Cluster},
		{Key: "kind", Value: p.Kind}, {Key: "enterpriseId", Value: p.EnterpriseID}, {Key: "n", Value: bson.D{{Key: "$gt", Value: 0}}}})
	if err != nil {
		return fmt.Errorf("mongodb: campaign parts: %w", err)
	}
	var others []partDoc
	if err := cur.All(ctx, &others); err != nil {
		return fmt.Errorf("mongodb: campaign parts: %w", err)
	}
	first := 0
	for _, o := range others {
		if o.Month != p.Month && (first == 0 || o.Month < first) {
			first = o.Month
		}
	}
	inc := func(month int, d int64) error {
		id := strings.Join([]string{strconv.Itoa(p.Year), p.Cluster, p.Kind, strconv.Itoa(month)}, "|")
		_, err := t.firsts.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "year", Value: p.Year}, {Key: "cluster", Value: p.Cluster},
				{Key: "kind", Value: p.Kind}, {Key: "month", Value: month}}}, {Key: "$inc", Value: bson.D{{Key: "n", Value: d}}}},
			options.Update().SetUpsert(true))
		if err != nil {
			return fmt.Errorf("mongodb: campaign firsts: %w", err)
		}
		return nil
	}
	if first != 0 && first < p.Month {
		return nil // an earlier month stays the first
	}
	sign := int64(1)
	if went {
		sign = -1
	}
	if err := inc(p.Month, sign); err != nil {
		return err
	}
	if first != 0 {
		return inc(first, -sign)
	}
	return nil
}

// syncEvent brings in line the registrations of an event that changed.
func (t *campaignTotals) syncEvent(ctx context.Context, eventID string) error {
	cur, err := t.regs.Find(ctx, bson.D{{Key: "eventId", Value: eventID}}, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return fmt.Errorf("mongodb: registrations of %s: %w", eventID, err)
	}
	ids, err := readIDs(ctx, cur, "read registrations")
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := t.sync(ctx, "r:"+id); err != nil {
			return err
		}
	}
	return nil
}

// rebuild empties the totals and the ledger and adds every record again.
func (t *campaignTotals) rebuild(ctx context.Context) error {
	for _, c := range []*driver.Collection{t.ledger, t.matchTotals, t.leadTotals, t.parts, t.firsts} {
		if _, err := c.DeleteMany(ctx, bson.D{}); err != nil {
			return fmt.Errorf("mongodb: empty %s: %w", c.Name(), err)
		}
	}
	for _, x := range []struct {
		c      *driver.Collection
		prefix string
	}{{t.matches, "m:"}, {t.leads, "l:"}, {t.regs, "r:"}} {
		cur, err := x.c.Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
		if err != nil {
			return fmt.Errorf("mongodb: rebuild campaign totals: %w", err)
		}
		ids, err := readIDs(ctx, cur, "rebuild campaign totals")
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := t.sync(ctx, x.prefix+id); err != nil {
				return err
			}
		}
	}
	return nil
}
