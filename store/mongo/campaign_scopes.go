package mongo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

// Running totals for an organiser of several clusters, as 0214_campaign_scopes.sql keeps them
// on SQLite. An enterprise counts once across the organiser's clusters, which no sum of the
// clusters' first-month counts gives; so the scope (store.ScopeKey, "L1+L2") is kept in
// campaign_parts and campaign_firsts like one more cluster. Its parts document of (year,
// enterprise) holds the sum of its members' documents: moveParts applies every change of a
// member to the scopes containing it, and registering a scope sums the members' documents.
// The ledger keeps clusters only, so a scope registered later changes no ledger entry.
const campaignScopesColl = "campaign_scopes"

// scopeDoc is one kept scope.
type scopeDoc struct {
	ID       string   `bson:"_id"` // store.ScopeKey
	Clusters []string `bson:"clusters"`
}

func init() {
	schema = append(schema, collection{campaignScopesColl, []driver.IndexModel{index(false, "clusters")}})
}

// scopesOf maps each of clusters to the kept scopes containing it.
func (t *campaignTotals) scopesOf(ctx context.Context, clusters []string) (map[string][]string, error) {
	cur, err := t.scopes.Find(ctx, bson.D{{Key: "clusters", Value: bson.D{{Key: "$in", Value: clusters}}}})
	if err != nil {
		return nil, fmt.Errorf("mongodb: read campaign scopes: %w", err)
	}
	var docs []scopeDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("mongodb: read campaign scopes: %w", err)
	}
	out := map[string][]string{}
	for _, d := range docs {
		for _, c := range d.Clusters {
			out[c] = append(out[c], d.ID)
		}
	}
	return out, nil
}

// withScopes adds to changes (of the clusters' and '*' parts) the same change of every kept
// scope containing each cluster.
func (t *campaignTotals) withScopes(ctx context.Context, changes map[partDoc]int64) (map[partDoc]int64, error) {
	seen := map[string]bool{}
	var cls []string
	for p, d := range changes {
		if d != 0 && p.Cluster != "*" && !seen[p.Cluster] {
			seen[p.Cluster] = true
			cls = append(cls, p.Cluster)
		}
	}
	if len(cls) == 0 {
		return changes, nil
	}
	scopes, err := t.scopesOf(ctx, cls)
	if err != nil || len(scopes) == 0 {
		return changes, err
	}
	out := make(map[partDoc]int64, len(changes))
	for p, d := range changes {
		out[p] += d
		for _, sc := range scopes[p.Cluster] {
			q := p
			q.Cluster = sc
			out[q] += d
		}
	}
	return out, nil
}

// kept reports whether the scope key has totals.
func (t *campaignTotals) kept(ctx context.Context, key string) (bool, error) {
	err := t.scopes.FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Err()
	if errors.Is(err, driver.ErrNoDocuments) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("mongodb: read campaign scopes: %w", err)
	}
	return true, nil
}

// registerScope keeps totals for the scope of clusters, filled from its members' parts; a scope
// kept already, or fewer than two clusters, changes nothing. A member's record written while
// the scope fills may leave it off by that record: `duijie campaign-check --repair` finds it.
func (t *campaignTotals) registerScope(ctx context.Context, clusters []string, fill bool) error {
	key := store.ScopeKey(clusters)
	if key == "" {
		return nil
	}
	if ok, err := t.kept(ctx, key); err != nil || ok {
		return err
	}
	// Kept first, so that the members' writes from now on move the scope too; the fill then
	// sets each document to the members' sum, whatever moved it meanwhile.
	if _, err := t.scopes.InsertOne(ctx, scopeDoc{ID: key, Clusters: strings.Split(key, "+")}); err != nil {
		if isDuplicate(err) {
			return nil // another process registers it
		}
		return fmt.Errorf("mongodb: register campaign scope %s: %w", key, err)
	}
	if !fill {
		return nil
	}
	if err := t.fillScope(ctx, key); err != nil {
		// Half-filled totals would be read as the scope's figures: drop the scope, whose
		// figures are then counted from the members' parts again.
		_, _ = t.scopes.DeleteOne(ctx, bson.D{{Key: "_id", Value: key}})
		return err
	}
	return nil
}

