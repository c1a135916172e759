package matching

import (
	"context"
	"fmt"

	"duijie/domain"
)

// EnterpriseFeed returns up to limit profiles after mark in the (UpdatedAt, ID) order, in that
// order; store.EnterpriseRepo.UpdatedAfter has this shape. A page shorter than limit is the
// last: a feed must never cut a page short for any other reason.
type EnterpriseFeed func(ctx context.Context, mark domain.SyncMark, limit int) ([]domain.Enterprise, error)

// LeadFeed is EnterpriseFeed for leads.
type LeadFeed func(ctx context.Context, mark domain.SyncMark, limit int) ([]domain.Lead, error)

// SyncPage is the page size of a re-sync: large enough that a 10^6-profile build is a few
// hundred queries, small enough that a page's profiles are analysed in well under a second.
const SyncPage = 5000

// SyncEnterprises applies every profile the feed has after mark and returns the mark of the last
// one read, to pass next time (the caller keeps it: one mark per instance), and how many were
// applied. Writes older than what the index holds are skipped, so a re-sync racing a live update
// converges to the newest version on every instance.
func (e *Engine) SyncEnterprises(ctx context.Context, mark domain.SyncMark, feed EnterpriseFeed) (domain.SyncMark, int, error) {
	applied := 0
	mark, err := syncPages(ctx, mark, func(ctx context.Context, m domain.SyncMark) (domain.SyncMark, int, error) {
		ents, err := feed(ctx, m, SyncPage)
		if err != nil || len(ents) == 0 {
			return m, 0, err
		}
		applied += e.UpsertMany(e.Unseen(ents))
		last := &ents[len(ents)-1]
		return domain.SyncMark{At: last.UpdatedAt, ID: last.ID}, len(ents), nil
	})
	return mark, applied, err
}

// SyncLeads is SyncEnterprises for leads: open leads are indexed, the others removed.
func (e *Engine) SyncLeads(ctx context.Context, mark domain.SyncMark, feed LeadFeed) (domain.SyncMark, int, error) {
	applied := 0
	mark, err := syncPages(ctx, mark, func(ctx context.Context, m domain.SyncMark) (domain.SyncMark, int, error) {
		leads, err := feed(ctx, m, SyncPage)
		if err != nil || len(leads) == 0 {
			return m, 0, err
		}
		for i := range leads {
			if e.UpsertLead(leads[i]) {
				applied++
			}
		}
		last := &leads[len(leads)-1]
		return domain.SyncMark{At: last.UpdatedAt, ID: last.ID}, len(leads), nil
	})
	return mark, applied, err
}

// syncPages reads pages from mark on until a short page. Each page must move the mark forward;
// a feed that does not (a store ignoring the mark) is an error, not an endless loop.
func syncPages(ctx context.Context, mark domain.SyncMark, page func(context.Context, domain.SyncMark) (domain.SyncMark, int, error)) (domain.SyncMark, error) {
	for {
		if err := ctx.Err(); err != nil {
			return mark, err
		}
		next, n, err := page(ctx, mark)
		if err != nil {
			return mark, fmt.Errorf("matching: sync after %s/%s: %w", mark.At.Format("2006-01-02T15:04:05.000Z07:00"), mark.ID, err)
		}
		if n == 0 {
			return mark, nil
		}
		if !mark.After(next.At, next.ID) {
			return mark, fmt.Errorf("matching: sync feed did not move past %s/%s", mark.At.Format("2006-01-02T15:04:05.000Z07:00"), mark.ID)
		}
		mark = next
		if n < SyncPage {
			return mark, nil
		}
	}
}

// Unseen returns the profiles of ents the index does not hold in that version or a newer one:
// what a re-sync must apply. A re-read of records already applied (the settle window, a mark
// at an import's timestamp) then costs a lookup each instead of a re-analysis.
func (e *Engine) Unseen(ents []domain.Enterprise) []domain.Enterprise {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := ents[:0:0]
	for i := range ents {
		slot, indexed := e.ix.byID[ents[i].ID]
		switch {
		case !matchable(&ents[i]):
			if indexed {
				out = append(out, ents[i]) // to be removed
			}
		case !indexed:
			out = append(out, ents[i])
		case ents[i].UpdatedAt.IsZero() || e.ix.meta[slot].updated < ents[i].UpdatedAt.UnixNano():
			out = append(out, ents[i])
		}
	}
	return out
}

// Size reports how many profiles and open leads the index holds: Stats without the byte count,
// cheap enough for every /metrics scrape.
func (e *Engine) Size() (profiles, leads int) {
	e.mu.RLock()
	profiles = e.ix.live
	e.mu.RUnlock()
	e.lmu.RLock()
	leads = e.leads.live
	e.lmu.RUnlock()
	return profiles, leads
}
