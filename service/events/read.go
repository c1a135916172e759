package events

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// CanSee reports whether u (nil: anonymous) may see e: anyone once it is public (a cancelled
// event stays visible after publication so that registrants learn of it), its organisers always.
func CanSee(u *domain.User, e *domain.Event) bool {
	return e.Public() || (e.Status == domain.EventCancelled && e.PublishedAt != nil) || u.CanManageCluster(e.Cluster)
}

// Event returns event id as u may see it; an event u may not see does not exist for u.
func (s *Service) Event(ctx context.Context, u *domain.User, id string) (*domain.Event, error) {
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	e, err := s.events.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanSee(u, e) {
		return nil, domain.ErrNotFound
	}
	return e, nil
}

// ManagedEvent returns event id for a change by its organiser; anyone else who may see it is
// refused (domain.ErrForbidden).
func (s *Service) ManagedEvent(ctx context.Context, u *domain.User, id string) (*domain.Event, error) {
	e, err := s.Event(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if !u.CanManageCluster(e.Cluster) {
		return nil, domain.ErrForbidden
	}
	return e, nil
}

// Registration returns registration id with its event as u may see it: a member sees its
// enterprise's, an organiser those of its clusters' events; for anyone else it does not exist.
func (s *Service) Registration(ctx context.Context, u *domain.User, id string) (*domain.Registration, *domain.Event, error) {
	if !domain.ValidID(id) {
		return nil, nil, domain.ErrNotFound
	}
	r, err := s.regs.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	e, err := s.events.Get(ctx, r.EventID)
	if err != nil {
		return nil, nil, err
	}
	if (u.EnterpriseID == "" || u.EnterpriseID != r.EnterpriseID) && !u.CanManageCluster(e.Cluster) {
		return nil, nil, domain.ErrNotFound
	}
	return r, e, nil
}

// ManagedRegistration is Registration for a decision of an organiser of the event's cluster.
func (s *Service) ManagedRegistration(ctx context.Context, u *domain.User, id string) (*domain.Registration, *domain.Event, error) {
	r, e, err := s.Registration(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	if !u.CanManageCluster(e.Cluster) {
		return nil, nil, domain.ErrForbidden
	}
	return r, e, nil
}

// MyRegistration pairs a registration with its event for "my registrations".
type MyRegistration struct {
	domain.Registration
	Event *domain.Event `json:"event,omitempty"`
	// Over says the event has ended: its tickets and cancelling are of no use any more.
	Over bool `json:"over"`
}

// EventCancelled says the organiser cancelled the event.
func (m MyRegistration) EventCancelled() bool {
	return m.Event != nil && m.Event.Status == domain.EventCancelled
}

// Ticket says the registration's check-in codes are worth showing: confirmed, for an event that
// still takes place.
func (m MyRegistration) Ticket() bool {
	return m.Status == domain.RegConfirmed && !m.EventCancelled() && !m.Over
}

// Cancellable says the member may still withdraw the registration.
func (m MyRegistration) Cancellable() bool {
	return m.Status != domain.RegCancelled && m.Status != domain.RegRejected && !m.EventCancelled() && !m.Over &&
		m.CheckedInAt == nil
}

// MyRegistrations lists u's enterprise's registrations, newest first, each with its event
// (times in its zone, without agenda).
func (s *Service) MyRegistrations(ctx context.Context, u *domain.User) ([]MyRegistration, error) {
	out := []MyRegistration{}
	if u.EnterpriseID == "" {
		return out, nil
	}
	regs, err := s.regs.ListByEnterprise(ctx, u.EnterpriseID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(regs))
	for i, r := range regs {
		ids[i] = r.EventID
	}
	evs, err := s.events.GetMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*domain.Event, len(evs))
	for i := range evs {
		e := evs[i].InZone()
		e.Sessions = nil
		byID[e.ID] = &e
	}
	for _, r := range regs {
		if e := byID[r.EventID]; e != nil {
			out = append(out, MyRegistration{Registration: r, Event: e, Over: !e.EndsAt.After(s.now())})
		}
	}
	return out, nil
}

// Registrations lists a page of e's registrations for its organisers (the caller loaded e
// with ManagedEvent).
func (s *Service) Registrations(ctx context.Context, e *domain.Event, f store.RegistrationFilter, page store.Page) ([]domain.Registration, string, int, error) {
	return s.regs.ListByEvent(ctx, e.ID, f, page)
}

// List returns a page of events matching f (the caller's filter decides which statuses it may
// list), without agendas.
func (s *Service) List(ctx context.Context, f store.EventFilter, page store.Page) ([]domain.Event, string, int, error) {
	return s.events.List(ctx, f, page)
}

// ForRegistration returns event id whatever its status: registering for a draft is answered
// "not open" on the event field by Register rather than "not found", so a script learns why.
func (s *Service) ForRegistration(ctx context.Context, id string) (*domain.Event, error) {
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	return s.events.Get(ctx, id)
}

// ActiveRegistration returns u's enterprise's registration for e when it still takes part
// (not cancelled or rejected), else nil.
func (s *Service) ActiveRegistration(ctx context.Context, u *domain.User, e *domain.Event) (*domain.Registration, error) {
	if u == nil || u.EnterpriseID == "" {
		return nil, nil
	}
	r, err := s.regs.ByEnterprise(ctx, e.ID, u.EnterpriseID)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && !r.Status.Active()) {
		return nil, nil
	}
	return r, err
}

// Counts sums up e's registrations and check-ins for its console.
func (s *Service) Counts(ctx context.Context, e *domain.Event) (store.RegistrationCounts, error) {
	return s.regs.Counts(ctx, e.ID)
}

// Get returns event id whatever its status, for trusted callers (the command line, jobs).
func (s *Service) Get(ctx context.Context, id string) (*domain.Event, error) {
	return s.events.Get(ctx, id)
}
