package domain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// RegistrationStatus is where an enterprise's registration for an event stands.
type RegistrationStatus string

// Registration statuses. Offered holds seats for a waitlisted enterprise until it confirms or the
// offer expires; confirmed and offered registrations are the ones that take seats.
const (
	RegConfirmed  RegistrationStatus = "confirmed"
	RegWaitlisted RegistrationStatus = "waitlisted"
	RegOffered    RegistrationStatus = "offered"
	RegCancelled  RegistrationStatus = "cancelled"
)

// HoldsSeats reports whether registrations in status s count against the capacity.
func (s RegistrationStatus) HoldsSeats() bool { return s == RegConfirmed || s == RegOffered }

// Active reports whether a registration in status s still takes part in the event.
func (s RegistrationStatus) Active() bool { return s != RegCancelled && s != RegRejected }

// Why a registration was cancelled.
const (
	CancelByMember     = "member"
	CancelOfferExpired = "offer_expired"
	CancelByOrganiser  = "organiser"
)

// DefaultOfferTTL is how long a waitlisted enterprise has to confirm a freed seat.
const DefaultOfferTTL = 48 * time.Hour

// Attendee is one person an enterprise sends to an event.
type Attendee struct {
	Name     string `json:"name"`
	Position string `json:"position"`
	Mobile   string `json:"mobile"`
	Email    string `json:"email"`
	// CheckinCode is this person's own code (the first attendee's is the registration's), so
	// colleagues of one firm arriving apart are each let in; the store draws it.
	CheckinCode string     `json:"checkinCode,omitempty"`
	CheckedInAt *time.Time `json:"checkedInAt,omitempty"`
}

