package notify

import (
	"context"
	"fmt"

	"duijie/domain"
)

// ChangeLog stores event change records as given, skipping an ID already stored; the
// event-changes job mails what is stored to everyone registered and marks it notified.
type ChangeLog interface {
	RestoreChanges(ctx context.Context, changes []domain.EventChange) (int, error)
}

// AgendaChanged records what attendees must know of an agenda edit (domain.AgendaChanges: a
// session moved in time or room, its speakers changed, a session added or dropped). The
// event-changes job then mails each change once to the members and attendees of every
// registration still standing, and the organiser's dashboard shows the event as changed.
// e carries the saved agenda, before the agenda as it was; by is who edited it.
func (s *Service) AgendaChanged(ctx context.Context, e *domain.Event, before []domain.AgendaSession, by string) (int, error) {
	if s == nil || s.changes == nil || e == nil {
		return 0, nil
	}
	changes := domain.AgendaChanges(e, before, e.Sessions, by, s.now())
	if len(changes) == 0 {
		return 0, nil
	}
	n, err := s.changes.RestoreChanges(ctx, changes)
	if err != nil {
		return n, fmt.Errorf("record agenda changes of %s: %w", e.ID, err)
	}
	return n, nil
}
