package domain

import (
	"strings"
	"time"

	"golang.org/x/text/currency"

	"duijie/domain/codes"
)

// Limits of lead fields. A lead carries technical parameters, so its description may be longer
// than a profile's; a 5 MB paste is still refused.
const (
	MaxLeadTitle       = 200
	MaxLeadDescription = 10000
	MaxLeadUnit        = 20
	MaxBudget          = 1_000_000_000_000 // 10^12 yuan: far above any order, far below int64 limits
	MaxQuantity        = 1e12
)

// DefaultCurrency is the currency of a lead that names none.
const DefaultCurrency = "CNY"

// Normalize tidies a lead's fields as people type them.
func (l *Lead) Normalize() {
	l.Title = strings.TrimSpace(l.Title)
	l.Description = strings.TrimSpace(l.Description)
	l.IndustryCodes = mapList(l.IndustryCodes, codes.NormalizeIndustry)
	l.HSCodes = mapList(l.HSCodes, NormalizeHS)
	l.RequiredCertifications = mapList(l.RequiredCertifications, NormalizeCertification)
	l.Unit = strings.TrimSpace(l.Unit)
	l.Currency = strings.ToUpper(strings.TrimSpace(l.Currency))
	if l.Currency == "" || l.Currency == "RMB" || l.Currency == "人民币" {
		l.Currency = DefaultCurrency
	}
	l.DeliveryRegion = codes.NormalizeDeliveryRegion(l.DeliveryRegion)
	l.ExportMarket = codes.NormalizeMarket(l.ExportMarket)
	l.BuyerName = strings.TrimSpace(l.BuyerName)
	l.Contact.Name = strings.TrimSpace(l.Contact.Name)
	l.Contact.Email = NormalizeEmail(l.Contact.Email)
	l.Contact.Phone = strings.TrimSpace(l.Contact.Phone)
	if l.Status == "" {
		l.Status = LeadDraft
	}
}

// Validate normalises l and checks every field. A deadline must lie after now only when
// checkDeadline is set (a new lead, or a changed deadline): an old open lead stays editable.
func (l *Lead) Validate(clusters ClusterIndex, now time.Time, checkDeadline bool) error {
	l.Normalize()
	v := &ValidationError{}
	if l.Title == "" {
		v.Add("title", "required")
	} else if p, args := textProblem(l.Title, MaxLeadTitle); p != "" {
		v.Add("title", p, args...)
	}
	if p, args := textProblem(l.Description, MaxLeadDescription); p != "" {
		v.Add("description", p, args...)
	}
	if l.Title != "" && !v.Has("title") && !Readable(l.Title) && !Readable(l.Description) {
		v.Add("title", "intake_text_unreadable")
	}
	l.Ref = NormalizeLeadRef(l.Ref)
	if p := LeadRefProblem(l.Ref); p != "" {
		v.Add("ref", p, MaxLeadRefLength)
	}
	// Clusters are optional: a buyer outside the programme does not know them, and the intake
	// service infers them from the text before a lead is stored.
	l.Clusters = clusters.resolveClusters(v, "clusters", l.Clusters)
	checkList(v, "clusters", l.Clusters)
	for _, c := range l.IndustryCodes {
		if p := codes.IndustryProblem(c); p != "" {
			v.Add("industryCodes", p) // the messages of these keys name no value
		}
	}
	checkList(v, "industryCodes", l.IndustryCodes)
	for _, h := range l.HSCodes {
		if p := HSProblem(h); p != "" {
			v.Add("hsCodes", p, h)
		}
	}
	checkList(v, "hsCodes", l.HSCodes)
	for _, c := range l.RequiredCertifications {
		if !certValidRE.MatchString(c) {
			v.Add("requiredCertifications", "cert_format", c)
		}
	}
	checkList(v, "requiredCertifications", l.RequiredCertifications)
	l.PreferredTiers = parseTiers(v, l.PreferredTiers)
	// A quantity is optional (the contract does not require it; "a canteen's fume problem"
	// has none): 0 means "not stated". Only a negative one is wrong.
	switch {
	case l.Quantity < 0:
		v.Add("quantity", "negative")
	case l.Quantity > MaxQuantity:
		v.Add("quantity", "too_large")
	}
	if p, args := textProblem(l.Unit, MaxLeadUnit); p != "" {
		v.Add("unit", p, args...)
	}
	switch {
	case l.BudgetMin < 0:
		v.Add("budgetMin", "negative")
	case l.BudgetMax < 0:
		v.Add("budgetMax", "negative")
	case l.BudgetMin > MaxBudget:
		v.Add("budgetMin", "too_large")
	case l.BudgetMax > MaxBudget:
		v.Add("budgetMax", "too_large")
	case l.BudgetMax > 0 && l.BudgetMin > l.BudgetMax:
		v.Add("budgetMin", "budget_range")
	}
	if _, err := currency.ParseISO(l.Currency); err != nil || len(l.Currency) != 3 {
		v.Add("currency", "currency_unknown", l.Currency)
	}
	if l.DeliveryRegion != "" && !codes.ValidDeliveryRegion(l.DeliveryRegion) {
		v.Add("deliveryRegion", "intake_delivery_region", l.DeliveryRegion)
	}
	if l.ExportMarket != "" && !codes.ValidMarket(l.ExportMarket) {
		v.Add("exportMarket", "market_unknown", l.ExportMarket)
	}
	if checkDeadline && l.Deadline != nil && !l.Deadline.After(now) {
		v.Add("deadline", "deadline_past")
	}
	if l.BuyerEnterpriseID == "" && l.BuyerName == "" {
		v.Add("buyerName", "required")
	} else if p, args := textProblem(l.BuyerName, MaxNameLength); p != "" {
		v.Add("buyerName", p, args...)
	}
	validateContact(v, "contact.", l.Contact)
	switch l.Status {
	case LeadDraft, LeadOpen, LeadClosed, LeadExpired:
	default:
		v.Add("status", "one_of", "draft, open")
	}
	return v.Err()
}

func parseTiers(v *ValidationError, in []EnterpriseTier) []EnterpriseTier {
	out := make([]EnterpriseTier, 0, len(in))
	seen := map[EnterpriseTier]bool{}
	for _, raw := range in {
		for _, item := range SplitList(string(raw)) {
			t, ok := ParseTier(item)
			if !ok {
				v.Add("preferredTiers", "tier_unknown", item)
				continue
			}
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}
