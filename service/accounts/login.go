package accounts

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"duijie/domain"
)

// dummyHash is verified when the email is unknown, so that a wrong email takes as long as a
// wrong password and response times do not reveal which accounts exist.
var dummyHash = sync.OnceValue(func() string {
	h, _ := domain.HashPassword(domain.RandomToken(16))
	return h
})

// loginKeys are the three counters of domain.LoginLimits for a sign-in of email from ip.
func loginKeys(email, ip string) (pair, account, address string) {
	return "login:pair:" + email + "|" + ip, "login:acct:" + email, "login:addr:" + ip
}

// Login checks credentials under the failure limits of domain.LoginLimits, counted in the
// store so every instance agrees. Every failure reads the same (domain.ErrLoginFailed), whether
// the email exists or not; a disabled account is told only to someone who knows its password.
func (s *Service) Login(ctx context.Context, ip, email, password string) (*domain.User, error) {
	email = domain.NormalizeEmail(email)
	v := &domain.ValidationError{}
	if email == "" {
		v.Add("email", "required")
	}
	if password == "" {
		v.Add("password", "required")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	pair, acct, addr := loginKeys(email, ip)
	limits := []struct {
		key string
		b   domain.Backoff
	}{{pair, s.LoginPolicy.Pair}, {acct, s.LoginPolicy.Account}, {addr, s.LoginPolicy.Address}}
	var wait time.Duration
	for _, l := range limits {
		c, err := s.Limits.Get(ctx, l.key, now, s.LoginPolicy.Window)
		if err != nil {
			return nil, fmt.Errorf("login limits: %w", err)
		}
		wait = max(wait, l.b.Wait(c, now))
	}
	if wait > 0 {
		return nil, &domain.RateLimitError{Wait: wait}
	}
	u, err := s.Users.GetByEmail(ctx, email)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("look up user: %w", err)
	}
	ok := false
	if u == nil {
		_, _ = domain.VerifyPassword(dummyHash(), password)
	} else if ok, err = domain.VerifyPassword(u.PasswordHash, password); err != nil {
		return nil, fmt.Errorf("verify password of user %s: %w", u.ID, err)
	}
	if !ok {
		for _, l := range limits {
			if _, err := s.Limits.Hit(ctx, l.key, now, s.LoginPolicy.Window); err != nil {
				return nil, fmt.Errorf("count failed login: %w", err)
			}
		}
		return nil, domain.ErrLoginFailed
	}
	if u.Disabled {
		return nil, domain.ErrAccountDisabled
	}
	for _, k := range []string{pair, acct} {
		if err := s.Limits.Reset(ctx, k); err != nil {
			s.Log.Warn("login: reset limit", "err", err)
		}
	}
	return u, nil
}

// ForgetFailures clears the account-wide failure count of email (after a password reset).
func (s *Service) ForgetFailures(ctx context.Context, email string) error {
	_, acct, _ := loginKeys(domain.NormalizeEmail(email), "")
	return s.Limits.Reset(ctx, acct)
}

// signupWindow is how long sign-ups per address are counted.
const signupWindow = time.Hour

// CheckSignup refuses a sign-up from ip while the address has made too many recently
// (domain.SignupLimit); CountSignup records one.
func (s *Service) CheckSignup(ctx context.Context, ip string) error {
	now := s.now()
	c, err := s.Limits.Get(ctx, "signup:"+ip, now, signupWindow)
	if err != nil {
		return fmt.Errorf("signup limit: %w", err)
	}
	if w := domain.SignupLimit.Wait(c, now); w > 0 {
		return &domain.RateLimitError{Wait: w}
	}
	return nil
}

// CountSignup records a sign-up from ip.
func (s *Service) CountSignup(ctx context.Context, ip string) error {
	_, err := s.Limits.Hit(ctx, "signup:"+ip, s.now(), signupWindow)
	return err
}
