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

const matchesColl = "matches"

// matchIndexes: the unique pair is what makes storing a ranking twice (or from two instances)
// safe; leadId leads it because it is the shard key of matches (docs/design.md §5).
func matchIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "leadId", "enterpriseId"),
		index(false, "enterpriseId", "createdAt"),
		index(false, "createdAt", "_id"),
		index(false, "clusters", "status"),
		index(false, "sentAt"),
	}
}

type factorDoc struct {
	Name         string  `bson:"name"`
	Contribution float64 `bson:"contribution"`
	Detail       string  `bson:"detail"`
}

type explanationDoc struct {
	Summary      string      `bson:"summary"`
	Factors      []factorDoc `bson:"factors"`
	MatchedTerms []string    `bson:"matchedTerms"`
}

type stepDoc struct {
	Status string    `bson:"status"`
	At     time.Time `bson:"at"`
	By     string    `bson:"by"`
	Note   string    `bson:"note"`
	Value  int64     `bson:"value"`
}

type matchDoc struct {
	ID             string         `bson:"_id"`
	LeadID         string         `bson:"leadId"`
	EnterpriseID   string         `bson:"enterpriseId"`
	EnterpriseName string         `bson:"enterpriseName"`
	Clusters       []string       `bson:"clusters"`
	Rank           int            `bson:"rank"`
	Score          float64        `bson:"score"`
	Status         string         `bson:"status"`
	Reached        int            `bson:"reached"` // domain.Match.Reached, for the funnel
	LostFrom       string         `bson:"lostFrom"`
	Explanation    explanationDoc `bson:"explanation"`
	Note           string         `bson:"note"`
	BuyerNote      string         `bson:"buyerNote"`
	Value          int64          `bson:"value"`
	Currency       string         `bson:"currency"`
	History        []stepDoc      `bson:"history"`
	SentAt         *time.Time     `bson:"sentAt,omitempty"`
	RespondedAt    *time.Time     `bson:"respondedAt,omitempty"`
	ClosedAt       *time.Time     `bson:"closedAt,omitempty"`
	CreatedAt      time.Time      `bson:"createdAt"`
	UpdatedAt      time.Time      `bson:"updatedAt"`
}

func toExplanationDoc(x domain.MatchExplanation) explanationDoc {
	fs := make([]factorDoc, len(x.Factors))
	for i, f := range x.Factors {
		fs[i] = factorDoc(f)
	}
	return explanationDoc{Summary: x.Summary, Factors: fs, MatchedTerms: list(x.MatchedTerms)}
}

func toMatchDoc(m *domain.Match) *matchDoc {
	steps := make([]stepDoc, len(m.History))
	for i, s := range m.History {
		steps[i] = stepDoc{Status: string(s.Status), At: instant(s.At), By: s.By, Note: s.Note, Value: s.Value}
	}
	return &matchDoc{
		ID: m.ID, LeadID: m.LeadID, EnterpriseID: m.EnterpriseID, EnterpriseName: m.EnterpriseName,
		Clusters: list(m.Clusters), Rank: m.Rank, Score: m.Score, Status: string(m.Status), Reached: m.Reached(),
		LostFrom: string(m.LostFrom), Explanation: toExplanationDoc(m.Explanation), Note: m.Note,
		BuyerNote: m.BuyerNote, Value: m.Value, Currency: m.Currency, History: steps, SentAt: instantPtr(m.SentAt),
		RespondedAt: instantPtr(m.RespondedAt), ClosedAt: instantPtr(m.ClosedAt), CreatedAt: instant(m.CreatedAt),
		UpdatedAt: instant(m.UpdatedAt),
	}
}

func (d *matchDoc) match() domain.Match {
	fs := make([]domain.MatchFactor, len(d.Explanation.Factors))
	for i, f := range d.Explanation.Factors {
		fs[i] = domain.MatchFactor(f)
	}
	steps := make([]domain.MatchStep, len(d.History))
	for i, s := range d.History {
		steps[i] = domain.MatchStep{Status: domain.MatchStatus(s.Status), At: s.At.UTC(), By: s.By, Note: s.Note, Value: s.Value}
	}
	return domain.Match{
		ID: d.ID, LeadID: d.LeadID, EnterpriseID: d.EnterpriseID, EnterpriseName: d.EnterpriseName,
		Clusters: list(d.Clusters), Rank: d.Rank, Score: d.Score, Status: domain.MatchStatus(d.Status),
		LostFrom: domain.MatchStatus(d.LostFrom),
		Explanation: domain.MatchExplanation{Summary: d.Explanation.Summary, Factors: fs,
			MatchedTerms: list(d.Explanation.MatchedTerms)},
		Note: d.Note, BuyerNote: d.BuyerNote, Value: d.Value, Currency: d.Currency, History: steps,
		SentAt: leadUTC(d.SentAt), RespondedAt: leadUTC(d.RespondedAt), ClosedAt: leadUTC(d.ClosedAt),
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
	}
}

func (d *matchDoc) matchPtr() *domain.Match { m := d.match(); return &m }

type matchRepo struct{ c *driver.Collection }

func pairFilter(m *domain.Match) bson.D {
	return bson.D{{Key: "leadId", Value: m.LeadID}, {Key: "enterpriseId", Value: m.EnterpriseID}}
}

