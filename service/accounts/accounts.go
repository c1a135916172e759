// Package accounts is the one place accounts are made and changed: admins' and the CLI's new
// users, members' colleagues by invitation, password resets and changes, revoking sessions and
// tokens, and sign-in under failure limits kept in the store. Handlers, the CLI and jobs call
// it with plain inputs; it declares the narrow store interfaces it needs.
package accounts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"time"

	"duijie/domain"
	"duijie/mail"
	"duijie/store"
)

// Users is what the service needs of the user repository.
type Users interface {
	Create(ctx context.Context, u *domain.User) error
	Get(ctx context.Context, id string) (*domain.User, error)
	GetByEmail(ctx context.Context, email string) (*domain.User, error)
	Update(ctx context.Context, u *domain.User) error
	ByEnterprise(ctx context.Context, enterpriseID string) ([]domain.User, error)
}

// Sessions ends browser sessions.
type Sessions interface {
	DeleteByUser(ctx context.Context, userID string) error
}

// Tokens revokes API tokens.
type Tokens interface {
	DeleteByUser(ctx context.Context, userID string) (int, error)
}

// Enterprises looks up the enterprise a member belongs to.
type Enterprises interface {
	Get(ctx context.Context, id string) (*domain.Enterprise, error)
}

// Clusters lists the clusters organisers are scoped to.
type Clusters interface {
	List(ctx context.Context) ([]domain.Cluster, error)
}

// Audit records what was done.
type Audit interface {
	Append(ctx context.Context, e *domain.AuditEntry) error
}

// Outbox queues mail.
type Outbox interface {
	Enqueue(ctx context.Context, m *domain.OutboxMessage) (bool, error)
}

// Preferences gives a user's language for mail.
type Preferences interface {
	Get(ctx context.Context, userID string) (*domain.Preferences, error)
	Put(ctx context.Context, p *domain.Preferences) error
}

// Service is the accounts use cases. Mail may be nil (no mail is queued; tests of other areas).
type Service struct {
	Users       Users
	Sessions    Sessions
	Tokens      Tokens
	Links       store.AccountLinkRepo
	Limits      store.LimitRepo
	Enterprises Enterprises
	Clusters    Clusters
	Audit       Audit
	Outbox      Outbox
	Preferences Preferences
	Verifier    Verification
	Records     Updater
	Licences    store.LicenceRepo
	// Registrar stores a sign-up's enterprise with its member; New sets one over the bare store,
	// a process with matching hands in service/enterprises.Records.
	Registrar Registrar
	// Welcomer sets up a new member's mail preferences; nil skips it.
	Welcomer Welcomer
	Mail     *mail.Renderer
	Log      *slog.Logger
	Now      func() time.Time
	// LoginPolicy slows repeated failed sign-ins (domain.NewLoginPolicy).
	LoginPolicy domain.LoginPolicy
}

// New wires the service to a store; renderer may be nil.
func New(st *store.Store, renderer *mail.Renderer, log *slog.Logger, now func() time.Time) *Service {
	if log == nil {
		log = slog.Default()
	}
	if now == nil {
		now = time.Now
	}
	s := &Service{Users: st.Users, Sessions: st.Sessions, Tokens: st.Tokens, Links: st.AccountLinks,
		Limits: st.Limits, Enterprises: st.Enterprises, Verifier: st.Enterprises, Records: st.Enterprises, Licences: st.Licences, Clusters: st.Clusters, Audit: st.Audit,
		Outbox: st.Outbox, Preferences: st.Preferences, Mail: renderer, Log: log, Now: now,
		LoginPolicy: domain.NewLoginPolicy(10, 15*time.Minute)}
	s.Registrar = storeRegistrar{st: st.Enterprises, svc: s}
	return s
}

// Actor is who acts: a signed-in user, or the operator at the command line (User nil).
type Actor struct {
	User *domain.User
	IP   string
}

// CLI is the command-line operator.
var CLI = Actor{}

func (a Actor) id() string {
	if a.User == nil {
		return "cli"
	}
	return a.User.ID
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// audit appends to the audit log; a failure is logged, since the action already happened.
func (s *Service) audit(ctx context.Context, a Actor, action, target, detail string) {
	e := &domain.AuditEntry{ID: domain.NewID(), At: s.now(), ActorID: a.id(), Action: action, Target: target,
		Detail: detail, IP: a.IP}
	if err := s.Audit.Append(ctx, e); err != nil {
		s.Log.Error("audit append", "action", action, "target", target, "err", err)
	}
}

// hashLink is how a link's secret is stored: its SHA-256, like sessions and tokens.
func hashLink(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// RevokeAll ends every session and API token of the user: after a password change or reset, a
// disabled account, a removed colleague.
func (s *Service) RevokeAll(ctx context.Context, userID string) error {
	if err := s.Sessions.DeleteByUser(ctx, userID); err != nil {
		return err
	}
	_, err := s.Tokens.DeleteByUser(ctx, userID)
	return err
}
