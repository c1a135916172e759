package mongo

import (
	"context"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
	driver "go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// index builds an index model on keys (field names, "-field" for descending), named after
// them the way MongoDB names indexes by default ("email_1", "target_1_at_-1").
func index(unique bool, keys ...string) driver.IndexModel {
	spec := make(bson.D, 0, len(keys))
	for _, k := range keys {
		dir := 1
		if strings.HasPrefix(k, "-") {
			k, dir = k[1:], -1
		}
		spec = append(spec, bson.E{Key: k, Value: dir})
	}
	opts := options.Index().SetName(keyName(spec))
	if unique {
		opts.SetUnique(true)
	}
	return driver.IndexModel{Keys: spec, Options: opts}
}

func keyName(spec bson.D) string {
	parts := make([]string, 0, len(spec))
	for _, e := range spec {
		parts = append(parts, fmt.Sprintf("%s_%v", e.Key, e.Value))
	}
	return strings.Join(parts, "_")
}

// ensureIndexes creates the indexes of schema that do not exist yet. Existing ones are left
// alone rather than created again: MongoDB would ignore the repeat, but FerretDB v1 drops the
// connection when a createIndexes names several existing indexes. An existing index whose keys
// or uniqueness differ from the schema is an error, since the engine relies on it.
func ensureIndexes(ctx context.Context, db *driver.Database) error {
	for _, c := range schema {
		if len(c.indexes) == 0 {
			continue
		}
		specs, err := db.Collection(c.name).Indexes().ListSpecifications(ctx)
		if err != nil {
			return fmt.Errorf("mongodb: list indexes of %s: %w", c.name, err)
		}
		have := make(map[string]*driver.IndexSpecification, len(specs))
		for _, s := range specs {
			have[s.Name] = s
		}
		var missing []driver.IndexModel
		for _, m := range c.indexes {
			name := *m.Options.Name
			s, ok := have[name]
			if !ok {
				missing = append(missing, m)
				continue
			}
			wantUnique := m.Options.Unique != nil && *m.Options.Unique
			gotUnique := s.Unique != nil && *s.Unique
			if rawKeyName(s.KeysDocument) != keyName(m.Keys.(bson.D)) || gotUnique != wantUnique {
				return fmt.Errorf("mongodb: index %s of %s is %s unique=%v, want %s unique=%v: drop it and restart",
					name, c.name, s.KeysDocument, gotUnique, m.Keys, wantUnique)
			}
		}
		if len(missing) == 0 {
			continue
		}
		if _, err := db.Collection(c.name).Indexes().CreateMany(ctx, missing); err != nil {
			return fmt.Errorf("mongodb: create indexes of %s: %w", c.name, err)
		}
	}
	return nil
}

// rawKeyName names a stored key document the way keyName names a schema one.
func rawKeyName(keys bson.Raw) string {
	elems, err := keys.Elements()
	if err != nil {
		return keys.String()
	}
	spec := make(bson.D, 0, len(elems))
	for _, e := range elems {
		dir := any(e.Value().String())
		if n, ok := e.Value().AsInt64OK(); ok {
			dir = int(n)
		}
		spec = append(spec, bson.E{Key: e.Key(), Value: dir})
	}
	return keyName(spec)
}
