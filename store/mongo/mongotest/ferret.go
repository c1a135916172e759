// Package mongotest starts an in-process FerretDB (SQLite backend) so the Mongo engine can be
// tested with no MongoDB installed. It is a test fixture only: FerretDB v1 neither makes
// conditional updates atomic nor uses indexes, so the product never runs on it. Tests reach it
// through a proxy that runs one command at a time (proxy.go), which restores the
// single-document atomicity the engine relies on, so the concurrency suites run here too.
package mongotest

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/FerretDB/FerretDB/ferretdb"
)

var (
	once    sync.Once
	uri     string
	direct  string // FerretDB itself, bypassing the proxy: for the proxy's benchmark only
	initErr error
)

// URI returns the connection string of a FerretDB shared by all tests of the calling package,
// behind the serialising proxy. Both start on first use and live until the test binary exits.
// With DUIJIE_TEST_MONGODB_URI set it returns that instead: a real MongoDB, for the benchmarks
// that time the engine at scale (each test still takes a fresh database of its own).
func URI(t testing.TB) string {
	t.Helper()
	if u := os.Getenv("DUIJIE_TEST_MONGODB_URI"); u != "" {
		return u
	}
	once.Do(func() {
		dir, err := os.MkdirTemp("", "duijie-ferret-*")
		if err != nil {
			initErr = err
			return
		}
		f, err := ferretdb.New(&ferretdb.Config{
			Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
			Handler:   "sqlite",
			SQLiteURL: (&url.URL{Scheme: "file", Path: dir + "/"}).String(),
			Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		})
		if err != nil {
			initErr = err
			return
		}
		go func() { _ = f.Run(context.Background()) }()
		direct = f.MongoDBURI()
		u, err := url.Parse(direct)
		if err != nil {
			initErr = err
			return
		}
		p, err := startSerialProxy(u.Host)
		if err != nil {
			initErr = err
			return
		}
		u.Host = p.addr()
		uri = u.String()
	})
	if initErr != nil {
		t.Fatalf("start FerretDB: %v", initErr)
	}
	return uri
}
