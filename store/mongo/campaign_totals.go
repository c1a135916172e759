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
		{campaignPartsColl, []driver.IndexModel{index(false, "year", "cluster")}},
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

// partDoc is one record's part in an enterprise's taking part: through kind (event, buyer,
// supplier; '*' any) in cluster ('*' any) in a month. campaign_parts counts them per
// (year, cluster, enterprise) document (enterpriseParts); campaign_firsts counts the
// enterprises whose first part is in a month (firstDoc).
type partDoc struct {
	Year         int    `bson:"year"`
	Cluster      string `bson:"cluster"`
	Kind         string `bson:"kind"`
	EnterpriseID string `bson:"enterpriseId"`
	Month        int    `bson:"month"`
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
			out = append(out, partDoc{Year: month / 100, Cluster: c, Kind: k, EnterpriseID: enterprise, Month: month})
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
	scopes                                         *driver.Collection // campaign_scopes.go
	matches, leads, regs, events, users            *driver.Collection
}

func newCampaignTotals(db *driver.Database) *campaignTotals {
	return &campaignTotals{ledger: db.Collection(campaignLedgerColl), matchTotals: db.Collection(campaignMatchTotals),
		leadTotals: db.Collection(campaignLeadTotals), parts: db.Collection(campaignPartsColl),
		firsts: db.Collection(campaignFirstsColl), matches: db.Collection(matchesColl), leads: db.Collection(leadsColl),
		regs: db.Collection(registrationsColl), events: db.Collection(eventsColl), scopes: db.Collection(campaignScopesColl),
		users: db.Collection(usersColl)}
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
		return t.apply(ctx, []share{old.Share}, []share{now})
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

// apply takes each old share off the totals and adds each new one, one $inc per total and per
// parts document however many records move it.
func (t *campaignTotals) apply(ctx context.Context, old, now []share) error {
	type move struct {
		doc      totalDoc
		n, value int64
	}
	for _, x := range []struct {
		c    *driver.Collection
		pick func(share) []totalDoc
	}{{t.matchTotals, func(s share) []totalDoc { return s.Matches }}, {t.leadTotals, func(s share) []totalDoc { return s.Leads }}} {
		moves := map[string]*move{}
		var order []string
		add := func(shares []share, sign int64) {
			for _, sh := range shares {
				for _, d := range x.pick(sh) {
					m := moves[d.ID]
					if m == nil {
						m = &move{doc: d}
						moves[d.ID] = m
						order = append(order, d.ID)
					}
					m.n += sign
					m.value += sign * d.Value
				}
			}
		}
		add(old, -1)
		add(now, 1)
		var models []driver.WriteModel
		for _, id := range order {
			if m := moves[id]; m.n != 0 || m.value != 0 {
				models = append(models, totalMove(m.doc, m.n, m.value))
			}
		}
		if err := bulk(ctx, x.c, models); err != nil {
			return err
		}
	}
	changes := map[partDoc]int64{}
	for _, sh := range old {
		for _, p := range sh.Parts {
			changes[p]--
		}
	}
	for _, sh := range now {
		for _, p := range sh.Parts {
			changes[p]++
		}
	}
	return t.moveParts(ctx, changes)
}

// fresh adds the shares of records just created (keys[i] adds shares[i]): their ledger entries
// are inserted at once, and the totals moved once per total. A record that has an entry already
// (an existing match refreshed by Put) is synced the ordinary way.
func (t *campaignTotals) fresh(ctx context.Context, keys []string, shares []share) error {
	var docs []any
	var idx []int
	for i := range keys {
		if len(shares[i].Matches)+len(shares[i].Leads)+len(shares[i].Parts) > 0 {
			docs = append(docs, ledgerDoc{ID: keys[i], V: 1, Share: shares[i]})
			idx = append(idx, i)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	failed := map[int]bool{}
	if _, err := t.ledger.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false)); err != nil {
		var bw driver.BulkWriteException
		if !errors.As(err, &bw) || bw.WriteConcernError != nil {
			return fmt.Errorf("mongodb: campaign ledger: %w", err)
		}
		for _, we := range bw.WriteErrors {
			if !driver.IsDuplicateKeyError(we) && !isDuplicate(we) {
				return fmt.Errorf("mongodb: campaign ledger: %w", err)
			}
			failed[we.Index] = true
		}
	}
	var added []share
	for j, i := range idx {
		if failed[j] {
			if err := t.sync(ctx, keys[i]); err != nil {
				return err
			}
			continue
		}
		added = append(added, shares[i])
	}
	return t.apply(ctx, nil, added)
}

// totalMove is the $inc upsert of one total.
func totalMove(d totalDoc, n, value int64) driver.WriteModel {
	set := bson.D{{Key: "month", Value: d.Month}, {Key: "clusters", Value: list(d.Clusters)}}
	if d.Status != "" {
		set = append(set, bson.E{Key: "status", Value: d.Status}, bson.E{Key: "reached", Value: d.Reached},
			bson.E{Key: "cny", Value: d.CNY})
	}
	return driver.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: d.ID}}).SetUpsert(true).
		SetUpdate(bson.D{{Key: "$set", Value: set}, {Key: "$inc", Value: bson.D{{Key: "n", Value: n}, {Key: "value", Value: value}}}})
}

