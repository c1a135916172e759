// Command benchpath measures matching through the product's real path, as an operator meets
// it: `duijie import enterprises` of N generated rows, `duijie serve` on that database (index
// build time until /readyz, resident memory, what /metrics says is indexed), then
// GET /api/v1/leads/{id}/matches over HTTP, quiet and while a second import of M rows runs
// beside the server, and how long that import takes to reach the index.
//
//	go run ./cmd/benchpath -n 100000 -during 100000
//	go run ./cmd/benchpath -n 1000000 -during 0
//
// It builds the duijie binary, runs it as child processes on a temporary DATA_DIR and talks to
// it on 127.0.0.1 only. Every figure is printed beside the number of profiles indexed.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"duijie/domain"
	"duijie/matching/synth"
)

func main() {
	n := flag.Int("n", 100_000, "enterprises imported before the server starts")
	during := flag.Int("during", 100_000, "enterprises imported while the server runs (0: none)")
	leads := flag.Int("leads", 200, "open leads to rank")
	queries := flag.Int("queries", 2000, "ranking requests per phase")
	addr := flag.String("addr", "127.0.0.1:18170", "where the server listens (loopback)")
	keep := flag.Bool("keep", false, "keep the data directory")
	flag.Parse()
	if err := run(*n, *during, *leads, *queries, *addr, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "benchpath:", err)
		os.Exit(1)
	}
}

