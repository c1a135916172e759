package storetest

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"duijie/domain"
)

func init() { register("Preferences", testPreferences) }

// NewPreferences returns unsaved preferences of userID with a fresh unsubscribe token.
func NewPreferences(userID string, digest domain.DigestFrequency) *domain.Preferences {
	return &domain.Preferences{
		UserID: userID, Digest: digest, Locale: "zh-CN", OptOut: []domain.MailKind{},
		UnsubscribeToken: domain.RandomToken(24), UpdatedAt: Ms(time.Now()),
	}
}

func testPreferences(t *testing.T, open Opener) {
	t.Run("PutGetByToken", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		uid := domain.NewID()
		_, err := s.Preferences.Get(ctx, uid)
		MustNotFound(t, err, "get before put")
		p := NewPreferences(uid, domain.DigestDaily)
		Must(t, s.Preferences.Put(ctx, p), "put")
		got, err := s.Preferences.Get(ctx, uid)
		Must(t, err, "get")
		if !reflect.DeepEqual(*got, *p) {
			t.Fatalf("get:\n got  %+v\n want %+v", *got, *p)
		}
		p.Digest, p.Locale, p.OptOut = domain.DigestOff, "en", []domain.MailKind{domain.MailDigest, domain.MailReminder}
		p.UpdatedAt = p.UpdatedAt.Add(time.Minute)
		Must(t, s.Preferences.Put(ctx, p), "replace")
		got, err = s.Preferences.ByToken(ctx, p.UnsubscribeToken)
		Must(t, err, "by token")
		if !reflect.DeepEqual(*got, *p) {
			t.Fatalf("by token:\n got  %+v\n want %+v", *got, *p)
		}
		_, err = s.Preferences.ByToken(ctx, domain.RandomToken(24))
		MustNotFound(t, err, "unknown token")

		other := NewPreferences(domain.NewID(), domain.DigestDaily)
		other.UnsubscribeToken = p.UnsubscribeToken
		MustConflict(t, s.Preferences.Put(ctx, other), "unsubscribeToken", "put with a taken token")
	})

	t.Run("ListDigestWalk", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		var daily []string
		for i := range 9 {
			f := domain.DigestDaily
			switch i % 3 {
			case 1:
				f = domain.DigestWeekly
			case 2:
				f = domain.DigestOff
			}
			p := NewPreferences(domain.NewID(), f)
			Must(t, s.Preferences.Put(ctx, p), "put")
			if f == domain.DigestDaily {
				daily = append(daily, p.UserID)
			}
		}
		slices.Sort(daily)
		var got []string
		after := ""
		for range 10 {
			ps, err := s.Preferences.ListDigest(ctx, domain.DigestDaily, after, 2)
			Must(t, err, "list digest")
			if len(ps) == 0 {
				break
			}
			for _, p := range ps {
				got = append(got, p.UserID)
			}
			after = ps[len(ps)-1].UserID
		}
		sameIDs(t, "daily walk in user order", got, daily)
		weekly, err := s.Preferences.ListDigest(ctx, domain.DigestWeekly, "", 100)
		Must(t, err, "list weekly")
		if len(weekly) != 3 {
			t.Fatalf("%d weekly, want 3", len(weekly))
		}
	})
}
