package handlers

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/domain/codes"
)

// apiListClusters lists the clusters in display order (public: forms and filters need them).
func (h *Handler) apiListClusters(c *fiber.Ctx) error {
	cs, err := h.deps.Store.Clusters.List(c.UserContext())
	if err != nil {
		return err
	}
	return sendList(c, cs, "", len(cs))
}

// clusterInput is a new cluster; the "5+X" future tier grows by admins adding clusters.
type clusterInput struct {
	Code          string             `json:"code"`
	Tier          domain.ClusterTier `json:"tier"`
	NameZh        string             `json:"nameZh"`
	NameEn        string             `json:"nameEn"`
	IndustryCodes []string           `json:"industryCodes" validate:"max=20,dive,max=16"`
	SortOrder     int                `json:"sortOrder" validate:"gte=0"`
}

// apiCreateCluster adds a cluster (admin).
func (h *Handler) apiCreateCluster(c *fiber.Ctx) error {
	var in clusterInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cl := &domain.Cluster{Code: in.Code, Tier: in.Tier, NameZh: in.NameZh, NameEn: in.NameEn,
		IndustryCodes: in.IndustryCodes, SortOrder: in.SortOrder, UpdatedAt: h.now()}
	if err := validateCluster(cl); err != nil {
		return err
	}
	ctx := c.UserContext()
	if err := h.deps.Store.Clusters.Create(ctx, cl); err != nil {
		var ce *domain.ConflictError
		if errors.As(err, &ce) {
			return domain.Conflict("code", "cluster_code_taken") // the only unique field
		}
		return err
	}
	h.auditCluster(ctx, c, "cluster.create", cl)
	return sendData(c, fiber.StatusCreated, cl)
}

// clusterPatch renames or re-tiers a cluster; the code is its identity and never changes,
// because enterprises, events and organisers refer to it.
type clusterPatch struct {
	Tier          *domain.ClusterTier `json:"tier"`
	NameZh        *string             `json:"nameZh"`
	NameEn        *string             `json:"nameEn"`
	IndustryCodes *[]string           `json:"industryCodes"`
	SortOrder     *int                `json:"sortOrder"`
}

// apiUpdateCluster changes a cluster (admin).
func (h *Handler) apiUpdateCluster(c *fiber.Ctx) error {
	var in clusterPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.UserContext()
	cl, err := h.deps.Store.Clusters.Get(ctx, c.Params("code"))
	if err != nil {
		return err
	}
	if in.Tier != nil {
		cl.Tier = *in.Tier
	}
	if in.NameZh != nil {
		cl.NameZh = *in.NameZh
	}
	if in.NameEn != nil {
		cl.NameEn = *in.NameEn
	}
	if in.IndustryCodes != nil {
		cl.IndustryCodes = *in.IndustryCodes
	}
	if in.SortOrder != nil {
		cl.SortOrder = *in.SortOrder
	}
	if err := validateCluster(cl); err != nil {
		return err
	}
	cl.UpdatedAt = h.now()
	if err := h.deps.Store.Clusters.Update(ctx, cl); err != nil {
		return err
	}
	h.auditCluster(ctx, c, "cluster.update", cl)
	return sendData(c, fiber.StatusOK, cl)
}

// validateCluster runs the domain rules and checks the GB/T 4754-2017 codes typical of the
// cluster, normalising them.
func validateCluster(cl *domain.Cluster) error {
	v := &domain.ValidationError{}
	if err := cl.Validate(); err != nil && !errors.As(err, &v) {
		return err
	}
	out := make([]string, 0, len(cl.IndustryCodes))
	for _, ic := range cl.IndustryCodes {
		n := codes.NormalizeIndustry(ic)
		if p := codes.IndustryProblem(n); p != "" {
			v.Add("industryCodes", p)
			continue
		}
		out = append(out, n)
	}
	cl.IndustryCodes = out
	return v.Err()
}

func (h *Handler) auditCluster(ctx context.Context, c *fiber.Ctx, action string, cl *domain.Cluster) {
	detail, _ := json.Marshal(cl)
	h.audit(ctx, currentUser(c).ID, action, "cluster:"+cl.Code, string(detail), clientIP(c))
}
