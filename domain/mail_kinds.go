package domain

import "time"

// Transactional and instant mail kinds. Transactional ones confirm what a person did
// or what happened to their registration or meeting, so they carry no unsubscribe link and are
// sent whatever the digest setting; the instant notice is optional and may be turned off.
const (
	MailRegistration MailKind = "registration" // confirmed, waitlisted, seat offered, offer expiring or expired
	MailMeeting      MailKind = "meeting"      // requested, accepted, declined, cancelled
	MailInstant      MailKind = "instant"      // grouped deal notices: matches, answers, invitations, quotes
)

// Optional reports whether k may be turned off by its recipient, and so carries an
// unsubscribe link.
func (k MailKind) Optional() bool { return k != MailRegistration && k != MailMeeting }

// MailAttachment is a file sent with a message, such as an event's .ics.
type MailAttachment struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Data        []byte `json:"data"`
}

// InstantGap is the least time between two instant notice mails to one member: notices that
// arrive meanwhile wait and go together in the next one.
const InstantGap = 15 * time.Minute

// InstantDue reports whether a member whose last instant mail was queued at last (zero: never)
// may get the next one at now.
func InstantDue(last, now time.Time) bool {
	return last.IsZero() || !now.Before(last.Add(InstantGap))
}

// StrongRank is the worst rank a sent match may have to be announced at once as a strong
// match; the others wait for the digest.
const StrongRank = 5

// StrongMatch reports whether a sent match is worth an instant notice to its supplier.
func StrongMatch(m *Match) bool {
	return m.SentAt != nil && m.Rank >= 1 && m.Rank <= StrongRank
}
