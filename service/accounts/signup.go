package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"duijie/domain"
)

// Signup is a new member and the enterprise it represents, as typed.
type Signup struct {
	Email, Password, Name string
	EnterpriseName        string
	USCC                  string   // spaces and dashes allowed; normalised before the check
	Clusters              []string // codes or names
}

// Registrar stores a sign-up's enterprise together with its first member: the enterprise is
// removed again when member fails, and enters matching only once both are stored
// (service/enterprises.Records).
type Registrar interface {
	Register(ctx context.Context, e *domain.Enterprise, member func(ctx context.Context) error) error
}

// Welcomer sets a new member up for mail (default preferences; service/notify).
type Welcomer interface {
	Welcome(ctx context.Context, u *domain.User) error
}

// Signup creates a member and its enterprise, leaving nothing half-written: every check that can
// fail is done before the first write, and the enterprise is removed again if the user cannot be
// stored. Sign-ups per address are limited (counted in the store, shared by every instance): a
// script making throwaway enterprises is slowed down, an office registering a few is not.
func (s *Service) Signup(ctx context.Context, ip string, in Signup) (*domain.User, *domain.Enterprise, error) {
	if err := s.CheckSignup(ctx, ip); err != nil {
		return nil, nil, err
	}
	email := domain.NormalizeEmail(in.Email)
	name := strings.TrimSpace(in.Name)
	v := &domain.ValidationError{}
	if p := domain.EmailProblem(email); p != "" {
		v.Add("email", p)
	}
	if p := domain.PasswordProblem(in.Password); p != "" {
		v.Add("password", p)
	}
	ValidateName(v, name)
	e := &domain.Enterprise{Name: in.EnterpriseName, USCC: in.USCC}
	for f, p := range e.ValidateCore("enterprise.").Fields {
		v.Add(f, p.Key, p.Args...)
	}
	clusters, err := s.resolveClusters(ctx, v, "enterprise.clusters", in.Clusters)
	if err != nil {
		return nil, nil, err
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	if _, err := s.Users.GetByEmail(ctx, email); err == nil {
		return nil, nil, domain.Conflict("email", "taken")
	} else if !errors.Is(err, domain.ErrNotFound) {
		return nil, nil, fmt.Errorf("look up email: %w", err)
	}
	hash, err := domain.HashPassword(in.Password)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	e.ID, e.Clusters, e.CreatedAt, e.UpdatedAt = domain.NewID(), clusters, now, now
	// The sign-up form heads the person "contact": they are the enterprise's contact until the
	// profile names another.
	e.Contact = domain.Contact{Name: name, Email: email}
	e.IndustryCodes, e.HSCodes, e.Products = []string{}, []string{}, []string{}
	e.Certifications, e.ExportMarkets = []string{}, []string{}
	u := &domain.User{
		ID: domain.NewID(), Email: email, Name: name, PasswordHash: hash, Role: domain.RoleMember,
		Clusters: []string{}, EnterpriseID: e.ID, CreatedAt: now, UpdatedAt: now,
	}
	err = s.Registrar.Register(ctx, e, func(ctx context.Context) error { return s.Users.Create(ctx, u) })
	var ce *domain.ConflictError
	switch {
	case errors.As(err, &ce) && ce.Field == "uscc":
		// A colleague registered the enterprise already: say who can add this person to it.
		return nil, nil, domain.Conflict("enterprise.uscc", "uscc_taken")
	case errors.As(err, &ce):
		return nil, nil, err
	case err != nil:
		return nil, nil, fmt.Errorf("sign up: %w", err)
	}
	if err := s.CountSignup(ctx, ip); err != nil {
		s.Log.Warn("signup: count for the address limit", "err", err)
	}
	s.audit(ctx, Actor{User: u, IP: ip}, "user.signup", "user:"+u.ID, "enterprise:"+e.ID)
	if s.Welcomer != nil {
		if err := s.Welcomer.Welcome(ctx, u); err != nil {
			s.Log.Warn("default preferences not stored", "user", u.ID, "err", err)
		}
	}
	return u, e, nil
}

// resolveClusters maps cluster codes or names to the codes of existing clusters, reporting
// unknown ones on field. Nil input gives an empty list.
func (s *Service) resolveClusters(ctx context.Context, v *domain.ValidationError, field string, items []string) ([]string, error) {
	out := []string{}
	if len(items) == 0 {
		return out, nil
	}
	all, err := s.Clusters.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("list clusters: %w", err)
	}
	idx := domain.NewClusterIndex(all)
	seen := map[string]bool{}
	for _, it := range items {
		code, ok := idx.Resolve(it)
		if !ok {
			v.Add(field, "cluster_unknown", it)
			continue
		}
		if !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	return out, nil
}

// EnterpriseStore is what a Registrar over a bare store needs.
type EnterpriseStore interface {
	Create(ctx context.Context, e *domain.Enterprise) error
	Delete(ctx context.Context, id string) error
}

// Register is the Registrar of a process without matching: e is created, member runs, and e is
// removed again when member fails. service/enterprises.Records does the same and indexes e.
func Register(ctx context.Context, st EnterpriseStore, e *domain.Enterprise, member func(ctx context.Context) error, log interface {
	Error(msg string, args ...any)
}) error {
	if err := st.Create(ctx, e); err != nil {
		return err
	}
	if err := member(ctx); err != nil {
		// The request may have been cancelled; the clean-up must still run.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if derr := st.Delete(cctx, e.ID); derr != nil {
			log.Error("signup: remove enterprise after failed user insert", "enterprise_id", e.ID, "err", derr)
		}
		return err
	}
	return nil
}

// storeRegistrar registers over the bare enterprise store.
type storeRegistrar struct {
	st  EnterpriseStore
	svc *Service
}

func (r storeRegistrar) Register(ctx context.Context, e *domain.Enterprise, member func(ctx context.Context) error) error {
	return Register(ctx, r.st, e, member, r.svc.Log)
}
