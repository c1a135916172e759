package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duijie/config"
	"duijie/demo"
	"duijie/store/mongo/mongotest"
)

// serveUntil starts `duijie serve args…` in-process, calls probe with its URL once it listens,
// then cancels the context and checks the process shuts down cleanly with exit code 0.
func serveUntil(t *testing.T, env map[string]string, probe func(url string), args ...string) (stdout, stderr string) {
	t.Helper()
	c, out, errOut := newCLI(t, env)
	listening := make(chan string, 1)
	c.onListen = func(url string) { listening <- url }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- c.main(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()

	select {
	case url := <-listening:
		probe(url)
	case code := <-done:
		t.Fatalf("serve exited with %d before listening\nstderr: %s", code, errOut.String())
	// A hang detector, not a speed test: --demo on the FerretDB fixture (a collection scan per
	// command, the campaign's running totals kept on every write) takes 15–30 s when other test
	// packages load the machine.
	case <-time.After(90 * time.Second):
		t.Fatalf("serve did not listen within 90 s\nstderr: %s", errOut.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited with %d after cancel\nstderr: %s", code, errOut.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15 s of cancel")
	}
	return out.String(), errOut.String()
}

func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

func TestServeSmoke(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir}
	var served string
	stdout, stderr := serveUntil(t, env, func(url string) {
		served = url
		if code, body := get(t, url+"/healthz"); code != http.StatusOK {
			t.Errorf("/healthz = %d %s", code, body)
		}
		waitReady(t, url)
		code, body := get(t, url+"/api/v1/clusters")
		var clusters struct {
			Data []struct{ Code string } `json:"data"`
		}
		if err := json.Unmarshal(body, &clusters); code != http.StatusOK || err != nil || len(clusters.Data) != 15 {
			t.Errorf("/api/v1/clusters = %d, %d clusters (%v)", code, len(clusters.Data), err)
		}
		if code, body := get(t, url+"/metrics"); code != http.StatusOK || !strings.Contains(string(body), "go_goroutines") ||
			!strings.Contains(string(body), "process_") {
			t.Errorf("/metrics = %d without the Go and process collectors", code)
		}
	}, "--demo")

	if !strings.Contains(stdout, "Duijie is running at "+served) {
		t.Errorf("stdout lacks the URL %s:\n%s", served, stdout)
	}
	for _, l := range demo.Accounts() {
		if !strings.Contains(stdout, l.Email) || !strings.Contains(stdout, l.Password) {
			t.Errorf("stdout lacks the demo login %s:\n%s", l.Email, stdout)
		}
	}
	if c := strings.Count(stderr, "matching index built"); c != 1 {
		t.Errorf("\"matching index built\" logged %d times with --demo:\n%s", c, stderr)
	}
	for _, want := range []string{"SESSION_SECRET is not set", "demo data loaded", "shutting down", "stopped"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("log lacks %q:\n%s", want, stderr)
		}
	}

	// A second start on the same data must leave it alone and still show the logins it has.
	stdout, stderr = serveUntil(t, env, func(string) {}, "--demo")
	if !strings.Contains(stderr, "demo data not loaded") || !strings.Contains(stdout, demo.AdminEmail) {
		t.Errorf("restart with --demo:\nstdout: %s\nstderr: %s", stdout, stderr)
	}
	// The secret generated at the first start is kept, private, and used again at the second.
	if fi, err := os.Stat(filepath.Join(dir, config.SecretFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("session secret file: %v, %v", fi, err)
	}
	if !strings.Contains(stderr, "using the one stored") {
		t.Errorf("restart did not reuse the stored secret:\n%s", stderr)
	}
	// ADDR was given (--addr), so demo mode does not claim to have narrowed it.
	if strings.Contains(stdout, "this machine only") {
		t.Errorf("loopback notice although ADDR was given:\n%s", stdout)
	}
}

func TestDemoBindsLoopbackUnlessAddrGiven(t *testing.T) {
	if got := loopbackAddr(":8080"); got != "127.0.0.1:8080" {
		t.Errorf("loopbackAddr(:8080) = %s", got)
	}
	if got := loopbackAddr("0.0.0.0:18016"); got != "127.0.0.1:18016" {
		t.Errorf("loopbackAddr(0.0.0.0:18016) = %s", got)
	}
	cfg, err := config.Load(nil, func(string) string { return "" })
	if err != nil || cfg.Given("ADDR") {
		t.Fatalf("default ADDR reported as given (%v)", err)
	}
	cfg, err = config.Load(nil, func(k string) string { return map[string]string{"ADDR": ":9000"}[k] })
	if err != nil || !cfg.Given("ADDR") {
		t.Fatalf("ADDR from the environment not reported as given (%v)", err)
	}
	cfg, err = config.Load([]string{"--addr", ":9000"}, func(string) string { return "" })
	if err != nil || !cfg.Given("ADDR") {
		t.Fatalf("--addr not reported as given (%v)", err)
	}
}

// TestServeOnMongo runs the server on the Mongo engine (the in-process FerretDB) selected by
// MONGODB_URI, with demo data, and signs in with a demo login.
func TestServeOnMongo(t *testing.T) {
	uri := mongotest.URI(t)
	env := map[string]string{"MONGODB_URI": uri, "MONGODB_DB": mongotest.FreshDatabase(t, uri)}
	_, stderr := serveUntil(t, env, func(url string) {
		code, body := get(t, url+"/api/v1/clusters")
		if code != http.StatusOK || strings.Count(string(body), `"code"`) != 15 {
			t.Errorf("/api/v1/clusters on mongo = %d %s", code, body)
		}
		resp, err := http.Post(url+"/api/v1/auth/login", "application/json",
			strings.NewReader(`{"email":"`+demo.MemberEmail+`","password":"`+demo.Password+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("demo member login on mongo = %d", resp.StatusCode)
		}
	}, "--demo")
	if !strings.Contains(stderr, "engine=mongodb") {
		t.Errorf("log does not say the Mongo engine is used:\n%s", stderr)
	}
}

func TestServeDemoLeavesRealDataAlone(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir, "LOG_FORMAT": "json"}
	if code, _, stderr := run(t, env, "user", "add", "--email", "chief@example.org", "--password", "correct horse battery", "--role", "admin"); code != 0 {
		t.Fatalf("user add: %s", stderr)
	}
	stdout, stderr := serveUntil(t, env, func(string) {}, "--demo")
	if strings.Contains(stdout, "Demo logins") {
		t.Errorf("demo logins printed for a real database:\n%s", stdout)
	}
	if !strings.Contains(stderr, `"msg":"database is not empty: demo data not loaded, nothing changed"`) {
		t.Errorf("no JSON log line saying demo data was skipped:\n%s", stderr)
	}
	st := openDataDir(t, dir)
	defer st.Health.Close()
	if n, _ := st.Users.Count(context.Background()); n != 1 {
		t.Errorf("%d users after serve --demo on a real database, want 1", n)
	}
}

func TestServePortInUse(t *testing.T) {
	dir := t.TempDir()
	stdout, _ := serveUntil(t, map[string]string{"DATA_DIR": dir}, func(url string) {
		addr := strings.TrimPrefix(url, "http://")
		code, _, stderr := run(t, map[string]string{"DATA_DIR": t.TempDir()}, "serve", "--addr", addr)
		if code != exitFailure || !strings.Contains(stderr, "listen on "+addr) {
			t.Errorf("second server on %s: exit %d, stderr %q", addr, code, stderr)
		}
	})
	if !strings.Contains(stdout, "Duijie is running") {
		t.Errorf("stdout: %s", stdout)
	}
}
