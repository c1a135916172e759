package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"duijie/domain"
	"duijie/mail"
)

// NewUser is an account an admin or the CLI creates. Organisers need clusters (codes or names);
// members the enterprise they belong to. Without a password the person gets a link to set one.
type NewUser struct {
	Email        string
	Password     string
	Name         string
	Role         domain.Role
	Clusters     []string
	EnterpriseID string
	Locale       string
}

// Create validates in, stores the user with its password hashed and audits it. Problems are one
// *domain.ValidationError naming every field; a taken email is a conflict on "email". When
// Password is empty the new user is mailed a link (valid seven days) to choose one.
func (s *Service) Create(ctx context.Context, a Actor, in NewUser) (*domain.User, error) {
	u := &domain.User{Email: domain.NormalizeEmail(in.Email), Name: strings.TrimSpace(in.Name), Role: in.Role,
		Locale: in.Locale}
	v := &domain.ValidationError{}
	if p := domain.EmailProblem(u.Email); p != "" {
		v.Add("email", p)
	}
	if in.Password != "" {
		if p := domain.PasswordProblem(in.Password); p != "" {
			v.Add("password", p)
		}
	}
	if u.Name == "" && u.Email != "" && v.Fields["email"].Key == "" {
		u.Name = u.Email[:strings.IndexByte(u.Email, '@')]
	}
	ValidateName(v, u.Name)
	if err := s.scope(ctx, v, u, in.Clusters, in.EnterpriseID); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if _, err := s.Users.GetByEmail(ctx, u.Email); err == nil {
		return nil, domain.Conflict("email", "taken")
	} else if !errors.Is(err, domain.ErrNotFound) {
		return nil, fmt.Errorf("look up email: %w", err)
	}
	password := in.Password
	if password == "" {
		password = domain.RandomToken(32) // nobody knows it: the link sets the real one
	}
	hash, err := domain.HashPassword(password)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if u.Locale == "" {
		u.Locale = "zh-CN"
	}
	u.ID, u.PasswordHash, u.CreatedAt, u.UpdatedAt = domain.NewID(), hash, now, now
	if err := s.Users.Create(ctx, u); err != nil {
		return nil, err
	}
	s.audit(ctx, a, "user.create", "user:"+u.ID, string(u.Role))
	s.defaultPreferences(ctx, u)
	if in.Password == "" {
		if err := s.mailLink(ctx, u, "welcome", domain.InviteLinkTTL); err != nil {
			return u, err
		}
	}
	return u, nil
}

// defaultPreferences stores a new account's mail preferences, as a web sign-up does: a member
// starts with the daily digest and instant notices (domain.DefaultPreferences), so a member
// created by an admin or at the command line hears of matched leads without signing in.
// Preferences already stored are left as they are. The account stands if this write fails: the
// defaults are then stored when its first mail is composed, and the failure is logged.
func (s *Service) defaultPreferences(ctx context.Context, u *domain.User) {
	if s.Preferences == nil {
		return
	}
	_, err := s.Preferences.Get(ctx, u.ID)
	if errors.Is(err, domain.ErrNotFound) {
		p := domain.DefaultPreferences(u)
		p.UnsubscribeToken, p.UpdatedAt = domain.RandomToken(24), s.now()
		err = s.Preferences.Put(ctx, p)
	}
	if err != nil {
		s.Log.Warn("default mail preferences not stored", "user", u.ID, "err", err)
	}
}

// ValidateName checks a person's name.
func ValidateName(v *domain.ValidationError, name string) {
	if name == "" {
		v.Add("name", "required")
	} else if utf8.RuneCountInString(name) > domain.MaxNameLength {
		v.Add("name", "too_long", domain.MaxNameLength)
	}
}

