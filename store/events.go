package store

import (
	"context"
	"time"

	"duijie/domain"
)

// EventFilter narrows an event listing. Every set field must match.
type EventFilter struct {
	Cluster  string
	Clusters []string             // any of these; organisers see only their clusters
	Statuses []domain.EventStatus // any of these; empty means all
	Kind     domain.EventKind
	From     time.Time // events ending after From; zero means no bound
	To       time.Time // events starting before To; zero means no bound
	Q        string    // case-insensitive substring of title, English title or venue
}

// EventRepo stores events with their agenda. Counters (ConfirmedCount, WaitlistedCount,
// SeatsTaken) are kept by the registration operations and never written through this repo.
type EventRepo interface {
	// Create stores a new event; its agenda may already be set.
	Create(ctx context.Context, e *domain.Event) error
	// Get returns the event with its agenda and counters.
	Get(ctx context.Context, id string) (*domain.Event, error)
	// GetMany returns the events with the given IDs, agenda included, ordered by start; unknown
	// IDs are skipped.
	GetMany(ctx context.Context, ids []string) ([]domain.Event, error)
	// Update writes the organiser-editable fields of e (not status, agenda or counters) and
	// records changes (domain.NoticeChanges) in the same step. A capacity below the seats already
	// taken is a *domain.ValidationError on "capacity".
	Update(ctx context.Context, e *domain.Event, changes []domain.EventChange) error
	// SetStatus writes e's Status, PublishedAt, CancelledAt and UpdatedAt if the stored status is
	// still from; otherwise it returns domain.ErrConflict and writes nothing.
	SetStatus(ctx context.Context, e *domain.Event, from domain.EventStatus) error
	// SetAgenda replaces the whole agenda of the event.
	SetAgenda(ctx context.Context, eventID string, sessions []domain.AgendaSession, at time.Time) error
	// List returns a page ordered by start time (then ID) without agendas, the next cursor ("" at
	// the end) and the total.
	List(ctx context.Context, f EventFilter, page Page) ([]domain.Event, string, int, error)
	// PendingChanges returns recorded time/place changes not yet sent, oldest first.
	PendingChanges(ctx context.Context, limit int) ([]domain.EventChange, error)
	// MarkChangesNotified stamps the changes as sent.
	MarkChangesNotified(ctx context.Context, ids []string, at time.Time) error
	// Changes returns every recorded change of one event, oldest first.
	Changes(ctx context.Context, eventID string) ([]domain.EventChange, error)
	// RestoreChanges stores changes copied from another installation as they were (ID and
	// NotifiedAt kept), skipping IDs already stored, and says how many it stored (`duijie migrate`).
	RestoreChanges(ctx context.Context, changes []domain.EventChange) (int, error)
}

// RegistrationFilter narrows the registrations of one event.
type RegistrationFilter struct {
	Statuses []domain.RegistrationStatus // any of these; empty means all
	// Q matches the enterprise name or an attendee's name, email or mobile (substring,
	// case-insensitive).
	Q string
}

// RegistrationCounts sums up one event's registrations for the organiser console.
type RegistrationCounts struct {
	Confirmed  int `json:"confirmed"`
	Waitlisted int `json:"waitlisted"`
	Offered    int `json:"offered"`
	Cancelled  int `json:"cancelled"`
	Pending    int `json:"pending"`
	Rejected   int `json:"rejected"`
	CheckedIn  int `json:"checkedIn"`
	// PeopleCheckedIn counts attendees at the door; CheckedIn counts firms with at least one.
	PeopleCheckedIn int `json:"peopleCheckedIn"`
	// Attendees counts the people of confirmed registrations; SeatsTaken adds open offers.
	Attendees  int `json:"attendees"`
	SeatsTaken int `json:"seatsTaken"`
}

