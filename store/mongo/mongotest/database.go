package mongotest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// DatabaseName returns a database name no other test uses, so tests sharing one server never
// see each other's data.
func DatabaseName(t testing.TB) string {
	t.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatalf("random database name: %v", err)
	}
	// MongoDB refuses some characters in database names and FerretDB bounds their length.
	prefix := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return -1
	}, t.Name())
	if len(prefix) > 20 {
		prefix = prefix[len(prefix)-20:]
	}
	return "t_" + prefix + "_" + hex.EncodeToString(b[:])
}

// FreshDatabase returns a new database name on the server at uri and drops that database when
// the test ends.
func FreshDatabase(t testing.TB, uri string) string {
	t.Helper()
	name := DatabaseName(t)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, err := mongo.Connect(ctx, options.Client().ApplyURI(uri))
		if err != nil {
			t.Errorf("drop test database %s: %v", name, err)
			return
		}
		defer func() { _ = c.Disconnect(ctx) }()
		if err := c.Database(name).Drop(ctx); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return name
}
