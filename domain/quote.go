package domain

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/currency"
)

// Quote is a supplier's offer on a lead it answered interested: one current quote per match,
// replaced when the supplier quotes again. Prices are integer minor units (fen, cents) of
// Currency so both engines store them exactly; Quantity is whole units of the lead's unit.
type Quote struct {
	ID           string    `json:"id"`
	MatchID      string    `json:"matchId"`
	LeadID       string    `json:"leadId"`
	SupplierID   string    `json:"supplierId"`
	SupplierName string    `json:"supplier"`
	UnitPrice    int64     `json:"-"` // minor units
	Currency     string    `json:"currency"`
	Quantity     int64     `json:"quantity"`
	MOQ          int64     `json:"moq"`
	LeadTimeDays int       `json:"leadTimeDays"`
	ValidUntil   time.Time `json:"validUntil"`
	Note         string    `json:"note"`
	CreatedBy    string    `json:"createdBy,omitempty"`
	Revision     int       `json:"revision"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

// Quote bounds: beyond them a number is a typo, not an offer.
const (
	MaxQuoteUnitPrice = 1e10 // per unit, in major units
	MaxQuoteQuantity  = 1e9
	MaxQuoteLeadDays  = 730
	MaxQuoteNote      = 2000
	MaxQuoteValidity  = 366 * 24 * time.Hour
)

// Total is unit price × quantity in minor units.
func (q *Quote) Total() int64 { return q.UnitPrice * q.Quantity }

// Expired reports whether the quote's validity has passed at now.
func (q *Quote) Expired(now time.Time) bool { return now.After(q.ValidUntil) }

// MinorUnits converts a price in major units (12.34 CNY) to minor units (1234 fen).
func MinorUnits(v float64) int64 { return int64(math.Round(v * 100)) }

// MajorUnits converts minor units back to major units for display and JSON.
func MajorUnits(v int64) float64 { return float64(v) / 100 }

// KnownCurrency reports whether code is an ISO 4217 currency (after upper-casing).
func KnownCurrency(code string) bool {
	if len(code) != 3 {
		return false
	}
	u, err := currency.ParseISO(code)
	return err == nil && u.String() == code
}

// QuoteInput is what a supplier writes; prices in major units.
type QuoteInput struct {
	UnitPrice    float64
	Currency     string
	Quantity     int64
	MOQ          int64
	LeadTimeDays int
	ValidUntil   time.Time
	Note         string
}

// Validate checks a quote's numbers and dates at now and returns the normalised currency;
// every problem is named by its field.
func (in *QuoteInput) Validate(now time.Time) error {
	v := &ValidationError{}
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	in.Note = strings.TrimSpace(in.Note)
	switch {
	case math.IsNaN(in.UnitPrice) || in.UnitPrice <= 0:
		v.Add("unitPrice", "quote_positive")
	case in.UnitPrice > MaxQuoteUnitPrice:
		v.Add("unitPrice", "too_large")
	}
	if in.Currency == "" {
		v.Add("currency", "required")
	} else if !KnownCurrency(in.Currency) {
		v.Add("currency", "invalid")
	}
	switch {
	case in.Quantity <= 0:
		v.Add("quantity", "quote_positive")
	case in.Quantity > MaxQuoteQuantity:
		v.Add("quantity", "too_large")
	}
	switch {
	case in.MOQ < 0:
		v.Add("moq", "negative")
	case in.MOQ > in.Quantity && in.Quantity > 0:
		v.Add("moq", "quote_moq_above_quantity")
	}
	switch {
	case in.LeadTimeDays < 0:
		v.Add("leadTimeDays", "negative")
	case in.LeadTimeDays > MaxQuoteLeadDays:
		v.Add("leadTimeDays", "too_large")
	}
	switch {
	case in.ValidUntil.IsZero():
		v.Add("validUntil", "required")
	case !in.ValidUntil.After(now):
		v.Add("validUntil", "quote_valid_past")
	case in.ValidUntil.After(now.Add(MaxQuoteValidity)):
		v.Add("validUntil", "quote_too_far")
	}
	if utf8.RuneCountInString(in.Note) > MaxQuoteNote {
		v.Add("note", "too_long", MaxQuoteNote)
	}
	if in.UnitPrice > 0 && in.Quantity > 0 && MinorUnits(in.UnitPrice) > math.MaxInt64/in.Quantity {
		v.Add("quantity", "too_large")
	}
	return v.Err()
}

// QuoteCurrencyTotal sums comparable quotes of one currency.
type QuoteCurrencyTotal struct {
	Currency string  `json:"currency"`
	Count    int     `json:"count"`
	Lowest   float64 `json:"lowestTotal"`
	Highest  float64 `json:"highestTotal"`
}
