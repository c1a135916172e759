package matching_test

import (
	"os"
	"strconv"
	"sync"
	"testing"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/synth"
)

// Benchmarks run only with -bench; the profile count comes from DUIJIE_BENCH_PROFILES
// (default 100,000). The full city-scale run with percentiles is go run ./matching/cmd/bench.
//
//	DUIJIE_BENCH_PROFILES=1000000 go test -run '^$' -bench . -benchtime 2000x ./matching/

var (
	benchOnce   sync.Once
	benchEngine *matching.Engine
)

func benchIndex(b *testing.B) *matching.Engine {
	benchOnce.Do(func() {
		n := 100_000
		if s := os.Getenv("DUIJIE_BENCH_PROFILES"); s != "" {
			if v, err := strconv.Atoi(s); err == nil && v > 0 {
				n = v
			}
		}
		benchEngine = matching.New(matching.DefaultConfig())
		synth.Enterprises(n, 20_000, 1, func(batch []domain.Enterprise) { benchEngine.UpsertMany(batch) })
		benchEngine.Compact()
	})
	b.ResetTimer()
	return benchEngine
}

func BenchmarkSuppliersFor(b *testing.B) {
	e := benchIndex(b)
	for i := 0; b.Loop(); i++ {
		if _, err := e.SuppliersFor(synth.Lead(1, i%5000), 20, matching.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBruteForce(b *testing.B) {
	e := benchIndex(b)
	for i := 0; b.Loop(); i++ {
		if _, err := e.BruteForce(synth.Lead(1, i%5000), 20, matching.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUpsert(b *testing.B) {
	e := benchIndex(b)
	for i := 0; b.Loop(); i++ {
		ent := synth.Enterprise(2, i)
		ent.ID = "upsert" + strconv.Itoa(i%1000) // replace, so the index size stays put
		e.Upsert(ent)
	}
}

var benchLeadsOnce sync.Once

func BenchmarkLeadsFor(b *testing.B) {
	e := benchIndex(b)
	benchLeadsOnce.Do(func() {
		for i := 0; i < 20_000; i++ {
			e.UpsertLead(synth.Lead(2, i))
		}
	})
	for i := 0; b.Loop(); i++ {
		if _, err := e.LeadsFor(synth.Enterprise(1, i%5000), 20, matching.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
