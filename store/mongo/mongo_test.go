package mongo

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
	"duijie/store/mongo/mongotest"
	"duijie/store/storetest"
)

// opener returns a storetest.Opener that gives every store its own database on the server at
// uri, dropped when the test ends.
func opener(uri string) storetest.Opener {
	return func(t *testing.T) *store.Store {
		t.Helper()
		return openFresh(t, uri, mongotest.FreshDatabase(t, uri))
	}
}

func openFresh(t *testing.T, uri, db string) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := Open(ctx, uri, db)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Health.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformanceFerretDB(t *testing.T) {
	// 12,000 rows still span three pages and more than twice the 5,000 rows at which re-syncs
	// once stopped; the full 20,000 run on SQLite and on a real MongoDB.
	defer storetest.FixtureSyncBulk(12_000)()
	storetest.Run(t, opener(mongotest.URI(t)))
}

// TestConcurrentFerretDB runs the races on the fixture: its proxy runs one command at a time,
// which gives the single-document atomicity of MongoDB, so the engine's retry and undo paths
// run in every `go test ./...`.
func TestConcurrentFerretDB(t *testing.T) {
	storetest.RunConcurrent(t, opener(mongotest.URI(t)))
	storetest.RunRegistrationStorm(t, opener(mongotest.URI(t)), stormFirms)
}

// TestConformanceMongoDB runs everything again on a real MongoDB, for whoever has one.
func TestConformanceMongoDB(t *testing.T) {
	uri := os.Getenv("DUIJIE_TEST_MONGODB_URI")
	if uri == "" {
		t.Skip("DUIJIE_TEST_MONGODB_URI not set")
	}
	storetest.Run(t, opener(uri))
	storetest.RunConcurrent(t, opener(uri))
	storetest.RunRegistrationConcurrency(t, opener(uri))
}

// testURI is a real MongoDB when one is configured, else the in-process FerretDB.
func testURI(t *testing.T) string {
	if uri := os.Getenv("DUIJIE_TEST_MONGODB_URI"); uri != "" {
		return uri
	}
	return mongotest.URI(t)
}

func rawClient(t *testing.T, uri string) *driver.Client {
	t.Helper()
	c, err := driver.Connect(context.Background(), options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	return c
}

func TestOpenIsIdempotent(t *testing.T) {
	uri := testURI(t)
	db := mongotest.FreshDatabase(t, uri)
	first := openFresh(t, uri, db)
	u := &domain.User{Email: "a@example.test", Role: domain.RoleMember}
	if err := first.Users.Create(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	second := openFresh(t, uri, db) // the indexes exist now
	got, err := second.Users.Get(context.Background(), u.ID)
	if err != nil || got.Email != u.Email {
		t.Fatalf("second Open sees user = %+v, %v", got, err)
	}

	for _, c := range schema {
		cur, err := rawClient(t, uri).Database(db).Collection(c.name).Indexes().List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var specs []struct {
			Name   string `bson:"name"`
			Unique bool   `bson:"unique"`
		}
		if err := cur.All(context.Background(), &specs); err != nil {
			t.Fatal(err)
		}
		for _, want := range c.indexes {
			name := *want.Options.Name
			i := slices.IndexFunc(specs, func(s struct {
				Name   string `bson:"name"`
				Unique bool   `bson:"unique"`
			}) bool {
				return s.Name == name
			})
			if i < 0 {
				t.Errorf("%s: index %s missing; have %v", c.name, name, specs)
				continue
			}
			if unique := want.Options.Unique != nil && *want.Options.Unique; specs[i].Unique != unique {
				t.Errorf("%s: index %s unique = %v, want %v", c.name, name, specs[i].Unique, unique)
			}
		}
	}
}

func TestOpenFailsFast(t *testing.T) {
	for _, tc := range []struct {
		name, uri, want string
	}{
		{"not a mongodb URI", "http://localhost:27017", "invalid connection URI"},
		{"empty", "", "empty connection URI"},
		{"nothing listens", "mongodb://127.0.0.1:1/?connectTimeoutMS=500", "no answer from 127.0.0.1:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			s, err := Open(context.Background(), tc.uri, "duijie")
			if err == nil {
				_ = s.Health.Close()
				t.Fatal("Open succeeded")
			}
			if took := time.Since(start); took >= 5*time.Second {
				t.Errorf("Open took %s to fail", took)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

// TestDocumentShape checks what storetest cannot see: lists are arrays even when the caller
// left them nil, and times are BSON dates.
func TestDocumentShape(t *testing.T) {
	uri := testURI(t)
	db := mongotest.FreshDatabase(t, uri)
	s := openFresh(t, uri, db)
	ctx := context.Background()
	e := &domain.Enterprise{Name: "无锡样例有限公司", USCC: domain.CompleteUSCC("91320214MA1MXXXX1")}
	if err := s.Enterprises.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	var raw bson.Raw
	if err := rawClient(t, uri).Database(db).Collection(enterprisesColl).
		FindOne(ctx, bson.D{{Key: "_id", Value: e.ID}}).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"clusters", "industryCodes", "hsCodes", "products", "certifications", "exportMarkets"} {
		if typ := raw.Lookup(f).Type; typ != bson.TypeArray {
			t.Errorf("%s stored as %s, want an array", f, typ)
		}
	}
	for _, f := range []string{"createdAt", "updatedAt"} {
		if typ := raw.Lookup(f).Type; typ != bson.TypeDateTime {
			t.Errorf("%s stored as %s, want a date", f, typ)
		}
	}
	if typ := raw.Lookup("_id").Type; typ != bson.TypeString || !domain.ValidID(raw.Lookup("_id").StringValue()) {
		t.Errorf("_id = %v, want a hex ID string", raw.Lookup("_id"))
	}
}