// Put refreshes a stored pair or inserts a new one. Without transactions the two steps are
// separate; the unique pair index turns a racing insert into a duplicate error, and the pair
// is then refreshed instead.
func (r matchRepo) Put(ctx context.Context, batch []domain.Match) (int, error) {
	created := 0
	for i := range batch {
		m := &batch[i]
		updated := m.UpdatedAt
		if updated.IsZero() {
			updated = time.Now()
		}
		refresh := bson.D{{Key: "$set", Value: bson.D{
			{Key: "enterpriseName", Value: m.EnterpriseName}, {Key: "clusters", Value: list(m.Clusters)},
			{Key: "rank", Value: m.Rank}, {Key: "score", Value: m.Score},
			{Key: "explanation", Value: toExplanationDoc(m.Explanation)}, {Key: "updatedAt", Value: instant(updated)},
		}}}
		for attempt := 0; ; attempt++ {
			res, err := r.c.UpdateOne(ctx, pairFilter(m), refresh)
			if err != nil {
				return created, fmt.Errorf("mongodb: refresh match: %w", err)
			}
			if res.MatchedCount > 0 {
				break
			}
			fresh := *m
			prepareMatch(&fresh)
			_, err = r.c.InsertOne(ctx, toMatchDoc(&fresh))
			if err == nil {
				created++
				break
			}
			if !isDuplicate(err) || attempt > 0 {
				return created, fmt.Errorf("mongodb: create match: %w", err)
			}
		}
		stored, err := findOne(ctx, r.c, pairFilter(m), "match", (*matchDoc).match)
		if err != nil {
			return created, err
		}
		*m = stored
	}
	return created, nil
}

func prepareMatch(m *domain.Match) {
	stamp(&m.ID, &m.CreatedAt, &m.UpdatedAt)
	if m.Status == "" {
		m.Status = domain.MatchProposed
	}
}

func (r matchRepo) Get(ctx context.Context, id string) (*domain.Match, error) {
	return findOne(ctx, r.c, idFilter(id), "match "+id, (*matchDoc).matchPtr)
}

func (r matchRepo) ByLead(ctx context.Context, leadID string) ([]domain.Match, error) {
	return findAll(ctx, r.c, bson.D{{Key: "leadId", Value: leadID}},
		options.Find().SetSort(bson.D{{Key: "score", Value: -1}, {Key: "_id", Value: 1}}), (*matchDoc).match)
}

func matchFilter(f store.MatchFilter) bson.D {
	var and bson.A
	if f.LeadID != "" {
		and = append(and, bson.D{{Key: "leadId", Value: f.LeadID}})
	}
	if f.EnterpriseID != "" {
		and = append(and, bson.D{{Key: "enterpriseId", Value: f.EnterpriseID}})
	}
	if len(f.Clusters) > 0 {
		and = append(and, bson.D{{Key: "clusters", Value: bson.D{{Key: "$in", Value: f.Clusters}}}})
	}
	if len(f.Statuses) > 0 {
		ss := make(bson.A, len(f.Statuses))
		for i, s := range f.Statuses {
			ss[i] = string(s)
		}
		and = append(and, bson.D{{Key: "status", Value: bson.D{{Key: "$in", Value: ss}}}})
	}
	if !f.SentFrom.IsZero() {
		and = append(and, bson.D{{Key: "sentAt", Value: bson.D{{Key: "$gte", Value: instant(f.SentFrom)}}}})
	}
	if !f.SentUntil.IsZero() {
		and = append(and, bson.D{{Key: "sentAt", Value: bson.D{{Key: "$lt", Value: instant(f.SentUntil)}}}})
	}
	if len(and) == 0 {
		return bson.D{}
	}
	return bson.D{{Key: "$and", Value: and}}
}

func (r matchRepo) List(ctx context.Context, f store.MatchFilter, page store.Page) ([]domain.Match, string, int, error) {
	return findPage(ctx, listing{c: r.c, filter: matchFilter(f), sort: order("createdAt", -1), count: "matches"},
		page, (*matchDoc).match)
}

func (r matchRepo) Update(ctx context.Context, m *domain.Match, expect domain.MatchStatus) error {
	prepareMatch(m)
	d := toMatchDoc(m)
	if err := replaceIf(ctx, r.c, m.ID, string(expect), d, "update match "+m.ID, "match_status_changed"); err != nil {
		return err
	}
	*m = d.match()
	return nil
}

func (r matchRepo) Counts(ctx context.Context, f store.MatchFilter) (domain.MatchCounts, error) {
	c, err := tallyMatches(ctx, r.c, matchFilter(f))
	if err != nil {
		return c, fmt.Errorf("mongodb: count matches: %w", err)
	}
	return c, nil
}

func (r matchRepo) SentSince(ctx context.Context, t time.Time) (map[string]int, error) {
	out := map[string]int{}
	err := groupSum(ctx, r.c, bson.D{{Key: "sentAt", Value: bson.D{{Key: "$gte", Value: instant(t)}}}}, "enterpriseId", 1,
		func(id string, n int64) { out[id] = int(n) })
	if err != nil {
		return nil, fmt.Errorf("mongodb: exposure: %w", err)
	}
	return out, nil
}
