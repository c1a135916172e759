package matchsvc

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"duijie/domain"
	"duijie/matching"
)

// FollowInterval is how often Follow re-syncs by default.
const FollowInterval = 30 * time.Second

// settle is how far back every re-sync reads again. A write takes its updatedAt before it
// commits; one that commits after a later-stamped write was read would sit behind the mark for
// ever. Reading the last few seconds again catches it; what the index already holds in that
// version is skipped before it is analysed, so the re-read costs a query, not a re-index.
const settle = 10 * time.Second

// arrivalBatch bounds the changed profiles a re-sync offers to open leads one by one; a larger
// arrival (an import) is offered by ranking every open lead again, in the background.
const arrivalBatch = 50

// compactAfter is the size of a re-sync after which the index gives back spare capacity.
const compactAfter = 10_000

// bulkLease makes one instance, not every one, rank the open leads again after an import.
const bulkLease = "matching-bulk-arrival"

// bulkArrival runs RematchOpen in the background after an import, once at a time.
type bulkArrival struct {
	holder  string // this instance, for the lease
	mu      sync.Mutex
	pending bool // an arrival waits to be offered
	running bool
	wg      sync.WaitGroup
}

// Start builds the index from the store: every profile and open lead, the clusters that
// explanations name, and the exposure of the last window. It logs the index beside what the
// store holds, and warns when they differ: an index that silently holds part of the store
// makes every ranking wrong. ctx is also the lifetime of background work.
func (s *Service) Start(ctx context.Context) error {
	if s == nil {
		return nil
	}
	s.life = ctx
	began := time.Now()
	held, err := s.st.Enterprises.CountMatchable(ctx)
	if err != nil {
		return fmt.Errorf("matching: count enterprises: %w", err)
	}
	if held >= largeBuild {
		// The build is the one time the heap grows by a gigabyte at once: with the default
		// GOGC the process would reserve twice the index while building it. A soft limit a
		// little above what the index will need makes the collector work only as the heap
		// nears it, instead of all through the build as a lower GOGC would.
		limit := int64(held)*buildBytesPerProfile + buildHeadroom
		if prev := debug.SetMemoryLimit(-1); prev < limit {
			limit = prev // an operator's GOMEMLIMIT below ours stands
		}
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	}
	if _, err := s.Resync(ctx); err != nil {
		return fmt.Errorf("matching: build index: %w", err)
	}
	s.eng.Compact()
	if held >= largeBuild {
		debug.FreeOSMemory() // give back the pages the build's garbage used
	}
	st := s.eng.Stats()
	args := []any{"profiles", st.Profiles, "storeEnterprises", held, "openLeads", st.Leads, "terms", st.Terms,
		"bytesPerProfile", int(st.BytesPerProfile), "took", time.Since(began).Round(time.Millisecond)}
	// Profiles written while the index was being built are counted by one side only; the
	// re-syncs that follow take them in.
	if st.Profiles < held {
		s.log.Warn("matching index built, but it does not hold every enterprise of the store", args...)
	} else {
		s.log.Info("matching index built", args...)
	}
	// Ready only once the build is logged: /readyz and the log then tell the same story.
	s.ready.Store(true)
	return nil
}

// largeBuild is the store size from which the index build holds the heap's growth in check.
const largeBuild = 100_000

// The soft memory limit of a large build: what a profile costs in the index with the service's
// own bookkeeping (855 B/profile indexed, measured at 10^6, plus its name), and room for the
// pages being read and analysed.
const (
	buildBytesPerProfile = 1300
	buildHeadroom        = 256 << 20
)

// Ready reports whether the first index build has finished: until then rankings draw from part
// of the store, and /readyz says so.
func (s *Service) Ready() bool { return s == nil || s.ready.Load() }

// IndexSize reports how many profiles and open leads the index holds, for /metrics.
func (s *Service) IndexSize() (profiles, leads int) {
	if s == nil {
		return 0, 0
	}
	return s.eng.Size()
}

