package main

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// leadsOf lists every lead of st, the walk of the steps copying what hangs on a lead.
func leadsOf(ctx context.Context, st *store.Store) lister[domain.Lead] {
	return func(cursor string) ([]domain.Lead, string, error) {
		page, next, _, err := st.Leads.List(ctx, store.LeadFilter{}, store.Page{Limit: migrationPage, Cursor: cursor})
		return page, next, err
	}
}

// copyQuotes copies suppliers' current quotes, ID and times kept. Put counts a revision on each
// call, so a quote revised r times is put r times: the buyer still sees "revision r". A quote
// the destination has for the match is skipped (a run interrupted within those few puts leaves
// a lower revision number, nothing else).
func copyQuotes(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(leadsOf(ctx, src), func(l *domain.Lead) error {
		qs, err := src.Quotes.ByLead(ctx, l.ID)
		if err != nil {
			return err
		}
		for i := range qs {
			if _, err := dst.Quotes.ByMatch(ctx, qs[i].MatchID); err == nil {
				t.skipped++
				continue
			} else if !errors.Is(err, domain.ErrNotFound) {
				return err
			}
			for range max(qs[i].Revision, 1) {
				q := qs[i]
				if err := dst.Quotes.Put(ctx, &q); err != nil {
					return err
				}
			}
			t.copied++
		}
		return nil
	})
	return t, err
}

// copyShortlists copies the suppliers buyers kept on each lead, with who added them and when.
func copyShortlists(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(leadsOf(ctx, src), func(l *domain.Lead) error {
		entries, err := src.Shortlists.Entries(ctx, l.ID)
		if err != nil {
			return err
		}
		for _, e := range entries {
			added, err := dst.Shortlists.Add(ctx, l.ID, e.EnterpriseID, e.AddedBy, e.AddedAt)
			if err != nil {
				return err
			}
			if added {
				t.copied++
			} else {
				t.skipped++
			}
		}
		return nil
	})
	return t, err
}

// copyNotices copies the items of members' instant mails, queued ones too: their keys keep the
// same answer or quote from being mailed again, and pending ones go out from the destination.
func copyNotices(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	for after := ""; ; {
		page, err := src.Notices.List(ctx, after, migrationPage)
		if err != nil || len(page) == 0 {
			return t, err
		}
		for i := range page {
			n := page[i]
			created, err := dst.Notices.Add(ctx, &n)
			if err != nil {
				return t, err
			}
			if !created {
				t.skipped++
				continue
			}
			if n.QueuedAt != nil {
				if err := dst.Notices.MarkQueued(ctx, []string{n.ID}, n.MailKey, *n.QueuedAt); err != nil {
					return t, err
				}
			}
			t.copied++
		}
		after = page[len(page)-1].ID
	}
}

// copyLicences copies the business licence each enterprise uploaded for verification.
func copyLicences(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	err := each(enterprisesOf(ctx, src), func(e *domain.Enterprise) error {
		l, err := src.Licences.Get(ctx, e.ID)
		if errors.Is(err, domain.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := dst.Licences.Get(ctx, e.ID); err == nil {
			t.skipped++
			return nil
		} else if !errors.Is(err, domain.ErrNotFound) {
			return err
		}
		return t.add(dst.Licences.Put(ctx, l))
	})
	return t, err
}

// copyAccountLinks copies password-reset and invitation links, used and lapsed ones too (the
// record of who was invited), so that a link mailed before the move still works after it. A link
// the destination has (by ID, the hash of its secret) is skipped.
func copyAccountLinks(ctx context.Context, src, dst *store.Store) (tally, error) {
	var t tally
	for after := ""; ; {
		page, err := src.AccountLinks.List(ctx, after, migrationPage)
		if err != nil || len(page) == 0 {
			return t, err
		}
		for i := range page {
			if err := t.add(dst.AccountLinks.Create(ctx, &page[i])); err != nil {
				return t, err
			}
		}
		after = page[len(page)-1].ID
	}
}
