package storetest

import (
	"testing"
	"time"

	"duijie/domain"
	"duijie/store"
)

func init() {
	register("Checkins", testCheckins)
	register("Calendars", testCalendars)
}

func testCheckins(t *testing.T, open Opener) {
	t.Run("EveryScanLogged", func(t *testing.T) {
		s, ctx := open(t), t.Context()
		now := Ms(time.Now())
		e := MustCreateEvent(t, s, NewEvent("L1", 10, 1))
		other := MustCreateEvent(t, s, NewEvent("L1", 10, 1))
		in := mustRegister(t, s, NewRegistration(e, 1, 1), now)
		wait := mustRegister(t, s, NewRegistration(e, 2, 1), now)
		elsewhere := mustRegister(t, s, NewRegistration(other, 3, 1), now)

		scan := func(code string, at time.Time) (*domain.Registration, *domain.Checkin) {
			t.Helper()
			r, c, err := s.Checkins.CheckIn(ctx, e.ID, code, "organiser-1", "iPad 入口A", at)
			Must(t, err, "check in")
			if c.EventID != e.ID || c.ScannedBy != "organiser-1" || c.Device != "iPad 入口A" || !c.At.Equal(at) || c.Code != code {
				t.Fatalf("logged scan = %+v", c)
			}
			return r, c
		}
		first := now.Add(time.Minute)
		r, c := scan(in.CheckinCode, first)
		if c.Result != domain.CheckinOK || r.ID != in.ID || r.CheckedInAt == nil || !r.CheckedInAt.Equal(first) || c.RegistrationID != in.ID {
			t.Fatalf("first scan: %+v %+v", r, c)
		}
		r, c = scan(in.CheckinCode, first.Add(time.Minute))
		if c.Result != domain.CheckinAlready || !r.CheckedInAt.Equal(first) {
			t.Fatalf("second scan: %+v %+v, want already checked in at %v", r, c, first)
		}
		if r, c = scan(wait.CheckinCode, first); c.Result != domain.CheckinNotConfirmed || r.ID != wait.ID {
			t.Fatalf("waitlisted scan: %+v %+v", r, c)
		}
		if r, c = scan(elsewhere.CheckinCode, first); c.Result != domain.CheckinUnknown || r != nil || c.RegistrationID != "" {
			t.Fatalf("another event's code: %+v %+v", r, c)
		}
		if _, c = scan("ZZZZ-ZZZZ", first.Add(time.Hour)); c.Result != domain.CheckinUnknown {
			t.Fatalf("unknown code: %+v", c)
		}
		got, err := s.Registrations.Get(ctx, in.ID)
		Must(t, err, "get")
		if got.CheckedInAt == nil || !got.CheckedInAt.Equal(first) {
			t.Fatalf("stored check-in time = %v", got.CheckedInAt)
		}
		counts, err := s.Registrations.Counts(ctx, e.ID)
		Must(t, err, "counts")
		if counts.CheckedIn != 1 {
			t.Fatalf("checked in = %d", counts.CheckedIn)
		}

		log, next, total, err := s.Checkins.List(ctx, e.ID, store.Page{Limit: 3})
		Must(t, err, "list")
		if total != 5 || len(log) != 3 || next == "" || log[0].Code != "ZZZZ-ZZZZ" {
			t.Fatalf("log page: total %d, %+v", total, log)
		}
		rest, next, _, err := s.Checkins.List(ctx, e.ID, store.Page{Limit: 3, Cursor: next})
		Must(t, err, "list page 2")
		if len(rest) != 2 || next != "" {
			t.Fatalf("log page 2: %+v next %q", rest, next)
		}
	})
}

func testCalendars(t *testing.T, open Opener) {
	s, ctx := open(t), t.Context()
	tok, err := s.Calendars.Token(ctx, "user-1")
	Must(t, err, "token")
	again, err := s.Calendars.Token(ctx, "user-1")
	Must(t, err, "token again")
	other, err := s.Calendars.Token(ctx, "user-2")
	Must(t, err, "other token")
	if len(tok) < 32 || tok != again || tok == other {
		t.Fatalf("tokens %q %q %q", tok, again, other)
	}
	who, err := s.Calendars.User(ctx, tok)
	Must(t, err, "user")
	if who != "user-1" {
		t.Fatalf("user = %q", who)
	}
	fresh, err := s.Calendars.Reset(ctx, "user-1")
	Must(t, err, "reset")
	_, err = s.Calendars.User(ctx, tok)
	MustNotFound(t, err, "old token after reset")
	if who, err = s.Calendars.User(ctx, fresh); err != nil || who != "user-1" {
		t.Fatalf("new token: %q %v", who, err)
	}
	_, err = s.Calendars.User(ctx, "nope")
	MustNotFound(t, err, "unknown token")
}
