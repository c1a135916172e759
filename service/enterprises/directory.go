package enterprises

import (
	"context"
	"encoding/json"

	"duijie/domain"
	"duijie/store"
)

// MaxExportRows bounds one export; a larger directory is exported per cluster or region.
const MaxExportRows = 100_000

// Scope limits a directory filter to what u may list: an organiser sees the firms of its
// clusters only, and asking for another cluster is forbidden. ok is false for an organiser
// without clusters, whose directory is empty.
func Scope(u *domain.User, f store.EnterpriseFilter) (store.EnterpriseFilter, bool, error) {
	if u == nil {
		return f, false, domain.ErrForbidden
	}
	if u.Role == domain.RoleOrganiser {
		if f.Cluster != "" && !u.CanManageCluster(f.Cluster) {
			return f, false, domain.ErrForbidden
		}
		if len(u.Clusters) == 0 {
			return f, false, nil
		}
		f.Clusters = u.Clusters
	}
	return f, true, nil
}

// Directory lists a page of the firms f selects within the actor's scope. Listings carry no
// contact details: those are read one firm at a time (Get, audited) or in an audited Export.
func (s *Service) Directory(ctx context.Context, a Actor, f store.EnterpriseFilter, page store.Page) ([]domain.Enterprise, string, int, error) {
	f, ok, err := Scope(a.User, f)
	if err != nil || !ok {
		return []domain.Enterprise{}, "", 0, err
	}
	es, next, total, err := s.Enterprises.List(ctx, f, page)
	if err != nil {
		return nil, "", 0, err
	}
	for i := range es {
		es[i] = es[i].WithoutContact()
	}
	return es, next, total, nil
}

// Export loads every firm f selects within the actor's scope, contacts included, up to
// MaxExportRows, and records who exported which slice in which format.
func (s *Service) Export(ctx context.Context, a Actor, f store.EnterpriseFilter, format string) ([]domain.Enterprise, error) {
	f, ok, err := Scope(a.User, f)
	if err != nil {
		return nil, err
	}
	var all []domain.Enterprise
	page := store.Page{Limit: 500}
	for ok {
		es, next, total, err := s.Enterprises.List(ctx, f, page)
		if err != nil {
			return nil, err
		}
		if total > MaxExportRows {
			return nil, domain.WithMessage(&domain.ValidationError{}, "enterprises.export.tooMany", MaxExportRows)
		}
		all = append(all, es...)
		page.Cursor, ok = next, next != ""
	}
	detail, _ := json.Marshal(map[string]any{"format": format, "rows": len(all), "cluster": f.Cluster, "q": f.Q,
		"region": f.Region, "tier": f.Tier, "scope": f.Clusters})
	s.audit(ctx, a, "enterprise.export", "enterprises", string(detail))
	return all, nil
}
