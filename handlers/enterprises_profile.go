package handlers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	entsvc "duijie/service/enterprises"
)

// profileInput is the profile as clients send it (service/enterprises.Profile), with the
// read-only fields a client may send back unchanged after a GET; those are ignored.
type profileInput struct {
	entsvc.Profile

	ID           json.RawMessage `json:"id"`
	USCC         json.RawMessage `json:"uscc"`
	Tier         json.RawMessage `json:"tier"`
	Status       json.RawMessage `json:"status"`
	CreatedAt    json.RawMessage `json:"createdAt"`
	UpdatedAt    json.RawMessage `json:"updatedAt"`
	Completeness json.RawMessage `json:"completeness"`
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
	return h.ents.Mine(c.UserContext(), callerOf(c))
}

// apiPutMyEnterprise replaces the editable fields of the member's profile.
func (h *Handler) apiPutMyEnterprise(c *fiber.Ctx) error {
	var in profileInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.ents.UpdateProfile(c.UserContext(), callerOf(c), in.Profile)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, profileView{Enterprise: e, Completeness: e.Completeness()})
}
