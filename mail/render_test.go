package mail

import (
	"strings"
	"testing"

	"duijie/domain"
	"duijie/locales"
)

func sampleDigest() *DigestData {
	return &DigestData{
		Period: "daily", PeriodLabel: "2026-11-27",
		Leads: []DigestLead{{Title: "冷库温度远程监测改造 <急>", Why: "物联网 · 温湿度传感器 · 无锡本地",
			Link: "https://duijie.example.org/leads/abc"}},
		Events: []DigestEvent{{Title: "2026 世界物联网博览会", When: "2026-11-30 09:00 (UTC+8)", Venue: "太湖国际博览中心",
			Status: "已确认", Link: "https://duijie.example.org/events/e1"}},
		Changes: []DigestChange{{Event: "集成电路对接会", Field: "场馆", Old: "A 馆", New: "B 馆", Link: "https://duijie.example.org/events/e2"}},
		Answers: []DigestAnswer{{Title: "功率模块采购", Kind: "待回复的匹配线索", Link: "https://duijie.example.org/matches/m1"}},
	}
}

func TestComposeEveryTemplateInBothLocales(t *testing.T) {
	r, err := NewRenderer("https://duijie.example.org")
	if err != nil {
		t.Fatal(err)
	}
	to := Recipient{UserID: "u1", Email: "li@example.test", Name: "李雷", UnsubscribeToken: "tok123"}
	cases := []struct {
		kind domain.MailKind
		tmpl string
		data any
		want []string // in both parts
	}{
		{domain.MailDigest, TemplateDigest, sampleDigest(), []string{"冷库温度远程监测改造", "https://duijie.example.org/leads/abc", "B 馆", "功率模块采购"}},
		{domain.MailReminder, TemplateReminder, &ReminderData{Event: "世界物联网博览会", When: "2026-11-30 09:00 (UTC+8)",
			Venue: "太湖国际博览中心", Lead: "24h", Link: "https://duijie.example.org/events/e1", Code: "K7P2Q9"},
			[]string{"世界物联网博览会", "K7P2Q9", "https://duijie.example.org/events/e1"}},
		{domain.MailReminder, TemplateReminder, &ReminderData{Event: "对接会", When: "10:00", Venue: "B 馆", Lead: "2h",
			Link: "https://duijie.example.org/events/e2"}, []string{"对接会"}},
		{domain.MailChange, TemplateChange, &ChangeData{Event: "集成电路对接会", Link: "https://duijie.example.org/events/e2",
			Changes: []DigestChange{{Field: "场馆", Old: "A 馆", New: "B 馆"}}}, []string{"A 馆", "B 馆"}},
	}
	for _, lang := range locales.Supported {
		for _, c := range cases {
			t.Run(lang+"/"+c.tmpl, func(t *testing.T) {
				locales.ResetMissing()
				to.Locale = lang
				m, err := r.Compose(c.kind, c.tmpl, to, c.data, "key")
				if err != nil {
					t.Fatal(err)
				}
				if missing := locales.Missing(); len(missing) > 0 {
					t.Fatalf("missing translations: %v", missing)
				}
				if m.Subject == "" || strings.Contains(m.Subject, "\n") || strings.Contains(m.Subject, "%!") {
					t.Errorf("subject %q", m.Subject)
				}
				for _, part := range []string{m.Text, m.HTML} {
					if strings.Contains(part, "%!") || strings.Contains(part, "<no value>") {
						t.Errorf("badly filled part:\n%s", part)
					}
					for _, w := range c.want {
						if !strings.Contains(part, w) {
							t.Errorf("part lacks %q:\n%s", w, part)
						}
					}
					if !strings.Contains(part, "https://duijie.example.org/unsubscribe/tok123?kind="+string(c.kind)) {
						t.Errorf("part lacks the unsubscribe link:\n%s", part)
					}
				}
				if got := m.Headers["List-Unsubscribe"]; got != "<https://duijie.example.org/unsubscribe/tok123?kind="+string(c.kind)+">" {
					t.Errorf("List-Unsubscribe = %q", got)
				}
				if got := m.Headers["List-Unsubscribe-Post"]; got != "List-Unsubscribe=One-Click" {
					t.Errorf("List-Unsubscribe-Post = %q", got)
				}
				if m.To != to.Email || m.UserID != "u1" || m.Kind != c.kind || m.DedupKey != "key" {
					t.Errorf("addressing %+v", m)
				}
			})
		}
	}
}

func TestComposeEscapesHTML(t *testing.T) {
	r, err := NewRenderer("https://duijie.example.org")
	if err != nil {
		t.Fatal(err)
	}
	m, err := r.Compose(domain.MailDigest, TemplateDigest, Recipient{Email: "a@example.test", Locale: "en"},
		sampleDigest(), "k")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.HTML, "<急>") || !strings.Contains(m.HTML, "&lt;急&gt;") {
		t.Error("lead title not escaped in HTML")
	}
	if !strings.Contains(m.Text, "<急>") {
		t.Error("plain text must carry the title as written")
	}
	if _, ok := m.Headers["List-Unsubscribe"]; ok {
		t.Error("a recipient without a token got an unsubscribe header")
	}
	if !strings.HasPrefix(m.Subject, "Duijie daily digest (2026-11-27): 3 new items") {
		t.Errorf("English subject %q", m.Subject)
	}
}

// TestFooterSaysWhy: the footer tells each recipient why the mail came, and offers settings only
// to someone with an account: an attendee without one is told the registering firm listed them.
func TestFooterSaysWhy(t *testing.T) {
	r, err := NewRenderer("https://duijie.example.org")
	if err != nil {
		t.Fatal(err)
	}
	change := &ChangeData{Event: "对接会", Link: "https://duijie.example.org/events/e1",
		Changes: []DigestChange{{Event: "对接会", Field: "场馆", Old: "A", New: "B"}}}
	for _, c := range []struct {
		name     string
		kind     domain.MailKind
		to       Recipient
		why      string
		settings bool
	}{
		{"member, optional notice", domain.MailChange, Recipient{UserID: "u1", Email: "m@example.test", UnsubscribeToken: "tok"}, "mail.footer.why", true},
		{"attendee without an account", domain.MailChange, Recipient{Email: "a@example.test"}, "notify.footer.attendee", false},
		{"member, registration", domain.MailRegistration, Recipient{UserID: "u1", Email: "m@example.test"}, "notify.footer.service", true},
		{"member, account mail", "account", Recipient{UserID: "u1", Email: "m@example.test"}, "notify.footer.service", true},
		{"invitee", "account", Recipient{Email: "new@example.test"}, "notify.footer.addressed", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := footerWhy(c.kind, c.to.UserID != ""); got != c.why {
				t.Fatalf("footerWhy = %s, want %s", got, c.why)
			}
			m, err := r.Compose(c.kind, TemplateChange, c.to, change, "k")
			if err != nil {
				t.Fatal(err)
			}
			for _, part := range []string{m.Text, m.HTML} {
				if !strings.Contains(part, locales.T("zh-CN", c.why)) {
					t.Errorf("footer lacks %q:\n%s", locales.T("zh-CN", c.why), part)
				}
				if strings.Contains(part, "/account/preferences") != c.settings {
					t.Errorf("settings link shown %v, want %v", !c.settings, c.settings)
				}
			}
		})
	}
}
