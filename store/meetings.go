package store

import (
	"context"
	"time"

	"duijie/domain"
)

// MeetingFilter narrows a meeting listing; every set field must hold.
type MeetingFilter struct {
	EventID      string
	EnterpriseID string // either side of the meeting
	Statuses     []domain.MeetingStatus
}

// MeetingRepo stores 1:1 meeting requests. At most one open (requested or accepted) meeting per
// pair of enterprises and event: a unique key on domain.Meeting.OpenKey on both engines.
type MeetingRepo interface {
	// Create stores a new request (ID assigned when empty) unless the requester has already sent
	// quota requests at the event (a *domain.ValidationError on "with", "meeting_quota") or the
	// pair already has an open meeting there (a *domain.ConflictError on "with",
	// "meeting_duplicate"). Racing requests never exceed the quota: SQLite counts and inserts in
	// one transaction, MongoDB takes a unit of a per-(event, requester) counter atomically first.
	Create(ctx context.Context, m *domain.Meeting, quota int) error
	Get(ctx context.Context, id string) (*domain.Meeting, error)
	// Update replaces the stored meeting (matched by ID) if its stored status is still expect;
	// otherwise a conflict on "status" (or domain.ErrNotFound when it does not exist).
	Update(ctx context.Context, m *domain.Meeting, expect domain.MeetingStatus) error
	// List returns the matching meetings, newest first.
	List(ctx context.Context, f MeetingFilter) ([]domain.Meeting, error)
	// Schedule clears the slots of the event's unpublished meetings, then gives each listed
	// meeting its slot and table if it is still accepted and unpublished; it says how many it
	// placed.
	Schedule(ctx context.Context, eventID string, slots []domain.MeetingSlot, at time.Time) (int, error)
	// Publish stamps the event's accepted, scheduled, unpublished meetings as published at at and
	// says how many.
	Publish(ctx context.Context, eventID string, at time.Time) (int, error)
}
