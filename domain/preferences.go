package domain

import (
	"fmt"
	"slices"
	"time"
)

// DigestFrequency is how often a member wants the digest mail.
type DigestFrequency string

// Digest frequencies; off is the default, since digests are opt-in.
const (
	DigestOff    DigestFrequency = "off"
	DigestDaily  DigestFrequency = "daily"
	DigestWeekly DigestFrequency = "weekly"
)

// DigestFrequencies lists the choices in display order.
var DigestFrequencies = []DigestFrequency{DigestOff, DigestDaily, DigestWeekly}

// Valid reports whether f is one of the choices.
func (f DigestFrequency) Valid() bool { return slices.Contains(DigestFrequencies, f) }

// Preferences are a user's mail settings. UnsubscribeToken is the secret of the one-click
// unsubscribe links in every mail the user receives; it stays the same so old mails keep working.
type Preferences struct {
	UserID           string          `json:"userId"`
	Digest           DigestFrequency `json:"digest"`
	Locale           string          `json:"locale"`
	OptOut           []MailKind      `json:"optOut"`
	UnsubscribeToken string          `json:"-"`
	UpdatedAt        time.Time       `json:"updatedAt"`
}

// DefaultPreferences are those of a user who never saved any, in the account's locale: a
// member starts with the daily digest and instant notices, so a supplier who never signs in
// still hears of the leads matched to it; staff start with no digest.
func DefaultPreferences(u *User) *Preferences {
	loc := "zh-CN"
	if u != nil && (u.Locale == "en" || u.Locale == "zh-CN") {
		loc = u.Locale
	}
	p := &Preferences{Digest: DigestOff, Locale: loc, OptOut: []MailKind{}}
	if u != nil {
		p.UserID = u.ID
		if u.Role == RoleMember {
			p.Digest = DigestDaily
		}
	}
	return p
}

// Instant reports whether the user wants instant notices (on unless turned off).
func (p *Preferences) Instant() bool { return !slices.Contains(p.OptOut, MailInstant) }

// SetInstant turns instant notices on or off.
func (p *Preferences) SetInstant(on bool) {
	p.OptOut = slices.DeleteFunc(p.OptOut, func(k MailKind) bool { return k == MailInstant })
	if !on {
		p.OptOut = append(p.OptOut, MailInstant)
	}
}

// Wants reports whether the user still accepts mail of kind k. A digest also needs a frequency.
func (p *Preferences) Wants(k MailKind) bool {
	if slices.Contains(p.OptOut, k) {
		return false
	}
	return k != MailDigest || p.Digest != DigestOff
}

// Unsubscribe opts the user out of kind k (the digest: frequency off); it reports whether that
// changed anything, so a reused link can say "already unsubscribed".
func (p *Preferences) Unsubscribe(k MailKind) bool {
	changed := false
	if k == MailDigest && p.Digest != DigestOff {
		p.Digest, changed = DigestOff, true
	}
	if !slices.Contains(p.OptOut, k) {
		p.OptOut, changed = append(p.OptOut, k), true
	}
	return changed
}

// Validate checks the fields a user writes and normalises the opt-out list.
func (p *Preferences) Validate() error {
	v := &ValidationError{}
	if p.Digest == "" {
		p.Digest = DigestOff
	}
	if !p.Digest.Valid() {
		v.Add("digest", "one_of", "off, daily, weekly")
	}
	if p.Locale != "zh-CN" && p.Locale != "en" {
		v.Add("locale", "one_of", "zh-CN, en")
	}
	seen := map[MailKind]bool{}
	out := []MailKind{}
	for _, k := range p.OptOut {
		if !k.Valid() {
			v.Add("optOut", "one_of", fmt.Sprint(MailKinds))
			continue
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	// Choosing a frequency is asking for the digest, which lifts an earlier opt-out.
	if p.Digest != DigestOff {
		out = slices.DeleteFunc(out, func(k MailKind) bool { return k == MailDigest })
	}
	p.OptOut = out
	return v.Err()
}
