package storetest

import (
	"reflect"
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("Sessions", testSessions) }

func newSession(userID string, now time.Time, ttl time.Duration) *domain.Session {
	return &domain.Session{
		ID:        domain.RandomToken(32),
		UserID:    userID,
		CSRFToken: domain.RandomToken(16),
		CreatedAt: now,
		ExpiresAt: now.Add(ttl),
	}
}

func testSessions(t *testing.T, open Opener) {
	now := Ms(time.Now())

	t.Run("CreateGetExpire", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		se := newSession(domain.NewID(), now, time.Hour)
		Must(t, s.Sessions.Create(ctx, se), "create")
		got, err := s.Sessions.Get(ctx, se.ID, now)
		Must(t, err, "get")
		want := *se
		want.CreatedAt, want.ExpiresAt = Ms(want.CreatedAt), Ms(want.ExpiresAt)
		got.CreatedAt, got.ExpiresAt = Ms(got.CreatedAt), Ms(got.ExpiresAt)
		if !reflect.DeepEqual(*got, want) {
			t.Fatalf("get:\n got  %+v\n want %+v", *got, want)
		}
		_, err = s.Sessions.Get(ctx, se.ID, now.Add(2*time.Hour))
		MustNotFound(t, err, "get after expiry")
		_, err = s.Sessions.Get(ctx, domain.RandomToken(32), now)
		MustNotFound(t, err, "get unknown")
	})

	t.Run("Delete", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		u1, u2 := domain.NewID(), domain.NewID()
		a, b, c := newSession(u1, now, time.Hour), newSession(u1, now, time.Hour), newSession(u2, now, time.Hour)
		for _, se := range []*domain.Session{a, b, c} {
			Must(t, s.Sessions.Create(ctx, se), "create")
		}
		Must(t, s.Sessions.Delete(ctx, a.ID), "delete")
		_, err := s.Sessions.Get(ctx, a.ID, now)
		MustNotFound(t, err, "get deleted")
		Must(t, s.Sessions.Delete(ctx, a.ID), "delete twice")
		_, err = s.Sessions.Get(ctx, b.ID, now)
		Must(t, err, "sibling survives delete")

		Must(t, s.Sessions.DeleteByUser(ctx, u1), "delete by user")
		_, err = s.Sessions.Get(ctx, b.ID, now)
		MustNotFound(t, err, "get after delete by user")
		_, err = s.Sessions.Get(ctx, c.ID, now)
		Must(t, err, "other user's session survives")
		Must(t, s.Sessions.DeleteByUser(ctx, domain.NewID()), "delete by user without sessions")
	})

	t.Run("DeleteExpired", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		var live []string
		for _, ttl := range []time.Duration{-24 * time.Hour, -time.Hour, -time.Minute, time.Minute, 30 * 24 * time.Hour} {
			se := newSession(domain.NewID(), now.Add(-48*time.Hour), 48*time.Hour+ttl)
			Must(t, s.Sessions.Create(ctx, se), "create")
			if ttl > 0 {
				live = append(live, se.ID)
			}
		}
		n, err := s.Sessions.DeleteExpired(ctx, now)
		Must(t, err, "delete expired")
		if n != 3 {
			t.Fatalf("deleted %d, want 3", n)
		}
		n, err = s.Sessions.DeleteExpired(ctx, now)
		Must(t, err, "delete expired again")
		if n != 0 {
			t.Fatalf("second run deleted %d, want 0", n)
		}
		for _, id := range live {
			_, err := s.Sessions.Get(ctx, id, now)
			Must(t, err, "live session survives")
		}
	})
}
