package matching

import (
	"context"
	"fmt"
	"time"

	"duijie/domain"
)

// EnterpriseFeed returns profiles changed at or after since, oldest first, at most limit of them;
// store.EnterpriseRepo.UpdatedSince has this shape.
type EnterpriseFeed func(ctx context.Context, since time.Time, limit int) ([]domain.Enterprise, error)

// LeadFeed is EnterpriseFeed for leads.
type LeadFeed func(ctx context.Context, since time.Time, limit int) ([]domain.Lead, error)

// syncPage is the page size of a re-sync.
const syncPage = 1000

// SyncEnterprises applies every profile the feed reports changed at or after since and returns
// the newest UpdatedAt seen, to pass as since next time (the caller keeps it: one watermark per
// instance). Writes older than what the index holds are skipped, so a re-sync racing a live
// update converges to the newest version on every instance.
func (e *Engine) SyncEnterprises(ctx context.Context, since time.Time, feed EnterpriseFeed) (time.Time, int, error) {
	applied := 0
	mark, err := syncPages(ctx, since, func(ctx context.Context, t time.Time, limit int) ([]time.Time, error) {
		ents, err := feed(ctx, t, limit)
		if err != nil {
			return nil, err
		}
		applied += e.UpsertMany(ents)
		ts := make([]time.Time, len(ents))
		for i := range ents {
			ts[i] = ents[i].UpdatedAt
		}
		return ts, nil
	})
	return mark, applied, err
}

// SyncLeads is SyncEnterprises for leads: open leads are indexed, the others removed.
func (e *Engine) SyncLeads(ctx context.Context, since time.Time, feed LeadFeed) (time.Time, int, error) {
	applied := 0
	mark, err := syncPages(ctx, since, func(ctx context.Context, t time.Time, limit int) ([]time.Time, error) {
		leads, err := feed(ctx, t, limit)
		if err != nil {
			return nil, err
		}
		ts := make([]time.Time, len(leads))
		for i := range leads {
			if e.UpsertLead(leads[i]) {
				applied++
			}
			ts[i] = leads[i].UpdatedAt
		}
		return ts, nil
	})
	return mark, applied, err
}

// syncPages pages through a feed by UpdatedAt. A page whose records all share one timestamp
// cannot advance the cursor, so the page is doubled until it can (bounded).
func syncPages(ctx context.Context, since time.Time, page func(context.Context, time.Time, int) ([]time.Time, error)) (time.Time, error) {
	mark, limit := since, syncPage
	for {
		if err := ctx.Err(); err != nil {
			return mark, err
		}
		ts, err := page(ctx, mark, limit)
		if err != nil {
			return mark, fmt.Errorf("matching: sync since %s: %w", mark.Format(time.RFC3339Nano), err)
		}
		last := mark
		for _, t := range ts {
			if t.After(last) {
				last = t
			}
		}
		if len(ts) < limit {
			return last, nil
		}
		if !last.After(mark) {
			if limit >= 64*syncPage {
				return mark, fmt.Errorf("matching: sync: more than %d records share updatedAt %s", limit, mark.Format(time.RFC3339Nano))
			}
			limit *= 2
			continue
		}
		mark, limit = last, syncPage
	}
}
