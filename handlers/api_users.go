package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// apiListUsers lists accounts, newest first (admin).
func (h *Handler) apiListUsers(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	users, next, err := h.deps.Store.Users.List(ctx, "", page)
	if err != nil {
		return err
	}
	total, err := h.deps.Store.Users.Count(ctx)
	if err != nil {
		return err
	}
	return sendList(c, users, next, total)
}

// userInput is an account an admin creates. Organisers need clusters; members need the
// enterprise they belong to (self-service members sign up instead).
type userInput struct {
	Email        string      `json:"email" validate:"max=254"`
	Password     string      `json:"password" validate:"max=256"`
	Name         string      `json:"name" validate:"max=100"`
	Role         domain.Role `json:"role" validate:"omitempty,oneof=admin organiser member"`
	Clusters     []string    `json:"clusters" validate:"max=30,dive,max=8"`
	EnterpriseID string      `json:"enterpriseId"`
}

// apiCreateUser creates an admin, organiser or member account (admin).
func (h *Handler) apiCreateUser(c *fiber.Ctx) error {
	var in userInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.UserContext()
	u := &domain.User{Email: domain.NormalizeEmail(in.Email), Name: strings.TrimSpace(in.Name), Role: in.Role}
	v := &domain.ValidationError{}
	if p := domain.EmailProblem(u.Email); p != "" {
		v.Add("email", p)
	}
	if p := domain.PasswordProblem(in.Password); p != "" {
		v.Add("password", p)
	}
	validateName(v, u.Name)
	if err := h.scopeUser(ctx, v, u, in.Clusters, in.EnterpriseID); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	hash, err := domain.HashPassword(in.Password)
	if err != nil {
		return err
	}
	now := h.now()
	u.ID, u.PasswordHash, u.CreatedAt, u.UpdatedAt = domain.NewID(), hash, now, now
	if err := h.deps.Store.Users.Create(ctx, u); err != nil {
		return err
	}
	h.audit(ctx, currentUser(c).ID, "user.create", "user:"+u.ID, string(u.Role), c.IP())
	h.welcome(ctx, u)
	return sendData(c, fiber.StatusCreated, u)
}

// userPatch changes an account; absent fields stay as they are.
type userPatch struct {
	Name         *string      `json:"name"`
	Role         *domain.Role `json:"role"`
	Clusters     *[]string    `json:"clusters"`
	EnterpriseID *string      `json:"enterpriseId"`
	Disabled     *bool        `json:"disabled"`
}

// apiUpdateUser renames, re-scopes, disables or re-enables an account (admin). Disabling ends the
// account's browser sessions at once; its tokens stop working because every request re-reads
// the user.
func (h *Handler) apiUpdateUser(c *fiber.Ctx) error {
	id := c.Params("id")
	if !domain.ValidID(id) {
		return domain.ErrNotFound
	}
	var in userPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.UserContext()
	u, err := h.deps.Store.Users.Get(ctx, id)
	if err != nil {
		return err
	}
	me := currentUser(c)
	v := &domain.ValidationError{}
	if in.Name != nil {
		u.Name = strings.TrimSpace(*in.Name)
		validateName(v, u.Name)
	}
	if in.Role != nil {
		if u.ID == me.ID && *in.Role != domain.RoleAdmin {
			v.Add("role", "own_account")
		}
		u.Role = *in.Role
	}
	clusters, enterpriseID := u.Clusters, u.EnterpriseID
	if in.Clusters != nil {
		clusters = *in.Clusters
	}
	if in.EnterpriseID != nil {
		enterpriseID = *in.EnterpriseID
	}
	if err := h.scopeUser(ctx, v, u, clusters, enterpriseID); err != nil {
		return err
	}
	if in.Disabled != nil {
		if u.ID == me.ID && *in.Disabled {
			v.Add("disabled", "own_account") // an admin locking themselves out helps no one
		}
		u.Disabled = *in.Disabled
	}
	if err := v.Err(); err != nil {
		return err
	}
	u.UpdatedAt = h.now()
	if err := h.deps.Store.Users.Update(ctx, u); err != nil {
		return err
	}
	if u.Disabled {
		if err := h.deps.Store.Sessions.DeleteByUser(ctx, u.ID); err != nil && !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("end sessions of disabled user: %w", err)
		}
	}
	change, _ := json.Marshal(in) // what was asked, bounded by the struct: no raw body in the log
	h.audit(ctx, me.ID, "user.update", "user:"+u.ID, string(change), c.IP())
	return sendData(c, fiber.StatusOK, u)
}

func validateName(v *domain.ValidationError, name string) {
	if name == "" {
		v.Add("name", "required")
	} else if utf8.RuneCountInString(name) > domain.MaxNameLength {
		v.Add("name", "too_long", domain.MaxNameLength)
	}
}

// scopeUser checks the role and sets what it is scoped to: organisers to existing clusters
// (at least one), members to an existing enterprise, admins to nothing.
func (h *Handler) scopeUser(ctx context.Context, v *domain.ValidationError, u *domain.User, clusters []string, enterpriseID string) error {
	u.Clusters, u.EnterpriseID = []string{}, ""
	switch u.Role {
	case domain.RoleAdmin:
	case domain.RoleOrganiser:
		codes, err := h.resolveClusters(ctx, v, "clusters", clusters)
		if err != nil {
			return err
		}
		if len(clusters) == 0 {
			v.Add("clusters", "required")
		}
		u.Clusters = codes
	case domain.RoleMember:
		enterpriseID = strings.TrimSpace(enterpriseID)
		if enterpriseID == "" {
			v.Add("enterpriseId", "required")
			break
		}
		if !domain.ValidID(enterpriseID) {
			v.Add("enterpriseId", "not_found")
			break
		}
		if _, err := h.deps.Store.Enterprises.Get(ctx, enterpriseID); errors.Is(err, domain.ErrNotFound) {
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
