// Package matchsvc is the matching service: the glue between the store and the engine. It
// builds the engine's index from the store at start and keeps it current on every profile and
// lead write (and by re-syncing from updatedAt, so that several instances converge); it stores
// each open lead's top suppliers as match records, one per (lead, enterprise), sends the best
// of them to their suppliers with fair exposure, moves matches along their lifecycle under the
// access rules of domain, and counts the funnel.
//
// Handlers of other areas call the hooks (EnterpriseChanged, LeadChanged, …) after a
// successful write; every method is safe on a nil *Service, which does nothing, so code and
// tests without matching need no checks.
package matchsvc

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"duijie/domain"
	"duijie/domain/codes"
	"duijie/matching"
	"duijie/store"
)

// Config sets up a Service; zero fields take the defaults below.
type Config struct {
	// Engine configures the ranking; the zero value means matching.DefaultConfig().
	Engine matching.Config
	// Keep is how many suppliers are stored as matches of an open lead (20).
	Keep int
	// Send is how many of them are put in front of their suppliers at once (10): like RFQ
	// platforms' quote caps, so buyers are not flooded and suppliers compete on fit. A decline
	// frees its place for the next best.
	Send int
	// SendFloor keeps weak matches from being sent: only those scoring at least this share of
	// the lead's best are put in front of suppliers (0.3); the others stay proposals the buyer
	// sees. A negative value sends regardless of score.
	SendFloor float64
	// ArrivalLeads is how many open leads a new or changed profile is matched against (20).
	ArrivalLeads int
	// ExposureWindow is how far back leads a supplier received weigh on fair spreading (7 days).
	ExposureWindow time.Duration
	// ExposureFresh is how old the exposure counts read from the store may be when a lead is
	// ranked for sending (1 s); negative reads them for every lead. See exposure.go.
	ExposureFresh time.Duration
	// BaseURL makes absolute links in digests.
	BaseURL string
	Logger  *slog.Logger
	Now     func() time.Time
}

// Service is safe for concurrent use.
type Service struct {
	st  *store.Store
	eng *matching.Engine
	cfg Config
	log *slog.Logger

	syncMu            sync.Mutex // one re-sync at a time; guards the watermarks
	entMark, leadMark time.Time
	synced            bool // the first sync (the index build) is done

	expMu   sync.Mutex // one exposure read at a time; guards expRead
	expRead time.Time  // when the engine's exposure counts were last read from the store

	mu       sync.RWMutex
	names    map[string]string         // enterprise ID → name, for candidates not stored yet
	clusters map[string]domain.Cluster // for explanations
}

