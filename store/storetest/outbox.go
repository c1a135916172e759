package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Outbox", testOutbox) }

// NewMail returns an unsaved outbox message numbered i with its own dedup key.
func NewMail(i int, kind domain.MailKind) *domain.OutboxMessage {
	return &domain.OutboxMessage{
		DedupKey: fmt.Sprintf("%s:user%d:daily:2026-11-27", kind, i),
		Kind:     kind,
		UserID:   domain.NewID(),
		To:       fmt.Sprintf("user%d@example.test", i),
		Subject:  fmt.Sprintf("对接 · 每日摘要 %d", i),
		HTML:     "<p>新的匹配线索</p>",
		Text:     "新的匹配线索",
		Headers: map[string]string{
			"List-Unsubscribe":      "<https://duijie.example.org/unsubscribe/abc>",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		},
	}
}

func testOutbox(t *testing.T, open Opener) {
	now := Ms(time.Now())

	t.Run("EnqueueIsIdempotent", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		m := NewMail(1, domain.MailDigest)
		m.CreatedAt = now
		created, err := s.Outbox.Enqueue(ctx, m)
		Must(t, err, "enqueue")
		if !created || !domain.ValidID(m.ID) || m.Status != domain.OutboxPending || !m.NextAttemptAt.Equal(now) {
			t.Fatalf("enqueue: created=%v message %+v", created, m)
		}
		again := NewMail(1, domain.MailDigest)
		again.Subject = "a second composition"
		created, err = s.Outbox.Enqueue(ctx, again)
		Must(t, err, "enqueue again")
		if created || again.ID != "" {
			t.Fatalf("second enqueue of one key: created=%v id=%q", created, again.ID)
		}
		got, err := s.Outbox.Get(ctx, m.ID)
		Must(t, err, "get")
		want := *m
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("get:\n got  %+v\n want %+v", *got, want)
		}
		_, total, _ := listAll(t, s, store.OutboxFilter{})
		if total != 1 {
			t.Fatalf("%d messages stored, want 1", total)
		}
		_, err = s.Outbox.Get(ctx, domain.NewID())
		MustNotFound(t, err, "get unknown")
	})

	t.Run("ClaimSendRetryFail", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		var ids []string
		for i := range 5 {
			m := NewMail(i, domain.MailDigest)
			m.CreatedAt = now.Add(time.Duration(i) * time.Millisecond)
			if i == 4 {
				m.NextAttemptAt = now.Add(time.Hour) // not due yet
			}
			_, err := s.Outbox.Enqueue(ctx, m)
			Must(t, err, "enqueue")
			ids = append(ids, m.ID)
		}
		at := now.Add(time.Second) // every message but the last is due
		got, err := s.Outbox.Claim(ctx, "a", at, at.Add(time.Minute), 3)
		Must(t, err, "claim")
		sameIDs(t, "first claim", mailIDs(got), ids[:3])
		for _, m := range got {
			if m.Status != domain.OutboxSending || m.ClaimedBy != "a" || m.Attempts != 1 || m.HTML == "" {
				t.Fatalf("claimed message %+v", m)
			}
		}
		got2, err := s.Outbox.Claim(ctx, "b", at, at.Add(time.Minute), 10)
		Must(t, err, "second claim")
		sameIDs(t, "second claim takes what is left and due", mailIDs(got2), ids[3:4])

		Must(t, s.Outbox.MarkSent(ctx, ids[0], "a", now.Add(time.Second)), "mark sent")
		if err := s.Outbox.MarkSent(ctx, ids[3], "a", now); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("mark sent by a non-claimant: err = %v, want ErrConflict", err)
		}
		Must(t, s.Outbox.Retry(ctx, ids[1], "a", "451 try later", now.Add(5*time.Minute)), "retry")
		Must(t, s.Outbox.Fail(ctx, ids[2], "a", "550 no such user", now.Add(time.Second)), "fail")
		if err := s.Outbox.MarkSent(ctx, ids[0], "a", now); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("mark sent twice: err = %v, want ErrConflict", err)
		}

		sent, _ := s.Outbox.Get(ctx, ids[0])
		if sent.Status != domain.OutboxSent || sent.SentAt == nil || !sent.SentAt.Equal(now.Add(time.Second)) {
			t.Fatalf("sent message %+v", sent)
		}
		retried, _ := s.Outbox.Get(ctx, ids[1])
		if retried.Status != domain.OutboxPending || retried.LastError != "451 try later" ||
			!retried.NextAttemptAt.Equal(now.Add(5*time.Minute)) || retried.Attempts != 1 {
			t.Fatalf("retried message %+v", retried)
		}
		failed, _ := s.Outbox.Get(ctx, ids[2])
		if failed.Status != domain.OutboxFailed || failed.LastError != "550 no such user" {
			t.Fatalf("failed message %+v", failed)
		}

		none, err := s.Outbox.Claim(ctx, "a", at.Add(time.Minute-time.Millisecond), now.Add(2*time.Minute), 10)
		Must(t, err, "claim with nothing due")
		sameIDs(t, "nothing due", mailIDs(none), nil)
		// b's claim on ids[3] ran out a minute after at: it is due again, as is the retry at now+5m.
		later, err := s.Outbox.Claim(ctx, "c", now.Add(5*time.Minute), now.Add(6*time.Minute), 10)
		Must(t, err, "claim later")
		sameIDs(t, "later claim", mailIDs(later), []string{ids[3], ids[1]})
		for _, m := range later {
			if m.Attempts != 2 {
				t.Errorf("message %s attempts = %d, want 2", m.ID, m.Attempts)
			}
		}
		if err := s.Outbox.MarkSent(ctx, ids[3], "b", now); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("mark sent on a claim taken over: err = %v, want ErrConflict", err)
		}

		counts, err := s.Outbox.Counts(ctx)
		Must(t, err, "counts")
		want := map[domain.OutboxStatus]int{domain.OutboxPending: 1, domain.OutboxSending: 2, domain.OutboxSent: 1, domain.OutboxFailed: 1}
		if !reflect.DeepEqual(counts, want) {
			t.Fatalf("counts = %v, want %v", counts, want)
		}
	})

	t.Run("List", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		var all, reminders []string
		for i := range 7 {
			kind := domain.MailDigest
			if i%2 == 1 {
				kind = domain.MailReminder
			}
			m := NewMail(i, kind)
			m.CreatedAt = now.Add(time.Duration(i) * time.Second)
			_, err := s.Outbox.Enqueue(ctx, m)
			Must(t, err, "enqueue")
			all = append([]string{m.ID}, all...)
			if kind == domain.MailReminder {
				reminders = append([]string{m.ID}, reminders...)
			}
		}
		got, total, page := listAll(t, s, store.OutboxFilter{})
		sameIDs(t, "all, newest first", got, all)
		if total != 7 || page[0].HTML != "" || page[0].Text != "" || page[0].Subject == "" {
			t.Fatalf("total %d, first listed %+v (bodies must be left out)", total, page[0])
		}
		got, total, _ = listAll(t, s, store.OutboxFilter{Kind: domain.MailReminder})
		sameIDs(t, "reminders", got, reminders)
		if total != 3 {
			t.Fatalf("reminder total %d, want 3", total)
		}
		got, _, _ = listAll(t, s, store.OutboxFilter{To: "user2@example.test"})
		sameIDs(t, "by recipient", got, all[4:5])
		_, err := s.Outbox.Claim(ctx, "a", now.Add(time.Hour), now.Add(2*time.Hour), 2)
		Must(t, err, "claim")
		got, total, _ = listAll(t, s, store.OutboxFilter{Status: domain.OutboxSending})
		if total != 2 || len(got) != 2 {
			t.Fatalf("sending: %d listed, total %d, want 2", len(got), total)
		}
		_, _, _, err = s.Outbox.List(ctx, store.OutboxFilter{}, store.Page{Cursor: "%%%"})
		MustInvalid(t, err, "cursor", "bad cursor")
	})
}

