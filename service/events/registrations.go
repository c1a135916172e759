package events

import (
	"context"
	"strings"
	"unicode/utf8"

	"duijie/domain"
)

// MaxReasonLength bounds a rejection or cancellation reason.
const MaxReasonLength = 500

// CleanReason trims a reason and checks it: required when required, at most MaxReasonLength.
func CleanReason(s string, required bool) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "" && required:
		return "", domain.Invalid("reason", "required")
	case utf8.RuneCountInString(s) > MaxReasonLength:
		return "", domain.Invalid("reason", "too_long", MaxReasonLength)
	}
	return s, nil
}

// ValidateRegistration checks the attendees and the answers together, so a form shows every
// problem at once, and returns the answers normalised.
func ValidateRegistration(e *domain.Event, attendees []domain.Attendee, answers map[string]any) (map[string]any, error) {
	all := &domain.ValidationError{}
	if err := domain.ValidateAttendees(attendees, e.MaxAttendeesPerEnterprise); err != nil {
		for f, p := range err.(*domain.ValidationError).Fields {
			all.Add(f, p.Key, p.Args...)
		}
	}
	clean, err := domain.ValidateAnswers(e.Questions, answers)
	if err != nil {
		for f, p := range err.(*domain.ValidationError).Fields {
			all.Add(f, p.Key, p.Args...)
		}
	}
	return clean, all.Err()
}

// Register registers the actor's enterprise for e. created is false when the enterprise had
// registered already and its registration is returned unchanged. The confirmation (or waitlist
// place) mail follows after the caller has its answer.
func (s *Service) Register(ctx context.Context, a Actor, e *domain.Event, attendees []domain.Attendee, answers map[string]any) (*domain.Registration, bool, error) {
	u := a.User
	if u.EnterpriseID == "" {
		return nil, false, domain.Invalid("enterprise", "registration_no_enterprise")
	}
	if e.Status != domain.EventPublished {
		return nil, false, domain.Invalid("event", "registration_event_not_open")
	}
	// The window is checked by the store, after it has looked for an earlier registration: a
	// repeat returns the first one even after the window closed, so the browser that
	// double-clicked sees what it got, not an error.
	answers, err := ValidateRegistration(e, attendees, answers)
	if err != nil {
		return nil, false, err
	}
	ent, err := s.ents.Get(ctx, u.EnterpriseID)
	if err != nil {
		return nil, false, err
	}
	r := &domain.Registration{EventID: e.ID, EnterpriseID: ent.ID, EnterpriseName: ent.Name,
		Attendees: attendees, Answers: answers, CreatedBy: u.ID}
	got, created, err := s.regs.Register(ctx, r, s.now())
	if err != nil {
		return nil, false, err
	}
	if created {
		s.mail.add(ctx, got, e)
	}
	return got, created, nil
}

// Walkin is a registration an organiser adds by hand: a firm of the directory (EnterpriseID)
// or one named here.
type Walkin struct {
	EnterpriseID   string
	EnterpriseName string
	Attendees      []domain.Attendee
	Answers        map[string]any
}

