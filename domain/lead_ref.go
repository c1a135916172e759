package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// MaxLeadRefLength bounds a buyer's own reference of a lead (its order or RFQ number).
const MaxLeadRefLength = 64

// NormalizeLeadRef trims a reference as typed; references are compared exactly otherwise, since a
// buyer's numbering ("PO-2026-07" vs "po-2026-07") is theirs to define.
func NormalizeLeadRef(s string) string { return strings.TrimSpace(s) }

// LeadRefProblem returns "" for a usable reference ("" included: it is optional) or the key of
// what is wrong.
func LeadRefProblem(ref string) string {
	if utf8.RuneCountInString(ref) > MaxLeadRefLength {
		return "too_long"
	}
	return ""
}

// RefKey identifies a lead by (buyer, ref) so that importing the buyer's sheet again updates its
// leads instead of posting them twice. The buyer is the registered enterprise or, for an outside
// buyer known only by name, that name with case and spacing folded. "" when the lead has no ref.
func (l *Lead) RefKey() string {
	if l.Ref == "" {
		return ""
	}
	buyer := l.BuyerEnterpriseID
	if buyer == "" {
		buyer = "name:" + strings.ToLower(strings.Join(strings.Fields(l.BuyerName), " "))
	}
	return buyer + "\x1f" + l.Ref
}

// Reimport is the stored lead updated by a row imported again under the same (buyer, ref): the
// row's content replaces the old, while the lead keeps its identity and lifecycle (ID, poster,
// status, outcome, opening and closing times), so its matches, answers and quotes stay attached.
// A draft is opened when the row asks for an open lead; any other status is left as it is.
func Reimport(stored, row Lead, now time.Time) Lead {
	out := row
	out.ID, out.PostedBy, out.CreatedAt, out.UpdatedAt = stored.ID, stored.PostedBy, stored.CreatedAt, now
	if stored.Status != LeadDraft || row.Status != LeadOpen {
		out.Status, out.Outcome, out.OpenedAt, out.ClosedAt = stored.Status, stored.Outcome, stored.OpenedAt, stored.ClosedAt
	}
	return out
}