// scope checks the role and sets what it is scoped to: organisers to existing clusters (at
// least one), members to an existing enterprise, admins to nothing.
func (s *Service) scope(ctx context.Context, v *domain.ValidationError, u *domain.User, clusters []string, enterpriseID string) error {
	u.Clusters, u.EnterpriseID = []string{}, ""
	switch u.Role {
	case domain.RoleAdmin:
	case domain.RoleOrganiser:
		if len(clusters) == 0 {
			v.Add("clusters", "required")
			return nil
		}
		all, err := s.Clusters.List(ctx)
		if err != nil {
			return fmt.Errorf("list clusters: %w", err)
		}
		idx := domain.NewClusterIndex(all)
		seen := map[string]bool{}
		for _, c := range clusters {
			code, ok := idx.Resolve(c)
			if !ok {
				v.Add("clusters", "cluster_unknown", c)
				continue
			}
			if !seen[code] {
				seen[code] = true
				u.Clusters = append(u.Clusters, code)
			}
		}
	case domain.RoleMember:
		enterpriseID = strings.TrimSpace(enterpriseID)
		if enterpriseID == "" {
			v.Add("enterpriseId", "required")
			return nil
		}
		if !domain.ValidID(enterpriseID) {
			v.Add("enterpriseId", "not_found")
			return nil
		}
		if _, err := s.Enterprises.Get(ctx, enterpriseID); errors.Is(err, domain.ErrNotFound) {
			v.Add("enterpriseId", "not_found")
		} else if err != nil {
			return fmt.Errorf("look up enterprise: %w", err)
		}
		u.EnterpriseID = enterpriseID
	case "":
		v.Add("role", "required")
	default:
		v.Add("role", "one_of", "admin, organiser, member")
	}
	return nil
}

// Patch changes an account; nil fields stay as they are.
type Patch struct {
	Name         *string      `json:"name,omitempty"`
	Role         *domain.Role `json:"role,omitempty"`
	Clusters     *[]string    `json:"clusters,omitempty"`
	EnterpriseID *string      `json:"enterpriseId,omitempty"`
	Disabled     *bool        `json:"disabled,omitempty"`
}

// Update renames, re-scopes, disables or re-enables an account (admins). An admin cannot demote
// or disable their own account. Disabling ends every session and token at once.
func (s *Service) Update(ctx context.Context, a Actor, id string, p Patch) (*domain.User, error) {
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	u, err := s.Users.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	self := a.User != nil && a.User.ID == u.ID
	v := &domain.ValidationError{}
	if p.Name != nil {
		u.Name = strings.TrimSpace(*p.Name)
		ValidateName(v, u.Name)
	}
	if p.Role != nil {
		if self && *p.Role != domain.RoleAdmin {
			v.Add("role", "own_account")
		}
		u.Role = *p.Role
	}
	clusters, enterpriseID := u.Clusters, u.EnterpriseID
	if p.Clusters != nil {
		clusters = *p.Clusters
	}
	if p.EnterpriseID != nil {
		enterpriseID = *p.EnterpriseID
	}
	if err := s.scope(ctx, v, u, clusters, enterpriseID); err != nil {
		return nil, err
	}
	if p.Disabled != nil {
		if self && *p.Disabled {
			v.Add("disabled", "own_account") // an admin locking themselves out helps no one
		}
		u.Disabled = *p.Disabled
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	u.UpdatedAt = s.now()
	if err := s.Users.Update(ctx, u); err != nil {
		return nil, err
	}
	if u.Disabled {
		if err := s.RevokeAll(ctx, u.ID); err != nil {
			return nil, fmt.Errorf("end sessions of disabled user: %w", err)
		}
	}
	change, _ := json.Marshal(p) // what was asked, bounded by the struct: no raw body in the log
	s.audit(ctx, a, "user.update", "user:"+u.ID, string(change))
	return u, nil
}

// recipient addresses a mail to u in its language.
func (s *Service) recipient(ctx context.Context, u *domain.User) mail.Recipient {
	return mail.Recipient{UserID: u.ID, Email: u.Email, Name: u.Name, Locale: s.localeOf(ctx, u)}
}