// Resync applies the profiles and leads written since the last sync (by this instance or any
// other), reloads the clusters and recounts exposure. It returns how many records it applied;
// Follow runs it on every instance.
func (s *Service) Resync(ctx context.Context) (int, error) {
	if s == nil {
		return 0, nil
	}
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	if err := s.loadClusters(ctx); err != nil {
		return 0, err
	}
	// After the first sync, what changed elsewhere is also matched here: profiles are offered to
	// the open leads they fit, and open leads that arrive without matches get them. Writes
	// through a hook were matched already and are merely refreshed.
	first := !s.synced
	var changed []domain.Enterprise
	bulk := false
	feed := func(ctx context.Context, m domain.SyncMark, limit int) ([]domain.Enterprise, error) {
		es, err := s.st.Enterprises.UpdatedAfter(ctx, m, limit)
		fresh := s.eng.Unseen(es)
		s.remember(fresh)
		for i := range fresh {
			if first || !s.entSeen.After(fresh[i].UpdatedAt, fresh[i].ID) {
				continue
			}
			if len(changed) < arrivalBatch {
				changed = append(changed, fresh[i])
			} else {
				bulk = true
			}
		}
		return es, err
	}
	n, err := s.syncEnterprises(ctx, feed)
	if err != nil {
		return n, err
	}
	var opened []domain.Lead
	leadFeed := func(ctx context.Context, m domain.SyncMark, limit int) ([]domain.Lead, error) {
		ls, err := s.st.Leads.UpdatedAfter(ctx, m, limit)
		for i := range ls {
			if !first && ls[i].Status == domain.LeadOpen && s.leadSeen.After(ls[i].UpdatedAt, ls[i].ID) {
				opened = append(opened, ls[i])
			}
		}
		return ls, err
	}
	m, err := s.syncLeads(ctx, leadFeed)
	if err != nil {
		return n + m, err
	}
	if !first && n > compactAfter {
		s.eng.Compact() // give back what the postings reserved while the arrival grew them
	}
	s.synced = true
	if err := s.refreshExposure(ctx); err != nil {
		return n + m, err
	}
	for i := range opened {
		if err := s.matchUnmatched(ctx, &opened[i]); err != nil {
			return n + m, fmt.Errorf("matching: lead %s: %w", opened[i].ID, err)
		}
	}
	if bulk {
		s.rematchSoon()
	} else {
		for _, e := range changed {
			if e.Status == domain.EnterpriseBlocked {
				continue
			}
			if err := s.arrive(ctx, e); err != nil {
				return n + m, fmt.Errorf("matching: enterprise %s: %w", e.ID, err)
			}
		}
	}
	s.tryBulk()
	return n + m, nil
}

// syncEnterprises reads profiles from the mark (less the settle window) and moves the marks.
func (s *Service) syncEnterprises(ctx context.Context, feed matching.EnterpriseFeed) (int, error) {
	last, n, err := s.eng.SyncEnterprises(ctx, s.entMark, func(ctx context.Context, m domain.SyncMark, limit int) ([]domain.Enterprise, error) {
		return feed(ctx, m, limit)
	})
	if s.entSeen.After(last.At, last.ID) {
		s.entSeen = last
	}
	s.entMark = settled(s.entSeen, s.cfg.Now())
	return n, err
}

func (s *Service) syncLeads(ctx context.Context, feed matching.LeadFeed) (int, error) {
	last, n, err := s.eng.SyncLeads(ctx, s.leadMark, feed)
	if s.leadSeen.After(last.At, last.ID) {
		s.leadSeen = last
	}
	s.leadMark = settled(s.leadSeen, s.cfg.Now())
	return n, err
}

// settled is where the next sync reads from: the last record read, or the start of the settle
// window when that record is younger than it.
func settled(seen domain.SyncMark, now time.Time) domain.SyncMark {
	if window := now.Add(-settle); seen.At.After(window) {
		return domain.SyncMark{At: window}
	}
	return seen
}

