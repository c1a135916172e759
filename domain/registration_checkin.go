package domain

import (
	"crypto/rand"
	"strings"
	"time"
)

// Check-in codes use Crockford's base-32 alphabet (no I, L, O, U), so a code read aloud or typed
// from a badge survives the usual confusions; 8 characters carry 40 random bits.
const (
	checkinAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	checkinLength   = 8
)

// NewCheckinCode returns a fresh random code, shown as "XXXX-XXXX".
func NewCheckinCode() string {
	var b [checkinLength]byte
	_, _ = rand.Read(b[:])
	out := make([]byte, 0, checkinLength+1)
	for i, x := range b {
		if i == checkinLength/2 {
			out = append(out, '-')
		}
		out = append(out, checkinAlphabet[int(x)&31])
	}
	return string(out)
}

// NormalizeCheckinCode turns what a scanner or a person typed into the stored form: upper case,
// separators dropped, O read as 0 and I/L as 1, then the dash put back in the middle. It returns
// "" when the input cannot be a code.
func NormalizeCheckinCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(strings.TrimSpace(s)) {
		switch {
		case r == '-' || r == ' ' || r == '_':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(checkinAlphabet, r) {
			return ""
		}
		b.WriteRune(r)
	}
	c := b.String()
	if len(c) != checkinLength {
		return ""
	}
	return c[:checkinLength/2] + "-" + c[checkinLength/2:]
}

// CheckinGrace is how long after an event ends its check-in stays open (late scans, corrections).
const CheckinGrace = 24 * time.Hour

// CheckinOpen checks that the event takes check-ins at now: published and not long over.
func (e *Event) CheckinOpen(now time.Time) error {
	if e.Status != EventPublished {
		return Invalid("event", "checkin_event_not_open")
	}
	if now.After(e.EndsAt.Add(CheckinGrace)) {
		return Invalid("event", "checkin_closed")
	}
	return nil
}

// CheckinResult is the outcome of one scan.
type CheckinResult string

// Scan outcomes; every scan is logged with one of them.
const (
	CheckinOK           CheckinResult = "ok"
	CheckinAlready      CheckinResult = "already"
	CheckinUnknown      CheckinResult = "unknown"
	CheckinNotConfirmed CheckinResult = "not_confirmed"
)

// Checkin is one scan at an event's door: who scanned which code, when, on which device, and
// what it answered. The log keeps every scan, not just the first.
type Checkin struct {
	ID             string        `json:"id"`
	EventID        string        `json:"eventId"`
	RegistrationID string        `json:"registrationId,omitempty"`
	Code           string        `json:"code"`
	ScannedBy      string        `json:"scannedBy"`
	Device         string        `json:"device"`
	Result         CheckinResult `json:"result"`
	At             time.Time     `json:"at"`
}

// MaxDeviceLength bounds the free-text device label of a scan.
const MaxDeviceLength = 120

// CleanDevice trims and bounds the device label a scanner reports.
func CleanDevice(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > MaxDeviceLength {
		s = string(r[:MaxDeviceLength])
	}
	return s
}
