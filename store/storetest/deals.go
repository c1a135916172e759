package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("DealLoop", testDealLoop) }

// testDealLoop covers the issue-11 repositories: mail attachments, the registration walk,
// instant notices, quotes and shortlists.
func testDealLoop(t *testing.T, open Opener) {
	now := Ms(time.Now())

	t.Run("AttachmentsRoundTrip", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		m := NewMail(1, domain.MailRegistration)
		m.Attachments = []domain.MailAttachment{{Name: "event.ics", ContentType: "text/calendar", Data: []byte("BEGIN:VCALENDAR\r\n")}}
		_, err := s.Outbox.Enqueue(ctx, m)
		Must(t, err, "enqueue")
		got, err := s.Outbox.Get(ctx, m.ID)
		Must(t, err, "get")
		if len(got.Attachments) != 1 || got.Attachments[0].Name != "event.ics" || string(got.Attachments[0].Data) != "BEGIN:VCALENDAR\r\n" {
			t.Fatalf("attachments = %+v", got.Attachments)
		}
		claimed, err := s.Outbox.Claim(ctx, "a", now.Add(time.Hour), now.Add(2*time.Hour), 10)
		Must(t, err, "claim")
		if len(claimed) != 1 || len(claimed[0].Attachments) != 1 {
			t.Fatalf("claimed %+v", claimed)
		}
	})

	t.Run("OutboxBatches", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		first := NewMail(1, domain.MailDigest)
		first.CreatedAt = now
		_, err := s.Outbox.Enqueue(ctx, first)
		Must(t, err, "enqueue one")
		batch := []*domain.OutboxMessage{NewMail(1, domain.MailDigest), NewMail(2, domain.MailDigest), NewMail(3, domain.MailDigest)}
		for _, m := range batch {
			m.CreatedAt = now
		}
		created, err := s.Outbox.EnqueueMany(ctx, batch)
		Must(t, err, "enqueue many")
		if !slices.Equal(created, []bool{false, true, true}) || batch[0].ID != "" || !domain.ValidID(batch[1].ID) ||
			batch[2].Status != domain.OutboxPending {
			t.Fatalf("created %v, messages %+v", created, batch)
		}
		again, err := s.Outbox.EnqueueMany(ctx, []*domain.OutboxMessage{NewMail(2, domain.MailDigest)})
		Must(t, err, "enqueue many again")
		if again[0] {
			t.Fatal("a repeated dedup key was queued twice")
		}
		claimed, err := s.Outbox.Claim(ctx, "a", now, now.Add(time.Hour), 10)
		Must(t, err, "claim")
		if len(claimed) != 3 {
			t.Fatalf("claimed %d", len(claimed))
		}
		n, err := s.Outbox.MarkSentMany(ctx, []string{claimed[0].ID, claimed[1].ID}, "someone else", now)
		Must(t, err, "mark by another holder")
		if n != 0 {
			t.Fatalf("another holder marked %d", n)
		}
		n, err = s.Outbox.MarkSentMany(ctx, []string{claimed[0].ID, claimed[1].ID}, "a", now.Add(time.Second))
		Must(t, err, "mark many")
		counts, err := s.Outbox.Counts(ctx)
		Must(t, err, "counts")
		if n != 2 || counts[domain.OutboxSent] != 2 || counts[domain.OutboxSending] != 1 {
			t.Fatalf("marked %d, counts %v", n, counts)
		}
		got, err := s.Outbox.Get(ctx, claimed[0].ID)
		Must(t, err, "get")
		if got.SentAt == nil || !got.SentAt.Equal(now.Add(time.Second)) || got.ClaimedUntil != nil {
			t.Fatalf("marked message %+v", got)
		}
	})

	t.Run("RegistrationWalk", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 2))
		a := mustRegister(t, s, NewRegistration(e, 1, 2), now)
		w := mustRegister(t, s, NewRegistration(e, 2, 1), now.Add(time.Second))
		got, err := s.RegFeed.ChangedSince(ctx, now.Add(-time.Minute), "", 10)
		Must(t, err, "changed since")
		if len(got) != 2 || got[0].ID != a.ID || got[1].ID != w.ID || got[1].Status != domain.RegWaitlisted || got[1].Position != 1 {
			t.Fatalf("walk = %+v", got)
		}
		// Resuming after the first one returns the second only; at the same instant the ID orders.
		got, err = s.RegFeed.ChangedSince(ctx, got[0].UpdatedAt, got[0].ID, 10)
		Must(t, err, "resume")
		if len(got) != 1 || got[0].ID != w.ID {
			t.Fatalf("resumed walk = %+v", got)
		}
		// Cancelling a frees seats: w is offered a seat, and both show up as changed.
		later := now.Add(time.Minute)
		_, err = s.Registrations.Cancel(ctx, a.ID, domain.CancelByMember, later)
		Must(t, err, "cancel")
		got, err = s.RegFeed.ChangedSince(ctx, now.Add(time.Second), w.ID, 10)
		Must(t, err, "after cancel")
		if len(got) != 2 {
			t.Fatalf("after cancel walk = %+v", got)
		}
		exp, err := s.RegFeed.OffersExpiring(ctx, later.Add(domain.DefaultOfferTTL+time.Minute), 10)
		Must(t, err, "expiring")
		if len(exp) != 1 || exp[0].ID != w.ID || exp[0].Status != domain.RegOffered {
			t.Fatalf("expiring = %+v", exp)
		}
		exp, err = s.RegFeed.OffersExpiring(ctx, later.Add(time.Hour), 10)
		Must(t, err, "not yet expiring")
		if len(exp) != 0 {
			t.Fatalf("offers expiring within the hour = %+v", exp)
		}
	})

	t.Run("Notices", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		u1, u2 := "000000000000000000000001", "000000000000000000000002"
		n1 := &domain.Notice{UserID: u1, Key: "answer:m1", Kind: domain.NoticeAnswer, Title: "采购 PCBA", Link: "/leads/x", CreatedAt: now}
		created, err := s.Notices.Add(ctx, n1)
		Must(t, err, "add")
		again := &domain.Notice{UserID: u1, Key: "answer:m1", Kind: domain.NoticeAnswer, Title: "again", CreatedAt: now}
		dup, err := s.Notices.Add(ctx, again)
		Must(t, err, "add again")
		if !created || dup {
			t.Fatalf("created=%v repeat created=%v", created, dup)
		}
		_, err = s.Notices.Add(ctx, &domain.Notice{UserID: u1, Key: "quote:q1:1", Kind: domain.NoticeQuote, Title: "q", CreatedAt: now.Add(time.Second)})
		Must(t, err, "add quote notice")
		_, err = s.Notices.Add(ctx, &domain.Notice{UserID: u2, Key: "answer:m1", Kind: domain.NoticeAnswer, Title: "other user", CreatedAt: now})
		Must(t, err, "same key, other user")
		users, err := s.Notices.PendingUsers(ctx, "", 10)
		Must(t, err, "pending users")
		if !slices.Equal(users, []string{u1, u2}) {
			t.Fatalf("pending users = %v", users)
		}
		users, err = s.Notices.PendingUsers(ctx, u1, 10)
		Must(t, err, "pending users after u1")
		if !slices.Equal(users, []string{u2}) {
			t.Fatalf("pending users after u1 = %v", users)
		}
		ns, err := s.Notices.PendingFor(ctx, u1)
		Must(t, err, "pending for")
		if len(ns) != 2 || ns[0].ID != n1.ID || ns[0].Title != "采购 PCBA" || !ns[0].CreatedAt.Equal(now) || ns[0].QueuedAt != nil {
			t.Fatalf("pending = %+v", ns)
		}
		Must(t, s.Notices.MarkQueued(ctx, []string{ns[0].ID, ns[1].ID}, "instant:k", now), "mark")
		ns, err = s.Notices.PendingFor(ctx, u1)
		Must(t, err, "pending after mark")
		users, err = s.Notices.PendingUsers(ctx, "", 10)
		Must(t, err, "pending users after mark")
		if len(ns) != 0 || !slices.Equal(users, []string{u2}) {
			t.Fatalf("after mark: %d pending, users %v", len(ns), users)
		}
		// List walks every notice, queued or not, by ID, a page at a time.
		var listed []domain.Notice
		for after := ""; ; {
			page, err := s.Notices.List(ctx, after, 2)
			Must(t, err, "list notices")
			if len(page) == 0 {
				break
			}
			listed = append(listed, page...)
			after = page[len(page)-1].ID
		}
		if len(listed) != 3 || !slices.IsSortedFunc(listed, func(a, b domain.Notice) int { return strings.Compare(a.ID, b.ID) }) {
			t.Fatalf("listed %+v", listed)
		}
		for _, n := range listed {
			queued := n.UserID == u1
			if (n.QueuedAt != nil) != queued || queued && (n.MailKey != "instant:k" || !n.QueuedAt.Equal(now)) {
				t.Fatalf("listed notice %+v", n)
			}
			if n.ID == n1.ID && (n.Title != "采购 PCBA" || n.Link != "/leads/x" || !n.CreatedAt.Equal(now)) {
				t.Fatalf("listed first notice %+v", n)
			}
		}
	})

	t.Run("Quotes", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		q := &domain.Quote{MatchID: "m1", LeadID: "l1", SupplierID: "e1", SupplierName: "无锡甲公司", UnitPrice: 1250,
			Currency: "CNY", Quantity: 100, MOQ: 10, LeadTimeDays: 14, ValidUntil: now.Add(72 * time.Hour), Note: "含税",
			CreatedBy: "u1", CreatedAt: now, UpdatedAt: now}
		Must(t, s.Quotes.Put(ctx, q), "put")
		if !domain.ValidID(q.ID) || q.Revision != 1 || !q.ValidUntil.Equal(now.Add(72*time.Hour)) {
			t.Fatalf("stored %+v", q)
		}
		first := q.ID
		q2 := &domain.Quote{MatchID: "m1", LeadID: "l1", SupplierID: "e1", SupplierName: "无锡甲公司", UnitPrice: 1200,
			Currency: "CNY", Quantity: 120, ValidUntil: now.Add(96 * time.Hour), CreatedAt: now.Add(time.Minute), UpdatedAt: now.Add(time.Minute)}
		Must(t, s.Quotes.Put(ctx, q2), "put again")
		if q2.ID != first || q2.Revision != 2 || q2.UnitPrice != 1200 || !q2.CreatedAt.Equal(now) || !q2.UpdatedAt.Equal(now.Add(time.Minute)) {
			t.Fatalf("replaced %+v", q2)
		}
		other := &domain.Quote{MatchID: "m2", LeadID: "l1", SupplierID: "e2", UnitPrice: 99, Currency: "USD", Quantity: 5,
			ValidUntil: now.Add(time.Hour), CreatedAt: now.Add(time.Second), UpdatedAt: now.Add(time.Second)}
		Must(t, s.Quotes.Put(ctx, other), "put other")
		got, err := s.Quotes.ByMatch(ctx, "m1")
		Must(t, err, "by match")
		if got.UnitPrice != 1200 || got.Quantity != 120 || got.Revision != 2 {
			t.Fatalf("by match %+v", got)
		}
		_, err = s.Quotes.ByMatch(ctx, "nope")
		MustNotFound(t, err, "quote of an unknown match")
		all, err := s.Quotes.ByLead(ctx, "l1")
		Must(t, err, "by lead")
		if len(all) != 2 || all[0].MatchID != "m1" || all[1].Currency != "USD" {
			t.Fatalf("by lead %+v", all)
		}
		counts, err := s.Quotes.CountByLeads(ctx, []string{"l1", "l2"})
		Must(t, err, "count")
		if counts["l1"] != 2 || counts["l2"] != 0 {
			t.Fatalf("counts %v", counts)
		}
	})

	t.Run("Shortlists", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		added, err := s.Shortlists.Add(ctx, "l1", "e2", "u1", now)
		Must(t, err, "add")
		again, err := s.Shortlists.Add(ctx, "l1", "e2", "u1", now)
		Must(t, err, "add again")
		_, err = s.Shortlists.Add(ctx, "l1", "e1", "u1", now.Add(time.Second))
		Must(t, err, "add second")
		if !added || again {
			t.Fatalf("added=%v again=%v", added, again)
		}
		ids, err := s.Shortlists.ByLead(ctx, "l1")
		Must(t, err, "by lead")
		if !slices.Equal(ids, []string{"e2", "e1"}) {
			t.Fatalf("shortlist = %v", ids)
		}
		entries, err := s.Shortlists.Entries(ctx, "l1")
		Must(t, err, "entries")
		if len(entries) != 2 || entries[0].EnterpriseID != "e2" || entries[0].AddedBy != "u1" || !entries[0].AddedAt.Equal(now) ||
			entries[1].EnterpriseID != "e1" || !entries[1].AddedAt.Equal(now.Add(time.Second)) {
			t.Fatalf("entries = %+v", entries)
		}
		none, err := s.Shortlists.Entries(ctx, "l2")
		Must(t, err, "entries of a lead without a shortlist")
		if len(none) != 0 {
			t.Fatalf("entries of l2 = %+v", none)
		}
		removed, err := s.Shortlists.Remove(ctx, "l1", "e2")
		Must(t, err, "remove")
		twice, err := s.Shortlists.Remove(ctx, "l1", "e2")
		Must(t, err, "remove again")
		ids, err = s.Shortlists.ByLead(ctx, "l1")
		Must(t, err, "by lead after remove")
		if !removed || twice || !slices.Equal(ids, []string{"e1"}) {
			t.Fatalf("removed=%v twice=%v list=%v", removed, twice, ids)
		}
	})
}