// AddWalkin adds a walk-in or guest to e: no approval, allowed until the event ends, seats as
// for anyone (confirmed when free and nobody waits). A firm already registered is a conflict.
func (s *Service) AddWalkin(ctx context.Context, a Actor, e *domain.Event, in Walkin) (*domain.Registration, error) {
	r := &domain.Registration{EventID: e.ID, Attendees: in.Attendees, CreatedBy: a.User.ID, ByOrganiser: true}
	if in.EnterpriseID != "" {
		if !domain.ValidID(in.EnterpriseID) {
			return nil, domain.Invalid("enterpriseId", "eventday_enterprise_unknown")
		}
		ent, err := s.ents.Get(ctx, in.EnterpriseID)
		if err != nil {
			return nil, domain.Invalid("enterpriseId", "eventday_enterprise_unknown")
		}
		r.EnterpriseID, r.EnterpriseName = ent.ID, ent.Name
	} else {
		name, err := CleanReason(in.EnterpriseName, true)
		if err != nil {
			return nil, domain.Invalid("enterpriseName", "required")
		}
		r.EnterpriseID, r.EnterpriseName = domain.NewID(), name // a firm not in the directory
	}
	// An organiser at the door need not fill every required answer, but what it sends must fit.
	optional := make([]domain.Question, len(e.Questions))
	for i, q := range e.Questions {
		q.Required = false
		optional[i] = q
	}
	tmp := *e
	tmp.Questions = optional
	var err error
	if r.Answers, err = ValidateRegistration(&tmp, r.Attendees, in.Answers); err != nil {
		return nil, err
	}
	got, created, err := s.regs.Register(ctx, r, s.now())
	if err != nil {
		return nil, err
	}
	if !created {
		return nil, domain.Conflict("enterpriseId", "eventday_already_registered")
	}
	s.record(ctx, a, "registration.walkin", "registration:"+got.ID, got.EnterpriseName)
	return got, nil
}

// Cancel cancels r for its enterprise's member (reason domain.CancelByMember) or an organiser,
// who may say why (note; "" records domain.CancelByOrganiser). Its seats go to the waitlist;
// a registration with someone checked in stays (a conflict on "status").
func (s *Service) Cancel(ctx context.Context, a Actor, r *domain.Registration, note string) (*domain.Registration, error) {
	reason := domain.CancelByMember
	if a.User.EnterpriseID != r.EnterpriseID {
		// The member is told the organiser's reason.
		reason = domain.CancelByOrganiser
		note, err := CleanReason(note, false)
		if err != nil {
			return nil, err
		}
		if note != "" {
			reason = note
		}
	}
	got, err := s.regs.Cancel(ctx, r.ID, reason, s.now())
	if err != nil {
		return nil, err
	}
	s.record(ctx, a, "registration.cancel", "registration:"+r.ID, reason)
	if s.Hooks.Cancelled != nil {
		s.Hooks.Cancelled(ctx, got)
	}
	return got, nil
}

// ConfirmOffer turns the seat offered to the actor's waitlisted registration r (of e) into a
// confirmed one; anyone but its enterprise's members is refused.
func (s *Service) ConfirmOffer(ctx context.Context, a Actor, r *domain.Registration, e *domain.Event) (*domain.Registration, error) {
	if a.User.EnterpriseID != r.EnterpriseID {
		return nil, domain.ErrForbidden
	}
	got, err := s.regs.ConfirmOffer(ctx, r.ID, s.now())
	if err != nil {
		return nil, err
	}
	s.mail.add(ctx, got, e)
	return got, nil
}

// Approve takes a seat (or a waitlist place when e is full) for the pending registration r.
func (s *Service) Approve(ctx context.Context, a Actor, r *domain.Registration, e *domain.Event) (*domain.Registration, error) {
	got, err := s.regs.Approve(ctx, r.ID, s.now())
	if err != nil {
		return nil, err
	}
	s.record(ctx, a, "registration.approve", "registration:"+r.ID, string(got.Status))
	s.mail.add(ctx, got, e)
	return got, nil
}

// Reject refuses the pending registration r with a reason its member is told.
func (s *Service) Reject(ctx context.Context, a Actor, r *domain.Registration, reason string) (*domain.Registration, error) {
	reason, err := CleanReason(reason, true)
	if err != nil {
		return nil, err
	}
	got, err := s.regs.Reject(ctx, r.ID, reason, s.now())
	if err != nil {
		return nil, err
	}
	s.record(ctx, a, "registration.reject", "registration:"+r.ID, reason)
	return got, nil
}

// ExpireOffers lets seat offers nobody confirmed in time lapse and offers their seats to the
// next in line; it says how many lapsed (the waitlist-offers job).
func (s *Service) ExpireOffers(ctx context.Context) (int, error) {
	return s.regs.ExpireOffers(ctx, s.now())
}