// UnmarshalJSON accepts the contract's field names and the aliases "phone" (mobile) and "title"
// (position) that the API's example uses, refusing anything else like the strict decoder does.
func (a *Attendee) UnmarshalJSON(b []byte) error {
	var in struct {
		Name     string `json:"name"`
		Position string `json:"position"`
		Title    string `json:"title"`
		Mobile   string `json:"mobile"`
		Phone    string `json:"phone"`
		Email    string `json:"email"`
		// Written by the store; a client sending them has them replaced by fresh codes.
		CheckinCode string     `json:"checkinCode"`
		CheckedInAt *time.Time `json:"checkedInAt"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return err // as is: the API names an unknown field from encoding/json's own message
	}
	*a = Attendee{Name: in.Name, Position: in.Position, Mobile: in.Mobile, Email: in.Email,
		CheckinCode: in.CheckinCode, CheckedInAt: in.CheckedInAt}
	if a.Position == "" {
		a.Position = in.Title
	}
	if a.Mobile == "" {
		a.Mobile = in.Phone
	}
	return nil
}

// Registration is an enterprise's place at an event: one per (event, enterprise). Position is
// the 1-based place on the waitlist, computed by the store when read, so positions stay gapless
// when someone ahead leaves.
type Registration struct {
	ID             string             `json:"id"`
	EventID        string             `json:"eventId"`
	EnterpriseID   string             `json:"enterpriseId"`
	EnterpriseName string             `json:"enterpriseName,omitempty"`
	Status         RegistrationStatus `json:"status"`
	Position       int                `json:"position,omitempty"`
	OfferExpiresAt *time.Time         `json:"offerExpiresAt,omitempty"`
	Attendees      []Attendee         `json:"attendees"`
	// Answers to the event's registration questions: question ID → text, option or options.
	Answers     map[string]any `json:"answers,omitempty"`
	CheckinCode string         `json:"checkinCode,omitempty"`
	CheckedInAt *time.Time     `json:"checkedInAt,omitempty"`
	CreatedBy   string         `json:"createdBy,omitempty"`
	// ByOrganiser marks a registration an organiser adds by hand (a walk-in, a guest): it needs
	// no approval and may be added after registration closed, until the event ends. Not stored.
	ByOrganiser  bool       `json:"-"`
	CancelReason string     `json:"cancelReason,omitempty"`
	CancelledAt  *time.Time `json:"cancelledAt,omitempty"`
	CreatedAt    time.Time  `json:"createdAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
}

// Seats is how many places the registration takes: one per attendee.
func (r *Registration) Seats() int { return len(r.Attendees) }

// mobileRE is a mainland Chinese mobile number: 11 digits starting 13–19.
var mobileRE = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// NormalizeMobile strips spaces, dashes and a +86/0086 country prefix from a mobile number.
func NormalizeMobile(s string) string {
	s = strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	for _, p := range []string{"+86", "0086"} {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

// MobileProblem returns "" for a valid (normalised) Chinese mobile number, else a message key.
func MobileProblem(s string) string {
	if s == "" {
		return "required"
	}
	if !mobileRE.MatchString(s) {
		return "attendee_mobile_format"
	}
	return ""
}

// ValidateAttendees normalises the attendees in place and checks them: 1..max people, each with
// a name, a valid mobile and email, and no email twice in one registration.
func ValidateAttendees(attendees []Attendee, max int) error {
	v := &ValidationError{}
	switch {
	case len(attendees) == 0:
		v.Add("attendees", "registration_no_attendees")
		return v
	case len(attendees) > max:
		v.Add("attendees", "registration_too_many_attendees", max)
		return v
	}
	seen := map[string]int{}
	for i := range attendees {
		a := &attendees[i]
		f := func(name string) string { return fmt.Sprintf("attendees[%d].%s", i, name) }
		a.Name = strings.TrimSpace(a.Name)
		a.Position = strings.TrimSpace(a.Position)
		a.Mobile = NormalizeMobile(a.Mobile)
		a.Email = NormalizeEmail(a.Email)
		textField(v, f("name"), a.Name, true, MaxNameLength)
		textField(v, f("position"), a.Position, false, MaxNameLength)
		if p := MobileProblem(a.Mobile); p != "" {
			v.Add(f("mobile"), p)
		}
		if p := EmailProblem(a.Email); p != "" {
			v.Add(f("email"), p)
		} else if j, dup := seen[a.Email]; dup {
			v.Add(f("email"), "registration_duplicate_email", j+1)
		} else {
			seen[a.Email] = i
		}
	}
	return v.Err()
}

// RegistrationOpen checks that the event takes registrations at now: published, inside its
// window (which defaults to "from publication until the event starts"), and not yet begun.
func (e *Event) RegistrationOpen(now time.Time) error {
	if e.Status != EventPublished {
		return Invalid("event", "registration_event_not_open")
	}
	if o := e.RegistrationOpensAt; o != nil && now.Before(*o) {
		return Invalid("event", "registration_not_yet_open", o.In(e.Location()).Format("2006-01-02 15:04 MST"))
	}
	closes := e.StartsAt
	if c := e.RegistrationClosesAt; c != nil {
		closes = *c
	}
	if !now.Before(closes) {
		return Invalid("event", "registration_closed")
	}
	return nil
}

// ValidateRegistration checks a new registration against its event at now.
func ValidateRegistration(e *Event, r *Registration, now time.Time) error {
	if err := e.RegistrationOpen(now); err != nil {
		return err
	}
	return ValidateAttendees(r.Attendees, e.MaxAttendeesPerEnterprise)
}

// OfferExpiry returns when an offer made at now lapses: ttl (default 48 h), but never after the
// event starts, so a seat is not held past the point it can be used.
func OfferExpiry(e *Event, now time.Time, ttl time.Duration) time.Time {
	if ttl <= 0 {
		ttl = DefaultOfferTTL
	}
	exp := now.Add(ttl)
	if e != nil && !e.StartsAt.IsZero() && e.StartsAt.After(now) && exp.After(e.StartsAt) {
		exp = e.StartsAt
	}
	return exp
}
