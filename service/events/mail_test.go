package events

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"duijie/domain"
	"duijie/mail"
	"duijie/service/notify"
	"duijie/store"
	"duijie/store/sqlite"
	"duijie/store/storetest"
)

// gatedMailer holds the first registration's mail until released, so the queue behind it fills.
type gatedMailer struct {
	next    Mailer
	release chan struct{}
	once    sync.Once
}

func (g *gatedMailer) Registration(ctx context.Context, r *domain.Registration, e *domain.Event) (int, error) {
	g.once.Do(func() { <-g.release })
	return g.next.Registration(ctx, r, e)
}

// TestRegistrationMailExactlyOnce registers more firms than the mail queue holds while its
// worker is stuck: what the queue dropped, the registration-mails job queues, and nobody gets a
// confirmation twice, whichever of the two comes first.
func TestRegistrationMailExactlyOnce(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "duijie.db"))
	storetest.Must(t, err, "open")
	t.Cleanup(func() { _ = st.Health.Close() })
	ctx := t.Context()
	r, err := mail.NewRenderer("http://duijie.test")
	storetest.Must(t, err, "renderer")
	n := notify.New(st, r, nil, nil)
	gate := &gatedMailer{next: n, release: make(chan struct{})}
	svc := New(st, gate, nil, nil)
	svc.mail.limit = 2
	ev := storetest.MustCreateEvent(t, st, storetest.NewEvent("L1", 10, 3))

	const firms = 6
	var emails []string
	for i := range firms {
		ent := storetest.NewEnterprise(700 + i)
		storetest.Must(t, st.Enterprises.Create(ctx, ent), "enterprise")
		u := storetest.NewUser(700+i, domain.RoleMember)
		u.EnterpriseID = ent.ID
		storetest.Must(t, st.Users.Create(ctx, u), "user")
		who := fmt.Sprintf("attendee%d@example.test", i)
		emails = append(emails, u.Email, who)
		_, created, err := svc.Register(ctx, Actor{User: u}, ev, []domain.Attendee{{Name: "王工", Mobile: "13900000000", Email: who}}, nil)
		if err != nil || !created {
			t.Fatalf("register %d: created=%v %v", i, created, err)
		}
	}
	// The job runs while the worker still holds mail back, then the queue drains, then the
	// job runs again: each address ends with exactly one registration mail.
	storetest.Must(t, n.RegistrationMails(ctx, nil), "job")
	close(gate.release)
	svc.WaitMail()
	storetest.Must(t, n.RegistrationMails(ctx, nil), "job again")
	for _, addr := range emails {
		ms, _, _, err := st.Outbox.List(ctx, store.OutboxFilter{To: addr, Kind: domain.MailRegistration}, store.Page{Limit: 10})
		storetest.Must(t, err, "outbox")
		if len(ms) != 1 {
			t.Errorf("%s: %d registration mails, want 1", addr, len(ms))
		}
	}
}
