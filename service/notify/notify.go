// Package notify builds and queues the mail of the deal loop: transactional mails (registration
// and meeting steps) and the instant notices of deals (a strong new match, an answer, contact,
// an invitation, a quote), grouped into at most one mail per member per 15 minutes. Handlers
// and jobs call it after the write that decides; every mail goes through the outbox with a
// dedup key per happening and recipient, so a retried request or a re-run job queues it once.
//
// Every method is safe on a nil *Service, which does nothing: code and tests built without mail
// need no checks.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/store"
)

// Users is what the service reads of accounts.
type Users interface {
	Get(ctx context.Context, id string) (*domain.User, error)
	ByEnterprise(ctx context.Context, enterpriseID string) ([]domain.User, error)
}

// Outbox is where mail is queued, and where the last instant mail of a member is looked up.
type Outbox interface {
	Enqueue(ctx context.Context, m *domain.OutboxMessage) (bool, error)
	List(ctx context.Context, f store.OutboxFilter, page store.Page) ([]domain.OutboxMessage, string, int, error)
}

// Events reads the events registrations and meetings belong to.
type Events interface {
	Get(ctx context.Context, id string) (*domain.Event, error)
}

// Service queues the deal loop's mail. Construct it with New.
type Service struct {
	users   Users
	prefs   store.PreferenceRepo
	outbox  Outbox
	events  Events
	changes ChangeLog
	notices store.NoticeRepo
	regs    store.RegistrationFeed
	matches store.MatchRepo
	leads   store.LeadRepo
	points  store.CheckpointRepo
	r       *mail.Renderer
	log     *slog.Logger
	now     func() time.Time
}

// New returns the service over st, rendering with r; log and now may be nil.
func New(st *store.Store, r *mail.Renderer, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.Default()
	}
	if now == nil {
		now = time.Now
	}
	return &Service{users: st.Users, prefs: st.Preferences, outbox: st.Outbox, events: st.Events, changes: st.Events,
		notices: st.Notices, regs: st.RegFeed, matches: st.Matches, leads: st.Leads, points: st.Checkpoints,
		r: r, log: log, now: now}
}

// Renderer is the renderer the service composes with.
func (s *Service) Renderer() *mail.Renderer {
	if s == nil {
		return nil
	}
	return s.r
}

// Preferences returns the user's mail preferences, storing the defaults on first use so that
// every mail can carry a working unsubscribe link and the digest job sees the member.
func Preferences(ctx context.Context, st store.PreferenceRepo, u *domain.User) (*domain.Preferences, error) {
	p, err := st.Get(ctx, u.ID)
	if err == nil {
		return p, nil
	}
	if !errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("preferences of %s: %w", u.ID, err)
	}
	p = domain.DefaultPreferences(u)
	p.UnsubscribeToken = domain.RandomToken(24)
	if err := st.Put(ctx, p); err != nil {
		return nil, fmt.Errorf("create preferences of %s: %w", u.ID, err)
	}
	return p, nil
}

// Welcome stores a new member's default preferences (daily digest, instant notices on), so the
// digest reaches a member who never opens the preferences page.
func (s *Service) Welcome(ctx context.Context, u *domain.User) error {
	if s == nil || u == nil {
		return nil
	}
	_, err := Preferences(ctx, s.prefs, u)
	return err
}

// person is one recipient: a user (with preferences) or an attendee known only by address.
type person struct {
	user  *domain.User
	prefs *domain.Preferences
	email string
	name  string
	lang  string
	code  string // an attendee's own check-in code
}

func (p person) recipient(optional bool) mail.Recipient {
	rc := mail.Recipient{Email: p.email, Name: p.name, Locale: p.lang}
	if p.user != nil {
		rc.UserID = p.user.ID
		if optional && p.prefs != nil {
			rc.UnsubscribeToken = p.prefs.UnsubscribeToken
		}
	}
	return rc
}

// userPerson loads u's preferences and addresses it in its mail locale.
func (s *Service) userPerson(ctx context.Context, u *domain.User) (person, error) {
	p, err := Preferences(ctx, s.prefs, u)
	if err != nil {
		return person{}, err
	}
	lang := p.Locale
	if lang == "" {
		lang = u.Locale
	}
	return person{user: u, prefs: p, email: u.Email, name: u.Name, lang: lang}, nil
}

// members returns the enabled members of an enterprise with their preferences.
func (s *Service) members(ctx context.Context, enterpriseID string) ([]person, error) {
	if enterpriseID == "" {
		return nil, nil
	}
	us, err := s.users.ByEnterprise(ctx, enterpriseID)
	if err != nil {
		return nil, fmt.Errorf("members of %s: %w", enterpriseID, err)
	}
	out := make([]person, 0, len(us))
	for i := range us {
		if us[i].Disabled || us[i].Email == "" {
			continue
		}
		p, err := s.userPerson(ctx, &us[i])
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// send composes tmpl for p and queues it under key (made unique per recipient address). It
// reports whether a new message was queued.
func (s *Service) send(ctx context.Context, kind domain.MailKind, tmpl string, p person, data any, key string,
	attach []domain.MailAttachment) (bool, error) {
	m, err := s.r.Compose(kind, tmpl, p.recipient(kind.Optional()), data, key+":"+strings.ToLower(p.email))
	if err != nil {
		return false, err
	}
	m.Attachments = attach
	m.CreatedAt = s.now()
	created, err := s.outbox.Enqueue(ctx, m)
	if err != nil {
		return false, fmt.Errorf("queue %s mail: %w", kind, err)
	}
	return created, nil
}

// when formats t in the event's zone with the offset named, like the reminders do.
func when(e *domain.Event, t time.Time) string {
	lt := t.In(e.Location())
	return lt.Format("2006-01-02 15:04") + " (UTC" + lt.Format("-07:00") + ")"
}