// New returns a service over st with an empty index; Start fills it.
func New(st *store.Store, cfg Config) *Service {
	if cfg.Keep <= 0 {
		cfg.Keep = 20
	}
	if cfg.Send <= 0 {
		cfg.Send = min(10, cfg.Keep)
	}
	if cfg.SendFloor == 0 {
		cfg.SendFloor = 0.3
	}
	if cfg.ArrivalLeads <= 0 {
		cfg.ArrivalLeads = 20
	}
	if cfg.ExposureWindow <= 0 {
		cfg.ExposureWindow = 7 * 24 * time.Hour
	}
	if cfg.ExposureFresh == 0 {
		cfg.ExposureFresh = defaultExposureFresh
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Service{st: st, cfg: cfg, log: cfg.Logger, names: map[string]string{}, clusters: map[string]domain.Cluster{}}
	ec := cfg.Engine
	if ec.Weights == (matching.Weights{}) {
		ec = matching.DefaultConfig()
	}
	ec.Labeler = s.label
	s.eng = matching.New(ec)
	return s
}

// Engine returns the engine, for the CLI and benchmarks.
func (s *Service) Engine() *matching.Engine { return s.eng }

// Start builds the index from the store: every profile and open lead, the clusters that
// explanations name, and the exposure of the last window. It logs the index size.
func (s *Service) Start(ctx context.Context) error {
	if s == nil {
		return nil
	}
	began := time.Now()
	if _, err := s.Resync(ctx); err != nil {
		return fmt.Errorf("matching: build index: %w", err)
	}
	s.eng.Compact()
	st := s.eng.Stats()
	s.log.Info("matching index built", "profiles", st.Profiles, "openLeads", st.Leads, "terms", st.Terms,
		"bytesPerProfile", int(st.BytesPerProfile), "took", time.Since(began).Round(time.Millisecond))
	return nil
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
	// the open leads they fit (a few at a time; an import's bulk goes to RematchOpen), and open
	// leads that arrive without matches get them. Writes through a hook were matched already
	// and are merely refreshed.
	first := !s.synced
	var changed []domain.Enterprise
	prevEnt, prevLead := s.entMark, s.leadMark
	feed := func(ctx context.Context, since time.Time, limit int) ([]domain.Enterprise, error) {
		es, err := s.st.Enterprises.UpdatedSince(ctx, since, limit)
		s.remember(es)
		for i := range es {
			// The record at the watermark itself is read again by every sync: not news.
			if !first && len(changed) <= arrivalBatch && es[i].UpdatedAt.After(prevEnt) {
				changed = append(changed, es[i])
			}
		}
		return es, err
	}
	mark, n, err := s.eng.SyncEnterprises(ctx, s.entMark, feed)
	s.entMark = mark
	if err != nil {
		return n, err
	}
	var opened []domain.Lead
	leadFeed := func(ctx context.Context, since time.Time, limit int) ([]domain.Lead, error) {
		ls, err := s.st.Leads.UpdatedSince(ctx, since, limit)
		for i := range ls {
			if !first && ls[i].Status == domain.LeadOpen && ls[i].UpdatedAt.After(prevLead) {
				opened = append(opened, ls[i])
			}
		}
		return ls, err
	}
	mark, m, err := s.eng.SyncLeads(ctx, s.leadMark, leadFeed)
	s.leadMark = mark
	if err != nil {
		return n + m, err
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
	if len(changed) <= arrivalBatch {
		for _, e := range changed {
			if e.Status == domain.EnterpriseBlocked {
				continue
			}
			if err := s.arrive(ctx, e); err != nil {
				return n + m, fmt.Errorf("matching: enterprise %s: %w", e.ID, err)
			}
		}
	}
	return n + m, nil
}

// arrivalBatch bounds the changed profiles a re-sync offers to open leads one by one.
const arrivalBatch = 50

// matchUnmatched stores the matches of an open lead that has none.
func (s *Service) matchUnmatched(ctx context.Context, l *domain.Lead) error {
	ms, err := s.st.Matches.ByLead(ctx, l.ID)
	if err != nil || len(ms) > 0 {
		return err
	}
	_, err = s.storeTop(ctx, l)
	return err
}

// refreshExposure recounts the leads each supplier received within the window, so every
// instance weighs the sends of all of them.
func (s *Service) refreshExposure(ctx context.Context) error {
	s.expMu.Lock()
	defer s.expMu.Unlock()
	return s.readExposure(ctx)
}

func (s *Service) loadClusters(ctx context.Context) error {
	cs, err := s.st.Clusters.List(ctx)
	if err != nil {
		return fmt.Errorf("matching: clusters: %w", err)
	}
	m := make(map[string]domain.Cluster, len(cs))
	for _, c := range cs {
		m[c.Code] = c
	}
	s.mu.Lock()
	s.clusters = m
	s.mu.Unlock()
	return nil
}

func (s *Service) remember(es []domain.Enterprise) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range es {
		s.names[es[i].ID] = es[i].Name
	}
}

func (s *Service) name(id string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.names[id]
}

// label names clusters and regions in explanation sentences.
func (s *Service) label(kind, code, lang string) string {
	switch kind {
	case "cluster":
		s.mu.RLock()
		c, ok := s.clusters[code]
		s.mu.RUnlock()
		if ok {
			return c.Name(lang)
		}
	case "region":
		if n, ok := codes.RegionName(code); ok {
			return n
		}
	}
	return ""
}

// Explain renders an explanation as one sentence in lang (zh-CN or en).
func (s *Service) Explain(x domain.MatchExplanation, lang string) string {
	var v *matching.Vocabulary
	if s != nil {
		v = s.eng.Vocabulary()
	}
	lab := matching.Labeler(nil)
	if s != nil {
		lab = s.label
	}
	return matching.Render(toEngine(x), lang, v, lab)
}

func toDomain(x matching.Explanation) domain.MatchExplanation {
	fs := make([]domain.MatchFactor, len(x.Factors))
	for i, f := range x.Factors {
		fs[i] = domain.MatchFactor(f)
	}
	terms := x.MatchedTerms
	if terms == nil {
		terms = []string{}
	}
	return domain.MatchExplanation{Summary: x.Summary, Factors: fs, MatchedTerms: terms}
}

func toEngine(x domain.MatchExplanation) matching.Explanation {
	fs := make([]matching.Factor, len(x.Factors))
	for i, f := range x.Factors {
		fs[i] = matching.Factor(f)
	}
	return matching.Explanation{Summary: x.Summary, Factors: fs, MatchedTerms: x.MatchedTerms}
}

// FollowInterval is how often Follow re-syncs by default.
const FollowInterval = 30 * time.Second

// Follow re-syncs every interval until ctx ends. Every instance keeps its own index, so every
// instance runs it (a job under a lease would refresh only the one holding it); writes through
// this instance's hooks are in its index at once, others' arrive within one interval.
func (s *Service) Follow(ctx context.Context, every time.Duration) {
	if s == nil {
		return
	}
	if every <= 0 {
		every = FollowInterval
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := s.Resync(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("matching: re-sync", "err", err)
			} else if n > 0 {
				s.log.Debug("matching: re-synced", "records", n)
			}
		}
	}
}
