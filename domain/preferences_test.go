package domain

import (
	"slices"
	"testing"
	"time"
)

func TestPreferencesValidate(t *testing.T) {
	for _, c := range []struct {
		name   string
		in     Preferences
		bad    []string
		optOut []MailKind
		digest DigestFrequency
	}{
		{"defaults", Preferences{Locale: "zh-CN"}, nil, []MailKind{}, DigestOff},
		{"daily lifts a digest opt-out", Preferences{Digest: DigestDaily, Locale: "en", OptOut: []MailKind{MailDigest, MailReminder, MailReminder}},
			nil, []MailKind{MailReminder}, DigestDaily},
		{"bad values", Preferences{Digest: "hourly", Locale: "fr", OptOut: []MailKind{"spam"}}, []string{"digest", "locale", "optOut"}, nil, "hourly"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := c.in
			err := p.Validate()
			if len(c.bad) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(p.OptOut, c.optOut) || p.Digest != c.digest {
					t.Fatalf("normalised to %+v", p)
				}
				return
			}
			ve, ok := err.(*ValidationError)
			if !ok {
				t.Fatalf("err = %v", err)
			}
			for _, f := range c.bad {
				if !ve.Has(f) {
					t.Errorf("no problem on %s: %v", f, err)
				}
			}
		})
	}
}

func TestPreferencesUnsubscribe(t *testing.T) {
	p := &Preferences{Digest: DigestWeekly, OptOut: []MailKind{}}
	if !p.Wants(MailDigest) || !p.Wants(MailReminder) {
		t.Fatal("a weekly subscriber wants the digest and reminders")
	}
	if !p.Unsubscribe(MailDigest) || p.Wants(MailDigest) || p.Digest != DigestOff {
		t.Fatalf("after unsubscribing the digest %+v", p)
	}
	if p.Unsubscribe(MailDigest) {
		t.Error("unsubscribing twice changed something")
	}
	if !p.Unsubscribe(MailChange) || p.Wants(MailChange) || !p.Wants(MailReminder) {
		t.Fatalf("after unsubscribing changes %+v", p)
	}
	if d := DefaultPreferences(&User{ID: "u", Locale: "en"}); d.Digest != DigestOff || d.Locale != "en" || d.Wants(MailDigest) {
		t.Fatalf("defaults %+v", d)
	}
}

func TestOutboxBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour, 6 * time.Hour}
	for i, w := range want {
		if got := OutboxBackoff(i); got != w {
			t.Errorf("OutboxBackoff(%d) = %s, want %s", i, got, w)
		}
	}
	long := make([]byte, 2*MaxErrorText)
	for i := range long {
		long[i] = 'x'
	}
	if n := len(ErrorText(errString(string(long)))); n != MaxErrorText {
		t.Errorf("ErrorText kept %d bytes", n)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
