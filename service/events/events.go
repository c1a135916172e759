package events

import (
	"context"
	"errors"
	"fmt"

	"duijie/domain"
)

// checkCluster makes sure the event's cluster exists and that u runs it.
func (s *Service) checkCluster(ctx context.Context, u *domain.User, e *domain.Event) error {
	if e.Cluster == "" {
		return nil // Validate names the missing field
	}
	if _, err := s.clusters.Get(ctx, e.Cluster); errors.Is(err, domain.ErrNotFound) {
		return domain.Invalid("cluster", "event_cluster_unknown", e.Cluster)
	} else if err != nil {
		return err
	}
	if !u.CanManageCluster(e.Cluster) {
		return domain.ErrForbidden
	}
	return nil
}

// Create validates and stores e as a new draft event of the actor, with its agenda if given.
func (s *Service) Create(ctx context.Context, a Actor, e *domain.Event) error {
	now := s.now()
	e.ID, e.Status, e.CreatedBy, e.CreatedAt, e.UpdatedAt = domain.NewID(), domain.EventDraft, a.User.ID, now, now
	e.Normalize()
	if err := s.checkCluster(ctx, a.User, e); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	if e.Sessions == nil {
		e.Sessions = []domain.AgendaSession{}
	}
	if err := domain.ValidateAgenda(e, e.Sessions); err != nil {
		return err
	}
	if err := s.events.Create(ctx, e); err != nil {
		return err
	}
	s.record(ctx, a, "event.create", "event:"+e.ID, e.Title)
	return nil
}

// Update validates the edited event e against the stored old and writes it, recording time and
// place changes of a published event for the registrants and offering seats a larger capacity
// frees to the waitlist.
func (s *Service) Update(ctx context.Context, a Actor, old, e *domain.Event) error {
	if e.Cluster != old.Cluster {
		if err := s.checkCluster(ctx, a.User, e); err != nil {
			return err
		}
	}
	if err := e.Validate(); err != nil {
		return err
	}
	if len(e.Sessions) > 0 {
		// Moving an event must not strand its agenda outside the new dates.
		if err := domain.ValidateAgenda(e, e.Sessions); err != nil {
			return domain.Invalid("startsAt", "event_agenda_outside")
		}
	}
	now := s.now()
	e.UpdatedAt = now
	changes := domain.NoticeChanges(old, e, a.User.ID, now)
	if err := s.events.Update(ctx, e, changes); err != nil {
		return err
	}
	if e.Capacity > old.Capacity {
		if _, err := s.regs.Promote(ctx, e.ID, now); err != nil {
			return err
		}
	}
	s.record(ctx, a, "event.update", "event:"+e.ID, "")
	return nil
}

// SetAgenda validates and stores a whole agenda for e; on success e carries it.
func (s *Service) SetAgenda(ctx context.Context, a Actor, e *domain.Event, sessions []domain.AgendaSession) error {
	if sessions == nil {
		sessions = []domain.AgendaSession{}
	}
	if err := domain.ValidateAgenda(e, sessions); err != nil {
		return err
	}
	now := s.now()
	if err := s.events.SetAgenda(ctx, e.ID, sessions, now); err != nil {
		return err
	}
	before := e.Sessions
	e.Sessions, e.UpdatedAt = sessions, now
	s.record(ctx, a, "event.agenda", "event:"+e.ID, fmt.Sprintf("%d sessions", len(sessions)))
	if s.Hooks.AgendaChanged != nil {
		by := ""
		if a.User != nil {
			by = a.User.ID
		}
		s.Hooks.AgendaChanged(ctx, e, before, by)
	}
	return nil
}

// Transition moves e to status to (publish, cancel, complete) if nobody moved it meanwhile.
func (s *Service) Transition(ctx context.Context, a Actor, e *domain.Event, to domain.EventStatus) error {
	from := e.Status
	if err := e.Transition(to, s.now()); err != nil {
		return err
	}
	if err := s.events.SetStatus(ctx, e, from); err != nil {
		return err
	}
	s.record(ctx, a, "event."+string(to), "event:"+e.ID, "")
	by := ""
	if a.User != nil {
		by = a.User.ID
	}
	// The registrants of a published event hear of its cancellation through the change-notice
	// job, like a move of time or place. The cancellation stands if recording that fails.
	if notice := domain.CancellationNotice(e, from, by, e.UpdatedAt); notice != nil {
		if _, err := s.events.RestoreChanges(ctx, notice); err != nil {
			s.log.Warn("event cancellation not recorded for the registrants", "event", e.ID, "err", err)
		}
	}
	if to == domain.EventCancelled && s.Hooks.EventCancelled != nil {
		s.Hooks.EventCancelled(ctx, e)
	}
	return nil
}

// SetQuestions replaces the registration questions of e (the form members answer when they
// register); on success e carries them. Answers already given stay as they were.
func (s *Service) SetQuestions(ctx context.Context, a Actor, e *domain.Event, qs []domain.Question) error {
	if qs == nil {
		qs = []domain.Question{}
	}
	if err := domain.ValidateQuestions(qs); err != nil {
		return err
	}
	edited := *e
	edited.Questions = qs
	if err := s.Update(ctx, a, e, &edited); err != nil {
		return err
	}
	*e = edited
	return nil
}
