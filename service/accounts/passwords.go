package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"duijie/domain"
)

// resetRequestLimit bounds reset mails per address, so the form cannot be used to flood
// someone's mailbox; the answer stays the same either way.
var resetRequestLimit = domain.Backoff{Free: 5, Base: time.Hour, Max: time.Hour}

const resetRequestWindow = time.Hour

// RequestReset mails a single-use link (valid one hour) to set a new password to the account of
// email, if there is one that is not disabled. It returns nil whether or not the address exists,
// so callers answer the same in both cases; a new link replaces earlier ones.
func (s *Service) RequestReset(ctx context.Context, email string) error {
	email = domain.NormalizeEmail(email)
	if domain.EmailProblem(email) != "" {
		return nil
	}
	now := s.now()
	key := "reset:" + email
	if c, err := s.Limits.Get(ctx, key, now, resetRequestWindow); err != nil {
		return err
	} else if resetRequestLimit.Wait(c, now) > 0 {
		s.Log.Info("password reset: request limit reached", "email_hash", hashLink(email)[:12])
		return nil
	}
	if _, err := s.Limits.Hit(ctx, key, now, resetRequestWindow); err != nil {
		return err
	}
	u, err := s.Users.GetByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look up email: %w", err)
	}
	if u.Disabled {
		return nil
	}
	return s.mailLink(ctx, u, "reset", domain.ResetLinkTTL)
}

// SendReset mails a reset link to the user id on an admin's behalf.
func (s *Service) SendReset(ctx context.Context, a Actor, id string) (*domain.User, error) {
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	u, err := s.Users.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.mailLink(ctx, u, "reset", domain.ResetLinkTTL); err != nil {
		return nil, err
	}
	s.audit(ctx, a, "user.reset_link", "user:"+u.ID, "")
	return u, nil
}

// mailLink replaces the user's live reset links with a new one and mails it; key names the mail
// ("reset", or "welcome" for a new account's first password).
func (s *Service) mailLink(ctx context.Context, u *domain.User, key string, ttl time.Duration) error {
	now := s.now()
	if err := s.Links.Revoke(ctx, domain.LinkReset, u.ID, "", now); err != nil {
		return fmt.Errorf("revoke reset links: %w", err)
	}
	secret := domain.RandomToken(32)
	l := &domain.AccountLink{ID: hashLink(secret), Kind: domain.LinkReset, UserID: u.ID, Email: u.Email,
		CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := s.Links.Create(ctx, l); err != nil {
		return fmt.Errorf("create reset link: %w", err)
	}
	return s.send(ctx, s.recipient(ctx, u), key, "/reset/"+secret, "reset:"+l.ID)
}

// ResetLink returns the live reset link of secret, for the page that asks for the new password;
// a used, expired or unknown one is domain.ErrNotFound.
func (s *Service) ResetLink(ctx context.Context, secret string) (*domain.AccountLink, error) {
	if secret == "" || len(secret) > 128 {
		return nil, domain.ErrNotFound
	}
	return s.Links.Get(ctx, hashLink(secret), domain.LinkReset, s.now())
}

// ResetPassword sets a new password with a reset link, once: the link is used up, every
// session and token of the user is revoked and its failed sign-ins forgotten, so a reset always
// gets the owner back in.
func (s *Service) ResetPassword(ctx context.Context, secret, password string) (*domain.User, error) {
	if p := domain.PasswordProblem(password); p != "" {
		return nil, domain.Invalid("password", p)
	}
	if secret == "" || len(secret) > 128 {
		return nil, domain.ErrNotFound
	}
	hash, err := domain.HashPassword(password)
	if err != nil {
		return nil, err
	}
	l, err := s.Links.Use(ctx, hashLink(secret), domain.LinkReset, s.now())
	if err != nil {
		return nil, err
	}
	u, err := s.Users.Get(ctx, l.UserID)
	if err != nil {
		return nil, err
	}
	if err := s.setPassword(ctx, u, hash); err != nil {
		return nil, err
	}
	if err := s.ForgetFailures(ctx, u.Email); err != nil {
		s.Log.Warn("password reset: forget failed sign-ins", "user_id", u.ID, "err", err)
	}
	s.audit(ctx, Actor{User: u}, "user.password_reset", "user:"+u.ID, "")
	return u, nil
}

// ChangePassword sets a new password for a signed-in user who knows the current one, and
// revokes every session and token: the caller signs the current browser in again.
func (s *Service) ChangePassword(ctx context.Context, a Actor, current, password string) error {
	if a.User == nil {
		return domain.ErrUnauthorized
	}
	v := &domain.ValidationError{}
	if current == "" {
		v.Add("current", "required")
	}
	if p := domain.PasswordProblem(password); p != "" {
		v.Add("password", p)
	}
	if err := v.Err(); err != nil {
		return err
	}
	u, err := s.Users.Get(ctx, a.User.ID)
	if err != nil {
		return err
	}
	ok, err := domain.VerifyPassword(u.PasswordHash, current)
	if err != nil {
		return fmt.Errorf("verify password of user %s: %w", u.ID, err)
	}
	if !ok {
		return domain.Invalid("current", "trust.field.password_wrong")
	}
	hash, err := domain.HashPassword(password)
	if err != nil {
		return err
	}
	if err := s.setPassword(ctx, u, hash); err != nil {
		return err
	}
	s.audit(ctx, a, "user.password_change", "user:"+u.ID, "")
	return nil
}

func (s *Service) setPassword(ctx context.Context, u *domain.User, hash string) error {
	u.PasswordHash, u.UpdatedAt = hash, s.now()
	if err := s.Users.Update(ctx, u); err != nil {
		return fmt.Errorf("store password: %w", err)
	}
	if err := s.RevokeAll(ctx, u.ID); err != nil {
		return fmt.Errorf("revoke sessions and tokens: %w", err)
	}
	return nil
}
