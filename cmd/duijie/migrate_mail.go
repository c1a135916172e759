package main

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// copyPreferences copies users' mail settings with their unsubscribe tokens, so the one-click
// links in mail already delivered keep working. Users who never saved any have none to copy.
func copyPreferences(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(usersOf(ctx, src), func(u *domain.User) error {
		p, err := src.Preferences.Get(ctx, u.ID)
		if errors.Is(err, domain.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := dst.Preferences.Get(ctx, u.ID); err == nil {
			t.skipped++
			return nil
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		return t.add(dst.Preferences.Put(ctx, p))
	})
	return t, err
}

// copyOutbox copies the mail outbox, sent mail included: its dedup keys are what keeps a
// reminder or a period's digest from going out a second time from the new database, and mail
// still pending is sent from there. Listings carry no bodies, so each message is read whole.
func copyOutbox(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	list := func(cursor string) ([]domain.OutboxMessage, string, error) {
		page, next, _, err := src.Outbox.List(ctx, store.OutboxFilter{}, store.Page{Limit: migrationPage, Cursor: cursor})
		return page, next, err
	}
	err := eachPage(list, func(page []domain.OutboxMessage) error {
		whole := make([]domain.OutboxMessage, len(page))
		for i := range page {
			m, err := src.Outbox.Get(ctx, page[i].ID)
			if err != nil {
				return err
			}
			whole[i] = *m
		}
		n, err := dst.Outbox.Restore(ctx, whole)
		t.batch(len(whole), n)
		return err
	})
	return t, err
}