func run(n, during, leadCount, queries int, addr string, keep bool) error {
	dir, err := os.MkdirTemp("", "duijie-benchpath-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(dir)
	}
	bin := filepath.Join(dir, "duijie")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/duijie").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	maxRows := strconv.Itoa(max(n, during, leadCount) + 1)
	env := append(os.Environ(), "DATA_DIR="+filepath.Join(dir, "data"), "ADDR="+addr, "JOBS_ENABLED=false",
		"IMPORT_MAX_ROWS="+maxRows, "LOG_FORMAT=json")
	fmt.Printf("machine: %d cores; load before: %s\n", numCPU(), loadavg())

	file := filepath.Join(dir, "enterprises.csv")
	if err := writeEnterprises(file, 0, n); err != nil {
		return err
	}
	took, rss, err := runImport(bin, env, "enterprises", file)
	if err != nil {
		return err
	}
	fmt.Printf("import %d enterprises (CSV %s): %s, peak RSS %s\n", n, size(file), took.Round(time.Millisecond), mib(rss))
	lfile := filepath.Join(dir, "leads.csv")
	if err := writeLeads(lfile, leadCount); err != nil {
		return err
	}
	if _, _, err := runImport(bin, env, "leads", lfile); err != nil {
		return err
	}
	if out, err := command(bin, env, "user", "add", "--email", "bench@example.org", "--password", "bench-password-2026",
		"--role", "admin").CombinedOutput(); err != nil {
		return fmt.Errorf("user add: %v\n%s", err, out)
	}

	srv := command(bin, env, "serve")
	logs := &syncBuffer{}
	srv.Stderr = logs
	began := time.Now()
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		_ = srv.Process.Signal(syscall.SIGTERM)
		_ = srv.Wait()
	}()
	base := "http://" + addr
	if err := waitReady(base, 10*time.Minute); err != nil {
		return fmt.Errorf("%w\n%s", err, tail(logs.String()))
	}
	ready := time.Since(began)
	indexed := gauge(base, "duijie_matching_indexed_profiles")
	fmt.Printf("serve: ready (index built) after %s, %d profiles indexed, %d open leads; RSS %s (peak %s)\n",
		ready.Round(time.Millisecond), indexed, gauge(base, "duijie_matching_open_leads"),
		mib(procKB(srv.Process.Pid, "VmRSS")), mib(procKB(srv.Process.Pid, "VmHWM")))
	if line := logLine(logs.String(), "matching index built"); line != "" {
		fmt.Println("  log:", line)
	}

	token, err := login(base)
	if err != nil {
		return err
	}
	ids, err := openLeads(base, token)
	if err != nil {
		return err
	}
	lat, err := rank(base, token, ids, queries, nil)
	if err != nil {
		return err
	}
	fmt.Printf("GET /leads/{id}/matches?limit=20 over %d profiles, %d requests, one client: p50 %s  p99 %s\n",
		indexed, len(lat), pct(lat, 50), pct(lat, 99))

	if during == 0 {
		return nil
	}
	more := filepath.Join(dir, "more.csv")
	if err := writeEnterprises(more, 5_000_000, during); err != nil {
		return err
	}
	imp := command(bin, env, "import", "enterprises", more)
	var impOut bytes.Buffer
	imp.Stdout, imp.Stderr = &impOut, &impOut
	if err := imp.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- imp.Wait() }()
	var importErr error
	finished := time.Time{}
	lat, err = rank(base, token, ids, 1<<30, func() bool {
		select {
		case importErr = <-done:
			finished = time.Now()
			return true
		default:
			return false
		}
	})
	if err != nil {
		return err
	}
	if importErr != nil {
		return fmt.Errorf("import beside the server: %v\n%s", importErr, impOut.String())
	}
	fmt.Printf("GET /leads/{id}/matches during a %d-row import beside the server, %d requests: p50 %s  p99 %s\n",
		during, len(lat), pct(lat, 50), pct(lat, 99))
	want := indexed + during
	for {
		got := gauge(base, "duijie_matching_indexed_profiles")
		if got >= want {
			fmt.Printf("the import reached the index %s after it finished: %d profiles indexed\n",
				time.Since(finished).Round(time.Millisecond), got)
			break
		}
		if time.Since(finished) > 5*time.Minute {
			return fmt.Errorf("index holds %d profiles 5 minutes after the import, want %d", got, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The open leads are ranked again in the background after such an arrival; measure after.
	for t0 := time.Now(); !strings.Contains(logs.String(), "arrived profiles offered to open leads") &&
		time.Since(t0) < 5*time.Minute; {
		time.Sleep(200 * time.Millisecond)
	}
	if line := logLine(logs.String(), "matching: arrived profiles offered"); line != "" {
		fmt.Println("  log:", line)
	}
	lat, err = rank(base, token, ids, queries, nil)
	if err != nil {
		return err
	}
	fmt.Printf("GET /leads/{id}/matches over %d profiles after it: p50 %s  p99 %s; server RSS %s (peak %s)\n",
		gauge(base, "duijie_matching_indexed_profiles"), pct(lat, 50), pct(lat, 99),
		mib(procKB(srv.Process.Pid, "VmRSS")), mib(procKB(srv.Process.Pid, "VmHWM")))
	return nil
}

func command(bin string, env []string, args ...string) *exec.Cmd {
	c := exec.Command(bin, args...)
	c.Env = env
	return c
}

// runImport runs `duijie import KIND FILE` and returns its time and peak RSS in KiB.
func runImport(bin string, env []string, kind, file string) (time.Duration, int64, error) {
	c := command(bin, env, "import", kind, file)
	began := time.Now()
	out, err := c.CombinedOutput()
	took := time.Since(began)
	if err != nil {
		return took, 0, fmt.Errorf("import %s: %v\n%s", kind, err, tail(string(out)))
	}
	var rss int64
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return took, rss, nil
}

func writeEnterprises(path string, from, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(bufio.NewWriterSize(f, 1<<20))
	_ = w.Write([]string{"name", "uscc", "clusters", "industry_codes", "hs_codes", "products", "description",
		"certifications", "region", "tier", "scale", "export_markets"})
	for i := from; i < from+n; i++ {
		e := synth.Enterprise(2026, i)
		j := func(s []string) string { return strings.Join(s, ",") }
		_ = w.Write([]string{fmt.Sprintf("%s%07d", strings.TrimSuffix(e.Name, "有限公司"), i) + "有限公司",
			domain.CompleteUSCC(fmt.Sprintf("91320214MA%07d", i)), j(e.Clusters), j(e.IndustryCodes), j(e.HSCodes),
			j(e.Products), e.Description, j(e.Certifications), e.Region, string(e.Tier), string(e.Scale), j(e.ExportMarkets)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

func writeLeads(path string, n int) error {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"title", "description", "clusters", "industry_codes", "hs_codes", "quantity", "unit", "currency",
		"delivery_region", "required_certifications", "buyer_name", "status"})
	for i := range n {
		l := synth.Lead(2026, i)
		_ = w.Write([]string{l.Title, l.Description, strings.Join(l.Clusters, ","), strings.Join(l.IndustryCodes, ","),
			strings.Join(l.HSCodes, ","), strconv.Itoa(int(l.Quantity)), l.Unit, l.Currency, l.DeliveryRegion,
			strings.Join(l.RequiredCertifications, ","), "Benchmark Buyer GmbH", "open"})
	}
	w.Flush()
	return os.WriteFile(path, b.Bytes(), 0o600)
}

func waitReady(base string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("server not ready in time")
}

func gauge(base, name string) int {
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindSubmatch(body)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(string(m[1]), 64)
	return int(v)
}

func login(base string) (string, error) {
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"bench@example.org","password":"bench-password-2026"}`))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		Data struct{ Token string } `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Data.Token == "" {
		return "", fmt.Errorf("login: %d %v", resp.StatusCode, err)
	}
	return out.Data.Token, nil
}

func openLeads(base, token string) ([]string, error) {
	var ids []string
	cursor := ""
	for {
		req, _ := http.NewRequest("GET", base+"/api/v1/leads?status=open&limit=100&cursor="+cursor, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		var out struct {
			Data []struct{ ID string } `json:"data"`
			Page struct{ Next string } `json:"page"`
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		for _, l := range out.Data {
			ids = append(ids, l.ID)
		}
		if out.Page.Next == "" || len(out.Data) == 0 {
			break
		}
		cursor = out.Page.Next
	}
	if len(ids) == 0 {
		return nil, errors.New("no open leads")
	}
	return ids, nil
}

// rank asks for the matches of the leads in turn, count times or until stop says so.
func rank(base, token string, ids []string, count int, stop func() bool) ([]time.Duration, error) {
	var lat []time.Duration
	client := &http.Client{Timeout: 30 * time.Second}
	for i := 0; i < count; i++ {
		if stop != nil && stop() {
			break
		}
		req, _ := http.NewRequest("GET", base+"/api/v1/leads/"+ids[i%len(ids)]+"/matches?limit=20", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		began := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return lat, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return lat, fmt.Errorf("matches: status %d", resp.StatusCode)
		}
		lat = append(lat, time.Since(began))
	}
	return lat, nil
}

func pct(lat []time.Duration, p int) string {
	if len(lat) == 0 {
		return "-"
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	i := min(len(s)-1, (len(s)*p+99)/100-1)
	return fmt.Sprintf("%.2f ms", float64(s[max(i, 0)].Microseconds())/1000)
}

// procKB reads a "VmRSS:   1234 kB" line of /proc/PID/status.
func procKB(pid int, field string) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, field+":") {
			f := strings.Fields(l)
			if len(f) >= 2 {
				v, _ := strconv.ParseInt(f[1], 10, 64)
				return v
			}
		}
	}
	return 0
}

func mib(kib int64) string { return fmt.Sprintf("%.0f MiB", float64(kib)/1024) }

func size(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return "?"
	}
	return fmt.Sprintf("%.0f MiB", float64(fi.Size())/(1<<20))
}

func loadavg() string {
	data, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func numCPU() int {
	data, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(data), "processor\t:")
}

func logLine(logs, msg string) string {
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, `"msg":"`+msg) {
			return l
		}
	}
	return ""
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

// syncBuffer is the server's log, written by the process pipe while the benchmark reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
