package domain

import "time"

// LeadStatus is where an order lead (订单线索 / 采购需求) stands.
type LeadStatus string

// Lead lifecycle: draft → open → closed, or expired when the deadline passes.
const (
	LeadDraft   LeadStatus = "draft"
	LeadOpen    LeadStatus = "open"
	LeadClosed  LeadStatus = "closed"
	LeadExpired LeadStatus = "expired"
)

// LeadOutcome says how a closed lead ended.
type LeadOutcome string

// Closing outcomes.
const (
	OutcomeSigned    LeadOutcome = "signed"
	OutcomeLost      LeadOutcome = "lost"
	OutcomeCancelled LeadOutcome = "cancelled"
)

// Lead is a buyer's demand that the matching service pairs with suppliers. Budgets are integer
// yuan so both engines store them exactly.
type Lead struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Clusters    []string `json:"clusters"`
	// ClustersInferred is set when the buyer named no cluster and the platform chose them from
	// the text; an organiser's confirmation (or the buyer naming clusters) clears it.
	ClustersInferred       bool             `json:"clustersInferred"`
	IndustryCodes          []string         `json:"industryCodes"`
	HSCodes                []string         `json:"hsCodes"`
	Quantity               float64          `json:"quantity"`
	Unit                   string           `json:"unit"`
	BudgetMin              int64            `json:"budgetMin"`
	BudgetMax              int64            `json:"budgetMax"`
	Currency               string           `json:"currency"`
	DeliveryRegion         string           `json:"deliveryRegion"`
	ExportMarket           string           `json:"exportMarket"`
	RequiredCertifications []string         `json:"requiredCertifications"`
	PreferredTiers         []EnterpriseTier `json:"preferredTiers"`
	Deadline               *time.Time       `json:"deadline,omitempty"`
	Status                 LeadStatus       `json:"status"`
	Outcome                LeadOutcome      `json:"outcome,omitempty"`
	BuyerEnterpriseID      string           `json:"buyerEnterpriseId,omitempty"`
	BuyerName              string           `json:"buyerName"`
	// Contact is whom a supplier reaches about this lead: the buyer's person, or for an outside
	// buyer the details the organiser collected at the fair. Shown per CanSeeLeadContact.
	Contact Contact `json:"contact"`
	// PostedBy is the user who wrote the lead: a member of the buyer or an organiser on an
	// outside buyer's behalf.
	PostedBy string `json:"postedBy"`
	// Ref is the buyer's own reference (order or RFQ number), optional; (buyer, ref) is unique,
	// so an import of the same sheet updates the leads it created (RefKey, Reimport).
	Ref       string     `json:"ref,omitempty"`
	OpenedAt  *time.Time `json:"openedAt,omitempty"`
	ClosedAt  *time.Time `json:"closedAt,omitempty"`
	CreatedAt time.Time  `json:"createdAt"`
	UpdatedAt time.Time  `json:"updatedAt"`
}

// TakeContent copies what a lead's author writes — everything but the buyer, the status and
// the record's own fields — from src. A new content field is added here once, and the API,
// the form, the service and the importer all carry it.
func (l *Lead) TakeContent(src *Lead) {
	l.Title, l.Description, l.Clusters, l.IndustryCodes = src.Title, src.Description, src.Clusters, src.IndustryCodes
	l.HSCodes, l.Quantity, l.Unit, l.BudgetMin, l.BudgetMax = src.HSCodes, src.Quantity, src.Unit, src.BudgetMin, src.BudgetMax
	l.Currency, l.DeliveryRegion, l.ExportMarket = src.Currency, src.DeliveryRegion, src.ExportMarket
	l.RequiredCertifications, l.PreferredTiers, l.Deadline = src.RequiredCertifications, src.PreferredTiers, src.Deadline
	l.Contact = src.Contact
}
