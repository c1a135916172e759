package mongo

import (
	"context"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo/options"

	"duijie/domain"
	"duijie/store"
)

// The repositories whose writes move the campaign's running totals, wrapped so that every write
// is followed by campaignTotals.sync of the records it touched. A failed sync does not fail the
// write, which has happened: it is logged, and the consistency check and RebuildTotals repair the
// totals.

func (t *campaignTotals) after(ctx context.Context, keys ...string) {
	for _, k := range keys {
		if err := t.sync(ctx, k); err != nil {
			slog.ErrorContext(ctx, "campaign totals not updated; run `duijie campaign-check --repair`", "record", k, "err", err)
		}
	}
}

func (t *campaignTotals) afterEvent(ctx context.Context, eventID string) {
	if err := t.syncEvent(ctx, eventID); err != nil {
		slog.ErrorContext(ctx, "campaign totals not updated; run `duijie campaign-check --repair`", "event", eventID, "err", err)
	}
}

type totalsMatches struct {
	store.MatchRepo
	t *campaignTotals
}

func (r totalsMatches) Put(ctx context.Context, ms []domain.Match) (int, error) {
	n, err := r.MatchRepo.Put(ctx, ms)
	for i := range ms {
		// A match never sent adds nothing, and a sent one never goes back: most of a matching
		// run's proposals cost no totals work.
		if ms[i].ID != "" && ms[i].SentAt != nil {
			r.t.after(ctx, "m:"+ms[i].ID)
		}
	}
	return n, err
}

func (r totalsMatches) Update(ctx context.Context, m *domain.Match, expect domain.MatchStatus) error {
	err := r.MatchRepo.Update(ctx, m, expect)
	if err == nil && m.SentAt != nil {
		r.t.after(ctx, "m:"+m.ID)
	}
	return err
}

type totalsLeads struct {
	store.LeadRepo
	t *campaignTotals
}

func (r totalsLeads) Create(ctx context.Context, l *domain.Lead) error {
	err := r.LeadRepo.Create(ctx, l)
	if err == nil && l.OpenedAt != nil { // a draft adds nothing
		r.t.after(ctx, "l:"+l.ID)
	}
	return err
}

func (r totalsLeads) CreateMany(ctx context.Context, ls []domain.Lead) error {
	err := r.LeadRepo.CreateMany(ctx, ls)
	for i := range ls {
		if ls[i].ID != "" && ls[i].OpenedAt != nil {
			r.t.after(ctx, "l:"+ls[i].ID)
		}
	}
	return err
}

func (r totalsLeads) Update(ctx context.Context, l *domain.Lead, expect domain.LeadStatus) error {
	err := r.LeadRepo.Update(ctx, l, expect)
	if err == nil {
		r.t.after(ctx, "l:"+l.ID)
	}
	return err
}

func (r totalsLeads) SaveImport(ctx context.Context, creates []domain.Lead, updates []store.LeadChange) error {
	err := r.LeadRepo.SaveImport(ctx, creates, updates)
	for i := range creates {
		if creates[i].ID != "" && creates[i].OpenedAt != nil {
			r.t.after(ctx, "l:"+creates[i].ID)
		}
	}
	for _, u := range updates {
		r.t.after(ctx, "l:"+u.Lead.ID)
	}
	return err
}

type totalsRegistrations struct {
	store.RegistrationRepo
	t *campaignTotals
}

func (r totalsRegistrations) Register(ctx context.Context, reg *domain.Registration, now time.Time) (*domain.Registration, bool, error) {
	got, created, err := r.RegistrationRepo.Register(ctx, reg, now)
	if got != nil {
		r.t.after(ctx, "r:"+got.ID)
	}
	return got, created, err
}

func (r totalsRegistrations) one(ctx context.Context, got *domain.Registration, err error) (*domain.Registration, error) {
	if got != nil {
		r.t.after(ctx, "r:"+got.ID)
	}
	return got, err
}

func (r totalsRegistrations) Approve(ctx context.Context, id string, now time.Time) (*domain.Registration, error) {
	got, err := r.RegistrationRepo.Approve(ctx, id, now)
	return r.one(ctx, got, err)
}

func (r totalsRegistrations) Reject(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error) {
	got, err := r.RegistrationRepo.Reject(ctx, id, reason, now)
	return r.one(ctx, got, err)
}

func (r totalsRegistrations) ConfirmOffer(ctx context.Context, id string, now time.Time) (*domain.Registration, error) {
	got, err := r.RegistrationRepo.ConfirmOffer(ctx, id, now)
	return r.one(ctx, got, err)
}

// Cancel frees seats that others may be promoted to: the whole event is brought in line.
func (r totalsRegistrations) Cancel(ctx context.Context, id, reason string, now time.Time) (*domain.Registration, error) {
	got, err := r.RegistrationRepo.Cancel(ctx, id, reason, now)
	if got != nil {
		r.t.afterEvent(ctx, got.EventID)
	}
	return got, err
}

func (r totalsRegistrations) Promote(ctx context.Context, eventID string, now time.Time) (int, error) {
	n, err := r.RegistrationRepo.Promote(ctx, eventID, now)
	r.t.afterEvent(ctx, eventID)
	return n, err
}

// ExpireOffers moves the events with an offer out; their registrations are brought in line.
func (r totalsRegistrations) ExpireOffers(ctx context.Context, now time.Time) (int, error) {
	events := map[string]bool{}
	if cur, err := r.t.regs.Find(ctx, bson.D{{Key: "status", Value: string(domain.RegOffered)}},
		options.Find().SetProjection(bson.D{{Key: "eventId", Value: 1}})); err == nil {
		var docs []struct {
			EventID string `bson:"eventId"`
		}
		if cur.All(ctx, &docs) == nil {
			for _, d := range docs {
				events[d.EventID] = true
			}
		}
	}
	n, err := r.RegistrationRepo.ExpireOffers(ctx, now)
	if n > 0 {
		for e := range events {
			r.t.afterEvent(ctx, e)
		}
	}
	return n, err
}

func (r totalsRegistrations) Restore(ctx context.Context, eventID string, regs []domain.Registration) (int, error) {
	n, err := r.RegistrationRepo.Restore(ctx, eventID, regs)
	r.t.afterEvent(ctx, eventID)
	return n, err
}

type totalsEvents struct {
	store.EventRepo
	t *campaignTotals
}

func (r totalsEvents) Create(ctx context.Context, e *domain.Event) error {
	err := r.EventRepo.Create(ctx, e)
	if err == nil {
		r.t.afterEvent(ctx, e.ID)
	}
	return err
}

func (r totalsEvents) Update(ctx context.Context, e *domain.Event, changes []domain.EventChange) error {
	err := r.EventRepo.Update(ctx, e, changes)
	if err == nil {
		r.t.afterEvent(ctx, e.ID)
	}
	return err
}

func (r totalsEvents) SetStatus(ctx context.Context, e *domain.Event, from domain.EventStatus) error {
	err := r.EventRepo.SetStatus(ctx, e, from)
	if err == nil {
		r.t.afterEvent(ctx, e.ID)
	}
	return err
}
