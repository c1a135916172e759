package handlers

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/accounts"
)

// userRoleTabs are the filters of the users page, "" meaning everyone.
var userRoleTabs = []domain.Role{"", domain.RoleAdmin, domain.RoleOrganiser, domain.RoleMember}

// pageAdminUsers lists accounts by role, a page at a time, with a form to create an organiser
// or an administrator (members sign up themselves).
func (h *Handler) pageAdminUsers(c *fiber.Ctx) error {
	return h.renderAdminUsers(c, fiber.StatusOK, nil, nil)
}

// renderAdminUsers renders the users page; form and errs are a refused creation's (nil: the
// empty form).
func (h *Handler) renderAdminUsers(c *fiber.Ctx, status int, form, errs map[string]string) error {
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
	if form == nil {
		form = map[string]string{"role": string(domain.RoleOrganiser)}
	}
	data := &adminUsersView{Page: Page{Form: form, Errors: errs}, Users: users, Role: string(role),
		RoleTabs: userRoleTabs, Enterprises: enterprises}
	if role == "" {
		data.Total = total // the count is of all accounts, so it is shown on that tab only
	}
	q := url.Values{}
	if role != "" {
		q.Set("role", string(role))
	}
	if page.Cursor != "" {
		data.FirstURL = "/admin/users?" + q.Encode()
	}
	if next != "" {
		q.Set("cursor", next)
		data.NextURL = "/admin/users?" + q.Encode()
	}
	return h.render(c, status, "admin/users", data)
}

// formCreateUser creates an organiser (scoped to clusters), an administrator, or a member of an
// enterprise named by its credit code. Without a password the person is mailed a link to
// choose one.
func (h *Handler) formCreateUser(c *fiber.Ctx) error {
	ctx := c.UserContext()
	lang := currentLocale(c)
	clusters := formValues(c, "clusters")
	form := map[string]string{
		"email": c.FormValue("email"), "name": c.FormValue("name"), "role": c.FormValue("role"),
		"clusters": strings.Join(clusters, ","), "enterprise": strings.TrimSpace(c.FormValue("enterprise")),
	}
	in := accounts.NewUser{Email: form["email"], Password: c.FormValue("password"), Name: form["name"],
		Role: domain.Role(form["role"]), Clusters: clusters, Locale: lang}
	if in.Role == domain.RoleMember && form["enterprise"] != "" {
		e, err := h.deps.Store.Enterprises.GetByUSCC(ctx, domain.NormalizeUSCC(form["enterprise"]))
		switch {
		case errors.Is(err, domain.ErrNotFound):
			in.EnterpriseID = "-" // reported as an unknown enterprise below
		case err != nil:
			return fmt.Errorf("admin users: enterprise by uscc: %w", err)
		default:
			in.EnterpriseID = e.ID
		}
	}
	u, err := h.accounts.Create(ctx, callerOf(c), in)
	if err != nil {
		a := classify(lang, err)
		if a.internal {
			return err
		}
		errs := a.fields
		if msg, ok := errs["enterpriseId"]; ok {
			errs["enterprise"] = msg
		}
		return h.renderAdminUsers(c, a.status, form, errs)
	}
	h.welcome(ctx, u)
	flash := "admin.users.created"
	if in.Password == "" {
		flash = "trust.users.createdLink"
	}
	return h.redirectWithFlash(c, "/admin/users", "success", flash)
}
