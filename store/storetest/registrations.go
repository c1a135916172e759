package storetest

import (
	"fmt"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Registrations", testRegistrations) }

// NewRegistration returns an unsaved registration of enterprise number i for e with n attendees.
// Enterprise IDs are derived from i, so the same i is the same enterprise.
func NewRegistration(e *domain.Event, i, n int) *domain.Registration {
	r := &domain.Registration{
		EventID: e.ID, EnterpriseID: fmt.Sprintf("%024x", i+1),
		EnterpriseName: fmt.Sprintf("无锡测试企业%04d有限公司", i), CreatedBy: "member",
	}
	for k := 0; k < n; k++ {
		r.Attendees = append(r.Attendees, domain.Attendee{Name: fmt.Sprintf("参会人%d-%d", i, k), Position: "经理",
			Mobile: fmt.Sprintf("139%08d", i*10+k), Email: fmt.Sprintf("a%d.%d@example.test", i, k)})
	}
	return r
}

// state returns "status/position" of each registration, for compact assertions.
func state(t *testing.T, s *store.Store, regs ...*domain.Registration) []string {
	t.Helper()
	out := make([]string, len(regs))
	for i, r := range regs {
		got, err := s.Registrations.Get(t.Context(), r.ID)
		Must(t, err, "get registration")
		out[i] = fmt.Sprintf("%s/%d", got.Status, got.Position)
	}
	return out
}

func mustRegister(t *testing.T, s *store.Store, r *domain.Registration, now time.Time) *domain.Registration {
	t.Helper()
	got, created, err := s.Registrations.Register(t.Context(), r, now)
	Must(t, err, "register")
	if !created {
		t.Fatalf("register %s: not created", r.EnterpriseID)
	}
	return got
}

// checkCounters compares the event's counters with the registrations, the invariant every
// operation keeps.
func checkCounters(t *testing.T, s *store.Store, e *domain.Event) store.RegistrationCounts {
	t.Helper()
	ctx := t.Context()
	c, err := s.Registrations.Counts(ctx, e.ID)
	Must(t, err, "counts")
	got := mustGetEvent(t, ctx, s, e.ID)
	if got.SeatsTaken != c.SeatsTaken || got.ConfirmedCount != c.Confirmed || got.WaitlistedCount != c.Waitlisted {
		t.Fatalf("event counters %d seats/%d confirmed/%d waitlisted, registrations say %+v",
			got.SeatsTaken, got.ConfirmedCount, got.WaitlistedCount, c)
	}
	if c.SeatsTaken > got.Capacity {
		t.Fatalf("%d seats taken of %d", c.SeatsTaken, got.Capacity)
	}
	return c
}

func testRegistrations(t *testing.T, open Opener) {
	t.Run("ConfirmWaitlistRepeat", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 4))
		r1 := mustRegister(t, s, NewRegistration(e, 1, 3), now)
		if r1.Status != domain.RegConfirmed || r1.Position != 0 || !domain.ValidID(r1.ID) ||
			domain.NormalizeCheckinCode(r1.CheckinCode) != r1.CheckinCode || len(r1.Attendees) != 3 {
			t.Fatalf("first registration = %+v", r1)
		}
		if r1.Attendees[2].Email != "a1.2@example.test" || r1.EnterpriseName == "" || !r1.CreatedAt.Equal(now) {
			t.Fatalf("fields not kept: %+v", r1)
		}
		// 1 seat is left, but 2 people do not fit: waitlisted. The next enterprise fits the seat
		// and is the first in line who does, so it is confirmed; after it, everyone queues.
		r2 := mustRegister(t, s, NewRegistration(e, 2, 2), now)
		r3 := mustRegister(t, s, NewRegistration(e, 3, 1), now)
		r4 := mustRegister(t, s, NewRegistration(e, 4, 1), now)
		if r2.Status != domain.RegWaitlisted || r2.Position != 1 || r3.Status != domain.RegConfirmed ||
			r3.OfferExpiresAt != nil || r4.Status != domain.RegWaitlisted || r4.Position != 2 {
			t.Fatalf("waitlist: %+v / %+v / %+v", r2, r3, r4)
		}
		again, created, err := s.Registrations.Register(ctx, NewRegistration(e, 1, 1), now)
		Must(t, err, "repeat")
		if created || again.ID != r1.ID || again.Status != domain.RegConfirmed || len(again.Attendees) != 3 {
			t.Fatalf("repeat = %+v created %v, want the first registration", again, created)
		}
		c := checkCounters(t, s, e)
		if c.Confirmed != 2 || c.Waitlisted != 2 || c.SeatsTaken != 4 || c.Attendees != 4 {
			t.Fatalf("counts = %+v", c)
		}
		got, err := s.Registrations.ByEnterprise(ctx, e.ID, r2.EnterpriseID)
		Must(t, err, "by enterprise")
		if got.ID != r2.ID || got.Position != 1 {
			t.Fatalf("by enterprise = %+v", got)
		}
		_, err = s.Registrations.ByEnterprise(ctx, e.ID, "ffffffffffffffffffffffff")
		MustNotFound(t, err, "by unknown enterprise")
		_, err = s.Registrations.Get(ctx, domain.NewID())
		MustNotFound(t, err, "get missing")
	})

	t.Run("RefusedWhenClosed", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		for _, tc := range []struct {
			name string
			edit func(e *domain.Event)
		}{
			{"draft", func(e *domain.Event) { e.Status = domain.EventDraft }},
			{"cancelled", func(e *domain.Event) { e.Status = domain.EventCancelled }},
			{"window closed", func(e *domain.Event) { c := now.Add(-time.Hour); e.RegistrationClosesAt = &c }},
			{"not yet open", func(e *domain.Event) { o := now.Add(time.Hour); e.RegistrationOpensAt = &o }},
		} {
			e := NewEvent("L1", 10, 4)
			tc.edit(e)
			MustCreateEvent(t, s, e)
			_, _, err := s.Registrations.Register(ctx, NewRegistration(e, 1, 1), now)
			MustInvalid(t, err, "event", tc.name)
		}
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 4))
		_, _, err := s.Registrations.Register(ctx, NewRegistration(e, 1, 4), now)
		MustInvalid(t, err, "attendees", "more attendees than allowed")
		_, _, err = s.Registrations.Register(ctx, &domain.Registration{EventID: domain.NewID(), EnterpriseID: "x"}, now)
		MustNotFound(t, err, "unknown event")
		if c := checkCounters(t, s, e); c != (store.RegistrationCounts{}) {
			t.Fatalf("refused registrations left traces: %+v", c)
		}
	})

	t.Run("CancelOffersSeatsInOrder", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 3))
		a := mustRegister(t, s, NewRegistration(e, 1, 2), now)
		b := mustRegister(t, s, NewRegistration(e, 2, 1), now)
		w1 := mustRegister(t, s, NewRegistration(e, 3, 3), now)
		w2 := mustRegister(t, s, NewRegistration(e, 4, 2), now)
		w3 := mustRegister(t, s, NewRegistration(e, 5, 1), now)
		w4 := mustRegister(t, s, NewRegistration(e, 6, 1), now)
		sameIDs(t, "before", state(t, s, a, b, w1, w2, w3, w4),
			[]string{"confirmed/0", "confirmed/0", "waitlisted/1", "waitlisted/2", "waitlisted/3", "waitlisted/4"})

		// Two seats free: w1 (3 people) does not fit and keeps its place; w2 (2) gets the offer.
		later := now.Add(time.Minute)
		got, err := s.Registrations.Cancel(ctx, a.ID, domain.CancelByMember, later)
		Must(t, err, "cancel")
		if got.Status != domain.RegCancelled || got.CancelReason != domain.CancelByMember || got.CancelledAt == nil {
			t.Fatalf("cancelled = %+v", got)
		}
		sameIDs(t, "after cancel", state(t, s, a, b, w1, w2, w3, w4),
			[]string{"cancelled/0", "confirmed/0", "waitlisted/1", "offered/0", "waitlisted/2", "waitlisted/3"})
		off, err := s.Registrations.Get(ctx, w2.ID)
		Must(t, err, "get offered")
		if off.OfferExpiresAt == nil || !off.OfferExpiresAt.Equal(later.Add(domain.DefaultOfferTTL)) {
			t.Fatalf("offer expiry = %v, want %v", off.OfferExpiresAt, later.Add(domain.DefaultOfferTTL))
		}
		checkCounters(t, s, e)

		// A waitlisted enterprise leaving closes the gap behind it.
		_, err = s.Registrations.Cancel(ctx, w3.ID, domain.CancelByMember, later)
		Must(t, err, "cancel waitlisted")
		sameIDs(t, "gapless", state(t, s, w1, w3, w4), []string{"waitlisted/1", "cancelled/0", "waitlisted/2"})
		again, err := s.Registrations.Cancel(ctx, w3.ID, domain.CancelByMember, later)
		Must(t, err, "cancel twice")
		if again.Status != domain.RegCancelled {
			t.Fatalf("second cancel = %+v", again)
		}

		conf, err := s.Registrations.ConfirmOffer(ctx, w2.ID, later.Add(time.Hour))
		Must(t, err, "confirm offer")
		if conf.Status != domain.RegConfirmed || conf.OfferExpiresAt != nil {
			t.Fatalf("confirmed offer = %+v", conf)
		}
		_, err = s.Registrations.ConfirmOffer(ctx, w4.ID, later)
		MustInvalid(t, err, "status", "confirming without an offer")
		c := checkCounters(t, s, e)
		if c.Confirmed != 2 || c.Waitlisted != 2 || c.Cancelled != 2 || c.SeatsTaken != 3 {
			t.Fatalf("counts = %+v", c)
		}
		_, err = s.Registrations.Cancel(ctx, domain.NewID(), domain.CancelByMember, later)
		MustNotFound(t, err, "cancel missing")
	})

	t.Run("ExpiredOffersPassOn", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 1))
		a := mustRegister(t, s, NewRegistration(e, 1, 1), now)
		w1 := mustRegister(t, s, NewRegistration(e, 2, 1), now)
		w2 := mustRegister(t, s, NewRegistration(e, 3, 1), now)
		_, err := s.Registrations.Cancel(ctx, a.ID, domain.CancelByMember, now)
		Must(t, err, "cancel")
		sameIDs(t, "offered", state(t, s, w1, w2), []string{"offered/0", "waitlisted/1"})

		n, err := s.Registrations.ExpireOffers(ctx, now.Add(domain.DefaultOfferTTL-time.Second))
		Must(t, err, "expire early")
		if n != 0 {
			t.Fatalf("expired %d offers before their time", n)
		}
		_, err = s.Registrations.ConfirmOffer(ctx, w1.ID, now.Add(domain.DefaultOfferTTL))
		MustInvalid(t, err, "status", "confirming an expired offer")

		at := now.Add(domain.DefaultOfferTTL + time.Minute)
		n, err = s.Registrations.ExpireOffers(ctx, at)
		Must(t, err, "expire")
		if n != 1 {
			t.Fatalf("expired %d offers, want 1", n)
		}
		sameIDs(t, "passed on", state(t, s, w1, w2), []string{"cancelled/0", "offered/0"})
		got, err := s.Registrations.Get(ctx, w1.ID)
		Must(t, err, "get lapsed")
		if got.CancelReason != domain.CancelOfferExpired {
			t.Fatalf("lapsed offer reason = %q", got.CancelReason)
		}
		next, err := s.Registrations.Get(ctx, w2.ID)
		Must(t, err, "get next")
		if !next.OfferExpiresAt.Equal(at.Add(domain.DefaultOfferTTL)) {
			t.Fatalf("next offer expires %v", next.OfferExpiresAt)
		}
		checkCounters(t, s, e)
	})

	t.Run("PromoteAfterCapacityRaised", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 1))
		mustRegister(t, s, NewRegistration(e, 1, 1), now)
		w1 := mustRegister(t, s, NewRegistration(e, 2, 1), now)
		w2 := mustRegister(t, s, NewRegistration(e, 3, 2), now)
		n, err := s.Registrations.Promote(ctx, e.ID, now)
		Must(t, err, "promote with no free seat")
		if n != 0 {
			t.Fatalf("promoted %d with no free seat", n)
		}
		e.Capacity = 4
		Must(t, s.Events.Update(ctx, e, nil), "raise capacity")
		n, err = s.Registrations.Promote(ctx, e.ID, now)
		Must(t, err, "promote")
		if n != 2 {
			t.Fatalf("promoted %d, want 2", n)
		}
		sameIDs(t, "offered", state(t, s, w1, w2), []string{"offered/0", "offered/0"})
		checkCounters(t, s, e)
	})

	t.Run("ReRegisterAfterCancel", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 5))
		r := mustRegister(t, s, NewRegistration(e, 1, 1), now)
		_, err := s.Registrations.Cancel(ctx, r.ID, domain.CancelByMember, now)
		Must(t, err, "cancel")
		back := mustRegister(t, s, NewRegistration(e, 1, 2), now.Add(time.Minute))
		if back.ID != r.ID || back.Status != domain.RegConfirmed || len(back.Attendees) != 2 || back.CancelledAt != nil {
			t.Fatalf("re-registration = %+v", back)
		}
		if c := checkCounters(t, s, e); c.SeatsTaken != 2 || c.Cancelled != 0 {
			t.Fatalf("counts = %+v", c)
		}
		// Back under its ID and code, but created anew: the creation time tells the second
		// confirmation mail from the first (its dedup key) and is what exports show.
		got, err := s.Registrations.Get(ctx, r.ID)
		Must(t, err, "get")
		later := now.Add(time.Minute)
		if got.CheckinCode != r.CheckinCode || !got.CreatedAt.Equal(later) || !back.CreatedAt.Equal(later) {
			t.Fatalf("re-registration code %s created %v (answered %v), want code %s created %v",
				got.CheckinCode, got.CreatedAt, back.CreatedAt, r.CheckinCode, later)
		}
	})

	t.Run("Lists", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 3))
		other := MustCreateEvent(t, s, NewEvent("L2", 20, 3))
		var ids []string
		for i := 0; i < 7; i++ {
			r := mustRegister(t, s, NewRegistration(e, i, 1), now.Add(time.Duration(i)*time.Second))
			ids = append(ids, r.ID)
		}
		mine := mustRegister(t, s, NewRegistration(other, 3, 1), now.Add(time.Hour))

		walked := walk(t, 2, func(cur string) ([]string, string, error) {
			got, next, total, err := s.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{}, store.Page{Limit: 2, Cursor: cur})
			if err == nil && total != 7 {
				err = fmt.Errorf("total %d", total)
			}
			out := make([]string, len(got))
			for i, r := range got {
				out[i] = r.ID
			}
			return out, next, err
		})
		sameIDs(t, "registration order", walked, ids)

		got, _, total, err := s.Registrations.ListByEvent(ctx, e.ID,
			store.RegistrationFilter{Statuses: []domain.RegistrationStatus{domain.RegWaitlisted}}, store.Page{})
		Must(t, err, "waitlisted")
		if total != 4 || got[0].Position != 1 || got[3].Position != 4 {
			t.Fatalf("waitlisted list: total %d %+v", total, got)
		}
		for q, want := range map[string]string{"测试企业0005": ids[5], "A4.0@EXAMPLE": ids[4], "13900000060": ids[6], "参会人2-0": ids[2]} {
			got, _, _, err := s.Registrations.ListByEvent(ctx, e.ID, store.RegistrationFilter{Q: q}, store.Page{})
			Must(t, err, "search")
			if len(got) != 1 || got[0].ID != want {
				t.Fatalf("search %q = %d rows", q, len(got))
			}
		}
		byEnt, err := s.Registrations.ListByEnterprise(ctx, NewRegistration(e, 3, 1).EnterpriseID)
		Must(t, err, "by enterprise")
		if len(byEnt) != 2 || byEnt[0].ID != mine.ID || byEnt[1].ID != ids[3] {
			t.Fatalf("by enterprise, newest first = %+v", byEnt)
		}
	})
}
