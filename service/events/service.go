// Package events holds the use cases of events and their registrations: creating and editing
// an event and its agenda, publishing and cancelling it, registering (members and the
// organiser's walk-ins), approval, cancellation and seat offers. Handlers, jobs and the demo call
// it alike. The rules that decide are in domain (domain.PlanRegistration, DecideSeat, the
// agenda and form validation); each storage engine applies a decision atomically.
package events

import (
	"context"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/store"
)

// EventStore is what the service needs of the events repository.
type EventStore interface {
	Create(ctx context.Context, e *domain.Event) error
	Get(ctx context.Context, id string) (*domain.Event, error)
	GetMany(ctx context.Context, ids []string) ([]domain.Event, error)
	Update(ctx context.Context, e *domain.Event, changes []domain.EventChange) error
	SetStatus(ctx context.Context, e *domain.Event, from domain.EventStatus) error
	RestoreChanges(ctx context.Context, changes []domain.EventChange) (int, error)
	SetAgenda(ctx context.Context, eventID string, sessions []domain.AgendaSession, at time.Time) error
	List(ctx context.Context, f store.EventFilter, page store.Page) ([]domain.Event, string, int, error)
}

// RegistrationStore is the seat accounting the service drives, and the reads of registrations.
type RegistrationStore interface {
	Register(ctx context.Context, r *domain.Registration, now time.Time) (*domain.Registration, bool, error)
	Approve(ctx context.Context, id string, now time.Time) (*domain.Registration, error)
	Reject(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error)
	Cancel(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error)
	ConfirmOffer(ctx context.Context, id string, now time.Time) (*domain.Registration, error)
	ExpireOffers(ctx context.Context, now time.Time) (int, error)
	Promote(ctx context.Context, eventID string, now time.Time) (int, error)
	Get(ctx context.Context, id string) (*domain.Registration, error)
	ListByEvent(ctx context.Context, eventID string, f store.RegistrationFilter, page store.Page) ([]domain.Registration, string, int, error)
	ListByEnterprise(ctx context.Context, enterpriseID string) ([]domain.Registration, error)
	ByEnterprise(ctx context.Context, eventID, enterpriseID string) (*domain.Registration, error)
	Counts(ctx context.Context, eventID string) (store.RegistrationCounts, error)
}

// Enterprises names the firm of a registration.
type Enterprises interface {
	Get(ctx context.Context, id string) (*domain.Enterprise, error)
}

// Clusters checks an event's cluster exists.
type Clusters interface {
	Get(ctx context.Context, code string) (*domain.Cluster, error)
}

// Audit records who changed what.
type Audit interface {
	Append(ctx context.Context, e *domain.AuditEntry) error
}

// Mailer queues the mail a registration's state calls for (notify.Service.Registration): the
// registration-mails job follows every registration change with the same call, and its dedup
// keys make the two send each mail once.
type Mailer interface {
	Registration(ctx context.Context, r *domain.Registration, e *domain.Event) (int, error)
}

// Hooks are what other areas do after a write of this service succeeded. A hook's failure is
// its own to log: the write stands. Nil hooks do nothing.
type Hooks struct {
	// AgendaChanged runs after an event's agenda was saved: e carries the new agenda, before
	// the one it replaced, by is who saved it ("" for no user).
	AgendaChanged func(ctx context.Context, e *domain.Event, before []domain.AgendaSession, by string)
	// Cancelled runs after a registration was cancelled (by its member or an organiser).
	Cancelled func(ctx context.Context, r *domain.Registration)
	// EventCancelled runs after a whole event was cancelled.
	EventCancelled func(ctx context.Context, e *domain.Event)
}

// Actor is who acts and from where (for the audit log).
type Actor struct {
	User *domain.User
	IP   string
}

// Service runs the event use cases. Construct it with New.
type Service struct {
	events   EventStore
	regs     RegistrationStore
	ents     Enterprises
	clusters Clusters
	audit    Audit
	mail     *mailQueue
	log      *slog.Logger
	now      func() time.Time
	// Hooks are set once while wiring, before the first call.
	Hooks Hooks
}

// New returns the service over st. m (may be nil) queues registration mail after the write,
// outside the caller's request (see mailQueue).
func New(st *store.Store, m Mailer, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.Default()
	}
	if now == nil {
		now = time.Now
	}
	s := &Service{events: st.Events, regs: st.Registrations, ents: st.Enterprises, clusters: st.Clusters,
		audit: st.Audit, log: log, now: now}
	s.mail = newMailQueue(m, log)
	return s
}

// record appends an audit entry; a failure is logged, the change it describes stands.
func (s *Service) record(ctx context.Context, a Actor, action, target, detail string) {
	if s.audit == nil || a.User == nil {
		return
	}
	e := &domain.AuditEntry{ID: domain.NewID(), At: s.now(), ActorID: a.User.ID, Action: action,
		Target: target, Detail: detail, IP: a.IP}
	if err := s.audit.Append(ctx, e); err != nil {
		s.log.Error("audit append", "action", action, "target", target, "err", err)
	}
}

// WaitMail blocks until the registration mail queued so far is in the outbox (tests, shutdown).
func (s *Service) WaitMail() { s.mail.wait() }
