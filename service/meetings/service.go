// Package meetings holds the use cases of 1:1 meetings at events: who takes part, the
// organiser's meeting windows, requests at a slot both sides have free, acceptance that books a
// slot and a table at once, the scheduler for requests left to it, each firm's agenda, feedback
// after the slot and the organiser's report. Handlers, the CLI and the demo call it alike; the
// rules that decide are in domain, the atomic writes in the store.
package meetings

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/store"
)

// MeetingStore is what the service needs of the meeting repository.
type MeetingStore interface {
	Create(ctx context.Context, m *domain.Meeting, quota int) error
	Get(ctx context.Context, id string) (*domain.Meeting, error)
	Update(ctx context.Context, m *domain.Meeting, expect domain.MeetingStatus) error
	List(ctx context.Context, f store.MeetingFilter) ([]domain.Meeting, error)
	Schedule(ctx context.Context, eventID string, slots []domain.MeetingSlot, at time.Time) (int, error)
	Publish(ctx context.Context, eventID string, at time.Time) (int, error)
	Book(ctx context.Context, m *domain.Meeting, expect domain.MeetingStatus, tables int) error
	Busy(ctx context.Context, eventID string) (map[int64]domain.SlotBusy, error)
	Feedback(ctx context.Context, id, side string, f domain.MeetingFeedback) error
	SetWindows(ctx context.Context, eventID string, ws []domain.MeetingWindow, at time.Time) error
	Windows(ctx context.Context, eventID string) ([]domain.MeetingWindow, error)
	SetOptIn(ctx context.Context, eventID, enterpriseID string, in bool, at time.Time) error
	OptedIn(ctx context.Context, eventID string) (map[string]bool, error)
}

// RegistrationReader finds who is registered.
type RegistrationReader interface {
	ByEnterprise(ctx context.Context, eventID, enterpriseID string) (*domain.Registration, error)
	ListByEvent(ctx context.Context, eventID string, f store.RegistrationFilter, page store.Page) ([]domain.Registration, string, int, error)
}

// EnterpriseReader loads profiles.
type EnterpriseReader interface {
	Get(ctx context.Context, id string) (*domain.Enterprise, error)
}

// MatchStore reads matches for recommendations and moves them on feedback.
type MatchStore interface {
	Get(ctx context.Context, id string) (*domain.Match, error)
	ByLead(ctx context.Context, leadID string) ([]domain.Match, error)
	List(ctx context.Context, f store.MatchFilter, page store.Page) ([]domain.Match, string, int, error)
	Update(ctx context.Context, m *domain.Match, expect domain.MatchStatus) error
}

// LeadReader reads leads: what a firm seeks, and the buyer side of a match.
type LeadReader interface {
	Get(ctx context.Context, id string) (*domain.Lead, error)
	List(ctx context.Context, f store.LeadFilter, page store.Page) ([]domain.Lead, string, int, error)
}

// EventReader loads events.
type EventReader interface {
	Get(ctx context.Context, id string) (*domain.Event, error)
}

// Service is safe for concurrent use.
type Service struct {
	meetings    MeetingStore
	events      EventReader
	regs        RegistrationReader
	enterprises EnterpriseReader
	matches     MatchStore
	leads       LeadReader
	now         func() time.Time
	log         *slog.Logger
}

// New returns the service over st; now may be nil (time.Now), log may be nil (slog.Default).
func New(st *store.Store, now func() time.Time, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{meetings: st.Meetings, events: st.Events, regs: st.Registrations, enterprises: st.Enterprises,
		matches: st.Matches, leads: st.Leads, now: now, log: log}
}

// registrationOf is the enterprise's registration for the event, nil when it has none.
func (s *Service) registrationOf(ctx context.Context, eventID, enterpriseID string) (*domain.Registration, error) {
	r, err := s.regs.ByEnterprise(ctx, eventID, enterpriseID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	return r, err
}

// confirmed reports whether the enterprise holds a confirmed registration for the event.
func (s *Service) confirmed(ctx context.Context, eventID, enterpriseID string) (bool, error) {
	if enterpriseID == "" {
		return false, nil
	}
	r, err := s.registrationOf(ctx, eventID, enterpriseID)
	return r != nil && r.Status == domain.RegConfirmed, err
}
