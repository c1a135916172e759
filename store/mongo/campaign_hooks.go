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

// afterFresh adds records just written, as they were stored (campaignTotals.fresh).
func (t *campaignTotals) afterFresh(ctx context.Context, keys []string, shares []share) {
	if err := t.fresh(ctx, keys, shares); err != nil {
		slog.ErrorContext(ctx, "campaign totals not updated; run `duijie campaign-check --repair`", "records", len(keys), "err", err)
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
	// A match never sent adds nothing, and a sent one never goes back: most of a matching run's
	// proposals cost no totals work. Put leaves each match as stored.
	var keys []string
	var shares []share
	for i := range ms {
		if ms[i].ID != "" && ms[i].SentAt != nil {
			keys, shares = append(keys, "m:"+ms[i].ID), append(shares, factsOfMatch(&ms[i]).share())
		}
	}
	r.t.afterFresh(ctx, keys, shares)
	return n, err
}

func factsOfMatch(m *domain.Match) matchFacts {
	return matchFacts{EnterpriseID: m.EnterpriseID, Clusters: m.Clusters, Status: string(m.Status), Reached: m.Reached(),
		Value: m.Value, Currency: m.Currency, SentAt: m.SentAt}
}

func factsOfLead(l *domain.Lead) leadFacts {
	return leadFacts{Clusters: l.Clusters, Buyer: l.BuyerEnterpriseID, OpenedAt: l.OpenedAt}
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
	if err == nil && l.OpenedAt != nil { // a draft adds nothing; Create leaves l as stored
		r.t.afterFresh(ctx, []string{"l:" + l.ID}, []share{factsOfLead(l).share()})
	}
	return err
}

func (r totalsLeads) CreateMany(ctx context.Context, ls []domain.Lead) error {
	err := r.LeadRepo.CreateMany(ctx, ls)
	var keys []string
	var shares []share
	for i := range ls {
		if ls[i].ID != "" && ls[i].OpenedAt != nil {
			keys, shares = append(keys, "l:"+ls[i].ID), append(shares, factsOfLead(&ls[i]).share())
		}
	}
	if err != nil { // which were stored is not known: each is compared with the database
		for _, k := range keys {
			r.t.after(ctx, k)
		}
		return err
	}
	r.t.afterFresh(ctx, keys, shares)
	return nil
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
	switch {
	case got != nil && created:
		r.t.afterFresh(ctx, []string{"r:" + got.ID}, []share{r.t.regShare(ctx, got)})
	case got != nil:
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

// regShare is what a registration just stored adds, read with its event.
func (t *campaignTotals) regShare(ctx context.Context, reg *domain.Registration) share {
	f := regFacts{EventID: reg.EventID, EnterpriseID: reg.EnterpriseID, Status: string(reg.Status)}
	if f.Status != string(domain.RegConfirmed) {
		return share{}
	}
	var e eventFacts
	if err := t.events.FindOne(ctx, bson.D{{Key: "_id", Value: reg.EventID}}).Decode(&e); err != nil {
		return share{} // the full sync of the next write, or the consistency check, will tell
	}
	return f.share(&e)
}

type totalsEvents struct {
	store.EventRepo
	t *campaignTotals
}

// Create needs no totals work: a new event has no registrations yet (a migration restores them
// after their event, through Registrations.Restore).
func (r totalsEvents) Create(ctx context.Context, e *domain.Event) error {
	return r.EventRepo.Create(ctx, e)
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
