package main

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// copyLeads copies order leads whole (status, outcome, buyer, contact, times) through the
// lead repository's own Create, which keeps what it is given.
func copyLeads(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	list := func(cursor string) ([]domain.Lead, string, error) {
		page, next, _, err := src.Leads.List(ctx, store.LeadFilter{}, store.Page{Limit: migrationPage, Cursor: cursor})
		return page, next, err
	}
	err := each(list, func(l *domain.Lead) error {
		if _, err := dst.Leads.Get(ctx, l.ID); err == nil {
			t.skipped++
			return nil
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		return t.add(dst.Leads.Create(ctx, l))
	})
	return t, err
}

// copyCampaignTargets copies the yearly 十百千万 targets an admin set; years nobody configured
// keep using the defaults on both sides.
func copyCampaignTargets(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	all, err := src.Campaign.ListTargets(ctx)
	if err != nil {
		return t, err
	}
	for i := range all {
		if _, err := dst.Campaign.Targets(ctx, all[i].Year); err == nil {
			t.skipped++
			continue
		} else if !errors.Is(err, domain.ErrNotFound) {
			return t, err
		}
		if err := t.add(dst.Campaign.PutTargets(ctx, &all[i])); err != nil {
			return t, err
		}
	}
	return t, nil
}
