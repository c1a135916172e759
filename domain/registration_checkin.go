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

// DefaultCheckinOpensBefore is how long before an event starts its door opens for check-in when
// the installation sets nothing else (CHECKIN_OPENS_BEFORE).
const DefaultCheckinOpensBefore = 24 * time.Hour

// CheckinSyncGrace is how long after an event ends a scan made during it is still taken: a phone
// that scanned offline at the door may only find a network on the way home.
const CheckinSyncGrace = 24 * time.Hour

// MaxScanClockSkew is how far in the future a scan may be dated: device clocks drift a little, a
// scan dated further ahead is a broken clock, not an early guest.
const MaxScanClockSkew = 5 * time.Minute

// CheckinWindow checks that a scan made at `at`, received at now, falls in the event's check-in
// window: from opensBefore before the start (<= 0: DefaultCheckinOpensBefore) until the end,
// received no later than CheckinSyncGrace after the end. Each refusal says why, with the time
// the door opens or closed in the event's zone.
func (e *Event) CheckinWindow(at, now time.Time, opensBefore time.Duration) error {
	if e.Status != EventPublished && e.Status != EventCompleted {
		return Invalid("event", "checkin_event_not_open")
	}
	if opensBefore <= 0 {
		opensBefore = DefaultCheckinOpensBefore
	}
	if at.After(now.Add(MaxScanClockSkew)) {
		return Invalid("scannedAt", "eventday_scan_future")
	}
	opens := e.StartsAt.Add(-opensBefore)
	if at.Before(opens) {
		return Invalid("event", "eventday_checkin_not_yet", opens.In(e.Location()).Format("2006-01-02 15:04 MST"))
	}
	if at.After(e.EndsAt) || now.After(e.EndsAt.Add(CheckinSyncGrace)) {
		return Invalid("event", "eventday_checkin_over", e.EndsAt.In(e.Location()).Format("2006-01-02 15:04 MST"))
	}
	return nil
}

// CheckinOpen checks that the event takes a scan made now, with the default opening time.
func (e *Event) CheckinOpen(now time.Time) error {
	return e.CheckinWindow(now, now, DefaultCheckinOpensBefore)
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
