package mongotest

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// BenchmarkFindOne measures what the proxy adds to one command: a lookup by _id in a small
// collection, straight to FerretDB and through the proxy.
func BenchmarkFindOne(b *testing.B) {
	URI(b)
	for _, tc := range []struct{ name, uri string }{{"direct", direct}, {"proxy", uri}} {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			c, err := mongo.Connect(ctx, options.Client().ApplyURI(tc.uri))
			if err != nil {
				b.Fatal(err)
			}
			defer func() { _ = c.Disconnect(ctx) }()
			coll := c.Database(FreshDatabase(b, tc.uri)).Collection("x")
			if _, err := coll.InsertOne(ctx, bson.M{"_id": "a", "n": 1}); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if err := coll.FindOne(ctx, bson.M{"_id": "a"}).Err(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
