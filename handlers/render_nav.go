package handlers

import (
	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// navItem is one entry of the header navigation.
type navItem struct {
	Key     string // locale key of the label
	Path    string // where it links
	Section string // path prefix that marks it current
	roles   []domain.Role
	signed  bool // shown only to signed-in users
	anon    bool // shown only to visitors: a signed-in user's home is the dashboard
	Count   int  // a number shown beside the label (work waiting), 0 for none
	Current bool // the section of the page shown: the longest Section the path is in
	count   func(*Handler, *fiber.Ctx) int
}

// navItems lists the sections in display order. An entry appears only for the roles it names
// and only once its page is registered in the route table, so the header grows as areas ship
// their pages and never links to a missing one.
var navItems = []navItem{
	{Key: "nav.home", Path: "/", Section: "/", anon: true},
	{Key: "nav.dashboard", Path: "/dashboard", Section: "/dashboard", signed: true},
	{Key: "nav.events", Path: "/events", Section: "/events"},
	{Key: "nav.myRegistrations", Path: "/me/registrations", Section: "/me/registrations", roles: []domain.Role{domain.RoleMember}},
	{Key: "nav.leads", Path: "/leads", Section: "/leads", signed: true},
	{Key: "intake.nav.triage", Path: "/leads/triage", Section: "/leads/triage", roles: []domain.Role{domain.RoleAdmin, domain.RoleOrganiser},
		count: (*Handler).triageCount},
	{Key: "nav.myEnterprise", Path: "/enterprises/me", Section: "/enterprises/me", roles: []domain.Role{domain.RoleMember}},
	{Key: "nav.enterprises", Path: "/enterprises", Section: "/enterprises", roles: []domain.Role{domain.RoleAdmin, domain.RoleOrganiser}},
	{Key: "trust.nav.verifications", Path: "/admin/verifications", Section: "/admin/verifications",
		roles: []domain.Role{domain.RoleAdmin, domain.RoleOrganiser}, count: (*Handler).verificationsPending},
	{Key: "nav.matches", Path: "/me/matches", Section: "/me/matches", roles: []domain.Role{domain.RoleMember}},
	{Key: "nav.funnel", Path: "/matches/funnel", Section: "/matches", roles: []domain.Role{domain.RoleAdmin, domain.RoleOrganiser}},
	{Key: "nav.meetings", Path: "/meetings", Section: "/meetings", signed: true},
	{Key: "nav.campaign", Path: "/campaign", Section: "/campaign", signed: true},
	{Key: "nav.admin", Path: "/admin/clusters", Section: "/admin", roles: []domain.Role{domain.RoleAdmin}},
}

// navFor returns the navigation entries this user may follow in this app.
func navFor(c *fiber.Ctx, u *domain.User) []navItem {
	gets := map[string]bool{}
	for _, r := range c.App().GetRoutes(true) {
		if r.Method == fiber.MethodGet {
			gets[r.Path] = true
		}
	}
	out := make([]navItem, 0, len(navItems))
	for _, it := range navItems {
		if !gets[it.Path] || (it.signed && u == nil) || (it.anon && u != nil) {
			continue
		}
		if len(it.roles) > 0 && (u == nil || !roleIn(u.Role, it.roles)) {
			continue
		}
		out = append(out, it)
	}
	// /leads/triage is in both Leads and Triage: only the narrower one is the page's section.
	best := -1
	for i, it := range out {
		if isCurrent(c.Path(), it.Section) && (best < 0 || len(it.Section) > len(out[best].Section)) {
			best = i
		}
	}
	if best >= 0 {
		out[best].Current = true
	}
	return out
}

func roleIn(r domain.Role, roles []domain.Role) bool {
	for _, x := range roles {
		if r == x {
			return true
		}
	}
	return false
}

// hasGetRoute reports whether the app serves GET path, so a page links only to pages that exist.
func hasGetRoute(c *fiber.Ctx, path string) bool {
	for _, r := range c.App().GetRoutes(true) {
		if r.Method == fiber.MethodGet && r.Path == path {
			return true
		}
	}
	return false
}
