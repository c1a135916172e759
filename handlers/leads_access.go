package handlers

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	leadsvc "duijie/service/leads"
	"duijie/store"
)

// leadFor loads a lead the caller may see, and may change when edit is set (service/leads).
func (h *Handler) leadFor(c *fiber.Ctx, edit bool) (*domain.Lead, error) {
	return h.leads.Get(c.UserContext(), callerOf(c), c.Params("id"), edit)
}

// leadView is a lead as the caller may see it (service/leads: contact after mutual interest,
// audited).
func (h *Handler) leadView(c *fiber.Ctx, l *domain.Lead) domain.Lead {
	return h.leads.View(c.UserContext(), callerOf(c), l)
}

// leadScope is what the caller may list: admins everything, organisers their clusters and
// what they posted, members the open board and their own enterprise's leads.
func leadScope(u *domain.User) store.LeadScope {
	switch u.Role {
	case domain.RoleAdmin:
		return store.LeadScope{}
	case domain.RoleOrganiser:
		return store.LeadScope{Clusters: u.Clusters, PostedBy: u.ID}
	default:
		return store.LeadScope{Buyer: u.EnterpriseID, Open: true}
	}
}

// leadFilter reads ?cluster=&status=&mine=1&q= for the caller.
func leadFilter(c *fiber.Ctx) (store.LeadFilter, error) {
	u := currentUser(c)
	f := store.LeadFilter{
		Cluster: strings.ToUpper(strings.TrimSpace(c.Query("cluster"))),
		Q:       strings.TrimSpace(c.Query("q")),
		Scope:   leadScope(u),
	}
	if len([]rune(f.Q)) > 100 {
		return f, badRequest("q", "too_long", 100)
	}
	if s := c.Query("status"); s != "" {
		ok := false
		for _, st := range domain.LeadStatuses {
			ok = ok || string(st) == s
		}
		if !ok {
			return f, badRequest("status", "one_of", "draft, open, closed, expired")
		}
		f.Status = domain.LeadStatus(s)
	}
	if t := c.Query("triage"); t == "1" || t == "true" {
		if u.Role != domain.RoleOrganiser && u.Role != domain.RoleAdmin {
			return f, domain.ErrForbidden
		}
		f.Triage, f.Scope = true, triageScope(u)
	}
	if m := c.Query("mine"); m == "1" || m == "true" {
		if u.Role == domain.RoleMember {
			f.Buyer = u.EnterpriseID
			if f.Buyer == "" {
				f.Buyer = "-" // a member without an enterprise has no leads of its own
			}
		} else {
			f.Scope = store.LeadScope{PostedBy: u.ID}
		}
	}
	return f, nil
}

// deadlineInput is a lead deadline as clients send it: an RFC 3339 time or a date YYYY-MM-DD
// (the end of that day, Beijing time). A value that is neither does not stop the decoding: it
// is remembered, so the refusal names it beside every other bad field of the same request
// (a bad deadline and a bad region are reported together, not one after the other).
type deadlineInput struct {
	at      time.Time
	invalid bool
}

// UnmarshalJSON reads either form; anything else (a string that is not a date, or not a
// string) marks the deadline invalid.
func (d *deadlineInput) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		*d = deadlineInput{invalid: true}
		return nil
	}
	t, err := domain.ParseDeadline(s)
	if err != nil {
		*d = deadlineInput{invalid: true}
		return nil
	}
	*d = deadlineInput{at: t}
	return nil
}

// MarshalJSON writes the time in RFC 3339, as every time of the API.
func (d deadlineInput) MarshalJSON() ([]byte, error) { return json.Marshal(d.at) }

func deadlineOf(t *time.Time) *deadlineInput {
	if t == nil {
		return nil
	}
	return &deadlineInput{at: *t}
}

// time is the deadline to store: nil when none was given or the one given could not be read
// (problems reports that one).
func (d *deadlineInput) time() *time.Time {
	if d == nil || d.invalid {
		return nil
	}
	t := d.at
	return &t
}

// problems are what the decoding of in found wrong but let through, so that validation reports
// them with every other bad field at once.
func (in *leadInput) problems() *domain.ValidationError {
	v := &domain.ValidationError{}
	if in.Deadline != nil && in.Deadline.invalid {
		v.Add("deadline", "intake_deadline_format")
	}
	return v
}

