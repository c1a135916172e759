package handlers

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	entsvc "duijie/service/enterprises"
)

// pageMyEnterprise shows the member's profile with what is missing and why it matters.
func (h *Handler) pageMyEnterprise(c *fiber.Ctx) error {
	return h.renderMyEnterprise(c, fiber.StatusOK, nil)
}

// renderMyEnterprise is the member's enterprise page: the profile, its verification and its
// colleagues; errs are the problems of a refused upload or invitation.
func (h *Handler) renderMyEnterprise(c *fiber.Ctx, status int, errs map[string]string) error {
	e, err := h.myEnterprise(c)
	if err != nil {
		return err
	}
	people, err := h.accounts.Colleagues(c.UserContext(), e.ID)
	if err != nil {
		return err
	}
	return h.render(c, status, "enterprises/me", &enterpriseMeView{
		Page:         Page{Errors: errs, Form: map[string]string{"email": c.FormValue("email"), "name": c.FormValue("name")}},
		Enterprise:   enterpriseView{*e, currentLocale(c)},
		Completeness: e.Completeness(),
		Verification: string(e.Verification.OrUnverified()),
		Colleagues:   people,
		Me:           currentUser(c).ID,
	})
}

// profileFormOf is the edit form filled from e.
func profileFormOf(e *domain.Enterprise) map[string]string {
	j := func(s []string) string { return strings.Join(s, ", ") }
	return map[string]string{
		"name": e.Name, "industryCodes": j(e.IndustryCodes), "hsCodes": j(e.HSCodes), "products": strings.Join(e.Products, "、"),
		"description": e.Description, "certifications": j(e.Certifications), "region": e.Region, "scale": string(e.Scale),
		"exportMarkets": j(e.ExportMarkets), "contact.name": e.Contact.Name, "contact.email": e.Contact.Email,
		"contact.phone": e.Contact.Phone,
	}
}

func (h *Handler) renderProfileForm(c *fiber.Ctx, status int, e *domain.Enterprise, form map[string]string, clusters []string, errs map[string]string) error {
	return h.render(c, status, "enterprises/edit", &enterpriseEditView{
		Page: Page{Form: form, Errors: errs}, Enterprise: enterpriseView{*e, currentLocale(c)},
		SelectedClusters: clusters, Scales: domain.Scales, RegionHint: regionHint(currentLocale(c), form["region"]),
	})
}

// pageEditMyEnterprise is the profile form.
func (h *Handler) pageEditMyEnterprise(c *fiber.Ctx) error {
	e, err := h.myEnterprise(c)
	if err != nil {
		return err
	}
	return h.renderProfileForm(c, fiber.StatusOK, e, profileFormOf(e), e.Clusters, nil)
}

// formUpdateMyEnterprise saves the profile form, or shows it again with every problem.
func (h *Handler) formUpdateMyEnterprise(c *fiber.Ctx) error {
	form := map[string]string{}
	for _, k := range []string{"name", "industryCodes", "hsCodes", "products", "description", "certifications",
		"region", "scale", "exportMarkets", "contact.name", "contact.email", "contact.phone"} {
		form[k] = c.FormValue(k)
	}
	clusters := formValues(c, "clusters")
	in := entsvc.Profile{
		Name: form["name"], Clusters: clusters, IndustryCodes: domain.SplitList(form["industryCodes"]),
		HSCodes: domain.SplitList(form["hsCodes"]), Products: domain.SplitList(form["products"]),
		Description: form["description"], Certifications: domain.SplitList(form["certifications"]),
		Region: resolveRegion(form["region"]), Scale: form["scale"], ExportMarkets: domain.SplitList(form["exportMarkets"]),
		Contact: domain.Contact{Name: form["contact.name"], Email: form["contact.email"], Phone: form["contact.phone"]},
	}
	e, err := h.ents.UpdateProfile(c.UserContext(), callerOf(c), in)
	if err != nil {
		var ve *domain.ValidationError
		if e == nil || !errors.As(err, &ve) {
			return err
		}
		explainAmbiguousRegion(ve, "region", form["region"])
		return h.renderProfileForm(c, fiber.StatusUnprocessableEntity, e, form, clusters, translateFields(currentLocale(c), ve))
	}
	return h.redirectWithFlash(c, "/enterprises/me", "success", "profiles.saved")
}

// pageEnterprises is the directory: search by name, product or USCC, cluster, region and tier,
// paged, with exports of the same selection.
func (h *Handler) pageEnterprises(c *fiber.Ctx) error {
	f, err := directoryFilter(c)
	var se *statusError
	if errors.As(err, &se) && se.fields != nil {
		// A filter people type (a region) is answered on the form, next to the field.
		return h.render(c, se.status, "enterprises/list", &enterpriseListView{
			Page: Page{Errors: translateFields(currentLocale(c), se.fields),
				Form: map[string]string{"q": c.Query("q"), "cluster": f.Cluster, "region": c.Query("region"), "tier": c.Query("tier")}},
			Tiers: domain.EnterpriseTiers, ManagedCodes: managedClusters(currentUser(c)),
		})
	}
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	page.Limit = min(page.Limit, 50)
	es, next, total, err := h.ents.Directory(c.UserContext(), callerOf(c), f, page)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	views := make([]enterpriseView, len(es))
	for i := range es {
		views[i] = enterpriseView{es[i], lang}
	}
	q := url.Values{}
	for _, k := range []string{"q", "cluster", "region", "tier"} {
		if v := c.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	base := "/enterprises?" + q.Encode()
	nextURL := ""
	if next != "" {
		nextURL = base + "&cursor=" + url.QueryEscape(next)
	}
	first := ""
	if page.Cursor != "" {
		first = base
	}
	u := currentUser(c)
	return h.render(c, fiber.StatusOK, "enterprises/list", &enterpriseListView{
		Page:        Page{Form: map[string]string{"q": c.Query("q"), "cluster": f.Cluster, "region": c.Query("region"), "tier": string(f.Tier)}},
		Enterprises: views, Total: total, Next: nextURL, First: first,
		Tiers: domain.EnterpriseTiers, ExportQuery: q.Encode(), ManagedCodes: managedClusters(u),
	})
}

// managedClusters lists the cluster codes the directory may be filtered by: all for an admin
// (nil), the organiser's own otherwise.
func managedClusters(u *domain.User) []string {
	if u.Role == domain.RoleAdmin {
		return nil
	}
	return u.Clusters
}

// pageEnterprise shows one firm with its contact to admins and the organisers of its clusters;
// the view is audited since it shows contact data.
func (h *Handler) pageEnterprise(c *fiber.Ctx) error {
	e, err := h.ents.Get(c.UserContext(), callerOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "enterprises/detail", &enterpriseDetailView{
		Enterprise: enterpriseView{*e, currentLocale(c)}, Completeness: e.Completeness(),
	})
}
