package domain

import (
	"bytes"
	"time"
)

// Verification is where an enterprise stands in the office's check of its business licence. Only
// verified enterprises see each other's contacts after mutual interest, so a self-signup cannot
// harvest buyers' phones by pasting every lead into its profile.
type Verification string

// Verification states: self-signups start unverified, an uploaded licence makes them pending, an
// organiser of one of their clusters or an admin verifies or rejects (with a reason). Demo and
// admin-imported enterprises start verified: the office vouches for them.
const (
	VerificationUnverified Verification = "unverified"
	VerificationPending    Verification = "pending"
	VerificationVerified   Verification = "verified"
	VerificationRejected   Verification = "rejected"
)

// Verifications lists the states in queue order.
var Verifications = []Verification{VerificationPending, VerificationUnverified, VerificationRejected, VerificationVerified}

// Valid reports whether v is a known state.
func (v Verification) Valid() bool {
	switch v {
	case VerificationUnverified, VerificationPending, VerificationVerified, VerificationRejected:
		return true
	}
	return false
}

// OrUnverified maps the empty state of records written before verification existed.
func (v Verification) OrUnverified() Verification {
	if v == "" {
		return VerificationUnverified
	}
	return v
}

// IsVerified reports whether the office has verified e.
func (e *Enterprise) IsVerified() bool { return e != nil && e.Verification == VerificationVerified }

// CanDecideVerification says who verifies or rejects an enterprise: admins, and organisers of
// one of its clusters.
func CanDecideVerification(viewer *User, e *Enterprise) bool {
	if viewer == nil || viewer.Disabled || e == nil {
		return false
	}
	switch viewer.Role {
	case RoleAdmin:
		return true
	case RoleOrganiser:
		return managesAny(viewer, e.Clusters)
	}
	return false
}

// MaxRejectReason bounds the reason given with a rejection.
const MaxRejectReason = 500

// ContactsOpen is the rule behind "contacts only after mutual interest": a match reveals the two
// sides' contacts when the supplier answered interested (the buyer showed interest by posting)
// and both are verified. A lead without a buyer enterprise was posted by staff for an outside
// buyer met at a fair; the office vouches for it, so only the supplier must be verified.
func ContactsOpen(m *Match, l *Lead, supplierVerified, buyerVerified bool) bool {
	if m == nil || l == nil || !m.Mutual() || !supplierVerified {
		return false
	}
	return l.BuyerEnterpriseID == "" || buyerVerified
}

// Licence is the business licence (营业执照) an enterprise uploads to be verified; one per
// enterprise, the latest upload replacing the previous.
type Licence struct {
	EnterpriseID string
	FileName     string
	ContentType  string // application/pdf, image/jpeg or image/png, from the content, not the name
	Data         []byte
	UploadedBy   string
	UploadedAt   time.Time
}

// MaxLicenceBytes is the largest licence file accepted (CONTRACT: ≤ 5 MB).
const MaxLicenceBytes = 5 << 20

// LicenceType returns the content type of a licence file judged by its first bytes (PDF, JPEG or
// PNG), or "" for anything else, whatever the file's name claims.
func LicenceType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	}
	return ""
}
