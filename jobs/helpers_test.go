package jobs

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/store"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Health.Close() })
	return st
}

func renderer(t testing.TB) *mail.Renderer {
	t.Helper()
	r, err := mail.NewRenderer("https://duijie.example.org")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// addMember stores a member of a new enterprise with digest preferences freq.
func addMember(t testing.TB, st *store.Store, i int, freq domain.DigestFrequency, locale string) *domain.User {
	t.Helper()
	ctx := context.Background()
	e := storetest.NewEnterprise(i)
	if err := st.Enterprises.Create(ctx, e); err != nil {
		t.Fatal(err)
	}
	u := storetest.NewUser(i, domain.RoleMember)
	u.EnterpriseID, u.Locale = e.ID, locale
	if err := st.Users.Create(ctx, u); err != nil {
		t.Fatal(err)
	}
	p := domain.DefaultPreferences(u)
	p.Digest, p.UnsubscribeToken = freq, domain.RandomToken(24)
	if err := st.Preferences.Put(ctx, p); err != nil {
		t.Fatal(err)
	}
	return u
}

// leadFeed is a content source standing in for the matching engine: it knows, per user, leads
// matched at given instants, and answers for a window like the real source must.
type leadFeed struct {
	mu      sync.Mutex
	matches map[string][]fedLead
	calls   int
}

type fedLead struct {
	title string
	at    time.Time
}

func (f *leadFeed) add(userID, title string, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.matches == nil {
		f.matches = map[string][]fedLead{}
	}
	f.matches[userID] = append(f.matches[userID], fedLead{title, at})
}

func (f *leadFeed) MatchedLeads(_ context.Context, u *domain.User, since, until time.Time, _ string) ([]mail.DigestLead, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	var out []mail.DigestLead
	for _, m := range f.matches[u.ID] {
		if !m.at.Before(since) && m.at.Before(until) {
			out = append(out, mail.DigestLead{Title: m.title, Why: "物联网 · 温湿度传感器",
				Link: fmt.Sprintf("https://duijie.example.org/leads/%s", u.ID)})
		}
	}
	return out, nil
}

// outboxByUser counts queued mails of kind per user.
func outboxByUser(t testing.TB, st *store.Store, kind domain.MailKind) map[string]int {
	t.Helper()
	out := map[string]int{}
	cursor := ""
	for {
		ms, next, _, err := st.Outbox.List(context.Background(), store.OutboxFilter{Kind: kind}, store.Page{Limit: 500, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			out[m.UserID]++
		}
		if next == "" {
			return out
		}
		cursor = next
	}
}

func newRun(st *store.Store) *Run {
	return &Run{ID: domain.NewID(), Job: "test", counts: map[string]int{}, runs: nil, Started: time.Now()}
}
