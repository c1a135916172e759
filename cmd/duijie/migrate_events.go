package main

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// copyEvents copies events with their agendas, status and times. The seat counters start at
// zero in the destination; copyRegistrations sets them from the registrations it copies.
func copyEvents(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := eachPage(eventsOf(ctx, src), func(page []domain.Event) error {
		ids := make([]string, len(page))
		for i := range page {
			ids[i] = page[i].ID
		}
		// Listings leave the agenda out; GetMany brings it.
		full, err := src.Events.GetMany(ctx, ids)
		if err != nil {
			return err
		}
		for i := range full {
			e := &full[i]
			if _, err := dst.Events.Get(ctx, e.ID); err == nil {
				t.skipped++
				continue
			} else if !errors.Is(err, domain.ErrNotFound) {
				return err
			}
			if err := t.add(dst.Events.Create(ctx, e)); err != nil {
				return err
			}
		}
		return nil
	})
	return t, err
}

// copyEventChanges copies the recorded time and place changes, notified or not, so the change
// job neither repeats a notice nor forgets a pending one.
func copyEventChanges(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(eventsOf(ctx, src), func(e *domain.Event) error {
		changes, err := src.Events.Changes(ctx, e.ID)
		if err != nil || len(changes) == 0 {
			return err
		}
		n, err := dst.Events.RestoreChanges(ctx, changes)
		t.batch(len(changes), n)
		return err
	})
	return t, err
}

// copyRegistrations copies every event's registrations as they are, waitlist order included.
// The destination recounts the event's seats on every page, also for an event without
// registrations and also when everything was copied before, so a run broken off between the
// two writes is put right by the next.
func copyRegistrations(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(eventsOf(ctx, src), func(e *domain.Event) error {
		list := func(cursor string) ([]domain.Registration, string, error) {
			page, next, _, err := src.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{},
				store.Page{Limit: migrationPage, Cursor: cursor})
			return page, next, err
		}
		return eachPage(list, func(regs []domain.Registration) error {
			n, err := dst.Registrations.Restore(ctx, e.ID, regs)
			t.batch(len(regs), n)
			return err
		})
	})
	return t, err
}

// copyCheckins copies every scan at every door, whatever it answered.
func copyCheckins(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(eventsOf(ctx, src), func(e *domain.Event) error {
		list := func(cursor string) ([]domain.Checkin, string, error) {
			page, next, _, err := src.Checkins.List(ctx, e.ID, store.Page{Limit: migrationPage, Cursor: cursor})
			return page, next, err
		}
		return eachPage(list, func(scans []domain.Checkin) error {
			n, err := dst.Checkins.Restore(ctx, scans)
			t.batch(len(scans), n)
			return err
		})
	})
	return t, err
}

// copyCalendarTokens copies members' calendar feed tokens, so subscribed feed URLs keep working.
// Users who never opened their feed have none, and none is made for them.
func copyCalendarTokens(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(usersOf(ctx, src), func(u *domain.User) error {
		tok, err := src.Calendars.Find(ctx, u.ID)
		if errors.Is(err, domain.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		stored, err := dst.Calendars.Restore(ctx, u.ID, tok)
		if stored {
			t.copied++
		} else if err == nil {
			t.skipped++
		}
		return err
	})
	return t, err
}

// eventsOf lists the events of st, agendas left out.
func eventsOf(ctx context.Context, st *store.Store) lister[domain.Event] {
	return func(cursor string) ([]domain.Event, string, error) {
		page, next, _, err := st.Events.List(ctx, store.EventFilter{}, store.Page{Limit: migrationPage, Cursor: cursor})
		return page, next, err
	}
}
