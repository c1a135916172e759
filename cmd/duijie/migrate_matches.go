package main

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// copyMatches copies match records whole (status, answers, history). A pair the destination
// already holds is left as it is there.
func copyMatches(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	list := func(cursor string) ([]domain.Match, string, error) {
		page, next, _, err := src.Matches.List(ctx, store.MatchFilter{}, store.Page{Limit: migrationPage, Cursor: cursor})
		return page, next, err
	}
	err := each(list, func(m *domain.Match) error {
		if _, err := dst.Matches.Get(ctx, m.ID); err == nil {
			t.skipped++
			return nil
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		created, err := dst.Matches.Put(ctx, []domain.Match{*m})
		if err != nil {
			return err
		}
		t.copied += created
		t.skipped += 1 - created
		return nil
	})
	return t, err
}
