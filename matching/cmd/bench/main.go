// Command bench measures the matching engine at city scale on synthetic data (matching/synth):
// index build time and memory, top-20 latency for one lead on one core (p50/p99), rematching
// many leads on all cores, "leads for you" latency, and the brute-force scorer on the same data
// (same results, speed ratio). Figures go to BENCHMARKS.md, section "Matching".
//
//	go run ./matching/cmd/bench -n 1000000
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"duijie/domain"
	"duijie/matching"
	"duijie/matching/synth"
)

func main() {
	n := flag.Int("n", 1_000_000, "synthetic profiles to index")
	queries := flag.Int("queries", 2000, "leads timed one by one on one core")
	rematch := flag.Int("rematch", 10_000, "leads rematched on all cores")
	brute := flag.Int("brute", 20, "leads also ranked by the brute-force scorer")
	openLeads := flag.Int("leads", 100_000, "open leads indexed for \"leads for you\"")
	k := flag.Int("k", 20, "results per ranking")
	seed := flag.Uint64("seed", 1, "data seed")
	slowest = flag.Int("slowest", 0, "list this many of the slowest leads")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the one-core rankings to this file")
	analyse = flag.Int("analyse", 0, "texts read by Understand (POST /leads/analyse) on one core")
	flag.StringVar(&buildProfile, "buildprofile", "", "write a CPU profile of the index build to this file")
	flag.Parse()
	profile = *cpuProfile
	if err := run(*n, *queries, *rematch, *brute, *openLeads, *k, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

var (
	profile      string // the -cpuprofile file, "" for none
	buildProfile string // the -buildprofile file, "" for none
	slowest      *int
	analyse      *int
)

func heap() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func run(n, queries, rematch, brute, openLeads, k int, seed uint64) error {
	fmt.Printf("machine: %d CPUs, %s %s/%s\n", runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	// The vocabulary is loaded once per process whatever the index holds: measured apart, so
	// that bytes per profile are the index's own.
	v0 := heap()
	matching.DefaultVocabulary()
	fmt.Printf("vocabulary: heap %.1f MiB\n", float64(heap()-v0)/(1<<20))
	before := heap()
	if buildProfile != "" {
		f, err := os.Create(buildProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	cpu0 := processCPU()
	e := matching.New(matching.DefaultConfig())
	var build time.Duration
	synth.Enterprises(n, 20_000, seed, func(b []domain.Enterprise) {
		t := time.Now()
		e.UpsertMany(b)
		build += time.Since(t)
	})
	t := time.Now()
	e.Compact()
	build += time.Since(t)
	buildCPU := processCPU() - cpu0
	if buildProfile != "" {
		pprof.StopCPUProfile()
	}
	after := heap()
	st := e.Stats()
	perProfile := float64(after-before) / float64(st.Profiles)
	fmt.Printf("index: %d profiles, %d terms, %d postings; build %.1f s wall on %d cores (analysis in parallel, generation excluded); process CPU incl. generation %.1f s\n",
		st.Profiles, st.Terms, st.Postings, build.Seconds(), runtime.GOMAXPROCS(0), buildCPU.Seconds())
	fmt.Printf("memory: heap %.0f MiB = %.0f B/profile measured (structures estimate %.0f B/profile)\n",
		float64(after-before)/(1<<20), perProfile, st.BytesPerProfile)

	leads := make([]domain.Lead, max(queries, rematch, brute))
	for i := range leads {
		leads[i] = synth.Lead(seed, i)
	}

	// One core: the latency a single request sees.
	prev := runtime.GOMAXPROCS(1)
	for _, l := range leads[:min(200, queries)] { // warm-up
		e.SuppliersFor(l, k, matching.Options{})
	}
	// The machine is shared: wall time includes waiting for the core, so the thread's own CPU
	// time is reported beside it.
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	runtime.LockOSThread()
	lat := make([]time.Duration, queries)
	cpu := make([]time.Duration, queries)
	hits := 0
	for i, l := range leads[:queries] {
		c0 := threadCPU()
		t := time.Now()
		rs, err := e.SuppliersFor(l, k, matching.Options{})
		lat[i] = time.Since(t)
		cpu[i] = threadCPU() - c0
		if err != nil {
			return err
		}
		hits += len(rs)
	}
	runtime.UnlockOSThread()
	if profile != "" {
		pprof.StopCPUProfile()
	}
	p, pc := percentiles(lat), percentiles(cpu)
	fmt.Printf("top-%d, one core, %d leads (%.1f results/lead):\n", k, queries, float64(hits)/float64(queries))
	fmt.Printf("  thread CPU: p50 %s  p90 %s  p99 %s  max %s  mean %s\n", pc[0], pc[1], pc[2], pc[3], pc[4])
	fmt.Printf("  wall:       p50 %s  p90 %s  p99 %s  max %s  mean %s\n", p[0], p[1], p[2], p[3], p[4])

	if *slowest > 0 {
		idx := make([]int, queries)
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return int(cpu[b] - cpu[a]) })
		for _, i := range idx[:min(*slowest, queries)] {
			fmt.Printf("  slow: lead %d %s %q\n", i, cpu[i].Round(10*time.Microsecond), leads[i].Title)
		}
	}
	if *analyse > 0 {
		understand(e, *analyse, seed)
	}
	if brute > 0 {
		if err := bruteForce(e, leads[:brute], k); err != nil {
			return err
		}
	}
	runtime.GOMAXPROCS(prev)
	if rematch > 0 {
		rematchAll(e, leads[:rematch], k)
	}
	if openLeads > 0 {
		leadsFor(e, n, openLeads, k, seed)
	}
	return nil
}

// understand times the intake reading of lead texts (what POST /leads/analyse does besides JSON):
// the synthetic leads' title and description, and every fifth text the code-less leads of the
// quality set when run from the repository root. One core, thread CPU and wall.
func understand(e *matching.Engine, n int, seed uint64) {
	var texts [][2]string
	if b, err := os.ReadFile("matching/testdata/leads.jsonl"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			var l domain.Lead
			if json.Unmarshal([]byte(line), &l) == nil && strings.HasPrefix(l.ID, "i") {
				texts = append(texts, [2]string{l.Title, l.Description})
			}
		}
	}
	real := len(texts)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	lat := make([]time.Duration, n)
	cpu := make([]time.Duration, n)
	for i := range n {
		var t [2]string
		if real > 0 && i%5 == 0 {
			t = texts[(i/5)%real]
		} else {
			l := synth.Lead(seed+7, i)
			t = [2]string{l.Title, l.Description}
		}
		c0 := threadCPU()
		w0 := time.Now()
		e.Understand(t[0], t[1], nil, nil)
		lat[i] = time.Since(w0)
		cpu[i] = threadCPU() - c0
	}
	p, pc := percentiles(lat), percentiles(cpu)
	fmt.Printf("understand (POST /leads/analyse), one core, %d texts (%d of them the %d intake leads):\n", n, (n+4)/5*min(real, 1), real)
	fmt.Printf("  thread CPU: p50 %s  p90 %s  p99 %s  max %s  mean %s\n", pc[0], pc[1], pc[2], pc[3], pc[4])
	fmt.Printf("  wall:       p50 %s  p90 %s  p99 %s  max %s  mean %s\n", p[0], p[1], p[2], p[3], p[4])
}

// bruteForce ranks the leads with the index and with the brute-force scorer on one core: same
// results, and what the index buys.
func bruteForce(e *matching.Engine, leads []domain.Lead, k int) error {
	var tIdx, tBrute time.Duration
	same := 0
	runtime.LockOSThread()
	for _, l := range leads {
		t := threadCPU()
		a, _ := e.SuppliersFor(l, k, matching.Options{})
		tIdx += threadCPU() - t
		t = threadCPU()
		b, _ := e.BruteForce(l, k, matching.Options{})
		tBrute += threadCPU() - t
		if equal(a, b) {
			same++
		}
	}
	runtime.UnlockOSThread()
	brute := len(leads)
	fmt.Printf("brute force, one core, %d leads, thread CPU: %s/lead vs index %s/lead = %.0fx; identical rankings %d/%d\n",
		brute, tBrute/time.Duration(brute), tIdx/time.Duration(brute), float64(tBrute)/float64(tIdx), same, brute)
	if same != brute {
		return fmt.Errorf("the index and the brute-force scorer disagree on %d of %d leads", brute-same, brute)
	}
	return nil
}

// rematchAll ranks the leads on all cores, as the rematch job does.
func rematchAll(e *matching.Engine, leads []domain.Lead, k int) {
	rematch := len(leads)
	var next atomic.Int64
	var wg sync.WaitGroup
	t := time.Now()
	c0 := processCPU()
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= rematch {
					return
				}
				e.SuppliersFor(leads[i], k, matching.Options{})
			}
		}()
	}
	wg.Wait()
	d := time.Since(t)
	dc := processCPU() - c0
	fmt.Printf("rematch %d leads on %d cores: %.1f s wall (%.0f leads/s), %.1f s CPU (%.0f leads per CPU-second)\n",
		rematch, runtime.GOMAXPROCS(0), d.Seconds(), float64(rematch)/d.Seconds(), dc.Seconds(), float64(rematch)/dc.Seconds())
}

