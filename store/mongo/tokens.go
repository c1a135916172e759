package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
)

const tokensColl = "tokens"

func tokenIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(true, "hash"),
		index(false, "userId", "-createdAt"),
		index(false, "sessionId"),
	}
}

// tokenDoc leaves expiresAt out for a token that never expires.
type tokenDoc struct {
	ID         string     `bson:"_id"`
	UserID     string     `bson:"userId"`
	Name       string     `bson:"name"`
	Hash       string     `bson:"hash"`
	CreatedAt  time.Time  `bson:"createdAt"`
	ExpiresAt  *time.Time `bson:"expiresAt,omitempty"`
	LastUsedAt *time.Time `bson:"lastUsedAt,omitempty"`
	SessionID  string     `bson:"sessionId,omitempty"`
}

func toTokenDoc(t *domain.APIToken) *tokenDoc {
	d := &tokenDoc{ID: t.ID, UserID: t.UserID, Name: t.Name, Hash: t.Hash,
		CreatedAt: instant(t.CreatedAt), LastUsedAt: instantPtr(t.LastUsedAt), SessionID: t.SessionID}
	if !t.ExpiresAt.IsZero() {
		d.ExpiresAt = instantPtr(&t.ExpiresAt)
	}
	return d
}

func (d *tokenDoc) token() domain.APIToken {
	t := domain.APIToken{ID: d.ID, UserID: d.UserID, Name: d.Name, Hash: d.Hash,
		CreatedAt: d.CreatedAt, LastUsedAt: d.LastUsedAt, SessionID: d.SessionID}
	if d.ExpiresAt != nil {
		t.ExpiresAt = *d.ExpiresAt
	}
	return t
}

func (d *tokenDoc) tokenPtr() *domain.APIToken { t := d.token(); return &t }

type tokenRepo struct{ c *driver.Collection }

func (r tokenRepo) Create(ctx context.Context, t *domain.APIToken) error {
	stamp(&t.ID, &t.CreatedAt, nil)
	d := toTokenDoc(t)
	if err := insert(ctx, r.c, d.ID, d, "create token", unique{"hash_1", "hash", "hash", d.Hash}); err != nil {
		return err
	}
	*t = d.token()
	return nil
}

func (r tokenRepo) GetByHash(ctx context.Context, hash string, at time.Time) (*domain.APIToken, error) {
	filter := bson.D{
		{Key: "hash", Value: hash},
		{Key: "$or", Value: bson.A{
			bson.D{{Key: "expiresAt", Value: bson.D{{Key: "$gt", Value: instant(at)}}}},
			bson.D{{Key: "expiresAt", Value: nil}},
		}},
	}
	return findOne(ctx, r.c, filter, "token", (*tokenDoc).tokenPtr)
}

// ListByUser lists newest first.
func (r tokenRepo) ListByUser(ctx context.Context, userID string) ([]domain.APIToken, error) {
	return findAll(ctx, r.c, bson.D{{Key: "userId", Value: userID}},
		options.Find().SetSort(order("createdAt", -1)),
		(*tokenDoc).token)
}

func (r tokenRepo) Delete(ctx context.Context, userID, id string) error {
	return deleteOne(ctx, r.c, bson.D{{Key: "_id", Value: id}, {Key: "userId", Value: userID}}, "delete token "+id)
}

func (r tokenRepo) Touch(ctx context.Context, id string, at time.Time) error {
	res, err := r.c.UpdateOne(ctx, idFilter(id),
		bson.D{{Key: "$set", Value: bson.D{{Key: "lastUsedAt", Value: instant(at)}}}})
	if err != nil {
		return fmt.Errorf("mongodb: touch token %s: %w", id, err)
	}
	if res.MatchedCount == 0 {
		return notFound(driver.ErrNoDocuments, "token "+id)
	}
	return nil
}

func (r tokenRepo) DeleteBySession(ctx context.Context, sessionID string) (int, error) {
	if sessionID == "" {
		return 0, nil
	}
	return r.deleteMany(ctx, bson.D{{Key: "sessionId", Value: sessionID}}, "delete session tokens")
}

func (r tokenRepo) DeleteByUser(ctx context.Context, userID string) (int, error) {
	return r.deleteMany(ctx, bson.D{{Key: "userId", Value: userID}}, "delete user tokens")
}

func (r tokenRepo) deleteMany(ctx context.Context, filter bson.D, what string) (int, error) {
	res, err := r.c.DeleteMany(ctx, filter)
	if err != nil {
		return 0, fmt.Errorf("mongodb: %s: %w", what, err)
	}
	return int(res.DeletedCount), nil
}
