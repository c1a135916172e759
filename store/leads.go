package store

import (
	"context"
	"time"

	"duijie/domain"
)

// LeadScope limits a lead listing to what one viewer may see: a lead qualifies when any set
// condition holds. The zero scope means no limit (admins, jobs).
type LeadScope struct {
	Clusters []string // leads in any of these clusters (an organiser's)
	PostedBy string   // leads this user posted (an organiser on behalf of outside buyers)
	Buyer    string   // leads of this buyer enterprise (a member's own)
	Open     bool     // open leads (the board every member sees)
}

// IsZero reports whether the scope sets no condition.
func (s LeadScope) IsZero() bool {
	return len(s.Clusters) == 0 && s.PostedBy == "" && s.Buyer == "" && !s.Open
}

// LeadFilter narrows a lead listing; every set field must hold, and the scope on top.
type LeadFilter struct {
	Cluster string
	Status  domain.LeadStatus
	Buyer   string // buyer enterprise ID ("mine")
	Q       string // substring of the title or description, case-insensitive
	// Triage keeps open leads whose clusters were inferred and await an organiser's word.
	Triage bool
	Scope  LeadScope
}

// LeadChange is an update of a stored lead, applied if its status is still Expect.
type LeadChange struct {
	Lead   domain.Lead
	Expect domain.LeadStatus
}

// LeadRepo stores order leads. Writes of an existing lead are conditional on its status, so two
// people closing and editing at once cannot both win.
type LeadRepo interface {
	// Create stores l, assigning an ID when empty.
	Create(ctx context.Context, l *domain.Lead) error
	// CreateMany stores the leads of one import; the SQLite engine writes all or none.
	CreateMany(ctx context.Context, ls []domain.Lead) error
	Get(ctx context.Context, id string) (*domain.Lead, error)
	// Update replaces the stored lead (matched by ID) if its stored status is still expect;
	// otherwise domain.ErrConflict (or ErrNotFound when it does not exist).
	Update(ctx context.Context, l *domain.Lead, expect domain.LeadStatus) error
	// List returns a page, newest first, the next cursor ("" at the end) and the total.
	List(ctx context.Context, f LeadFilter, page Page) ([]domain.Lead, string, int, error)
	// ExpireDue moves open leads whose deadline is at or before now to expired and says how many.
	ExpireDue(ctx context.Context, now time.Time) (int, error)
	// GetByRef returns the lead whose domain.Lead.RefKey is key, or domain.ErrNotFound.
	GetByRef(ctx context.Context, key string) (*domain.Lead, error)
	// SaveImport stores one import: creates, and updates of leads matched by (buyer, ref), each
	// applied only if the stored status is still its Expect (else domain.ErrConflict). The
	// SQLite engine writes all or none.
	SaveImport(ctx context.Context, creates []domain.Lead, updates []LeadChange) error
	// UpdatedAfter is EnterpriseRepo.UpdatedAfter for leads.
	UpdatedAfter(ctx context.Context, mark domain.SyncMark, limit int) ([]domain.Lead, error)
}