// RegistrationRepo runs the seat accounting of events. Capacity is never exceeded under any
// concurrency: each engine takes seats with one atomic step (SQLite: a write transaction;
// MongoDB: a conditional update of the event document), and a registration is unique per
// (event, enterprise) so a retried request finds the first one. Waitlist positions are ranks
// computed when read, so they stay gapless when someone ahead leaves.
type RegistrationRepo interface {
	// Register stores r (EventID, EnterpriseID, EnterpriseName, Attendees, Answers, CreatedBy set
	// by the caller) where domain.DecideSeat places it: pending on an event with approval (unless
	// r.ByOrganiser), confirmed when enough seats are free and nobody is waiting, else waitlisted. It
	// re-checks that the event is open for registration at now. When the enterprise already holds
	// an active registration for the event, that one is returned with created=false; a cancelled
	// one is reopened.
	Register(ctx context.Context, r *domain.Registration, now time.Time) (reg *domain.Registration, created bool, err error)
	// Approve places a pending registration as domain.DecideSeat says for an approved one:
	// confirmed when its people fit the free seats and nobody waits, else on the waitlist; the
	// capacity holds as in Register. A registration not pending is a *domain.ValidationError on
	// "status" and nothing changes.
	Approve(ctx context.Context, id string, now time.Time) (*domain.Registration, error)
	// Reject refuses a pending registration, recording reason; otherwise as Approve.
	Reject(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error)
	// Get returns a registration with its waitlist position.
	Get(ctx context.Context, id string) (*domain.Registration, error)
	// ByEnterprise returns the enterprise's registration for the event, whatever its status.
	ByEnterprise(ctx context.Context, eventID, enterpriseID string) (*domain.Registration, error)
	// ListByEvent returns a page of an event's registrations in registration order, the next
	// cursor and the total.
	ListByEvent(ctx context.Context, eventID string, f RegistrationFilter, page Page) ([]domain.Registration, string, int, error)
	// ListByEnterprise returns an enterprise's registrations, newest first.
	ListByEnterprise(ctx context.Context, enterpriseID string) ([]domain.Registration, error)
	// Cancel cancels the registration for reason (domain.CancelBy…). Seats it held are offered to
	// the waitlist. Cancelling a cancelled registration returns it unchanged; one with an
	// attendee checked in is a *domain.ConflictError on "status".
	Cancel(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error)
	// ConfirmOffer turns an open offer into a confirmed registration. An expired or withdrawn
	// offer is a *domain.ValidationError on "status".
	ConfirmOffer(ctx context.Context, id string, now time.Time) (*domain.Registration, error)
	// ExpireOffers cancels offers whose expiry passed at now and offers their seats to the next
	// in line; it returns how many offers lapsed. The jobs issue calls it periodically.
	ExpireOffers(ctx context.Context, now time.Time) (int, error)
	// Promote offers free seats of the event to the waitlist in order (an enterprise whose
	// attendees do not fit the free seats is passed over, keeping its place); it returns how
	// many offers it made. Cancel and ExpireOffers call it; callers do after raising capacity.
	Promote(ctx context.Context, eventID string, now time.Time) (int, error)
	// Counts sums up the event's registrations.
	Counts(ctx context.Context, eventID string) (RegistrationCounts, error)
	// Restore stores registrations of eventID copied from another installation as they were
	// (ID, status, offer, check-in code and time, cancellation; waitlisted ones in the order of
	// their Position), skipping IDs already stored, then sets the event's counters from its
	// registrations, so a repeated or broken-off restore leaves them right. It says how many it
	// stored. For `duijie migrate` into an idle database: it does not guard against concurrent
	// registrations.
	Restore(ctx context.Context, eventID string, regs []domain.Registration) (int, error)
}

// CheckinRepo records scans at the door. Every scan is kept, not just the first.
type CheckinRepo interface {
	// CheckIn logs one scan of code (normalised by the caller) at the event. A confirmed
	// registration not yet checked in gets CheckedInAt = at. It returns the registration (nil
	// when no registration of the event has the code) and the logged scan, whose Result says
	// what happened.
	CheckIn(ctx context.Context, eventID, code, by, device string, at time.Time) (*domain.Registration, *domain.Checkin, error)
	// CheckInMany applies scans in their order, each as CheckIn does and decided by
	// domain.DecideCheckin (the earliest scan of an attendee sets the time), and returns one
	// outcome per scan. Applying the same scans again changes nothing: an offline device can
	// sync until it hears back.
	CheckInMany(ctx context.Context, eventID string, scans []domain.CheckinScan) ([]domain.CheckinOutcome, error)
	// List returns the event's scans, newest first, the next cursor and the total.
	List(ctx context.Context, eventID string, page Page) ([]domain.Checkin, string, int, error)
	// Restore stores scans copied from another installation as they were, skipping IDs already
	// stored, and says how many it stored; registrations are not touched (`duijie migrate`).
	Restore(ctx context.Context, scans []domain.Checkin) (int, error)
}

// CalendarRepo keeps the secret tokens of members' personal calendar feeds.
type CalendarRepo interface {
	// Token returns the user's feed token, creating one on first use.
	Token(ctx context.Context, userID string) (string, error)
	// Reset replaces the user's token, so an old feed URL stops working.
	Reset(ctx context.Context, userID string) (string, error)
	// User returns the ID of the user owning token, or domain.ErrNotFound.
	User(ctx context.Context, token string) (string, error)
	// Find returns the user's token without creating one, or domain.ErrNotFound.
	Find(ctx context.Context, userID string) (string, error)
	// Restore gives the user token (copied from another installation) unless the user has one
	// already, and reports whether it stored it (`duijie migrate`).
	Restore(ctx context.Context, userID, token string) (bool, error)
}
