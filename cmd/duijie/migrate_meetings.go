package main

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// copyMeetings copies meeting requests with their status, slots and feedback, the claims that
// keep their slots from being booked twice, and each event's meeting windows and opt-ins. The
// quota is lifted for the copy (every request was within quota when made); Create rebuilds
// Mongo's quota counters.
func copyMeetings(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	ms, err := src.Meetings.List(ctx, store.MeetingFilter{})
	if err != nil {
		return t, err
	}
	if err := copyMeetingSettings(ctx, src, dst); err != nil {
		return t, err
	}
	for i := range ms {
		if _, err := dst.Meetings.Claim(ctx, &ms[i]); err != nil {
			return t, err
		}
		if _, err := dst.Meetings.Get(ctx, ms[i].ID); err == nil {
			t.skipped++
			continue
		} else if !errors.Is(err, domain.ErrNotFound) {
			return t, err
		}
		if err := t.add(dst.Meetings.Create(ctx, &ms[i], 1<<20)); err != nil {
			return t, err
		}
	}
	return t, nil
}

// copyMeetingSettings copies the meeting windows and opt-ins of every event.
func copyMeetingSettings(ctx context.Context, src, dst *store.Store) error {
	cursor := ""
	for {
		evs, next, _, err := src.Events.List(ctx, store.EventFilter{Statuses: domain.EventStatuses},
			store.Page{Limit: 200, Cursor: cursor})
		if err != nil {
			return err
		}
		for _, e := range evs {
			ws, err := src.Meetings.Windows(ctx, e.ID)
			if err != nil {
				return err
			}
			if len(ws) > 0 {
				if err := dst.Meetings.SetWindows(ctx, e.ID, ws, e.UpdatedAt); err != nil {
					return err
				}
			}
			in, err := src.Meetings.OptedIn(ctx, e.ID)
			if err != nil {
				return err
			}
			for id := range in {
				if err := dst.Meetings.SetOptIn(ctx, e.ID, id, true, e.UpdatedAt); err != nil {
					return err
				}
			}
		}
		if next == "" {
			return nil
		}
		cursor = next
	}
}