// fillScope sets the scope's parts documents to the sums of its members' and counts its first
// months from them.
func (t *campaignTotals) fillScope(ctx context.Context, key string) error {
	type ent struct {
		year    int
		company string
	}
	sums := map[ent]map[string]map[string]int64{}
	var order []ent
	cur, err := t.parts.Find(ctx, bson.D{{Key: "cluster", Value: bson.D{{Key: "$in", Value: strings.Split(key, "+")}}}})
	if err != nil {
		return fmt.Errorf("mongodb: fill campaign scope %s: %w", key, err)
	}
	defer func() { _ = cur.Close(ctx) }()
	for cur.Next(ctx) {
		var p struct {
			Year         int                         `bson:"year"`
			EnterpriseID string                      `bson:"enterpriseId"`
			M            map[string]map[string]int64 `bson:"m"`
		}
		if err := cur.Decode(&p); err != nil {
			return fmt.Errorf("mongodb: fill campaign scope %s: %w", key, err)
		}
		k := ent{p.Year, p.EnterpriseID}
		m := sums[k]
		if m == nil {
			m = map[string]map[string]int64{}
			sums[k] = m
			order = append(order, k)
		}
		for kind, months := range p.M {
			if m[kind] == nil {
				m[kind] = map[string]int64{}
			}
			for month, n := range months {
				m[kind][month] += n
			}
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("mongodb: fill campaign scope %s: %w", key, err)
	}
	for _, c := range []*driver.Collection{t.parts, t.firsts} {
		if _, err := c.DeleteMany(ctx, bson.D{{Key: "cluster", Value: key}}); err != nil {
			return fmt.Errorf("mongodb: fill campaign scope %s: %w", key, err)
		}
	}
	type first struct {
		year  int
		kind  string
		month int
	}
	firsts := map[first]int64{}
	var forder []first
	var models []driver.WriteModel
	flush := func(c *driver.Collection) error {
		err := bulk(ctx, c, models)
		models = models[:0]
		return err
	}
	for _, k := range order {
		m := sums[k]
		models = append(models, driver.NewUpdateOneModel().
			SetFilter(bson.D{{Key: "_id", Value: strings.Join([]string{strconv.Itoa(k.year), key, k.company}, "|")}}).
			SetUpsert(true).SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "year", Value: k.year}, {Key: "cluster", Value: key},
			{Key: "enterpriseId", Value: k.company}, {Key: "m", Value: m}}}}))
		if len(models) == 500 {
			if err := flush(t.parts); err != nil {
				return err
			}
		}
		for kind, months := range m {
			if fm := firstMonth(months, 0); fm != 0 {
				f := first{k.year, kind, fm}
				if firsts[f] == 0 {
					forder = append(forder, f)
				}
				firsts[f]++
			}
		}
	}
	if err := flush(t.parts); err != nil {
		return err
	}
	for _, f := range forder {
		models = append(models, driver.NewUpdateOneModel().
			SetFilter(bson.D{{Key: "_id", Value: strings.Join([]string{strconv.Itoa(f.year), key, f.kind, strconv.Itoa(f.month)}, "|")}}).
			SetUpsert(true).SetUpdate(bson.D{{Key: "$set", Value: bson.D{{Key: "year", Value: f.year}, {Key: "cluster", Value: key},
			{Key: "kind", Value: f.kind}, {Key: "month", Value: f.month}, {Key: "n", Value: firsts[f]}}}}))
	}
	return flush(t.firsts)
}

// keepOrganiserScopes registers the scope of every organiser of several clusters (fill: from
// the members' totals; without, the caller adds the records afterwards).
func (t *campaignTotals) keepOrganiserScopes(ctx context.Context, fill bool) error {
	cur, err := t.users.Find(ctx, bson.D{{Key: "role", Value: string(domain.RoleOrganiser)}},
		options.Find().SetProjection(bson.D{{Key: "clusters", Value: 1}}))
	if err != nil {
		return fmt.Errorf("mongodb: organisers' campaign scopes: %w", err)
	}
	var docs []struct {
		Clusters []string `bson:"clusters"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return fmt.Errorf("mongodb: organisers' campaign scopes: %w", err)
	}
	for _, d := range docs {
		if err := t.registerScope(ctx, d.Clusters, fill); err != nil {
			return err
		}
	}
	return nil
}

// RegisterScope keeps totals for an organiser of clusters (store.CampaignRepo).
func (r campaignRepo) RegisterScope(ctx context.Context, clusters []string) error {
	return r.totals.registerScope(ctx, clusters, true)
}

// Scopes lists the kept scopes, each sorted.
func (r campaignRepo) Scopes(ctx context.Context) ([][]string, error) {
	cur, err := r.totals.scopes.Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("mongodb: list campaign scopes: %w", err)
	}
	var docs []scopeDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("mongodb: list campaign scopes: %w", err)
	}
	var out [][]string
	for _, d := range docs {
		out = append(out, strings.Split(d.ID, "+"))
	}
	return out, nil
}

// scopedUsers registers the scope of an organiser given several clusters, however the account
// is written (admin, invitation, `duijie user`, a migration). A failure does not fail the
// write: the organiser's figures are then counted from the members' parts, as correct and
// slower, until `duijie campaign-check --repair`.
type scopedUsers struct {
	store.UserRepo
	t *campaignTotals
}

func (r scopedUsers) keep(ctx context.Context, u *domain.User) {
	if u.Role != domain.RoleOrganiser || store.ScopeKey(u.Clusters) == "" {
		return
	}
	if err := r.t.registerScope(ctx, u.Clusters, true); err != nil {
		slog.ErrorContext(ctx, "organiser's campaign scope not kept; run `duijie campaign-check --repair`", "user", u.ID, "err", err)
	}
}

func (r scopedUsers) Create(ctx context.Context, u *domain.User) error {
	err := r.UserRepo.Create(ctx, u)
	if err == nil {
		r.keep(ctx, u)
	}
	return err
}

func (r scopedUsers) Update(ctx context.Context, u *domain.User) error {
	err := r.UserRepo.Update(ctx, u)
	if err == nil {
		r.keep(ctx, u)
	}
	return err
}
