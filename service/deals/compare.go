package deals

import (
	"context"
	"slices"
	"strings"
	"time"

	"duijie/domain"
)

// QuoteView is one quote as the comparison shows it: amounts in major units, the total
// computed, and where the supplier stands on the lead.
type QuoteView struct {
	ID           string             `json:"id"`
	MatchID      string             `json:"matchId"`
	SupplierID   string             `json:"supplierId"`
	Supplier     string             `json:"supplier"`
	UnitPrice    float64            `json:"unitPrice"`
	Currency     string             `json:"currency"`
	Quantity     int64              `json:"quantity"`
	MOQ          int64              `json:"moq"`
	LeadTimeDays int                `json:"leadTimeDays"`
	ValidUntil   time.Time          `json:"validUntil"`
	Note         string             `json:"note"`
	Total        float64            `json:"total"`
	Expired      bool               `json:"expired"`
	Shortlisted  bool               `json:"shortlisted"`
	Invited      bool               `json:"invited"`
	MatchStatus  domain.MatchStatus `json:"matchStatus"`
	Revision     int                `json:"revision"`
	UpdatedAt    time.Time          `json:"updatedAt"`

	total int64 // minor units, for exact ordering
	unit  int64
}

// Comparison is a lead's quotes side by side, grouped by currency (amounts in different
// currencies are never added or ranked together), with per-currency totals.
type Comparison struct {
	Lead       *domain.Lead                `json:"-"`
	Quotes     []QuoteView                 `json:"quotes"`
	Currencies []domain.QuoteCurrencyTotal `json:"currencies"`
	Sort       string                      `json:"sort"`
	Desc       bool                        `json:"desc"`
}

// SortKeys are the columns a comparison sorts by; the first is the default.
var SortKeys = []string{"total", "unitPrice", "leadTimeDays", "validUntil", "supplier"}

// Compare returns the lead's quotes for its buyer side, its organisers and admins, sorted by
// key (one of SortKeys; "" means total) within each currency, the cheaper currency group of
// the lead's own currency first.
func (s *Service) Compare(ctx context.Context, u *domain.User, leadID, key string, desc bool) (*Comparison, error) {
	l, err := s.editableLead(ctx, u, leadID)
	if err != nil {
		return nil, err
	}
	if key == "" {
		key = SortKeys[0]
	}
	if !slices.Contains(SortKeys, key) {
		return nil, domain.Invalid("sort", "one_of", strings.Join(SortKeys, ", "))
	}
	qs, err := s.quotes.ByLead(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	ms, err := s.matches.ByLead(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	byMatch := make(map[string]*domain.Match, len(ms))
	for i := range ms {
		byMatch[ms[i].ID] = &ms[i]
	}
	short, err := s.Shortlisted(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	views := make([]QuoteView, 0, len(qs))
	for _, q := range qs {
		v := QuoteView{ID: q.ID, MatchID: q.MatchID, SupplierID: q.SupplierID, Supplier: q.SupplierName,
			UnitPrice: domain.MajorUnits(q.UnitPrice), Currency: q.Currency, Quantity: q.Quantity, MOQ: q.MOQ,
			LeadTimeDays: q.LeadTimeDays, ValidUntil: q.ValidUntil, Note: q.Note, Total: domain.MajorUnits(q.Total()),
			Expired: q.Expired(now), Shortlisted: short[q.SupplierID], Revision: q.Revision, UpdatedAt: q.UpdatedAt,
			total: q.Total(), unit: q.UnitPrice}
		if m := byMatch[q.MatchID]; m != nil {
			v.Invited, v.MatchStatus = m.Invited(), m.Status
		}
		views = append(views, v)
	}
	SortQuotes(views, l.Currency, key, desc)
	return &Comparison{Lead: l, Quotes: views, Currencies: currencyTotals(views), Sort: key, Desc: desc}, nil
}

// SortQuotes orders quotes by currency (the lead's own first, then alphabetically) and within
// a currency by key, ties broken by supplier name so the order is stable.
func SortQuotes(vs []QuoteView, leadCurrency, key string, desc bool) {
	slices.SortStableFunc(vs, func(a, b QuoteView) int {
		if a.Currency != b.Currency {
			switch {
			case a.Currency == leadCurrency:
				return -1
			case b.Currency == leadCurrency:
				return 1
			}
			return strings.Compare(a.Currency, b.Currency)
		}
		c := 0
		switch key {
		case "unitPrice":
			c = cmp64(a.unit, b.unit)
		case "leadTimeDays":
			c = cmp64(int64(a.LeadTimeDays), int64(b.LeadTimeDays))
		case "validUntil":
			c = a.ValidUntil.Compare(b.ValidUntil)
		case "supplier":
			c = strings.Compare(a.Supplier, b.Supplier)
		default:
			c = cmp64(a.total, b.total)
		}
		if desc {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(a.Supplier, b.Supplier)
		}
		return c
	})
}

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// currencyTotals sums the valid quotes per currency: how many, lowest and highest total.
func currencyTotals(vs []QuoteView) []domain.QuoteCurrencyTotal {
	out := []domain.QuoteCurrencyTotal{}
	idx := map[string]int{}
	for _, v := range vs {
		if v.Expired {
			continue
		}
		i, ok := idx[v.Currency]
		if !ok {
			i = len(out)
			idx[v.Currency] = i
			out = append(out, domain.QuoteCurrencyTotal{Currency: v.Currency, Lowest: v.Total, Highest: v.Total})
		}
		t := &out[i]
		t.Count++
		t.Lowest, t.Highest = min(t.Lowest, v.Total), max(t.Highest, v.Total)
	}
	return out
}
