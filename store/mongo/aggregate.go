package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
)

// groupSum runs $match filter (none when empty), then a $group on key with one $sum of sum (1
// counts, "$field" adds up a field), and hands each (key, total) row to add: the one shape of
// aggregation docs/contract.md §Storage allows for counting.
func groupSum[K any](ctx context.Context, c *driver.Collection, filter bson.D, key string, sum any,
	add func(K, int64)) error {
	var pipeline bson.A
	if len(filter) > 0 {
		pipeline = append(pipeline, bson.D{{Key: "$match", Value: filter}})
	}
	pipeline = append(pipeline, bson.D{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$" + key},
		{Key: "n", Value: bson.D{{Key: "$sum", Value: sum}}}}}})
	cur, err := c.Aggregate(ctx, pipeline)
	if err != nil {
		return err
	}
	var rows []struct {
		Key K     `bson:"_id"`
		N   int64 `bson:"n"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return err
	}
	for _, row := range rows {
		add(row.Key, row.N)
	}
	return nil
}
