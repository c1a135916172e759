package domain

import (
	"strings"
	"time"
)

// OutboxStatus is where a queued mail stands.
type OutboxStatus string

// Outbox lifecycle: pending → sending (claimed by one sender) → sent; a temporary failure puts
// it back to pending with a later NextAttemptAt; a permanent one, or too many attempts, makes it
// failed.
const (
	OutboxPending OutboxStatus = "pending"
	OutboxSending OutboxStatus = "sending"
	OutboxSent    OutboxStatus = "sent"
	OutboxFailed  OutboxStatus = "failed"
)

// OutboxStatuses lists the statuses in lifecycle order.
var OutboxStatuses = []OutboxStatus{OutboxPending, OutboxSending, OutboxSent, OutboxFailed}

// MailKind is what a message is about; per-type opt-out is by kind.
type MailKind string

// Mail kinds members receive.
const (
	MailDigest   MailKind = "digest"
	MailReminder MailKind = "reminder"
	MailChange   MailKind = "change"
)

// MailKinds lists the kinds a member may opt out of, in display order.
var MailKinds = []MailKind{MailDigest, MailReminder, MailChange, MailInstant}

// Valid reports whether k is a known kind.
func (k MailKind) Valid() bool {
	for _, x := range MailKinds {
		if x == k {
			return true
		}
	}
	return false
}

// MaxOutboxAttempts is how many temporary failures a message survives before it is given up.
const MaxOutboxAttempts = 6

// OutboxMessage is a fully rendered mail waiting to be sent, or the record that it was. DedupKey
// is unique: enqueuing the same key twice keeps the first, which is what makes a digest go out
// exactly once per (member, period) however often its job runs.
type OutboxMessage struct {
	ID            string            `json:"id"`
	DedupKey      string            `json:"dedupKey"`
	Kind          MailKind          `json:"kind"`
	UserID        string            `json:"userId,omitempty"`
	To            string            `json:"to"`
	Subject       string            `json:"subject"`
	HTML          string            `json:"html"`
	Text          string            `json:"text"`
	Headers       map[string]string `json:"headers"`
	Attachments   []MailAttachment  `json:"attachments,omitempty"`
	Status        OutboxStatus      `json:"status"`
	Attempts      int               `json:"attempts"`
	NextAttemptAt time.Time         `json:"nextAttemptAt"`
	ClaimedBy     string            `json:"claimedBy,omitempty"`
	ClaimedUntil  *time.Time        `json:"claimedUntil,omitempty"`
	LastError     string            `json:"lastError,omitempty"`
	CreatedAt     time.Time         `json:"createdAt"`
	SentAt        *time.Time        `json:"sentAt,omitempty"`
}

// OutboxBackoff is the wait before attempt n+1 after n failed attempts: 1 min, 5 min, 30 min,
// 2 h, 6 h; a relay that is down for a while is not hammered, and a day later the mail is
// given up.
func OutboxBackoff(attempts int) time.Duration {
	steps := []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour}
	if attempts < 1 {
		attempts = 1
	}
	if attempts > len(steps) {
		return steps[len(steps)-1]
	}
	return steps[attempts-1]
}

// MaxErrorText bounds the error text kept with a message: SMTP replies can be long.
const MaxErrorText = 500

// ErrorText trims an error for storage.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	s := strings.TrimSpace(err.Error())
	if len(s) > MaxErrorText {
		s = s[:MaxErrorText]
	}
	return s
}
