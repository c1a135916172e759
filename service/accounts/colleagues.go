package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"duijie/domain"
	"duijie/mail"
)

// Colleagues is an enterprise's people: its member accounts and the invitations still open.
type Colleagues struct {
	Members     []domain.User        `json:"members"`
	Invitations []domain.AccountLink `json:"invitations"`
}

// Colleagues lists the members of enterprise id and its live invitations.
func (s *Service) Colleagues(ctx context.Context, enterpriseID string) (*Colleagues, error) {
	us, err := s.Users.ByEnterprise(ctx, enterpriseID)
	if err != nil {
		return nil, err
	}
	ls, err := s.Links.Invitations(ctx, enterpriseID, s.now())
	if err != nil {
		return nil, err
	}
	members := make([]domain.User, 0, len(us))
	for _, u := range us {
		if !u.Disabled {
			members = append(members, u)
		}
	}
	return &Colleagues{Members: members, Invitations: ls}, nil
}

// Invite mails a colleague-to-be a single-use link (valid seven days) to join the inviting
// member's enterprise. An address that already has an account is refused (a person belongs to
// one enterprise; the office moves accounts); a second invitation to the same address replaces
// the first.
func (s *Service) Invite(ctx context.Context, a Actor, email, name string) (*domain.AccountLink, error) {
	if a.User == nil || a.User.Role != domain.RoleMember || a.User.EnterpriseID == "" {
		return nil, domain.ErrForbidden
	}
	email, name = domain.NormalizeEmail(email), strings.TrimSpace(name)
	v := &domain.ValidationError{}
	if p := domain.EmailProblem(email); p != "" {
		v.Add("email", p)
	}
	ValidateName(v, name)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if _, err := s.Users.GetByEmail(ctx, email); err == nil {
		return nil, domain.Conflict("email", "trust.field.email_has_account")
	} else if !errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("look up email: %w", err)
	}
	e, err := s.Enterprises.Get(ctx, a.User.EnterpriseID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if err := s.Links.Revoke(ctx, domain.LinkInvite, "", email, now); err != nil {
		return nil, fmt.Errorf("revoke earlier invitations: %w", err)
	}
	secret := domain.RandomToken(32)
	l := &domain.AccountLink{ID: hashLink(secret), Kind: domain.LinkInvite, Email: email, Name: name,
		EnterpriseID: e.ID, CreatedBy: a.User.ID, CreatedAt: now, ExpiresAt: now.Add(domain.InviteLinkTTL)}
	if err := s.Links.Create(ctx, l); err != nil {
		return nil, fmt.Errorf("create invitation: %w", err)
	}
	to := mail.Recipient{Email: email, Name: name, Locale: s.localeOf(ctx, a.User)}
	if err := s.send(ctx, to, "invite", "/invitations/"+secret, "invite:"+l.ID, a.User.Name, e.Name); err != nil {
		return nil, err
	}
	s.audit(ctx, a, "enterprise.invite", "enterprise:"+e.ID, "")
	return l, nil
}

// Invitation returns the live invitation of secret and its enterprise, for the page that
// welcomes the colleague; a used, expired or unknown one is domain.ErrNotFound.
func (s *Service) Invitation(ctx context.Context, secret string) (*domain.AccountLink, *domain.Enterprise, error) {
	if secret == "" || len(secret) > 128 {
		return nil, nil, domain.ErrNotFound
	}
	l, err := s.Links.Get(ctx, hashLink(secret), domain.LinkInvite, s.now())
	if err != nil {
		return nil, nil, err
	}
	e, err := s.Enterprises.Get(ctx, l.EnterpriseID)
	if err != nil {
		return nil, nil, err
	}
	return l, e, nil
}

// AcceptInvitation creates the colleague's member account from an invitation, once. The name
// may be corrected; the address is the invited one.
func (s *Service) AcceptInvitation(ctx context.Context, secret, name, password string) (*domain.User, error) {
	if secret == "" || len(secret) > 128 {
		return nil, domain.ErrNotFound
	}
	v := &domain.ValidationError{}
	if p := domain.PasswordProblem(password); p != "" {
		v.Add("password", p)
	}
	name = strings.TrimSpace(name)
	if name != "" {
		ValidateName(v, name)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	hash, err := domain.HashPassword(password)
	if err != nil {
		return nil, err
	}
	id := hashLink(secret)
	now := s.now()
	peek, err := s.Links.Get(ctx, id, domain.LinkInvite, now)
	if err != nil {
		return nil, err
	}
	if _, err := s.Users.GetByEmail(ctx, peek.Email); err == nil {
		return nil, domain.Conflict("email", "trust.field.email_has_account")
	} else if !errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("look up email: %w", err)
	}
	l, err := s.Links.Use(ctx, id, domain.LinkInvite, now)
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = l.Name
	}
	inviter, _ := s.Users.Get(ctx, l.CreatedBy)
	u := &domain.User{ID: domain.NewID(), Email: l.Email, Name: name, PasswordHash: hash, Role: domain.RoleMember,
		Clusters: []string{}, EnterpriseID: l.EnterpriseID, Locale: s.localeOf(ctx, inviter), CreatedAt: now, UpdatedAt: now}
	if err := s.Users.Create(ctx, u); err != nil {
		return nil, err
	}
	s.audit(ctx, Actor{User: u}, "user.invitation_accepted", "user:"+u.ID, "enterprise:"+l.EnterpriseID)
	s.defaultPreferences(ctx, u)
	return u, nil
}

// CancelInvitation ends a live invitation of the member's enterprise to email.
func (s *Service) CancelInvitation(ctx context.Context, a Actor, email string) error {
	if a.User == nil || a.User.EnterpriseID == "" {
		return domain.ErrForbidden
	}
	ls, err := s.Links.Invitations(ctx, a.User.EnterpriseID, s.now())
	if err != nil {
		return err
	}
	email = domain.NormalizeEmail(email)
	for _, l := range ls {
		if l.Email == email {
			return s.Links.Revoke(ctx, domain.LinkInvite, "", email, s.now())
		}
	}
	return domain.ErrNotFound
}

// RemoveMember takes a colleague out of the member's enterprise: the account is detached,
// disabled and signed out everywhere. Removing oneself is refused (leave by asking the office),
// so an enterprise never ends up without the person who removed the others.
func (s *Service) RemoveMember(ctx context.Context, a Actor, userID string) error {
	if a.User == nil || a.User.EnterpriseID == "" {
		return domain.ErrForbidden
	}
	if !domain.ValidID(userID) {
		return domain.ErrNotFound
	}
	if userID == a.User.ID {
		return domain.Invalid("userId", "trust.field.remove_self")
	}
	u, err := s.Users.Get(ctx, userID)
	if err != nil {
		return err
	}
	if u.EnterpriseID != a.User.EnterpriseID || u.Role != domain.RoleMember {
		return domain.ErrNotFound
	}
	u.EnterpriseID, u.Disabled, u.UpdatedAt = "", true, s.now()
	if err := s.Users.Update(ctx, u); err != nil {
		return err
	}
	if err := s.RevokeAll(ctx, u.ID); err != nil {
		return fmt.Errorf("sign out removed member: %w", err)
	}
	s.audit(ctx, a, "enterprise.member_removed", "user:"+u.ID, "enterprise:"+a.User.EnterpriseID)
	return nil
}