// testOutboxClaimRace has several senders claim one backlog at once: every message must be
// claimed exactly once. Engines run it only where conditional writes are atomic.
func testOutboxClaimRace(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	now := Ms(time.Now())
	const n = 60
	for i := range n {
		_, err := s.Outbox.Enqueue(ctx, NewMail(i, domain.MailDigest))
		Must(t, err, "enqueue")
	}
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Go(func() {
			for {
				got, err := s.Outbox.Claim(ctx, fmt.Sprintf("sender-%d", w), now.Add(time.Second), now.Add(time.Hour), 7)
				if err != nil {
					t.Errorf("claim: %v", err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					seen[m.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("%d of %d messages claimed", len(seen), n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Fatalf("message %s claimed %d times", id, c)
		}
	}
}

func mailIDs(ms []domain.OutboxMessage) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

// listAll pages through the outbox three at a time and returns the IDs, the total and the
// first page.
func listAll(t *testing.T, s *store.Store, f store.OutboxFilter) ([]string, int, []domain.OutboxMessage) {
	t.Helper()
	var (
		total int
		first []domain.OutboxMessage
	)
	ids := walk(t, 3, func(c string) ([]string, string, error) {
		ms, next, n, err := s.Outbox.List(t.Context(), f, store.Page{Limit: 3, Cursor: c})
		if first == nil {
			first = ms
		}
		total = n
		return mailIDs(ms), next, err
	})
	return ids, total, first
}
