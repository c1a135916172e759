package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"duijie/domain"
)

// RegistrationJob names the job (and its checkpoint) that follows registrations into mail.
const RegistrationJob = "registration-mails"

// firstLookBack is how far back a walk with no checkpoint starts: registrations made just
// before the feature was switched on still get their mail, a years-old history does not.
const firstLookBack = time.Hour

// walkBatch is how many registrations one step of the walk reads.
const walkBatch = 200

// Counter receives the counts of a run (the job runner's Run.Add).
type Counter func(name string, n int)

// RegistrationMails follows every registration written since the last run (by a member, the
// waitlist, an organiser or the offer expiry) and queues the mail its state calls for; then it
// warns the holders of offers about to lapse. The checkpoint moves after each batch, and the
// dedup keys make a batch replayed after a crash queue nothing twice.
func (s *Service) RegistrationMails(ctx context.Context, count Counter) error {
	if s == nil || s.regs == nil {
		return nil
	}
	if count == nil {
		count = func(string, int) {}
	}
	since, after, err := s.loadMark(ctx)
	if err != nil {
		return err
	}
	evs := map[string]*domain.Event{}
	event := func(id string) (*domain.Event, error) {
		if e, ok := evs[id]; ok {
			return e, nil
		}
		e, err := s.events.Get(ctx, id)
		if errors.Is(err, domain.ErrNotFound) {
			e, err = nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", id, err)
		}
		evs[id] = e
		return e, nil
	}
	for ctx.Err() == nil {
		regs, err := s.regs.ChangedSince(ctx, since, after, walkBatch)
		if err != nil {
			return fmt.Errorf("changed registrations: %w", err)
		}
		if len(regs) == 0 {
			break
		}
		for i := range regs {
			r := &regs[i]
			e, err := event(r.EventID)
			if err != nil {
				return err
			}
			n, err := s.Registration(ctx, r, e)
			if err != nil {
				return err
			}
			count("queued", n)
			count("registrations", 1)
		}
		last := regs[len(regs)-1]
		since, after = last.UpdatedAt, last.ID
		if err := s.saveMark(ctx, since, after); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.expiringOffers(ctx, event, count)
}

// expiringOffers reminds holders of offers lapsing within OfferWarning, except offers made so
// recently that the offer mail itself is the reminder.
func (s *Service) expiringOffers(ctx context.Context, event func(string) (*domain.Event, error), count Counter) error {
	now := s.now()
	regs, err := s.regs.OffersExpiring(ctx, now.Add(OfferWarning), walkBatch)
	if err != nil {
		return fmt.Errorf("expiring offers: %w", err)
	}
	for i := range regs {
		r := &regs[i]
		if now.Sub(r.UpdatedAt) < 2*time.Hour || r.OfferExpiresAt == nil || !r.OfferExpiresAt.After(now) {
			continue
		}
		e, err := event(r.EventID)
		if err != nil {
			return err
		}
		n, err := s.registrationMail(ctx, r, e, regOfferExpiring)
		if err != nil {
			return err
		}
		count("offer_reminders", n)
	}
	return nil
}

func (s *Service) loadMark(ctx context.Context) (time.Time, string, error) {
	c, err := s.points.Get(ctx, RegistrationJob, "walk")
	if errors.Is(err, domain.ErrNotFound) {
		return s.now().Add(-firstLookBack), "", nil
	}
	if err != nil {
		return time.Time{}, "", fmt.Errorf("registration mail checkpoint: %w", err)
	}
	msStr, id, _ := strings.Cut(c.Cursor, "|")
	v, err := strconv.ParseInt(msStr, 10, 64)
	if err != nil {
		return s.now().Add(-firstLookBack), "", nil
	}
	return time.UnixMilli(v), id, nil
}

func (s *Service) saveMark(ctx context.Context, since time.Time, after string) error {
	c := &domain.Checkpoint{Job: RegistrationJob, Key: "walk",
		Cursor: strconv.FormatInt(since.UnixMilli(), 10) + "|" + after, UpdatedAt: s.now()}
	if err := s.points.Save(ctx, c); err != nil {
		return fmt.Errorf("save registration mail checkpoint: %w", err)
	}
	return nil
}

// SkipRegistrationsBefore moves the walk past every registration written before t without
// mailing them: for data loaded in bulk (the demo, a migration) that must not be announced.
func (s *Service) SkipRegistrationsBefore(ctx context.Context, t time.Time) error {
	if s == nil || s.points == nil {
		return nil
	}
	return s.saveMark(ctx, t, "")
}
