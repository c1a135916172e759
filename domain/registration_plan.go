package domain

import "time"

// RegistrationPlan is what PlanRegistration decided for one registration attempt. An engine
// applies it in one atomic step conditional on the seat state it read (SQLite: inside its write
// transaction; MongoDB: a conditional update of the event document, read again and planned
// again when the condition no longer holds).
type RegistrationPlan struct {
	// Existing, when set, is the answer as it stands: the enterprise registered already (a
	// repeated request) or an organiser decided on its registration. Nothing is written.
	Existing *Registration
	// Reg is the registration to write: status placed by DecideSeat, check-in codes drawn (a
	// reopened registration keeps its firm's code), times set, offer, check-in and cancellation
	// cleared. A reopened registration is created anew: its creation time is now, which is what
	// exports show as "registered at" and what tells its confirmation mail from the first one.
	Reg Registration
	// Reopen says Reg.ID is the enterprise's cancelled registration, to be brought back under
	// its old ID; otherwise Reg is new and its ID is to be drawn.
	Reopen bool
}

// PlanRegistration decides a registration attempt in for e, whose seats stand as s, given the
// enterprise's earlier registration for e (prev, nil when none): an active or rejected one is
// returned as it is; otherwise the attempt must fall in the registration window
// (RegistrationWindow) and its attendees must be valid, and it is placed by DecideSeat.
func PlanRegistration(e *Event, s SeatState, prev, in *Registration, now time.Time) (RegistrationPlan, error) {
	if prev != nil && (prev.Status.Active() || prev.Status == RegRejected) {
		return RegistrationPlan{Existing: prev}, nil
	}
	if err := RegistrationWindow(e, in, now); err != nil {
		return RegistrationPlan{}, err
	}
	if err := ValidateAttendees(in.Attendees, e.MaxAttendeesPerEnterprise); err != nil {
		return RegistrationPlan{}, err
	}
	r := *in
	r.Attendees = append([]Attendee{}, in.Attendees...)
	r.CheckinCode, r.Position = "", 0
	r.CreatedAt, r.UpdatedAt = now, now
	if prev != nil {
		r.ID, r.CheckinCode = prev.ID, prev.CheckinCode
	}
	AssignCheckinCodes(&r)
	r.OfferExpiresAt, r.CheckedInAt, r.CancelledAt, r.CancelReason = nil, nil, nil, ""
	r.Status = DecideSeat(s, r.Seats(), e.Approval && !in.ByOrganiser)
	return RegistrationPlan{Reg: r, Reopen: prev != nil}, nil
}
