package main

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// copyMeetings copies meeting requests with their status and slots. The quota is lifted for the
// copy (every request was within quota when made); Create rebuilds Mongo's quota counters.
func copyMeetings(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	ms, err := src.Meetings.List(ctx, store.MeetingFilter{})
	if err != nil {
		return t, err
	}
	for i := range ms {
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