// leadInput is what a client sends to create or change a lead. The buyer is the member's own
// enterprise, or for organisers and admins either a registered firm (buyerUscc) or an outside
// buyer named in buyerName.
type leadInput struct {
	Title                  string                  `json:"title"`
	Description            string                  `json:"description"`
	Clusters               []string                `json:"clusters"`
	IndustryCodes          []string                `json:"industryCodes"`
	HSCodes                []string                `json:"hsCodes"`
	Quantity               float64                 `json:"quantity"`
	Unit                   string                  `json:"unit"`
	BudgetMin              int64                   `json:"budgetMin"`
	BudgetMax              int64                   `json:"budgetMax"`
	Currency               string                  `json:"currency"`
	DeliveryRegion         string                  `json:"deliveryRegion"`
	ExportMarket           string                  `json:"exportMarket"`
	RequiredCertifications []string                `json:"requiredCertifications"`
	PreferredTiers         []domain.EnterpriseTier `json:"preferredTiers"`
	Deadline               *deadlineInput          `json:"deadline"`
	Status                 string                  `json:"status"`
	BuyerName              string                  `json:"buyerName"`
	BuyerUSCC              string                  `json:"buyerUscc"`
	Contact                domain.Contact          `json:"contact"`

	// Read-only fields a client may send back unchanged after a GET; they are ignored.
	ID                json.RawMessage `json:"id"`
	BuyerEnterpriseID json.RawMessage `json:"buyerEnterpriseId"`
	Outcome           json.RawMessage `json:"outcome"`
	PostedBy          json.RawMessage `json:"postedBy"`
	OpenedAt          json.RawMessage `json:"openedAt"`
	ClosedAt          json.RawMessage `json:"closedAt"`
	ClustersInferred  json.RawMessage `json:"clustersInferred"`
	CreatedAt         json.RawMessage `json:"createdAt"`
	UpdatedAt         json.RawMessage `json:"updatedAt"`
}

// inputOf is the input that leaves l unchanged: PATCH decodes the body over it.
// The lists are copies: encoding/json decodes a PATCH into the same backing arrays, which would
// otherwise change the stored lead before it is compared with the new one (clusters inferred or not).
func inputOf(l *domain.Lead) leadInput {
	return leadInput{Title: l.Title, Description: l.Description, Clusters: slices.Clone(l.Clusters),
		IndustryCodes: slices.Clone(l.IndustryCodes), HSCodes: slices.Clone(l.HSCodes), Quantity: l.Quantity, Unit: l.Unit, BudgetMin: l.BudgetMin, BudgetMax: l.BudgetMax,
		Currency: l.Currency, DeliveryRegion: l.DeliveryRegion, ExportMarket: l.ExportMarket,
		RequiredCertifications: slices.Clone(l.RequiredCertifications), PreferredTiers: slices.Clone(l.PreferredTiers), Deadline: deadlineOf(l.Deadline),
		Status: string(l.Status), BuyerName: l.BuyerName, Contact: l.Contact}
}

// content is the lead as its author wrote it (the fields domain.Lead.TakeContent copies).
func (in *leadInput) content() domain.Lead {
	return domain.Lead{Title: in.Title, Description: in.Description, Clusters: in.Clusters, IndustryCodes: in.IndustryCodes,
		HSCodes: in.HSCodes, Quantity: in.Quantity, Unit: in.Unit, BudgetMin: in.BudgetMin, BudgetMax: in.BudgetMax,
		Currency: in.Currency, DeliveryRegion: in.DeliveryRegion, ExportMarket: in.ExportMarket,
		RequiredCertifications: in.RequiredCertifications, PreferredTiers: in.PreferredTiers,
		Deadline: in.Deadline.time(), Contact: in.Contact}
}

// service is the input as service/leads takes it.
func (in *leadInput) service() leadsvc.Input {
	return leadsvc.Input{Content: in.content(), Status: in.Status, BuyerName: in.BuyerName, BuyerUSCC: in.BuyerUSCC,
		Problems: in.problems()}
}
