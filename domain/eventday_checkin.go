package domain

import "time"

// AssignCheckinCodes gives every attendee of r an own code: the first keeps the registration's
// code (printed on earlier badges and mails), the others draw fresh ones, distinct within r.
// Check-in times are cleared: a registration (re)opened has nobody at the door yet.
func AssignCheckinCodes(r *Registration) {
	if r.CheckinCode == "" {
		r.CheckinCode = NewCheckinCode()
	}
	seen := map[string]bool{}
	for i := range r.Attendees {
		a := &r.Attendees[i]
		a.CheckedInAt = nil
		code := r.CheckinCode
		if i > 0 {
			code = NewCheckinCode()
			for seen[code] {
				code = NewCheckinCode()
			}
		}
		a.CheckinCode = code
		seen[code] = true
	}
	r.CheckedInAt = nil
}

// AttendeeByCode returns the index of the attendee holding code, or -1.
func (r *Registration) AttendeeByCode(code string) int {
	for i, a := range r.Attendees {
		if a.CheckinCode == code {
			return i
		}
	}
	return -1
}

// FirstCheckin is the earliest check-in of any attendee: the registration's CheckedInAt, which
// also bars cancelling it.
func (r *Registration) FirstCheckin() *time.Time {
	var first *time.Time
	for _, a := range r.Attendees {
		if a.CheckedInAt != nil && (first == nil || a.CheckedInAt.Before(*first)) {
			t := *a.CheckedInAt
			first = &t
		}
	}
	return first
}

// CheckedInPeople counts the attendees of r already at the event.
func (r *Registration) CheckedInPeople() int {
	n := 0
	for _, a := range r.Attendees {
		if a.CheckedInAt != nil {
			n++
		}
	}
	return n
}

// CheckinDecision is what one scan does: its logged result and, when Stamp is set, the check-in
// time the attendee gets (At). Both engines apply it atomically, conditional on what they read.
type CheckinDecision struct {
	Result CheckinResult
	Stamp  bool
	At     time.Time
}

// DecideCheckin decides a scan made at `at` of an attendee whose registration is in status and
// who checked in at current (nil: not yet). The earliest scan wins: a phone that scanned a
// guest offline and syncs later moves the time back, but the scan still answers "already",
// because someone was let in before it arrived.
func DecideCheckin(status RegistrationStatus, current *time.Time, at time.Time) CheckinDecision {
	switch {
	case status != RegConfirmed:
		return CheckinDecision{Result: CheckinNotConfirmed}
	case current == nil:
		return CheckinDecision{Result: CheckinOK, Stamp: true, At: at}
	case at.Before(*current):
		return CheckinDecision{Result: CheckinAlready, Stamp: true, At: at}
	}
	return CheckinDecision{Result: CheckinAlready}
}

// CheckinScan is one scan to apply: the normalised code, who scanned it on which device, when.
type CheckinScan struct {
	Code   string
	By     string
	Device string
	At     time.Time
}

// CheckinOutcome is what a scan did: the registration after it (nil for an unknown code), the
// index of the attendee the code belongs to (-1 when unknown) and the logged scan.
type CheckinOutcome struct {
	Registration *Registration
	Attendee     int
	Scan         *Checkin
}

// EnsureAttendeeCodes fills the codes of attendees that have none, as registrations made before
// attendees had their own arrive (a restore, an old document): the first takes the
// registration's code, the others fresh ones, and everyone of a firm checked in with its one
// code counts as checked in then. It reports whether it changed anything.
func EnsureAttendeeCodes(r *Registration) bool {
	changed := false
	seen := map[string]bool{}
	for _, a := range r.Attendees {
		seen[a.CheckinCode] = true
	}
	for i := range r.Attendees {
		a := &r.Attendees[i]
		if a.CheckinCode != "" {
			continue
		}
		changed = true
		if i == 0 && !seen[r.CheckinCode] {
			a.CheckinCode = r.CheckinCode
		} else {
			for a.CheckinCode == "" || seen[a.CheckinCode] {
				a.CheckinCode = NewCheckinCode()
			}
		}
		seen[a.CheckinCode] = true
		if a.CheckedInAt == nil && r.CheckedInAt != nil {
			t := *r.CheckedInAt
			a.CheckedInAt = &t
		}
	}
	return changed
}
