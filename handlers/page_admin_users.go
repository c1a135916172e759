package handlers

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// userRoleTabs are the filters of the users page, "" meaning everyone.
var userRoleTabs = []domain.Role{"", domain.RoleAdmin, domain.RoleOrganiser, domain.RoleMember}

// pageAdminUsers lists accounts by role, a page at a time, with a form to create an organiser
// or an administrator (members sign up themselves).
func (h *Handler) pageAdminUsers(c *fiber.Ctx) error {
	return h.renderAdminUsers(c, fiber.StatusOK, nil)
}

func (h *Handler) renderAdminUsers(c *fiber.Ctx, status int, extra map[string]any) error {
	ctx := c.UserContext()
	role := domain.Role(c.Query("role"))
	if role != "" && !role.Valid() {
		role = ""
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	users, next, err := h.deps.Store.Users.List(ctx, role, page)
	if err != nil {
		return fmt.Errorf("admin users: list: %w", err)
	}
	total, err := h.deps.Store.Users.Count(ctx)
	if err != nil {
		return fmt.Errorf("admin users: count: %w", err)
	}
	// Members show their enterprise's name; one page holds few distinct enterprises.
	enterprises := map[string]string{}
	for _, u := range users {
		if u.EnterpriseID == "" {
			continue
		}
		if _, done := enterprises[u.EnterpriseID]; done {
			continue
		}
		e, err := h.deps.Store.Enterprises.Get(ctx, u.EnterpriseID)
		switch {
		case err == nil:
			enterprises[u.EnterpriseID] = e.Name
		case errors.Is(err, domain.ErrNotFound):
			enterprises[u.EnterpriseID] = ""
		default:
			return fmt.Errorf("admin users: enterprise of %s: %w", u.ID, err)
		}
	}
	data := map[string]any{
		"Users":       users,
		"Total":       0,
		"Role":        string(role),
		"RoleTabs":    userRoleTabs,
		"Enterprises": enterprises,
		"NextURL":     "",
		"FirstURL":    "",
	}
	if role == "" {
		data["Total"] = total // the count is of all accounts, so it is shown on that tab only
	}
	q := url.Values{}
	if role != "" {
		q.Set("role", string(role))
	}
	if page.Cursor != "" {
		data["FirstURL"] = "/admin/users?" + q.Encode()
	}
	if next != "" {
		q.Set("cursor", next)
		data["NextURL"] = "/admin/users?" + q.Encode()
	}
	if _, ok := extra["Form"]; !ok {
		data["Form"] = map[string]string{"role": string(domain.RoleOrganiser)}
	}
	for k, v := range extra {
		data[k] = v
	}
	return h.render(c, status, "admin/users", data)
}

// formCreateUser creates an organiser (scoped to clusters) or an administrator.
func (h *Handler) formCreateUser(c *fiber.Ctx) error {
	ctx := c.UserContext()
	lang := currentLocale(c)
	clusters := formValues(c, "clusters")
	password := c.FormValue("password")
	form := map[string]string{
		"email": c.FormValue("email"), "name": c.FormValue("name"), "role": c.FormValue("role"),
		"clusters": strings.Join(clusters, ","),
	}
	u := &domain.User{Email: domain.NormalizeEmail(form["email"]), Name: strings.TrimSpace(form["name"]),
		Role: domain.Role(form["role"])}
	v := &domain.ValidationError{}
	if p := domain.EmailProblem(u.Email); p != "" {
		v.Add("email", p)
	}
	if p := domain.PasswordProblem(password); p != "" {
		v.Add("password", p)
	}
	validateName(v, u.Name)
	if u.Role != domain.RoleOrganiser && u.Role != domain.RoleAdmin {
		// Members belong to an enterprise and sign up themselves.
		v.Add("role", "one_of", "admin, organiser")
	} else if err := h.scopeUser(ctx, v, u, clusters, ""); err != nil {
		return err
	}
	if v.Err() == nil {
		if _, err := h.deps.Store.Users.GetByEmail(ctx, u.Email); err == nil {
			v.Add("email", "taken")
		} else if !errors.Is(err, domain.ErrNotFound) {
			return fmt.Errorf("admin users: look up email: %w", err)
		}
	}
	if v.Err() != nil {
		status := fiber.StatusUnprocessableEntity
		if v.Fields["email"].Key == "taken" {
			status = fiber.StatusConflict
		}
		return h.renderAdminUsers(c, status, map[string]any{"Form": form, "Errors": translateFields(lang, v)})
	}
	hash, err := domain.HashPassword(password)
	if err != nil {
		return err
	}
	now := h.now()
	u.ID, u.PasswordHash, u.CreatedAt, u.UpdatedAt = domain.NewID(), hash, now, now
	if err := h.deps.Store.Users.Create(ctx, u); err != nil {
		var ce *domain.ConflictError
		if errors.As(err, &ce) {
			return h.renderAdminUsers(c, fiber.StatusConflict, map[string]any{"Form": form,
				"Errors": map[string]string{ce.Field: fieldMessage(lang, domain.FieldProblem{Key: ce.Key})}})
		}
		return fmt.Errorf("admin users: create: %w", err)
	}
	h.welcome(ctx, u)
	h.audit(ctx, currentUser(c).ID, "user.create", "user:"+u.ID, string(u.Role), c.IP())
	return h.redirectWithFlash(c, "/admin/users", "success", "admin.users.created")
}
