package handlers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// profileInput is what a member may change of its own profile. The USCC identifies the firm and
// the tier is the office's recognition (链主 …), so neither is the member's to edit.
type profileInput struct {
	Name           string         `json:"name"`
	Clusters       []string       `json:"clusters"`
	IndustryCodes  []string       `json:"industryCodes"`
	HSCodes        []string       `json:"hsCodes"`
	Products       []string       `json:"products"`
	Description    string         `json:"description"`
	Certifications []string       `json:"certifications"`
	Region         string         `json:"region"`
	Scale          string         `json:"scale"`
	ExportMarkets  []string       `json:"exportMarkets"`
	Contact        domain.Contact `json:"contact"`

	// Read-only fields a client may send back unchanged after a GET; they are ignored.
	ID           json.RawMessage `json:"id"`
	USCC         json.RawMessage `json:"uscc"`
	Tier         json.RawMessage `json:"tier"`
	Status       json.RawMessage `json:"status"`
	CreatedAt    json.RawMessage `json:"createdAt"`
	UpdatedAt    json.RawMessage `json:"updatedAt"`
	Completeness json.RawMessage `json:"completeness"`
}

func (in *profileInput) apply(e *domain.Enterprise) {
	e.Name, e.Clusters, e.IndustryCodes, e.HSCodes = in.Name, in.Clusters, in.IndustryCodes, in.HSCodes
	e.Products, e.Description, e.Certifications = in.Products, in.Description, in.Certifications
	e.Region, e.Scale, e.ExportMarkets, e.Contact = in.Region, domain.Scale(in.Scale), in.ExportMarkets, in.Contact
}

// profileView is an enterprise with what the pages and clients show beside it.
type profileView struct {
	*domain.Enterprise
	Completeness domain.Completeness `json:"completeness"`
}

// clusterIndex loads the current clusters for validation.
func (h *Handler) clusterIndex(ctx context.Context) (domain.ClusterIndex, []domain.Cluster, error) {
	cls, err := h.deps.Store.Clusters.List(ctx)
	if err != nil {
		return domain.ClusterIndex{}, nil, fmt.Errorf("clusters: %w", err)
	}
	return domain.NewClusterIndex(cls), cls, nil
}

// myEnterprise loads the signed-in member's enterprise.
func (h *Handler) myEnterprise(c *fiber.Ctx) (*domain.Enterprise, error) {
	u := currentUser(c)
	if u == nil || u.EnterpriseID == "" {
		return nil, domain.ErrNotFound
	}
	return h.deps.Store.Enterprises.Get(c.UserContext(), u.EnterpriseID)
}

// saveProfile validates and stores e for the member, audits the change and tells matching.
func (h *Handler) saveProfile(c *fiber.Ctx, e *domain.Enterprise) error {
	ctx := c.UserContext()
	ci, _, err := h.clusterIndex(ctx)
	if err != nil {
		return err
	}
	if err := e.Validate(ci); err != nil {
		return err
	}
	e.UpdatedAt = h.now()
	if err := h.deps.Store.Enterprises.Update(ctx, e); err != nil {
		return fmt.Errorf("update profile: %w", err)
	}
	detail, _ := json.Marshal(map[string]any{"completeness": e.Completeness().Percent})
	h.audit(ctx, currentUser(c).ID, "enterprise.update", "enterprise:"+e.ID, string(detail), clientIP(c))
	h.deps.Matches.EnterpriseChanged(ctx, *e)
	return nil
}

// apiPutMyEnterprise replaces the editable fields of the member's profile.
func (h *Handler) apiPutMyEnterprise(c *fiber.Ctx) error {
	e, err := h.myEnterprise(c)
	if err != nil {
		return err
	}
	var in profileInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	in.apply(e)
	if err := h.saveProfile(c, e); err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, profileView{Enterprise: e, Completeness: e.Completeness()})
}
