package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"

	"duijie/domain"
)

const sessionsColl = "sessions"

// Expired sessions are removed by a job through DeleteExpired, not by a TTL index, which the
// storage contract rules out.
func sessionIndexes() []driver.IndexModel {
	return []driver.IndexModel{
		index(false, "userId"),
		index(false, "expiresAt"),
	}
}

type sessionDoc struct {
	ID        string    `bson:"_id"`
	UserID    string    `bson:"userId"`
	CSRFToken string    `bson:"csrfToken"`
	CreatedAt time.Time `bson:"createdAt"`
	ExpiresAt time.Time `bson:"expiresAt"`
}

func toSessionDoc(s *domain.Session) *sessionDoc {
	return &sessionDoc{ID: s.ID, UserID: s.UserID, CSRFToken: s.CSRFToken,
		CreatedAt: instant(s.CreatedAt), ExpiresAt: instant(s.ExpiresAt)}
}

func (d *sessionDoc) session() *domain.Session {
	return &domain.Session{ID: d.ID, UserID: d.UserID, CSRFToken: d.CSRFToken,
		CreatedAt: d.CreatedAt, ExpiresAt: d.ExpiresAt}
}

type sessionRepo struct{ c *driver.Collection }

func (r sessionRepo) Create(ctx context.Context, s *domain.Session) error {
	if s.CreatedAt.IsZero() {
		s.CreatedAt = now()
	}
	d := toSessionDoc(s)
	if err := insert(ctx, r.c, d.ID, d, "create session"); err != nil {
		return err
	}
	*s = *d.session()
	return nil
}

func (r sessionRepo) Get(ctx context.Context, id string, at time.Time) (*domain.Session, error) {
	filter := bson.D{{Key: "_id", Value: id}, {Key: "expiresAt", Value: bson.D{{Key: "$gt", Value: instant(at)}}}}
	return findOne(ctx, r.c, filter, "session", (*sessionDoc).session)
}

func (r sessionRepo) Delete(ctx context.Context, id string) error {
	if _, err := r.c.DeleteOne(ctx, idFilter(id)); err != nil {
		return fmt.Errorf("mongodb: delete session: %w", err)
	}
	return nil
}

func (r sessionRepo) DeleteByUser(ctx context.Context, userID string) error {
	if _, err := r.c.DeleteMany(ctx, bson.D{{Key: "userId", Value: userID}}); err != nil {
		return fmt.Errorf("mongodb: delete sessions of user %s: %w", userID, err)
	}
	return nil
}

func (r sessionRepo) DeleteExpired(ctx context.Context, at time.Time) (int, error) {
	res, err := r.c.DeleteMany(ctx, bson.D{{Key: "expiresAt", Value: bson.D{{Key: "$lte", Value: instant(at)}}}})
	if err != nil {
		return 0, fmt.Errorf("mongodb: delete expired sessions: %w", err)
	}
	return int(res.DeletedCount), nil
}
