package domain

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a user may do; see docs/design.md §2.
type Role string

// The three roles. Organisers are scoped to the clusters listed on their account.
const (
	RoleAdmin     Role = "admin"
	RoleOrganiser Role = "organiser"
	RoleMember    Role = "member"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleOrganiser || r == RoleMember }

// MinPasswordLength is the shortest password accepted; long passphrases beat complexity rules.
const MinPasswordLength = 10

// User is a person who signs in. Members belong to one enterprise; organisers to clusters.
type User struct {
	ID           string    `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	PasswordHash string    `json:"-"`
	Role         Role      `json:"role"`
	Clusters     []string  `json:"clusters"`
	EnterpriseID string    `json:"enterpriseId,omitempty"`
	Locale       string    `json:"locale,omitempty"`
	Disabled     bool      `json:"disabled,omitempty"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

// CanManageCluster reports whether u may run events and see data of the cluster code.
func (u *User) CanManageCluster(code string) bool {
	if u == nil {
		return false
	}
	if u.Role == RoleAdmin {
		return true
	}
	if u.Role != RoleOrganiser {
		return false
	}
	for _, c := range u.Clusters {
		if c == code {
			return true
		}
	}
	return false
}

// NormalizeEmail lower-cases and trims an address so that lookups are case-insensitive.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// EmailProblem returns "" for a plausible address, else a message key.
func EmailProblem(s string) string {
	if s == "" {
		return "required"
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "email_format"
	}
	return ""
}

// PasswordProblem returns "" for an acceptable password, else a message key.
func PasswordProblem(p string) string {
	if p == "" {
		return "required"
	}
	if utf8.RuneCountInString(p) < MinPasswordLength {
		return "password_short"
	}
	if len(p) > 256 {
		return "too_long"
	}
	return ""
}

// Session is a signed-in browser. ID is the SHA-256 of the cookie value, so a leaked database
// does not hand out live sessions.
type Session struct {
	ID        string
	UserID    string
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// APIToken lets scripts call the JSON API. Hash is the SHA-256 of the secret the user holds.
type APIToken struct {
	ID         string     `json:"id"`
	UserID     string     `json:"userId"`
	Name       string     `json:"name"`
	Hash       string     `json:"-"`
	CreatedAt  time.Time  `json:"createdAt"`
	ExpiresAt  time.Time  `json:"expiresAt"`
	LastUsedAt *time.Time `json:"lastUsedAt,omitempty"`
	// SessionID is the browser session issued together with the token by a sign-in; signing that
	// browser out revokes the token too. Empty for tokens made on the account page.
	SessionID string `json:"-"`
}

// AuditEntry records who did what to which record; views and exports of contact data go here too.
type AuditEntry struct {
	ID      string    `json:"id"`
	At      time.Time `json:"at"`
	ActorID string    `json:"actorId"`
	Action  string    `json:"action"`
	Target  string    `json:"target"`
	Detail  string    `json:"detail,omitempty"`
	IP      string    `json:"ip,omitempty"`
}
