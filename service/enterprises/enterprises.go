// Package enterprises is the one place enterprise profiles are written: a member's own profile,
// the records other use cases change through Records (sign-up, an admin's correction,
// verification, in service/accounts), and the import of a register. Handlers, the CLI and the
// importer call it with plain inputs. Every write keeps the matching index in step here; other
// instances take the change in through their follower (matchsvc.Follow).
package enterprises

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/importer"
	"duijie/service/accounts"
	"duijie/store"
)

// Store is what the service needs of the enterprise repository.
type Store interface {
	Create(ctx context.Context, e *domain.Enterprise) error
	Get(ctx context.Context, id string) (*domain.Enterprise, error)
	Update(ctx context.Context, e *domain.Enterprise) error
	Delete(ctx context.Context, id string) error
	List(ctx context.Context, f store.EnterpriseFilter, page store.Page) ([]domain.Enterprise, string, int, error)
	SetVerification(ctx context.Context, id string, to domain.Verification, note string, at time.Time,
		from ...domain.Verification) (*domain.Enterprise, error)
	importer.EnterpriseWriter
}

// Clusters lists the clusters a profile is checked against.
type Clusters interface {
	List(ctx context.Context) ([]domain.Cluster, error)
}

// Audit records what was done.
type Audit interface {
	Append(ctx context.Context, e *domain.AuditEntry) error
}

// Index is the matching index kept in step with every profile written (matchsvc.Service;
// nil-safe).
type Index interface {
	EnterpriseChanged(ctx context.Context, e domain.Enterprise)
	EnterprisesChanged(ctx context.Context, es []domain.Enterprise)
	// SyncSoon reads a write too large to hand over (an import of thousands) from the store.
	SyncSoon()
}

// Actor is who acts: a signed-in user with the address of the request, or the operator.
type Actor = accounts.Actor

// Service is the enterprise use cases; safe for concurrent use.
type Service struct {
	Enterprises Store
	Clusters    Clusters
	Audit       Audit
	// Index returns the matching index, or nil when matching is off; asked on every write
	// because a process may attach matching after building the service.
	Index func() Index
	Log   *slog.Logger
	Now   func() time.Time
}

// New wires the service to a store; index may be nil.
func New(st *store.Store, index func() Index, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.Default()
	}
	if now == nil {
		now = time.Now
	}
	return &Service{Enterprises: st.Enterprises, Clusters: st.Clusters, Audit: st.Audit, Index: index, Log: log, Now: now}
}

func (s *Service) index() Index {
	if s.Index == nil {
		return nil
	}
	return s.Index()
}

func (s *Service) changed(ctx context.Context, e *domain.Enterprise) {
	if ix := s.index(); ix != nil && e != nil {
		ix.EnterpriseChanged(ctx, *e)
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

// Profile is what a member may change of its own profile. The USCC identifies the firm and the
// tier is the office's recognition (链主 …), so neither is the member's to edit.
type Profile struct {
	Name           string         `json:"name"`
	Clusters       []string       `json:"clusters"`
	IndustryCodes  []string       `json:"industryCodes"`
	HSCodes        []string       `json:"hsCodes"`
	Products       []string       `json:"products"`
	Description    string         `json:"description"`
	Certifications []string       `json:"certifications"`
	Region         string         `json:"region"`
	Scale          string         `json:"scale"`
	ExportMarkets  []string       `json:"exportMarkets"`
	Contact        domain.Contact `json:"contact"`
}

func (p *Profile) apply(e *domain.Enterprise) {
	e.Name, e.Clusters, e.IndustryCodes, e.HSCodes = p.Name, p.Clusters, p.IndustryCodes, p.HSCodes
	e.Products, e.Description, e.Certifications = p.Products, p.Description, p.Certifications
	e.Region, e.Scale, e.ExportMarkets, e.Contact = p.Region, domain.Scale(p.Scale), p.ExportMarkets, p.Contact
}

// Mine loads the enterprise of the member acting; none is "not found".
func (s *Service) Mine(ctx context.Context, a Actor) (*domain.Enterprise, error) {
	if a.User == nil || a.User.EnterpriseID == "" {
		return nil, domain.ErrNotFound
	}
	return s.Enterprises.Get(ctx, a.User.EnterpriseID)
}

// Get answers one enterprise to those who may see its full record: admins, the organisers of
// one of its clusters, its own members. Views by staff are audited because the record holds
// contact data.
func (s *Service) Get(ctx context.Context, a Actor, id string) (*domain.Enterprise, error) {
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	e, err := s.Enterprises.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !domain.CanSeeEnterpriseContact(a.User, e, false) {
		return nil, domain.ErrForbidden
	}
	if a.User.Role != domain.RoleMember {
		s.audit(ctx, a, "enterprise.view", "enterprise:"+e.ID, "")
	}
	return e, nil
}

// UpdateProfile replaces the editable fields of the member's own profile with p. The
// enterprise is returned with p applied also when p is refused, for the form to show again.
func (s *Service) UpdateProfile(ctx context.Context, a Actor, p Profile) (*domain.Enterprise, error) {
	e, err := s.Mine(ctx, a)
	if err != nil {
		return nil, err
	}
	p.apply(e)
	cls, err := s.Clusters.List(ctx)
	if err != nil {
		return e, fmt.Errorf("clusters: %w", err)
	}
	if err := e.Validate(domain.NewClusterIndex(cls)); err != nil {
		return e, err
	}
	e.UpdatedAt = s.Now()
	if err := s.Enterprises.Update(ctx, e); err != nil {
		return e, fmt.Errorf("update profile: %w", err)
	}
	detail, _ := json.Marshal(map[string]any{"completeness": e.Completeness().Percent})
	s.audit(ctx, a, "enterprise.update", "enterprise:"+e.ID, string(detail))
	s.changed(ctx, e)
	return e, nil
}

// Import reads an enterprise register (docs/contract.md §Import): every row is checked before
// anything is written, firms are matched by credit code. Problems of the file are in the
// report, not in the error. The index takes a small import at once; a large one is read from
// the store in the background and offered to the open leads.
func (s *Service) Import(ctx context.Context, a Actor, name string, src importer.Source, opt importer.Options) (*importer.Report, error) {
	cls, err := s.Clusters.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("import: clusters: %w", err)
	}
	rep, es, err := importer.Enterprises(ctx, cls, s.Enterprises, name, src, opt)
	if err != nil {
		return nil, err
	}
	if ix := s.index(); ix != nil {
		if es != nil {
			ix.EnterprisesChanged(ctx, es)
		} else if rep.Applied {
			ix.SyncSoon()
		}
	}
	s.audit(ctx, a, "import."+rep.Kind, rep.Kind, rep.AuditDetail())
	return rep, nil
}

// Record loads enterprise id whole for an admin about to correct it (accounts.CorrectEnterprise
// writes the correction); anyone else is forbidden.
func (s *Service) Record(ctx context.Context, a Actor, id string) (*domain.Enterprise, error) {
	if a.User == nil || a.User.Role != domain.RoleAdmin {
		return nil, domain.ErrForbidden
	}
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	return s.Enterprises.Get(ctx, id)
}
