package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

// digestFixture has n daily members; every even one has a lead matched in the period that
// ends at 08:30 Beijing time on 2026-11-27.
type digestFixture struct {
	st      *store.Store
	d       *Digest
	feed    *leadFeed
	members []*domain.User
	period  Period
	news    map[string]bool // users with something new
}

func newDigestFixture(t *testing.T, n int) *digestFixture {
	t.Helper()
	return newDigestFixtureOn(t, openStore(t), n)
}

// newDigestFixtureOn is newDigestFixture over a given store (mongo_test.go: the Mongo engine).
func newDigestFixtureOn(t *testing.T, st *store.Store, n int) *digestFixture {
	t.Helper()
	sh, _ := domain.LoadZone(Zone)
	now := time.Date(2026, 11, 27, 8, 30, 5, 0, sh)
	p, err := PeriodAt(domain.DigestDaily, now, sh)
	if err != nil {
		t.Fatal(err)
	}
	f := &digestFixture{st: st, feed: &leadFeed{}, period: p, news: map[string]bool{}}
	for i := range n {
		u := addMember(t, st, i+1, domain.DigestDaily, []string{"zh-CN", "en"}[i%2])
		f.members = append(f.members, u)
		if i%2 == 0 {
			f.feed.add(u.ID, fmt.Sprintf("冷库温度远程监测改造 %d", i), p.End.Add(-3*time.Hour))
			f.news[u.ID] = true
		}
	}
	f.d = &Digest{Store: st, Renderer: renderer(t), Sources: Sources{Leads: f.feed}, Batch: 3,
		Now: func() time.Time { return now }}
	return f
}

// exactlyOnce fails unless every member with news has exactly one digest and no one else any.
func (f *digestFixture) exactlyOnce(t *testing.T) {
	t.Helper()
	got := outboxByUser(t, f.st, domain.MailDigest)
	for _, u := range f.members {
		want := 0
		if f.news[u.ID] {
			want = 1
		}
		if got[u.ID] != want {
			t.Errorf("member %s has %d digests, want %d", u.Email, got[u.ID], want)
		}
	}
}