// leadsFor indexes open leads and times "leads for you" for 500 indexed suppliers on one core.
func leadsFor(e *matching.Engine, n, openLeads, k int, seed uint64) {
	t := time.Now()
	for i := 0; i < openLeads; i++ {
		e.UpsertLead(synth.Lead(seed+1, i))
	}
	fmt.Printf("leads index: %d open leads in %.1f s\n", e.OpenLeads(), time.Since(t).Seconds())
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	m := min(500, n)
	ents := make([]domain.Enterprise, m)
	for i := range ents {
		ents[i] = synth.Enterprise(seed, i*(n/m))
	}
	for _, ent := range ents[:min(50, m)] { // warm-up
		e.LeadsFor(ent, k, matching.Options{})
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var lat, cpu []time.Duration
	for _, ent := range ents {
		c0 := threadCPU()
		t := time.Now()
		e.LeadsFor(ent, k, matching.Options{})
		lat = append(lat, time.Since(t))
		cpu = append(cpu, threadCPU()-c0)
	}
	p, pc := percentiles(lat), percentiles(cpu)
	fmt.Printf("leads for you, one core, %d suppliers over %d leads:\n", m, e.OpenLeads())
	fmt.Printf("  thread CPU: p50 %s  p90 %s  p99 %s  max %s  mean %s\n", pc[0], pc[1], pc[2], pc[3], pc[4])
	fmt.Printf("  wall:       p50 %s  p90 %s  p99 %s  max %s  mean %s\n", p[0], p[1], p[2], p[3], p[4])

	// A profile write changes every lead's weights: the next ranking renormalises the leads it
	// touches.
	cpu = cpu[:0]
	for i, ent := range ents[:min(50, m)] {
		w := synth.Enterprise(seed+2, i)
		w.ID = "bench-write"
		e.Upsert(w)
		c0 := threadCPU()
		e.LeadsFor(ent, k, matching.Options{})
		cpu = append(cpu, threadCPU()-c0)
	}
	pc = percentiles(cpu)
	fmt.Printf("  first after a profile write, %d suppliers, thread CPU: p50 %s  max %s  mean %s\n", len(cpu), pc[0], pc[3], pc[4])
}

// processCPU is the CPU time of the whole process (all threads).
func processCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_PROCESS_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// threadCPU is the CPU time the calling OS thread has used.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

func equal(a, b []matching.Result) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Score != b[i].Score {
			return false
		}
	}
	return true
}

// percentiles returns p50, p90, p99, max and mean, rounded for reading.
func percentiles(d []time.Duration) [5]time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	var sum time.Duration
	for _, x := range s {
		sum += x
	}
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	r := func(x time.Duration) time.Duration { return x.Round(10 * time.Microsecond) }
	return [5]time.Duration{r(at(0.50)), r(at(0.90)), r(at(0.99)), r(s[len(s)-1]), r(sum / time.Duration(len(s)))}
}
