package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/seed"
	"duijie/store"
	"duijie/store/sqlite"
)

// benchServer is a Duijie app on a fresh SQLite database, listening on a loopback port.
type benchServer struct {
	h     *Handler
	st    *store.Store
	base  string
	http  *http.Client
	admin *domain.User
}

func newBenchServer(b *testing.B) *benchServer {
	b.Helper()
	st, err := sqlite.Open(filepath.Join(b.TempDir(), "duijie.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Health.Close() })
	if err := seed.Clusters(context.Background(), st); err != nil {
		b.Fatal(err)
	}
	app, h, err := newApp(Deps{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Options: Options{BaseURL: "http://bench.test", SessionSecret: "bench", DefaultTZ: domain.DefaultTimezone}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(h.events.WaitMail) // registration mail still being queued, before the store closes
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	b.Cleanup(func() { _ = app.ShutdownWithTimeout(5 * time.Second) })
	s := &benchServer{h: h, st: st, base: "http://" + ln.Addr().String(),
		http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 128}}}
	s.admin = &domain.User{ID: domain.NewID(), Email: "admin@bench.test", Role: domain.RoleAdmin, Clusters: []string{},
		PasswordHash: "x", CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := st.Users.Create(context.Background(), s.admin); err != nil {
		b.Fatal(err)
	}
	return s
}

// members creates n enterprises, each with a member holding an API token that has been used
// before (as by a client that browsed the event page first), and returns the tokens.
func (s *benchServer) members(b *testing.B, n int) []string {
	b.Helper()
	ctx := context.Background()
	now := time.Now()
	tokens := make([]string, n)
	for i := range n {
		e := &domain.Enterprise{ID: domain.NewID(), Name: fmt.Sprintf("无锡压测企业%05d有限公司", i),
			USCC: domain.CompleteUSCC(fmt.Sprintf("91320214MB%07d", i)), Clusters: []string{"L1"}, Status: domain.EnterpriseActive,
			Tier: domain.TierOther, CreatedAt: now, UpdatedAt: now}
		if err := s.st.Enterprises.Create(ctx, e); err != nil {
			b.Fatal(err)
		}
		u := &domain.User{ID: domain.NewID(), Email: fmt.Sprintf("m%d@bench.test", i), Name: fmt.Sprintf("参会人%d", i),
			Role: domain.RoleMember, EnterpriseID: e.ID, Clusters: []string{}, PasswordHash: "x", CreatedAt: now, UpdatedAt: now}
		if err := s.st.Users.Create(ctx, u); err != nil {
			b.Fatal(err)
		}
		secret, tok, err := s.h.issueToken(ctx, u, "bench")
		if err != nil {
			b.Fatal(err)
		}
		if err := s.st.Tokens.Touch(ctx, tok.ID, now); err != nil {
			b.Fatal(err)
		}
		tokens[i] = secret
	}
	return tokens
}

// event stores a published event starting in a month.
func (s *benchServer) event(b *testing.B, capacity int, sessions int) *domain.Event {
	b.Helper()
	loc, _ := domain.LoadZone(domain.DefaultTimezone)
	d := time.Now().In(loc).AddDate(0, 1, 0)
	start := time.Date(d.Year(), d.Month(), d.Day(), 8, 0, 0, 0, loc)
	now := time.Now()
	e := &domain.Event{ID: domain.NewID(), Title: "压测活动", Cluster: "L1", Kind: domain.EventMatchmaking, Venue: "无锡",
		StartsAt: start, EndsAt: start.Add(58 * time.Hour), Timezone: domain.DefaultTimezone, Capacity: capacity,
		MaxAttendeesPerEnterprise: 2, Status: domain.EventPublished, PublishedAt: &now, CreatedAt: now, UpdatedAt: now,
		Sessions: []domain.AgendaSession{}}
	for i := range sessions {
		// 200 sessions over 3 days in 8 rooms and 4 tracks, 25 minutes each.
		day, slot := i/70, i%70
		at := start.AddDate(0, 0, day).Add(time.Duration(slot/8) * 30 * time.Minute)
		e.Sessions = append(e.Sessions, domain.AgendaSession{ID: domain.NewID(), Title: fmt.Sprintf("分论坛报告 %d", i),
			StartsAt: at, EndsAt: at.Add(25 * time.Minute), Room: fmt.Sprintf("%d号厅", slot%8), Track: fmt.Sprintf("专题%d", slot%4),
			Kind: domain.SessionTalk, Speakers: []domain.Speaker{{Name: "王总", Position: "总经理", Organisation: "无锡某公司"}}})
	}
	if err := domain.ValidateAgenda(e, e.Sessions); err != nil {
		b.Fatal(err)
	}
	if err := s.st.Events.Create(context.Background(), e); err != nil {
		b.Fatal(err)
	}
	return e
}

// p99 returns the 99th percentile of the durations.
func p99(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[(len(d)*99+99)/100-1]
}

// BenchmarkRegistrationStorm is the issue's storm: 64 concurrent HTTP clients, one event with
// 500 seats, 5,000 enterprises, on an event without approval ("open") and on one with approval
// ("approval": every registration is pending, then organisers approve all 5,000 at the same
// concurrency). It checks the outcome (exactly 500 confirmed, 4,500 waitlisted at 1..4,500,
// no 5xx) and reports registrations/s and p99 over HTTP, the bare store rate of the same storm
// measured in the same run, and their ratio (for "approval", registrations plus approvals per
// second, over both steps). Run with -benchtime=1x.
func BenchmarkRegistrationStorm(b *testing.B) {
	const clients, seats, enterprises = 64, 500, 5000
	s := newBenchServer(b)
	tokens := s.members(b, enterprises)
	secret, _, err := s.h.issueToken(context.Background(), s.admin, "bench")
	if err != nil {
		b.Fatal(err)
	}
	all, _, _, err := s.st.Enterprises.List(context.Background(), store.EnterpriseFilter{}, store.Page{Limit: 500})
	if err != nil || len(all) == 0 {
		b.Fatal(err)
	}
	for _, approval := range []bool{false, true} {
		name := "open"
		if approval {
			name = "approval"
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				e := s.event(b, seats, 0)
				if approval {
					s.setApproval(b, e)
				}
				b.StartTimer()
				start := time.Now()
				ids, lat := s.stormHTTP(b, clients, enterprises, func(i int) (string, string, string) {
					body := fmt.Sprintf(`{"attendees":[{"name":"参会人%d","mobile":"138%08d","email":"p%d@bench.test"}]}`, i, i, i)
					return "/api/v1/events/" + e.ID + "/registrations", body, tokens[i]
				})
				if approval {
					_, lat2 := s.stormHTTP(b, clients, enterprises, func(i int) (string, string, string) {
						return "/api/v1/registrations/" + ids[i] + "/approve", "", secret
					})
					lat = append(lat, lat2...)
				}
				httpRate := float64(enterprises) / time.Since(start).Seconds()
				b.StopTimer()
				checkStorm(b, s.st, e.ID, seats, enterprises-seats)
				// The confirmations queued after the responses (service/events) are written by
				// now or soon: they must not slow the store's run below.
				t0 := time.Now()
				s.h.events.WaitMail()
				drain := time.Since(t0)

				// The same storm straight against the store, on a fresh event, in the same run.
				bare := s.event(b, seats, 0)
				if approval {
					s.setApproval(b, bare)
				}
				start = time.Now()
				regIDs := make([]string, enterprises)
				s.stormStore(b, clients, enterprises, func(i int) {
					r := &domain.Registration{EventID: bare.ID, EnterpriseID: all[i%len(all)].ID + fmt.Sprint(i/len(all)), // distinct
						EnterpriseName: "企业", Attendees: []domain.Attendee{{Name: "参会人", Mobile: fmt.Sprintf("138%08d", i), Email: fmt.Sprintf("p%d@bench.test", i)}}}
					got, _, err := s.st.Registrations.Register(context.Background(), r, time.Now())
					if err != nil {
						b.Error(err)
						return
					}
					regIDs[i] = got.ID
				})
				if approval {
					s.stormStore(b, clients, enterprises, func(i int) {
						if _, err := s.st.Registrations.Approve(context.Background(), regIDs[i], time.Now()); err != nil {
							b.Error(err)
						}
					})
				}
				storeRate := float64(enterprises) / time.Since(start).Seconds()
				checkStorm(b, s.st, bare.ID, seats, enterprises-seats)
				b.ReportMetric(httpRate, "http-regs/s")
				b.ReportMetric(float64(p99(lat).Microseconds())/1000, "p99-ms")
				b.ReportMetric(storeRate, "store-regs/s")
				b.ReportMetric(httpRate/storeRate, "ratio")
				b.ReportMetric(drain.Seconds(), "mail-drain-s")
				b.StartTimer()
			}
		})
	}
}

// setApproval makes a bench event one whose registrations wait for an organiser.
func (s *benchServer) setApproval(b *testing.B, e *domain.Event) {
	b.Helper()
	e.Approval = true
	if err := s.st.Events.Update(context.Background(), e, nil); err != nil {
		b.Fatal(err)
	}
}

// stormHTTP sends n POSTs from clients concurrent clients (req(i) gives the path, body and
// Bearer token of the i-th), fails unless every answer is 200 or 201, and returns the IDs the
// answers carry and each request's latency.
func (s *benchServer) stormHTTP(b *testing.B, clients, n int, req func(i int) (path, body, token string)) ([]string, []time.Duration) {
	ids := make([]string, n)
	lat := make([]time.Duration, n)
	var fivexx, other atomic.Int64
	s.stormStore(b, clients, n, func(i int) {
		path, body, token := req(i)
		rq, _ := http.NewRequest("POST", s.base+path, bytes.NewBufferString(body))
		rq.Header.Set("Content-Type", "application/json")
		rq.Header.Set("Authorization", "Bearer "+token)
		t0 := time.Now()
		res, err := s.http.Do(rq)
		lat[i] = time.Since(t0)
		if err != nil {
			other.Add(1)
			return
		}
		var out struct {
			Data struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		_ = json.NewDecoder(res.Body).Decode(&out)
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		ids[i] = out.Data.ID
		switch {
		case res.StatusCode >= 500:
			fivexx.Add(1)
		case res.StatusCode != fiber.StatusCreated && res.StatusCode != fiber.StatusOK:
			other.Add(1)
		}
	})
	if fivexx.Load() != 0 || other.Load() != 0 {
		b.Fatalf("%d answers were 5xx and %d neither 2xx nor 5xx", fivexx.Load(), other.Load())
	}
	return ids, lat
}

// stormStore runs do(0..n-1) from clients goroutines and waits for all.
func (s *benchServer) stormStore(b *testing.B, clients, n int, do func(i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for i := range jobs {
				do(i)
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// checkStorm fails unless the event has exactly confirmed and waitlisted registrations with
// waitlist positions 1..waitlisted.
func checkStorm(b *testing.B, st *store.Store, eventID string, confirmed, waitlisted int) {
	b.Helper()
	var positions []int
	got, cursor := 0, ""
	for {
		page, next, _, err := st.Registrations.ListByEvent(context.Background(), eventID, store.RegistrationFilter{}, store.Page{Limit: 500, Cursor: cursor})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range page {
			switch r.Status {
			case domain.RegConfirmed:
				got++
			case domain.RegWaitlisted:
				positions = append(positions, r.Position)
			}
		}
		if next == "" {
			break
		}
		cursor = next
	}
	slices.Sort(positions)
	if got != confirmed || len(positions) != waitlisted {
		b.Fatalf("%d confirmed and %d waitlisted, want %d and %d", got, len(positions), confirmed, waitlisted)
	}
	for i, p := range positions {
		if p != i+1 {
			b.Fatalf("waitlist position %d at rank %d: not gapless", p, i+1)
		}
	}
}

// BenchmarkEventPages measures the events list with 2,000 events and the page of an event with
// 200 agenda sessions, over HTTP on loopback, and reports each p99 (target < 20 ms).
func BenchmarkEventPages(b *testing.B) {
	s := newBenchServer(b)
	ctx := context.Background()
	now := time.Now()
	for i := range 2000 {
		start := now.AddDate(0, 0, i%365).Truncate(time.Hour)
		e := &domain.Event{ID: domain.NewID(), Title: fmt.Sprintf("供需对接会 %d", i), Cluster: []string{"L1", "L2", "A5", "F1"}[i%4],
			Kind: domain.EventMatchmaking, Venue: "无锡国际会议中心", StartsAt: start, EndsAt: start.Add(8 * time.Hour),
			Timezone: domain.DefaultTimezone, Capacity: 100, MaxAttendeesPerEnterprise: 2, Status: domain.EventPublished,
			PublishedAt: &now, CreatedAt: now, UpdatedAt: now, Sessions: []domain.AgendaSession{}}
		if err := s.st.Events.Create(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
	big := s.event(b, 1000, 200)
	for _, tc := range []struct{ name, path string }{
		{"list-page", "/events"},
		{"list-page-filtered", "/events?cluster=L2&month=" + now.AddDate(0, 2, 0).Format("2006-01") + "&q=%E5%AF%B9%E6%8E%A5"},
		{"list-api", "/api/v1/events?limit=50"},
		{"event-page-200-sessions", "/events/" + big.ID},
		{"event-api-200-sessions", "/api/v1/events/" + big.ID},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				t0 := time.Now()
				res, err := s.http.Get(s.base + tc.path)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				lat = append(lat, time.Since(t0))
				if res.StatusCode != 200 {
					b.Fatalf("%s: status %d", tc.path, res.StatusCode)
				}
			}
			b.ReportMetric(float64(p99(lat).Microseconds())/1000, "p99-ms")
		})
	}
}
