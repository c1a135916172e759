package accounts

import (
	"context"
	"encoding/json"
	"fmt"

	"duijie/domain"
)

// Correction is what an admin corrects on an enterprise's record: what the member cannot change
// itself (the credit code, the registered name) and its clusters. Nil fields stay as they are.
type Correction struct {
	Name     *string   `json:"name,omitempty"`
	USCC     *string   `json:"uscc,omitempty"`
	Clusters *[]string `json:"clusters,omitempty"`
}

// Updater stores a corrected enterprise.
type Updater interface {
	Update(ctx context.Context, e *domain.Enterprise) error
}

// CorrectEnterprise applies an admin's correction (e.g. a USCC typed wrong at sign-up): checked
// like a sign-up, a credit code of another firm is a conflict on "uscc", the change audited.
func (s *Service) CorrectEnterprise(ctx context.Context, a Actor, id string, c Correction) (*domain.Enterprise, error) {
	if a.User == nil || a.User.Role != domain.RoleAdmin {
		return nil, domain.ErrForbidden
	}
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	e, err := s.Verifier.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	before, _ := json.Marshal(map[string]any{"name": e.Name, "uscc": e.USCC, "clusters": e.Clusters})
	if c.Name != nil {
		e.Name = *c.Name
	}
	if c.USCC != nil {
		e.USCC = *c.USCC
	}
	v := e.ValidateCore("")
	if c.Clusters != nil {
		all, err := s.Clusters.List(ctx)
		if err != nil {
			return nil, fmt.Errorf("list clusters: %w", err)
		}
		idx := domain.NewClusterIndex(all)
		e.Clusters = []string{}
		seen := map[string]bool{}
		for _, cl := range *c.Clusters {
			code, ok := idx.Resolve(cl)
			if !ok {
				v.Add("clusters", "cluster_unknown", cl)
				continue
			}
			if !seen[code] {
				seen[code] = true
				e.Clusters = append(e.Clusters, code)
			}
		}
		if len(e.Clusters) == 0 && !v.Has("clusters") {
			v.Add("clusters", "required")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	e.UpdatedAt = s.now()
	if err := s.Records.Update(ctx, e); err != nil {
		return nil, err
	}
	s.audit(ctx, a, "enterprise.corrected", "enterprise:"+e.ID, string(before))
	return e, nil
}