// bulk runs the $inc upserts in one round trip; they are independent of each other.
func bulk(ctx context.Context, c *driver.Collection, models []driver.WriteModel) error {
	if len(models) == 0 {
		return nil
	}
	if _, err := c.BulkWrite(ctx, models, options.BulkWrite().SetOrdered(false)); err != nil {
		return fmt.Errorf("mongodb: campaign totals %s: %w", c.Name(), err)
	}
	return nil
}

// moveParts applies the part changes of one record: one atomic $inc per (year, cluster,
// enterprise) document, which answers with the document after it. The document before is that
// minus this change, so the enterprise's first month before and after is exact whatever other
// writers do at the same time, and campaign_firsts moves by the difference.
func (t *campaignTotals) moveParts(ctx context.Context, changes map[partDoc]int64) error {
	changes, err := t.withScopes(ctx, changes)
	if err != nil {
		return err
	}
	type key struct {
		year             int
		cluster, company string
	}
	byDoc := map[key]map[partDoc]int64{}
	for p, d := range changes {
		if d == 0 {
			continue
		}
		k := key{p.Year, p.Cluster, p.EnterpriseID}
		if byDoc[k] == nil {
			byDoc[k] = map[partDoc]int64{}
		}
		byDoc[k][p] += d
	}
	// One upsert per first-month count however many enterprises move it: FerretDB stalls on a
	// bulk write that upserts one _id twice.
	firsts := map[firstDoc]int64{}
	var order []firstDoc
	for k, ch := range byDoc {
		inc := bson.D{}
		for p, d := range ch {
			inc = append(inc, bson.E{Key: "m." + p.Kind + "." + strconv.Itoa(p.Month), Value: d})
		}
		var after enterpriseParts
		err := t.parts.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: strings.Join([]string{strconv.Itoa(k.year), k.cluster, k.company}, "|")}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "year", Value: k.year}, {Key: "cluster", Value: k.cluster},
				{Key: "enterpriseId", Value: k.company}}}, {Key: "$inc", Value: inc}},
			options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&after)
		if err != nil {
			return fmt.Errorf("mongodb: campaign parts: %w", err)
		}
		kinds := map[string]bool{}
		for p := range ch {
			kinds[p.Kind] = true
		}
		for kind := range kinds {
			now := after.M[kind]
			before := map[string]int64{}
			for m, n := range now {
				before[m] = n
			}
			for p, d := range ch {
				if p.Kind == kind {
					before[strconv.Itoa(p.Month)] -= d
				}
			}
			was, is := firstMonth(before, 0), firstMonth(now, 0)
			if was == is {
				continue
			}
			for _, x := range []struct {
				month int
				d     int64
			}{{was, -1}, {is, 1}} {
				if x.month == 0 {
					continue
				}
				f := firstDoc{ID: strings.Join([]string{strconv.Itoa(k.year), k.cluster, kind, strconv.Itoa(x.month)}, "|"),
					Year: k.year, Cluster: k.cluster, Kind: kind, Month: x.month}
				if firsts[f] == 0 {
					order = append(order, f)
				}
				firsts[f] += x.d
			}
		}
	}
	var models []driver.WriteModel
	for _, f := range order {
		if d := firsts[f]; d != 0 {
			models = append(models, driver.NewUpdateOneModel().SetFilter(bson.D{{Key: "_id", Value: f.ID}}).SetUpsert(true).
				SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "year", Value: f.Year}, {Key: "cluster", Value: f.Cluster},
					{Key: "kind", Value: f.Kind}, {Key: "month", Value: f.Month}}}, {Key: "$inc", Value: bson.D{{Key: "n", Value: d}}}}))
		}
	}
	return bulk(ctx, t.firsts, models)
}

// enterpriseParts is one enterprise's parts in one cluster ('*' any) and year: kind ('*' any) →
// month (yyyymm) → records.
type enterpriseParts struct {
	EnterpriseID string                      `bson:"enterpriseId"`
	M            map[string]map[string]int64 `bson:"m"`
}

// firstMonth is the earliest month (yyyymm) with a part, up to hi (0: any); 0 when none.
func firstMonth(months map[string]int64, hi int) int {
	first := 0
	for m, n := range months {
		v, err := strconv.Atoi(m)
		if err != nil || n <= 0 || (hi > 0 && v > hi) {
			continue
		}
		if first == 0 || v < first {
			first = v
		}
	}
	return first
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

// rebuild empties the totals and the ledger and adds every record again. The kept scopes stay
// kept, every organiser's is added, and the records fill them as they fill the clusters.
func (t *campaignTotals) rebuild(ctx context.Context) error {
	for _, c := range []*driver.Collection{t.ledger, t.matchTotals, t.leadTotals, t.parts, t.firsts} {
		if _, err := c.DeleteMany(ctx, bson.D{}); err != nil {
			return fmt.Errorf("mongodb: empty %s: %w", c.Name(), err)
		}
	}
	if err := t.keepOrganiserScopes(ctx, false); err != nil {
		return err
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
