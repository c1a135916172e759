// Package seed loads the data every installation starts with: the clusters of the "465" system,
// from clusters.json, embedded in the binary (the system: docs/field.md). Clusters are data an admin edits
// later, so seeding happens once, on a database that has none.
package seed

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"duijie/domain"
	"duijie/store"
)

//go:embed clusters.json
var clustersJSON []byte

type clusterFile struct {
	Clusters []struct {
		Code          string   `json:"code"`
		Tier          string   `json:"tier"`
		Zh            string   `json:"zh"`
		En            string   `json:"en"`
		IndustryCodes []string `json:"industry_codes"`
	} `json:"clusters"`
}

// DefaultClusters returns the embedded seed clusters in their published order.
func DefaultClusters() ([]domain.Cluster, error) {
	var f clusterFile
	if err := json.Unmarshal(clustersJSON, &f); err != nil {
		return nil, fmt.Errorf("seed: parse clusters.json: %w", err)
	}
	out := make([]domain.Cluster, 0, len(f.Clusters))
	for i, c := range f.Clusters {
		cl := domain.Cluster{
			Code: c.Code, Tier: domain.ClusterTier(c.Tier), NameZh: c.Zh, NameEn: c.En,
			IndustryCodes: append([]string{}, c.IndustryCodes...), SortOrder: (i + 1) * 10,
		}
		if err := cl.Validate(); err != nil {
			return nil, fmt.Errorf("seed: cluster %s: %w", c.Code, err)
		}
		out = append(out, cl)
	}
	return out, nil
}

// Clusters stores the seed clusters when the database has no cluster at all. An admin's later
// additions and renames are never overwritten, because a non-empty table is left alone.
func Clusters(ctx context.Context, st *store.Store) error {
	existing, err := st.Clusters.List(ctx)
	if err != nil {
		return fmt.Errorf("seed: list clusters: %w", err)
	}
	if len(existing) > 0 {
		return nil
	}
	cls, err := DefaultClusters()
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for i := range cls {
		cls[i].UpdatedAt = now
		// A concurrent instance may seed at the same moment; its rows are the same, so a
		// conflict is success.
		if err := st.Clusters.Create(ctx, &cls[i]); err != nil && !isConflict(err) {
			return fmt.Errorf("seed: cluster %s: %w", cls[i].Code, err)
		}
	}
	return nil
}
