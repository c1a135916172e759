package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// pageAdminClusters lists the clusters with forms to add one and rename each.
func (h *Handler) pageAdminClusters(c *fiber.Ctx) error {
	return h.renderAdminClusters(c, fiber.StatusOK, &adminClustersView{})
}

// renderAdminClusters renders the clusters page; v may carry a refused form's values and errors.
func (h *Handler) renderAdminClusters(c *fiber.Ctx, status int, v *adminClustersView) error {
	cls, err := h.deps.Store.Clusters.List(c.UserContext())
	if err != nil {
		return fmt.Errorf("admin clusters: list: %w", err)
	}
	counts := map[domain.ClusterTier]int{}
	for _, cl := range cls {
		counts[cl.Tier]++
	}
	v.Clusters, v.TierCounts = cls, counts
	v.TierList = []domain.ClusterTier{domain.TierLandmark, domain.TierAdvantage, domain.TierFuture}
	return h.render(c, status, "admin/clusters", v)
}

// clusterForm reads and checks the add-cluster form. Industry codes may be separated by
// commas, 、 or spaces, as people paste them.
func clusterForm(c *fiber.Ctx) (*domain.Cluster, map[string]string, *domain.ValidationError, error) {
	form := map[string]string{
		"code": c.FormValue("code"), "tier": c.FormValue("tier"), "nameZh": c.FormValue("nameZh"),
		"nameEn": c.FormValue("nameEn"), "industryCodes": c.FormValue("industryCodes"),
		"sortOrder": c.FormValue("sortOrder"),
	}
	cl := &domain.Cluster{
		Code: form["code"], Tier: domain.ClusterTier(form["tier"]), NameZh: form["nameZh"], NameEn: form["nameEn"],
		IndustryCodes: strings.FieldsFunc(form["industryCodes"], func(r rune) bool {
			return r == ',' || r == '、' || r == '，' || r == ';' || r == ' '
		}),
	}
	v := &domain.ValidationError{}
	if err := validateCluster(cl); err != nil && !errors.As(err, &v) {
		return nil, nil, nil, err
	}
	if s := strings.TrimSpace(form["sortOrder"]); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > maxSortOrder {
			v.Add("sortOrder", "number_range", 0, maxSortOrder)
		}
		cl.SortOrder = n
	}
	return cl, form, v, nil
}

// maxSortOrder bounds the display position an admin may type.
const maxSortOrder = 1_000_000

// formCreateCluster adds a cluster (the future tier grows: "5+X").
func (h *Handler) formCreateCluster(c *fiber.Ctx) error {
	ctx := c.UserContext()
	lang := currentLocale(c)
	cl, form, v, err := clusterForm(c)
	if err != nil {
		return err
	}
	if v.Err() != nil {
		return h.renderAdminClusters(c, fiber.StatusUnprocessableEntity, &adminClustersView{
			Page: Page{Form: form, Errors: translateFields(lang, v)}})
	}
	if strings.TrimSpace(form["sortOrder"]) == "" {
		// Unnumbered clusters go last, keeping the published order of the others.
		all, err := h.deps.Store.Clusters.List(ctx)
		if err != nil {
			return fmt.Errorf("admin clusters: list: %w", err)
		}
		for _, o := range all {
			cl.SortOrder = max(cl.SortOrder, o.SortOrder+10)
		}
	}
	cl.UpdatedAt = h.now()
	if err := h.deps.Store.Clusters.Create(ctx, cl); err != nil {
		var ce *domain.ConflictError
		if !errors.As(err, &ce) {
			return fmt.Errorf("admin clusters: create: %w", err)
		}
		return h.renderAdminClusters(c, fiber.StatusConflict, &adminClustersView{Page: Page{Form: form,
			Errors: map[string]string{"code": fieldMessage(lang, domain.FieldProblem{Key: "cluster_code_taken"})}}})
	}
	h.auditCluster(ctx, c, "cluster.create", cl)
	return h.redirectWithFlash(c, "/admin/clusters", "success", "admin.clusters.created")
}

// formRenameCluster changes a cluster's Chinese and English names; its code stays, since
// enterprises, events and leads refer to it.
func (h *Handler) formRenameCluster(c *fiber.Ctx) error {
	ctx := c.UserContext()
	code := strings.ToUpper(c.Params("code"))
	cl, err := h.deps.Store.Clusters.Get(ctx, code)
	if err != nil {
		return err
	}
	cl.NameZh, cl.NameEn = c.FormValue("nameZh"), c.FormValue("nameEn")
	if err := validateCluster(cl); err != nil {
		var ve *domain.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		errs := map[string]string{}
		for f, msg := range translateFields(currentLocale(c), ve) {
			errs["rename."+f] = msg
		}
		return h.renderAdminClusters(c, fiber.StatusUnprocessableEntity, &adminClustersView{
			Page: Page{Errors: errs}, RenameCode: cl.Code,
			RenameForm: map[string]string{"nameZh": cl.NameZh, "nameEn": cl.NameEn},
		})
	}
	cl.UpdatedAt = h.now()
	if err := h.deps.Store.Clusters.Update(ctx, cl); err != nil {
		return fmt.Errorf("admin clusters: rename %s: %w", cl.Code, err)
	}
	h.auditCluster(ctx, c, "cluster.rename", cl)
	return h.redirectWithFlash(c, "/admin/clusters", "success", "admin.clusters.renamed")
}
