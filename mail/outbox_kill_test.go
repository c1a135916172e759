package mail

import (
	"bytes"
	"context"
	"fmt"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail/mailtest"
	"duijie/store/sqlite"
)

// TestOutboxSurvivesKill queues notices, lets a separate process send them, kills it with
// SIGKILL mid-send, and lets a second sender finish after the first one's claims ran out.
// Every notice must reach the relay (none lost), each with the Message-ID derived from its
// outbox ID (so a repeat is recognisable), and only what the dead process had in flight may be
// sent twice. DUIJIE_KILL_N sets how many (the figure is 100,000; 3,000 by default so
// the suite stays quick).
func TestOutboxSurvivesKill(t *testing.T) {
	if os.Getenv("DUIJIE_KILL_HELPER") != "" {
		t.Skip("helper process")
	}
	n := 3000
	if v := os.Getenv("DUIJIE_KILL_N"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "duijie.db")
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	base := composed(t, 0, "zh-CN")
	queued := time.Now()
	for start := 0; start < n; start += 1000 {
		var batch []*domain.OutboxMessage
		for i := start; i < min(start+1000, n); i++ {
			m := *base
			m.DedupKey, m.To = fmt.Sprintf("notice:%d", i), fmt.Sprintf("m%d@example.test", i)
			batch = append(batch, &m)
		}
		if _, err := st.Outbox.EnqueueMany(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("queued %d notices in %s", n, time.Since(queued).Round(time.Millisecond))

	srv := mailtest.Start(t)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestOutboxKillHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "DUIJIE_KILL_HELPER=1", "DUIJIE_KILL_DB="+db,
		"DUIJIE_KILL_SMTP="+fmt.Sprintf("%s:%d", srv.Host, srv.Port))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for srv.Count() < n/3+137 && time.Now().Before(deadline) { // mid-batch, not at its end
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred code, no clean-up
		t.Fatal(err)
	}
	_ = cmd.Wait()
	atKill := srv.Count()
	if atKill >= n {
		t.Fatalf("the helper finished before it was killed (%d sent); output:\n%s", atKill, out.String())
	}
	counts, err := st.Outbox.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %d messages reached the relay; outbox then %v", atKill, counts)

	// The second sender takes over once the dead one's claims (2 s) ran out.
	time.Sleep(2100 * time.Millisecond)
	d := &Dispatcher{Outbox: st.Outbox, Sender: newSMTP(t, srv, 10*time.Second), Holder: "second", Concurrency: 4, Batch: 500}
	if _, err := d.Drain(ctx, nil); err != nil {
		t.Fatal(err)
	}
	counts, err = st.Outbox.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[domain.OutboxSent] != n {
		t.Fatalf("outbox after the second sender: %v", counts)
	}
	seen := map[string]int{}
	for _, m := range srv.Messages() {
		msg, err := mail.ReadMessage(bytes.NewReader(m.Raw))
		if err != nil {
			t.Fatal(err)
		}
		seen[msg.Header.Get("Message-Id")]++
	}
	repeats := 0
	for _, c := range seen {
		repeats += c - 1
	}
	// In flight when killed: at most one claimed batch (500) sent but not yet recorded.
	if len(seen) != n || repeats > 500 {
		t.Fatalf("%d distinct Message-IDs of %d notices, %d sent twice", len(seen), n, repeats)
	}
	t.Logf("%d notices, %d distinct Message-IDs, %d sent again after the kill (same Message-ID)", n, len(seen), repeats)
	_ = st.Health.Close()
}

// TestOutboxKillHelper is the process TestOutboxSurvivesKill kills: a sender draining the
// outbox with short claims.
func TestOutboxKillHelper(t *testing.T) {
	if os.Getenv("DUIJIE_KILL_HELPER") == "" {
		t.Skip("run by TestOutboxSurvivesKill")
	}
	st, err := sqlite.Open(os.Getenv("DUIJIE_KILL_DB"))
	if err != nil {
		t.Fatal(err)
	}
	host, portText, _ := cutLast(os.Getenv("DUIJIE_KILL_SMTP"), ":")
	port, _ := strconv.Atoi(portText)
	s, err := NewSMTP(SMTPConfig{Host: host, Port: port, From: "对接平台 <no-reply@duijie.example.org>", Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	d := &Dispatcher{Outbox: st.Outbox, Sender: s, Holder: "first", Concurrency: 4, Batch: 500, ClaimTTL: 2 * time.Second}
	if _, err := d.Drain(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
}

func cutLast(s, sep string) (string, string, bool) {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}
