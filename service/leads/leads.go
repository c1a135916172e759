// Package leads is the one place order leads are written: posted, edited, opened, closed,
// expired and imported (re-imported by the buyer's reference). Handlers, the importer, the CLI
// and jobs call it with plain inputs. Every write keeps the matching index in step here, so no
// writer has to remember a hook; other instances take the change in through their follower
// (matchsvc.Follow).
package leads

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"time"

	"duijie/domain"
	"duijie/service/accounts"
	"duijie/service/intake"
	"duijie/store"
)

// Store is what the service needs of the lead repository.
type Store interface {
	Create(ctx context.Context, l *domain.Lead) error
	Get(ctx context.Context, id string) (*domain.Lead, error)
	Update(ctx context.Context, l *domain.Lead, expect domain.LeadStatus) error
	ExpireDue(ctx context.Context, now time.Time) (int, error)
	GetByRef(ctx context.Context, key string) (*domain.Lead, error)
	SaveImport(ctx context.Context, creates []domain.Lead, updates []store.LeadChange) error
	List(ctx context.Context, f store.LeadFilter, page store.Page) ([]domain.Lead, string, int, error)
}

// Buyers finds the enterprise a lead is posted for.
type Buyers interface {
	Get(ctx context.Context, id string) (*domain.Enterprise, error)
	GetByUSCC(ctx context.Context, uscc string) (*domain.Enterprise, error)
}

// Clusters lists the clusters a lead is checked against.
type Clusters interface {
	List(ctx context.Context) ([]domain.Cluster, error)
}

// Audit records what was done.
type Audit interface {
	Append(ctx context.Context, e *domain.AuditEntry) error
}

// Index is the matching index kept in step with every lead written (matchsvc.Service; nil-safe).
type Index interface {
	LeadChanged(ctx context.Context, l domain.Lead)
	LeadsChanged(ctx context.Context, ls []domain.Lead)
	LeadsExpired(now time.Time)
}

// Actor is who acts: a signed-in user with the address of the request, or the operator.
type Actor = accounts.Actor

// Service is the lead use cases; safe for concurrent use.
type Service struct {
	Leads    Store
	Buyers   Buyers
	Clusters Clusters
	Audit    Audit
	Matches  Matches // nil: no supplier ever sees a buyer's contact
	// Index returns the matching index, or nil when matching is off; it is asked on every
	// write because a process may attach matching after building the service.
	Index func() Index
	// Intake reads a lead's text: it gives a lead that names no cluster the clusters its text
	// points to, and runs an organiser's triage. It should write through Records, so that its
	// changes reach the index. Nil stores such a lead without clusters and refuses triage.
	Intake *intake.Service
	Log    *slog.Logger
	Now    func() time.Time
}

// New wires the service to a store; index and in may be nil (set Intake later when the intake
// service writes through this one's Records).
func New(st *store.Store, index func() Index, in *intake.Service, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.Default()
	}
	if now == nil {
		now = time.Now
	}
	return &Service{Leads: st.Leads, Buyers: st.Enterprises, Clusters: st.Clusters, Audit: st.Audit, Matches: st.Matches,
		Index: index, Intake: in, Log: log, Now: now}
}

func (s *Service) index() Index {
	if s.Index == nil {
		return nil
	}
	return s.Index()
}

// changed tells the index about one written lead.
func (s *Service) changed(ctx context.Context, l *domain.Lead) {
	if ix := s.index(); ix != nil {
		ix.LeadChanged(ctx, *l)
	}
}

func (s *Service) clusters(ctx context.Context) (domain.ClusterIndex, []domain.Cluster, error) {
	cls, err := s.Clusters.List(ctx)
	if err != nil {
		return domain.ClusterIndex{}, nil, err
	}
	return domain.NewClusterIndex(cls), cls, nil
}

func (s *Service) infer(l *domain.Lead, all []domain.Cluster) {
	if s.Intake != nil {
		s.Intake.Infer(l, all)
	}
}

func actorID(a Actor) string {
	if a.User == nil {
		return "cli"
	}
	return a.User.ID
}

// audit appends to the audit log; a failure is logged, since the action already happened.
func (s *Service) audit(ctx context.Context, a Actor, action, target, detail string) {
	e := &domain.AuditEntry{ID: domain.NewID(), At: s.Now(), ActorID: actorID(a), Action: action, Target: target,
		Detail: detail, IP: a.IP}
	if err := s.Audit.Append(ctx, e); err != nil {
		s.Log.Error("audit append", "action", action, "target", target, "err", err)
	}
}

func (s *Service) auditLead(ctx context.Context, a Actor, action string, l *domain.Lead) {
	detail, _ := json.Marshal(map[string]any{"status": l.Status, "outcome": l.Outcome, "clusters": l.Clusters,
		"buyer": strings.TrimSpace(l.BuyerEnterpriseID + " " + l.BuyerName)})
	s.audit(ctx, a, action, "lead:"+l.ID, string(detail))
}
