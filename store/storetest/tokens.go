package storetest

import (
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("Tokens", testTokens) }

func newToken(userID string, created, expires time.Time) *domain.APIToken {
	return &domain.APIToken{
		UserID:    userID,
		Name:      "script",
		Hash:      domain.RandomToken(32),
		CreatedAt: created,
		ExpiresAt: expires,
	}
}

func normToken(tk domain.APIToken) domain.APIToken {
	tk.CreatedAt, tk.ExpiresAt, tk.LastUsedAt = Ms(tk.CreatedAt), Ms(tk.ExpiresAt), msPtr(tk.LastUsedAt)
	return tk
}

var sameToken = sameAs(normToken)

func testTokens(t *testing.T, open Opener) {
	now := Ms(time.Now())

	t.Run("CreateGetExpire", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		tk := newToken(domain.NewID(), now, now.Add(time.Hour))
		Must(t, s.Tokens.Create(ctx, tk), "create")
		if !domain.ValidID(tk.ID) {
			t.Fatalf("ID = %q, want a domain.NewID", tk.ID)
		}
		got, err := s.Tokens.GetByHash(ctx, tk.Hash, now)
		Must(t, err, "get")
		sameToken(t, "get", got, tk)
		_, err = s.Tokens.GetByHash(ctx, tk.Hash, now.Add(time.Hour))
		MustNotFound(t, err, "get at expiry")
		_, err = s.Tokens.GetByHash(ctx, domain.RandomToken(32), now)
		MustNotFound(t, err, "get unknown")

		forever := newToken(tk.UserID, now, time.Time{})
		Must(t, s.Tokens.Create(ctx, forever), "create without expiry")
		got, err = s.Tokens.GetByHash(ctx, forever.Hash, now.AddDate(50, 0, 0))
		Must(t, err, "a token without expiry never expires")
		if !got.ExpiresAt.IsZero() {
			t.Fatalf("ExpiresAt = %v, want zero", got.ExpiresAt)
		}
	})

	t.Run("HashTaken", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		a := newToken(domain.NewID(), now, now.Add(time.Hour))
		Must(t, s.Tokens.Create(ctx, a), "create")
		b := newToken(domain.NewID(), now, now.Add(time.Hour))
		b.Hash = a.Hash
		MustConflict(t, s.Tokens.Create(ctx, b), "hash", "create with a taken hash")
	})

	t.Run("ListDeleteTouch", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		owner, other := domain.NewID(), domain.NewID()
		var mine []string // newest first
		for i := range 3 {
			tk := newToken(owner, now.Add(time.Duration(i)*time.Minute), now.Add(time.Hour))
			Must(t, s.Tokens.Create(ctx, tk), "create")
			mine = append([]string{tk.ID}, mine...)
		}
		theirs := newToken(other, now, now.Add(time.Hour))
		Must(t, s.Tokens.Create(ctx, theirs), "create other")

		ids := func(user string) []string {
			ts, err := s.Tokens.ListByUser(ctx, user)
			Must(t, err, "list")
			out := []string{}
			for _, tk := range ts {
				if tk.UserID != user {
					t.Fatalf("token of %s listed for %s", tk.UserID, user)
				}
				out = append(out, tk.ID)
			}
			return out
		}
		sameIDs(t, "list newest first", ids(owner), mine)

		MustNotFound(t, s.Tokens.Delete(ctx, owner, theirs.ID), "delete someone else's token")
		sameIDs(t, "other user's tokens untouched", ids(other), []string{theirs.ID})
		Must(t, s.Tokens.Delete(ctx, owner, mine[1]), "delete")
		sameIDs(t, "after delete", ids(owner), []string{mine[0], mine[2]})
		MustNotFound(t, s.Tokens.Delete(ctx, owner, mine[1]), "delete twice")

		used := now.Add(5 * time.Minute)
		Must(t, s.Tokens.Touch(ctx, theirs.ID, used), "touch")
		got, err := s.Tokens.GetByHash(ctx, theirs.Hash, now)
		Must(t, err, "get touched")
		if got.LastUsedAt == nil || !got.LastUsedAt.Equal(used) {
			t.Fatalf("LastUsedAt = %v, want %v", got.LastUsedAt, used)
		}
		MustNotFound(t, s.Tokens.Touch(ctx, domain.NewID(), used), "touch unknown")
	})
}
