package storetest

import (
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Restore", testRestore) }

// allRegs returns every registration of the event in registration order.
func allRegs(t *testing.T, s *store.Store, eventID string) []domain.Registration {
	t.Helper()
	var out []domain.Registration
	cursor := ""
	for {
		page, next, _, err := s.Registrations.ListByEvent(t.Context(), eventID, store.RegistrationFilter{}, store.Page{Limit: 2, Cursor: cursor})
		Must(t, err, "list registrations")
		out = append(out, page...)
		if next == "" {
			return out
		}
		cursor = next
	}
}

// same fails t unless got and want are deeply equal; both come from one engine.
// testRestore copies records between two stores of one engine the way `duijie migrate` does
// between engines: kept as they were, nothing stored twice, counters and waitlist order right.
func testRestore(t *testing.T, open Opener) {
	t.Run("RegistrationsAndScans", func(t *testing.T) {
		src, dst, ctx := open(t), open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, src, NewEvent("L1", 10, 4))
		r1 := mustRegister(t, src, NewRegistration(e, 1, 2), now)
		r2 := mustRegister(t, src, NewRegistration(e, 2, 2), now.Add(time.Second))
		r3 := mustRegister(t, src, NewRegistration(e, 3, 2), now.Add(2*time.Second))
		r4 := mustRegister(t, src, NewRegistration(e, 4, 1), now.Add(3*time.Second))
		r5 := mustRegister(t, src, NewRegistration(e, 5, 2), now.Add(4*time.Second))
		r6 := mustRegister(t, src, NewRegistration(e, 6, 1), now.Add(5*time.Second))
		// r4 leaves the line (a gap in the waitlist numbers); r1 leaves, and its seats are
		// offered to r3, first in line.
		_, err := src.Registrations.Cancel(ctx, r4.ID, domain.CancelByMember, now.Add(time.Minute))
		Must(t, err, "cancel r4")
		_, err = src.Registrations.Cancel(ctx, r1.ID, domain.CancelByMember, now.Add(2*time.Minute))
		Must(t, err, "cancel r1")
		_, _, err = src.Checkins.CheckIn(ctx, e.ID, r2.CheckinCode, "organiser", "door 1", now.Add(3*time.Minute))
		Must(t, err, "check in r2")
		_, _, err = src.Checkins.CheckIn(ctx, e.ID, "ZZZZ-ZZZZ", "organiser", "door 2", now.Add(4*time.Minute))
		Must(t, err, "scan an unknown code")
		sameIDs(t, "source states", state(t, src, r1, r2, r3, r4, r5, r6),
			[]string{"cancelled/0", "confirmed/0", "offered/0", "cancelled/0", "waitlisted/1", "waitlisted/2"})

		want := allRegs(t, src, e.ID)
		_, err = dst.Registrations.Restore(ctx, e.ID, want)
		MustNotFound(t, err, "restore into a missing event")
		copyEvent := *mustGetEvent(t, ctx, src, e.ID)
		Must(t, dst.Events.Create(ctx, &copyEvent), "create event copy")
		n, err := dst.Registrations.Restore(ctx, e.ID, want[:3])
		Must(t, err, "restore part")
		if n != 3 {
			t.Fatalf("restored %d of the first 3", n)
		}
		n, err = dst.Registrations.Restore(ctx, e.ID, want)
		Must(t, err, "restore all")
		if n != 3 {
			t.Fatalf("restored %d of the other 3", n)
		}
		same(t, "restored registrations", allRegs(t, dst, e.ID), want)
		c := checkCounters(t, dst, e)
		srcEvent, dstEvent := mustGetEvent(t, ctx, src, e.ID), mustGetEvent(t, ctx, dst, e.ID)
		if dstEvent.SeatsTaken != srcEvent.SeatsTaken || dstEvent.ConfirmedCount != srcEvent.ConfirmedCount ||
			dstEvent.WaitlistedCount != srcEvent.WaitlistedCount || c.CheckedIn != 1 {
			t.Fatalf("counters %+v, source event %+v", c, srcEvent)
		}
		n, err = dst.Registrations.Restore(ctx, e.ID, want)
		if err != nil || n != 0 {
			t.Fatalf("restore again: %d stored, %v", n, err)
		}
		checkCounters(t, dst, e)

		scans, _, _, err := src.Checkins.List(ctx, e.ID, store.Page{Limit: 10})
		Must(t, err, "list scans")
		for range 2 {
			n, err = dst.Checkins.Restore(ctx, scans)
			Must(t, err, "restore scans")
		}
		got, _, total, err := dst.Checkins.List(ctx, e.ID, store.Page{Limit: 10})
		Must(t, err, "list restored scans")
		if n != 0 || total != 2 {
			t.Fatalf("second restore stored %d; %d scans in all, want 2", n, total)
		}
		same(t, "restored scans", got, scans)

		// The copy behaves as the original would: the check-in stays, the offer can be taken,
		// a newcomer joins the end of the line, and freed seats go to the line in its order.
		_, scan, err := dst.Checkins.CheckIn(ctx, e.ID, r2.CheckinCode, "organiser", "door 1", now.Add(5*time.Minute))
		Must(t, err, "scan again")
		if scan.Result != domain.CheckinAlready {
			t.Fatalf("scan of a checked-in badge after restore: %s", scan.Result)
		}
		_, err = dst.Registrations.ConfirmOffer(ctx, r3.ID, now.Add(6*time.Minute))
		Must(t, err, "confirm restored offer")
		r7 := mustRegister(t, dst, NewRegistration(e, 7, 1), now.Add(7*time.Minute))
		// A checked-in registration stays; cancelling another frees its seats for the line.
		_, err = dst.Registrations.Cancel(ctx, r2.ID, domain.CancelByOrganiser, now.Add(8*time.Minute))
		MustConflict(t, err, "status", "cancel checked-in r2")
		_, err = dst.Registrations.Cancel(ctx, r3.ID, domain.CancelByOrganiser, now.Add(8*time.Minute))
		Must(t, err, "cancel r3")
		sameIDs(t, "states after restore", state(t, dst, r2, r3, r5, r6, r7),
			[]string{"confirmed/0", "cancelled/0", "offered/0", "waitlisted/1", "waitlisted/2"})
		checkCounters(t, dst, e)
	})

	t.Run("EventChanges", func(t *testing.T) {
		src, dst, ctx := open(t), open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, src, NewEvent("L1", 10, 50))
		moved := *e
		moved.Venue, moved.StartsAt = "无锡国际会议中心", e.StartsAt.Add(time.Hour)
		Must(t, src.Events.Update(ctx, &moved, domain.NoticeChanges(e, &moved, "organiser", now)), "update")
		want, err := src.Events.Changes(ctx, e.ID)
		Must(t, err, "changes")
		if len(want) != 2 {
			t.Fatalf("%d changes recorded, want 2", len(want))
		}
		Must(t, src.Events.MarkChangesNotified(ctx, []string{want[0].ID}, now.Add(time.Minute)), "mark")
		want, err = src.Events.Changes(ctx, e.ID)
		Must(t, err, "changes")

		copyEvent := *mustGetEvent(t, ctx, src, e.ID)
		Must(t, dst.Events.Create(ctx, &copyEvent), "create event copy")
		for i, wantN := range []int{2, 0} {
			n, err := dst.Events.RestoreChanges(ctx, want)
			Must(t, err, "restore changes")
			if n != wantN {
				t.Fatalf("restore %d stored %d, want %d", i+1, n, wantN)
			}
		}
		got, err := dst.Events.Changes(ctx, e.ID)
		Must(t, err, "restored changes")
		same(t, "restored changes", got, want)
		pending, err := dst.Events.PendingChanges(ctx, 10)
		Must(t, err, "pending")
		if len(pending) != 1 || pending[0].ID != want[1].ID {
			t.Fatalf("pending after restore: %+v, want only %s", pending, want[1].ID)
		}
	})

	t.Run("CalendarTokens", func(t *testing.T) {
		src, dst, ctx := open(t), open(t), t.Context()
		user, other := domain.NewID(), domain.NewID()
		tok, err := src.Calendars.Token(ctx, user)
		Must(t, err, "token")
		got, err := src.Calendars.Find(ctx, user)
		if err != nil || got != tok {
			t.Fatalf("find = %q, %v; want %q", got, err, tok)
		}
		for range 2 {
			_, err = src.Calendars.Find(ctx, other)
			MustNotFound(t, err, "find creates nothing")
		}
		ok, err := dst.Calendars.Restore(ctx, user, tok)
		if err != nil || !ok {
			t.Fatalf("restore = %v, %v", ok, err)
		}
		ok, err = dst.Calendars.Restore(ctx, user, domain.RandomToken(20))
		if err != nil || ok {
			t.Fatalf("restore over a stored token = %v, %v; want false", ok, err)
		}
		if owner, err := dst.Calendars.User(ctx, tok); err != nil || owner != user {
			t.Fatalf("restored token belongs to %q (%v), want %q", owner, err, user)
		}
		if got, err := dst.Calendars.Token(ctx, user); err != nil || got != tok {
			t.Fatalf("token after restore = %q, %v; want %q", got, err, tok)
		}
	})

	t.Run("Outbox", func(t *testing.T) {
		src, dst, ctx := open(t), open(t), t.Context()
		now := Ms(time.Now())
		var ids []string
		for i := range 3 {
			m := NewMail(i, domain.MailReminder)
			m.CreatedAt = now.Add(time.Duration(i) * time.Millisecond)
			_, err := src.Outbox.Enqueue(ctx, m)
			Must(t, err, "enqueue")
			ids = append(ids, m.ID)
		}
		claimed, err := src.Outbox.Claim(ctx, "sender", now.Add(time.Second), now.Add(time.Minute), 2)
		Must(t, err, "claim")
		if len(claimed) != 2 {
			t.Fatalf("claimed %d, want 2", len(claimed))
		}
		Must(t, src.Outbox.MarkSent(ctx, claimed[0].ID, "sender", now.Add(2*time.Second)), "sent")
		Must(t, src.Outbox.Fail(ctx, claimed[1].ID, "sender", "550 no such user", now.Add(2*time.Second)), "fail")
		var want []domain.OutboxMessage
		for _, id := range ids {
			m, err := src.Outbox.Get(ctx, id)
			Must(t, err, "get")
			want = append(want, *m)
		}
		// A message of another ID under a stored key is the same mail: skipped.
		twin := want[0]
		twin.ID = domain.NewID()
		for i, wantN := range []int{3, 0} {
			n, err := dst.Outbox.Restore(ctx, append(append([]domain.OutboxMessage{}, want...), twin))
			Must(t, err, "restore mail")
			if n != wantN {
				t.Fatalf("restore %d stored %d, want %d", i+1, n, wantN)
			}
		}
		for _, w := range want {
			got, err := dst.Outbox.Get(ctx, w.ID)
			Must(t, err, "get restored")
			same(t, "restored mail", *got, w)
		}
		_, err = dst.Outbox.Get(ctx, twin.ID)
		MustNotFound(t, err, "twin")
		// Mail sent or failed before the move is not sent again; the pending one is.
		again, err := dst.Outbox.Claim(ctx, "new-sender", now.Add(time.Hour), now.Add(2*time.Hour), 10)
		Must(t, err, "claim after restore")
		if len(again) != 1 || again[0].ID != ids[2] {
			t.Fatalf("claimed after restore: %+v, want only %s", again, ids[2])
		}
		created, err := dst.Outbox.Enqueue(ctx, NewMail(0, domain.MailReminder))
		if err != nil || created {
			t.Fatalf("enqueue of a restored key: created=%v, %v", created, err)
		}
	})
}
