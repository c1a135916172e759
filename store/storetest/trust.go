package storetest

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() { register("Trust", testTrust) }

func testTrust(t *testing.T, open Opener) {
	now := Ms(time.Now())

	t.Run("TokensRevokedBySessionAndUser", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		user, other := domain.NewID(), domain.NewID()
		bound := newToken(user, now, now.Add(time.Hour))
		bound.SessionID = "session-1"
		free := newToken(user, now, now.Add(time.Hour))
		foreign := newToken(other, now, now.Add(time.Hour))
		for _, tk := range []*domain.APIToken{bound, free, foreign} {
			Must(t, s.Tokens.Create(ctx, tk), "create")
		}
		got, err := s.Tokens.GetByHash(ctx, bound.Hash, now)
		Must(t, err, "get bound")
		if got.SessionID != "session-1" {
			t.Errorf("SessionID = %q, want session-1", got.SessionID)
		}
		n, err := s.Tokens.DeleteBySession(ctx, "")
		Must(t, err, "delete by empty session")
		if n != 0 {
			t.Errorf("an empty session ID revoked %d tokens", n)
		}
		n, err = s.Tokens.DeleteBySession(ctx, "session-1")
		Must(t, err, "delete by session")
		if n != 1 {
			t.Errorf("DeleteBySession = %d, want 1", n)
		}
		_, err = s.Tokens.GetByHash(ctx, bound.Hash, now)
		MustNotFound(t, err, "bound token after its session ended")
		_, err = s.Tokens.GetByHash(ctx, free.Hash, now)
		Must(t, err, "a token of no session survives")
		n, err = s.Tokens.DeleteByUser(ctx, user)
		Must(t, err, "delete by user")
		if n != 1 {
			t.Errorf("DeleteByUser = %d, want 1", n)
		}
		_, err = s.Tokens.GetByHash(ctx, foreign.Hash, now)
		Must(t, err, "another user's token survives")
	})

	t.Run("Verification", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		e := NewEnterprise(9101)
		Must(t, s.Enterprises.Create(ctx, e), "create")
		if e.Verification != domain.VerificationUnverified {
			t.Fatalf("new enterprise: %q, want unverified", e.Verification)
		}
		_, err := s.Enterprises.SetVerification(ctx, e.ID, domain.VerificationVerified, "", now, domain.VerificationPending)
		MustConflict(t, err, "verification", "verify an unverified one when pending is required")
		got, err := s.Enterprises.SetVerification(ctx, e.ID, domain.VerificationPending, "", now,
			domain.VerificationUnverified, domain.VerificationRejected)
		Must(t, err, "to pending")
		if got.Verification != domain.VerificationPending || got.VerifiedAt != nil {
			t.Errorf("after upload: %+v", got)
		}
		// A profile saved from a copy read before the decision does not undo it.
		stale := *got
		got, err = s.Enterprises.SetVerification(ctx, e.ID, domain.VerificationVerified, "", now.Add(time.Minute),
			domain.VerificationPending)
		Must(t, err, "verify")
		if got.VerifiedAt == nil || !Ms(*got.VerifiedAt).Equal(now.Add(time.Minute)) {
			t.Errorf("VerifiedAt = %v", got.VerifiedAt)
		}
		stale.Description = "edited meanwhile"
		stale.Verification = domain.VerificationUnverified
		Must(t, s.Enterprises.Update(ctx, &stale), "stale update")
		got, err = s.Enterprises.Get(ctx, e.ID)
		Must(t, err, "get")
		if got.Verification != domain.VerificationVerified || got.Description != "edited meanwhile" {
			t.Errorf("after stale update: verification %q description %q", got.Verification, got.Description)
		}
		// Rejection keeps its reason and clears the verification date.
		got, err = s.Enterprises.SetVerification(ctx, e.ID, domain.VerificationRejected, "执照模糊", now)
		Must(t, err, "reject")
		if got.VerificationNote != "执照模糊" || got.VerifiedAt != nil {
			t.Errorf("after reject: %+v", got)
		}
		_, err = s.Enterprises.SetVerification(ctx, domain.NewID(), domain.VerificationVerified, "", now)
		MustNotFound(t, err, "set verification of a missing enterprise")

		// The listing filters by state; imports create verified firms and keep known ones' state.
		other := NewEnterprise(9102)
		other.Verification = domain.VerificationVerified
		_, _, err = s.Enterprises.UpsertByUSCC(ctx, []domain.Enterprise{*other, *NewEnterprise(9101)}, nil)
		Must(t, err, "upsert")
		for state, want := range map[domain.Verification]int{domain.VerificationRejected: 1, domain.VerificationVerified: 1,
			domain.VerificationPending: 0} {
			_, _, total, err := s.Enterprises.List(ctx, store.EnterpriseFilter{Verification: state}, store.Page{Limit: 10})
			Must(t, err, "list by state")
			if total != want {
				t.Errorf("%s: total %d, want %d", state, total, want)
			}
		}
		got, err = s.Enterprises.GetByUSCC(ctx, e.USCC)
		Must(t, err, "get re-imported")
		if got.Verification != domain.VerificationRejected {
			t.Errorf("re-import changed the verification to %q", got.Verification)
		}
	})

	t.Run("Licences", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		id := domain.NewID()
		_, err := s.Licences.Get(ctx, id)
		MustNotFound(t, err, "no licence yet")
		first := &domain.Licence{EnterpriseID: id, FileName: "执照.pdf", ContentType: "application/pdf",
			Data: []byte("%PDF-1.4 first"), UploadedBy: "u1", UploadedAt: now}
		Must(t, s.Licences.Put(ctx, first), "put")
		second := *first
		second.FileName, second.Data, second.ContentType = "licence.png", bytes.Repeat([]byte{0x89, 'P'}, 200_000), "image/png"
		Must(t, s.Licences.Put(ctx, &second), "replace")
		got, err := s.Licences.Get(ctx, id)
		Must(t, err, "get")
		if got.FileName != "licence.png" || got.ContentType != "image/png" || !bytes.Equal(got.Data, second.Data) ||
			!got.UploadedAt.Equal(now) || got.UploadedBy != "u1" {
			t.Errorf("licence = %s %s %d bytes %v", got.FileName, got.ContentType, len(got.Data), got.UploadedAt)
		}
	})

	t.Run("Limits", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		const w = time.Minute
		for i := 1; i <= 3; i++ {
			c, err := s.Limits.Hit(ctx, "pair:a", now.Add(time.Duration(i)*time.Second), w)
			Must(t, err, "hit")
			if c.Count != i || !c.First.Equal(now.Add(time.Second)) || !c.Last.Equal(now.Add(time.Duration(i)*time.Second)) {
				t.Fatalf("hit %d: %+v", i, c)
			}
		}
		c, err := s.Limits.Get(ctx, "pair:a", now.Add(10*time.Second), w)
		Must(t, err, "get")
		if c.Count != 3 {
			t.Errorf("get: %+v", c)
		}
		c, err = s.Limits.Get(ctx, "pair:a", now.Add(2*w), w)
		Must(t, err, "get after the window")
		if c.Count != 0 {
			t.Errorf("stale counter still counts: %+v", c)
		}
		c, err = s.Limits.Hit(ctx, "pair:a", now.Add(2*w), w)
		Must(t, err, "hit after the window")
		if c.Count != 1 || !c.First.Equal(now.Add(2*w)) {
			t.Errorf("hit after the window starts again: %+v", c)
		}
		c, err = s.Limits.Get(ctx, "other", now, w)
		Must(t, err, "get unknown")
		if c.Count != 0 {
			t.Errorf("unknown key: %+v", c)
		}
		Must(t, s.Limits.Reset(ctx, "pair:a"), "reset")
		Must(t, s.Limits.Reset(ctx, "pair:a"), "reset twice")
		c, _ = s.Limits.Get(ctx, "pair:a", now.Add(2*w), w)
		if c.Count != 0 {
			t.Errorf("after reset: %+v", c)
		}
		_, err = s.Limits.Hit(ctx, "old", now, w)
		Must(t, err, "hit old")
		_, err = s.Limits.Hit(ctx, "new", now.Add(time.Hour), w)
		Must(t, err, "hit new")
		n, err := s.Limits.DeleteIdle(ctx, now.Add(time.Minute))
		Must(t, err, "delete idle")
		if n != 1 {
			t.Errorf("DeleteIdle = %d, want 1", n)
		}
	})

	t.Run("AccountLinks", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		ent := domain.NewID()
		reset := &domain.AccountLink{ID: domain.RandomToken(32), Kind: domain.LinkReset, UserID: "u1", Email: "a@example.cn",
			CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
		invite := &domain.AccountLink{ID: domain.RandomToken(32), Kind: domain.LinkInvite, Email: "b@example.cn", Name: "王工",
			EnterpriseID: ent, CreatedBy: "u1", CreatedAt: now, ExpiresAt: now.Add(7 * 24 * time.Hour)}
		Must(t, s.AccountLinks.Create(ctx, reset), "create reset")
		Must(t, s.AccountLinks.Create(ctx, invite), "create invite")
		_, err := s.AccountLinks.Get(ctx, reset.ID, domain.LinkInvite, now)
		MustNotFound(t, err, "a reset link is no invitation")
		got, err := s.AccountLinks.Get(ctx, invite.ID, domain.LinkInvite, now)
		Must(t, err, "get invite")
		if got.Name != "王工" || got.EnterpriseID != ent || got.Email != "b@example.cn" || got.UsedAt != nil {
			t.Errorf("invite = %+v", got)
		}
		_, err = s.AccountLinks.Get(ctx, reset.ID, domain.LinkReset, now.Add(time.Hour))
		MustNotFound(t, err, "reset link at expiry")
		ls, err := s.AccountLinks.Invitations(ctx, ent, now)
		Must(t, err, "invitations")
		if len(ls) != 1 || ls[0].ID != invite.ID {
			t.Errorf("invitations = %+v", ls)
		}
		used, err := s.AccountLinks.Use(ctx, reset.ID, domain.LinkReset, now.Add(time.Minute))
		Must(t, err, "use")
		if used.UsedAt == nil || used.UserID != "u1" {
			t.Errorf("used = %+v", used)
		}
		_, err = s.AccountLinks.Use(ctx, reset.ID, domain.LinkReset, now.Add(time.Minute))
		if !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("second use: %v, want not found", err)
		}
		Must(t, s.AccountLinks.Revoke(ctx, domain.LinkInvite, "", "b@example.cn", now), "revoke")
		ls, err = s.AccountLinks.Invitations(ctx, ent, now)
		Must(t, err, "invitations after revoke")
		if len(ls) != 0 {
			t.Errorf("revoked invitation still listed: %+v", ls)
		}
		_, err = s.AccountLinks.Use(ctx, invite.ID, domain.LinkInvite, now)
		MustNotFound(t, err, "use a revoked invitation")
		// List walks every link, used or not, by ID, a page at a time.
		var listed []domain.AccountLink
		for after := ""; ; {
			page, err := s.AccountLinks.List(ctx, after, 1)
			Must(t, err, "list links")
			if len(page) == 0 {
				break
			}
			listed = append(listed, page...)
			after = page[len(page)-1].ID
		}
		if len(listed) != 2 || listed[0].ID >= listed[1].ID {
			t.Fatalf("listed %+v", listed)
		}
		for _, l := range listed {
			want := reset
			if l.ID == invite.ID {
				want = invite
			}
			if l.Kind != want.Kind || l.Email != want.Email || l.Name != want.Name || l.EnterpriseID != want.EnterpriseID ||
				l.UserID != want.UserID || !l.CreatedAt.Equal(want.CreatedAt) || !l.ExpiresAt.Equal(want.ExpiresAt) ||
				l.UsedAt == nil {
				t.Errorf("listed link %+v, want %+v used", l, want)
			}
		}
	})
}
