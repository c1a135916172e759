// Package matchsvc is the matching service: the glue between the store and the engine. It
// builds the engine's index from the store at start and keeps it current on every profile and
// lead write (and by re-syncing from updatedAt, so that several instances converge); it stores
// each open lead's top suppliers as match records, one per (lead, enterprise), sends the best
// of them to their suppliers with fair exposure, moves matches along their lifecycle under the
// access rules of domain, and counts the funnel.
//
// The lead and enterprise services (service/leads, service/enterprises) call the hooks
// (EnterpriseChanged, LeadChanged, …) after each write they make; nothing else writes profiles
// or leads. What this instance did not write arrives through its follower (Follow), the one
// repair path. Every method is safe on a nil *Service, which does nothing, so code and tests
// without matching need no checks.
package matchsvc

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
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

	syncMu sync.Mutex // one re-sync at a time; guards the marks below
	// Where the next re-sync reads from, and the last record it has read: they differ while
	// the settle window re-reads recent writes (see sync.go).
	entMark, leadMark domain.SyncMark
	entSeen, leadSeen domain.SyncMark
	synced            bool // the first sync (the index build) is done
	ready             atomic.Bool
	syncing           atomic.Bool // a SyncSoon is pending
	bulk              bulkArrival
	life              context.Context // the service's lifetime, for work that outlives a request
	// kick asks the running follower for a pass now; following is set while one runs.
	kick      chan chan error
	following atomic.Bool

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
	s := &Service{st: st, cfg: cfg, log: cfg.Logger, names: map[string]string{}, clusters: map[string]domain.Cluster{},
		life: context.Background(), bulk: bulkArrival{holder: domain.NewID()}, kick: make(chan chan error)}
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
		if n, ok := codes.RegionNameIn(code, lang); ok {
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
