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
	// SlotFrom and SlotUntil bound the slot start to [SlotFrom, SlotUntil); either set leaves out
	// unscheduled meetings.
	SlotFrom, SlotUntil time.Time
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

	// Book moves a meeting from expect to accepted at the slot m.SlotStart..m.SlotEnd (m carries
	// the accepted state, PublishedAt included) and gives it the lowest free table of 1..tables,
	// all or nothing: neither firm may already sit in that slot (a *domain.ConflictError on
	// "slotStart", "meet2_slot_busy"), a table must be left ("meet2_slot_full"), and the stored
	// status must still be expect ("status"). m.Table is set. Racing bookings never double-book
	// a firm or a table: both engines claim (event, slot, firm) and (event, slot, table) under
	// unique keys.
	Book(ctx context.Context, m *domain.Meeting, expect domain.MeetingStatus, tables int) error
	// Claim takes the firm and table claims of a stored, placed meeting as it stands (its table
	// kept), for `duijie migrate`; false when one is already held by another meeting.
	Claim(ctx context.Context, m *domain.Meeting) (bool, error)
	// BackfillClaims takes the firm and table claims of every accepted, placed meeting that holds
	// none: meetings placed before claims existed, which a booking would otherwise sit on. Mongo
	// runs it at start (Open); SQLite's migration 0013 did the same once. A meeting whose place
	// another meeting holds already keeps no claims and counts in clashed. Running it again
	// changes nothing.
	BackfillClaims(ctx context.Context) (claimed, clashed int, err error)
	// Held counts the accepted meetings whose slot starts in [w.From, w.Until) and that a side
	// reported held, at events of w.Clusters (nil: every cluster; empty: none), for the campaign.
	Held(ctx context.Context, w CampaignWindow) (int, error)
	// Busy says, per slot start (Unix ms), which firms sit in it and how many tables are taken at
	// the event, drafts included.
	Busy(ctx context.Context, eventID string) (map[int64]domain.SlotBusy, error)
	// Feedback records one side's feedback ("requester" or "recipient") once: a second one for
	// the same side is a *domain.ConflictError on "status", "meet2_feedback_twice".
	Feedback(ctx context.Context, id, side string, f domain.MeetingFeedback) error

	// SetWindows replaces the event's meeting windows; Windows returns them (empty when none).
	SetWindows(ctx context.Context, eventID string, ws []domain.MeetingWindow, at time.Time) error
	Windows(ctx context.Context, eventID string) ([]domain.MeetingWindow, error)
	// SetOptIn records whether the enterprise takes part in meetings at the event; OptedIn lists
	// the enterprises that do.
	SetOptIn(ctx context.Context, eventID, enterpriseID string, in bool, at time.Time) error
	OptedIn(ctx context.Context, eventID string) (map[string]bool, error)
}
