package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// health is the engine's own part of the store: reachability, emptiness and shutdown.
type health struct {
	client *driver.Client
	db     *driver.Database
}

func (h *health) Ping(ctx context.Context) error {
	if err := h.client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("mongodb: ping: %w", err)
	}
	return nil
}

// Empty looks for one document in each collection that demo data would fill.
func (h *health) Empty(ctx context.Context) (bool, error) {
	for _, name := range []string{usersColl, clustersColl, enterprisesColl} {
		err := h.db.Collection(name).FindOne(ctx, bson.D{},
			options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
		switch {
		case err == nil:
			return false, nil
		case errors.Is(err, driver.ErrNoDocuments):
		default:
			return false, fmt.Errorf("mongodb: look into %s: %w", name, err)
		}
	}
	return true, nil
}

// Close disconnects, giving in-flight operations a few seconds to finish.
func (h *health) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.client.Disconnect(ctx); err != nil {
		return fmt.Errorf("mongodb: disconnect: %w", err)
	}
	return nil
}