func TestDigestQueuesOncePerMember(t *testing.T) {
	f := newDigestFixture(t, 10)
	ctx := t.Context()
	run := newRun(f.st)
	if err := f.d.RunPeriod(ctx, run, f.period, nil); err != nil {
		t.Fatal(err)
	}
	c := run.Counts()
	if c["queued"] != 5 || c["empty"] != 5 {
		t.Fatalf("counts %v", c)
	}
	f.exactlyOnce(t)

	// A second run of the same period finds the checkpoint done and queues nothing.
	again := newRun(f.st)
	if err := f.d.RunPeriod(ctx, again, f.period, nil); err != nil {
		t.Fatal(err)
	}
	if c := again.Counts(); c["periods_already_done"] != 1 || c["queued"] != 0 {
		t.Fatalf("second run counts %v", c)
	}
	// Even without the checkpoint (lost, or another engine's copy), the dedup key holds.
	if err := f.st.Checkpoints.Save(ctx, &domain.Checkpoint{Job: checkpointJob, Key: f.period.Key, UpdatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	third := newRun(f.st)
	if err := f.d.RunPeriod(ctx, third, f.period, nil); err != nil {
		t.Fatal(err)
	}
	if c := third.Counts(); c["already_queued"] != 5 || c["queued"] != 0 {
		t.Fatalf("third run counts %v", c)
	}
	f.exactlyOnce(t)

	m, _, _, _ := f.st.Outbox.List(ctx, store.OutboxFilter{To: f.members[0].Email}, store.Page{})
	if len(m) != 1 || m[0].DedupKey != "digest:"+f.members[0].ID+":daily:2026-11-27" {
		t.Fatalf("queued %+v", m)
	}
	if m[0].Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
		t.Errorf("headers %v", m[0].Headers)
	}
}

// TestDigestKillAndResume stops a run halfway (as a killed process would), runs again, and
// checks that every member gets exactly one digest and that the second run resumed rather
// than starting over.
func TestDigestKillAndResume(t *testing.T) {
	f := newDigestFixture(t, 12)
	ctx, kill := context.WithCancel(t.Context())
	handled := 0
	f.d.afterMember = func(string) {
		handled++
		if handled == 7 {
			kill()
		}
	}
	err := f.d.RunPeriod(ctx, newRun(f.st), f.period, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("killed run: err = %v", err)
	}
	cp, err := f.st.Checkpoints.Get(t.Context(), checkpointJob, f.period.Key)
	if err != nil || cp.Done || cp.Cursor == "" {
		t.Fatalf("checkpoint after kill: %+v, %v", cp, err)
	}
	f.d.afterMember = nil
	f.feed.calls = 0
	resumed := newRun(f.st)
	if err := f.d.RunPeriod(t.Context(), resumed, f.period, nil); err != nil {
		t.Fatal(err)
	}
	if resumed.Counts()["resumed"] != 1 || f.feed.calls > 12-6 {
		t.Fatalf("resumed run looked at %d members (counts %v); the first run had finished at least 6", f.feed.calls, resumed.Counts())
	}
	f.exactlyOnce(t)
}

// TestDigestConcurrentRunners runs one period on two runners at once, bypassing the lease as
// two instances would after a takeover while the first still runs: the outbox's unique key
// still gives every member one digest.
func TestDigestConcurrentRunners(t *testing.T) { twoRunnersOnePeriod(t, newDigestFixture(t, 16)) }

// twoRunnersOnePeriod sends f's period from two runners at once.
func twoRunnersOnePeriod(t *testing.T, f *digestFixture) {
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if err := f.d.RunPeriod(t.Context(), newRun(f.st), f.period, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	f.exactlyOnce(t)
}

// TestDigestJobTwiceAndOnTwoInstances goes through the runner: the scheduled job twice in a row
// and from two instances at once.
func TestDigestJobTwiceAndOnTwoInstances(t *testing.T) {
	f := newDigestFixture(t, 8)
	instancesRacing(t, f, "a", "b", "a")
	rn := NewRunner(f.st, nil)
	rn.Register(f.d.Job(domain.DigestDaily, ""))
	if _, err := rn.Run(t.Context(), JobName(domain.DigestDaily), domain.TriggerCLI); err != nil {
		t.Fatal(err)
	}
	f.exactlyOnce(t)
}

// instancesRacing runs the scheduled digest job from one runner per holder at once.
func instancesRacing(t *testing.T, f *digestFixture, holders ...string) {
	var wg sync.WaitGroup
	for _, holder := range holders {
		rn := NewRunner(f.st, nil)
		rn.Holder = holder
		rn.Register(f.d.Job(domain.DigestDaily, ""))
		wg.Go(func() {
			if _, err := rn.Run(t.Context(), JobName(domain.DigestDaily), domain.TriggerSchedule); err != nil && !errors.Is(err, ErrBusy) {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

// TestDigestAcrossMidnightBeijing: a lead matched at 23:30 Beijing time (15:30 UTC, the same
// UTC date) belongs to the next morning's digest, and a run just after midnight Beijing time
// (the previous UTC date) does not send it early.
func TestDigestAcrossMidnightBeijing(t *testing.T) {
	st := openStore(t)
	sh, _ := domain.LoadZone(Zone)
	u := addMember(t, st, 1, domain.DigestDaily, "zh-CN")
	feed := &leadFeed{}
	feed.add(u.ID, "深夜发布的线索", time.Date(2026, 11, 26, 23, 30, 0, 0, sh))
	clock := time.Date(2026, 11, 27, 0, 10, 0, 0, sh).UTC() // 2026-11-26 16:10 UTC
	d := &Digest{Store: st, Renderer: renderer(t), Sources: Sources{Leads: feed}, Now: func() time.Time { return clock }}
	rn := NewRunner(st, nil)
	rn.Now = func() time.Time { return clock }
	rn.Register(d.Job(domain.DigestDaily, ""))

	if _, err := rn.Run(t.Context(), JobName(domain.DigestDaily), domain.TriggerSchedule); err != nil {
		t.Fatal(err)
	}
	if n := outboxByUser(t, st, domain.MailDigest)[u.ID]; n != 0 {
		t.Fatalf("the 00:10 run (period of the 26th) queued %d digests; the lead is in the 27th's", n)
	}
	clock = time.Date(2026, 11, 27, 8, 30, 0, 0, sh)
	if _, err := rn.Run(t.Context(), JobName(domain.DigestDaily), domain.TriggerSchedule); err != nil {
		t.Fatal(err)
	}
	ms, _, _, _ := st.Outbox.List(t.Context(), store.OutboxFilter{}, store.Page{})
	if len(ms) != 1 || ms[0].DedupKey != "digest:"+u.ID+":daily:2026-11-27" {
		t.Fatalf("queued %+v", ms)
	}
	full, _ := st.Outbox.Get(t.Context(), ms[0].ID)
	if want := "深夜发布的线索"; !strings.Contains(full.Text, want) {
		t.Errorf("digest lacks the late lead:\n%s", full.Text)
	}
	// The next morning it is not repeated.
	clock = clock.Add(24 * time.Hour)
	if _, err := rn.Run(t.Context(), JobName(domain.DigestDaily), domain.TriggerSchedule); err != nil {
		t.Fatal(err)
	}
	if n := outboxByUser(t, st, domain.MailDigest)[u.ID]; n != 1 {
		t.Fatalf("after the next morning: %d digests, want 1", n)
	}
}

func TestDigestRespectsPreferences(t *testing.T) {
	st := openStore(t)
	ctx := t.Context()
	sh, _ := domain.LoadZone(Zone)
	p, _ := PeriodAt(domain.DigestDaily, time.Date(2026, 11, 27, 9, 0, 0, 0, sh), sh)
	feed := &leadFeed{}
	daily := addMember(t, st, 1, domain.DigestDaily, "en")
	weekly := addMember(t, st, 2, domain.DigestWeekly, "zh-CN")
	off := addMember(t, st, 3, domain.DigestOff, "zh-CN")
	disabled := addMember(t, st, 4, domain.DigestDaily, "zh-CN")
	disabled.Disabled = true
	if err := st.Users.Update(ctx, disabled); err != nil {
		t.Fatal(err)
	}
	for _, u := range []*domain.User{daily, weekly, off, disabled} {
		feed.add(u.ID, "线索", p.End.Add(-time.Hour))
	}
	d := &Digest{Store: st, Renderer: renderer(t), Sources: Sources{Leads: feed}}
	run := newRun(st)
	if err := d.RunPeriod(ctx, run, p, nil); err != nil {
		t.Fatal(err)
	}
	got := outboxByUser(t, st, domain.MailDigest)
	if got[daily.ID] != 1 || len(got) != 1 || run.Counts()["skipped"] != 1 {
		t.Fatalf("queued %v, counts %v", got, run.Counts())
	}
	ms, _, _, _ := st.Outbox.List(ctx, store.OutboxFilter{}, store.Page{})
	if !strings.Contains(ms[0].Subject, "Duijie daily digest") {
		t.Errorf("English member got subject %q", ms[0].Subject)
	}
}

func TestDigestDryRunWritesNothing(t *testing.T) {
	f := newDigestFixture(t, 6)
	var previews []Preview
	run := newRun(f.st)
	if err := f.d.RunPeriod(t.Context(), run, f.period, func(p Preview) { previews = append(previews, p) }); err != nil {
		t.Fatal(err)
	}
	if len(previews) != 3 || run.Counts()["would_queue"] != 3 {
		t.Fatalf("previews %+v", previews)
	}
	if n := len(outboxByUser(t, f.st, domain.MailDigest)); n != 0 {
		t.Fatalf("dry run queued mail for %d members", n)
	}
	if _, err := f.st.Checkpoints.Get(t.Context(), checkpointJob, f.period.Key); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("dry run saved a checkpoint: %v", err)
	}
}