// Follow re-syncs every interval until ctx ends: the one path by which this instance's index
// takes in what it did not write itself (another instance, a `duijie import` beside the server,
// a failed hook). Every instance keeps its own index, so every instance runs it (a job under a
// lease would refresh only the one holding it); writes through this instance's services are
// in its index at once, others' arrive within one interval. Fresh asks it for a pass between
// ticks.
func (s *Service) Follow(ctx context.Context, every time.Duration) {
	if s == nil {
		return
	}
	if every <= 0 {
		every = FollowInterval
	}
	s.following.Store(true)
	defer s.following.Store(false)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		var reply chan error
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case reply = <-s.kick:
		}
		n, err := s.Resync(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Warn("matching: re-sync", "err", err)
		} else if n > 0 {
			s.log.Debug("matching: re-synced", "records", n)
		}
		if reply != nil {
			reply <- err
		}
	}
}

// Fresh brings the index in step with the store before a reader that must see every write
// (the digest ranks and lists on it): it asks this process's follower for a pass and waits for
// it. A process without a follower (`duijie digest` at the command line, tests) runs the same
// pass itself.
func (s *Service) Fresh(ctx context.Context) error {
	if s == nil {
		return nil
	}
	reply := make(chan error, 1)
	for s.following.Load() {
		select {
		case s.kick <- reply:
			select {
			case err := <-reply:
				return err
			case <-ctx.Done():
				return ctx.Err()
			}
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
			// The follower is busy with a pass (the next one is ours) or has stopped.
		}
	}
	_, err := s.Resync(ctx)
	return err
}

// rematchSoon notes that many profiles arrived at once; tryBulk offers them.
func (s *Service) rematchSoon() {
	s.bulk.mu.Lock()
	s.bulk.pending = true
	s.bulk.mu.Unlock()
	s.tryBulk()
}

// tryBulk ranks every open lead again in the background when an arrival is pending, no run is
// under way here, and this instance gets the lease (another instance may be doing it: then the
// arrival stays pending and the next re-sync tries again). Requests go on meanwhile: the ranking
// reads the index like any request does.
func (s *Service) tryBulk() {
	b := &s.bulk
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.pending || b.running || s.life.Err() != nil {
		return
	}
	now := s.cfg.Now()
	ok, err := s.st.Leases.Acquire(s.life, bulkLease, b.holder, now, now.Add(time.Hour))
	if err != nil || !ok {
		if err != nil {
			s.log.Warn("matching: lease for offering an import to open leads", "err", err)
		}
		return
	}
	b.pending, b.running = false, true
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		began := time.Now()
		n, err := s.RematchOpen(s.life)
		if err != nil && s.life.Err() == nil {
			s.log.Warn("matching: offer arrived profiles to open leads", "err", err)
			b.mu.Lock()
			b.pending = true
			b.mu.Unlock()
		} else if err == nil {
			s.log.Info("matching: arrived profiles offered to open leads", "newMatches", n, "took", time.Since(began).Round(time.Millisecond))
		}
		// The lease is released with a context of its own: the service's may be ending.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(s.life), 5*time.Second)
		defer cancel()
		_ = s.st.Leases.Release(rctx, bulkLease, b.holder)
		b.mu.Lock()
		b.running = false
		b.mu.Unlock()
	}()
}

// WaitBulk waits for a background offer of arrived profiles to finish; for tests and the CLI.
func (s *Service) WaitBulk() {
	if s != nil {
		s.bulk.wg.Wait()
	}
}

// SyncSoon re-syncs in the background, after a write too large to hand to a hook (an import
// of thousands of profiles): the index reads it from the store instead, and a bulk arrival is
// offered to the open leads. Calls while one runs fold into the next re-sync.
func (s *Service) SyncSoon() {
	if s == nil || !s.syncing.CompareAndSwap(false, true) {
		return
	}
	s.bulk.wg.Add(1)
	go func() {
		defer s.bulk.wg.Done()
		s.syncing.Store(false)
		if _, err := s.Resync(s.life); err != nil && s.life.Err() == nil {
			s.log.Warn("matching: re-sync after an import", "err", err)
		}
	}()
}
