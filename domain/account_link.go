package domain

import "time"

// AccountLinkKind is what a single-use account link does.
type AccountLinkKind string

// The links mailed to people: a password reset (valid one hour) and an invitation to join an
// enterprise as a colleague (valid seven days).
const (
	LinkReset  AccountLinkKind = "reset"
	LinkInvite AccountLinkKind = "invite"
)

// Lifetimes of the links (CONTRACT §Wave 2).
const (
	ResetLinkTTL  = time.Hour
	InviteLinkTTL = 7 * 24 * time.Hour
)

// AccountLink is a single-use secret link. ID is the SHA-256 of the secret in the mail, so a
// leaked database holds no usable link. A reset names the user; an invitation the address, name
// and enterprise of the colleague to be.
type AccountLink struct {
	ID           string          `json:"-"`
	Kind         AccountLinkKind `json:"kind"`
	UserID       string          `json:"userId,omitempty"`
	Email        string          `json:"email"`
	Name         string          `json:"name,omitempty"`
	EnterpriseID string          `json:"enterpriseId,omitempty"`
	CreatedBy    string          `json:"createdBy,omitempty"`
	CreatedAt    time.Time       `json:"createdAt"`
	ExpiresAt    time.Time       `json:"expiresAt"`
	UsedAt       *time.Time      `json:"usedAt,omitempty"`
}

// Live reports whether the link may still be used at now.
func (l *AccountLink) Live(now time.Time) bool {
	return l != nil && l.UsedAt == nil && now.Before(l.ExpiresAt)
}
