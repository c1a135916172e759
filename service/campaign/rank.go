package campaign

import (
	"cmp"
	"slices"
)

// sortRows orders rows by key, smallest first, then by cluster code.
func sortRows(rows []ClusterRow, key func(ClusterRow) float64) {
	slices.SortStableFunc(rows, func(a, b ClusterRow) int {
		return cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a.Cluster.Code, b.Cluster.Code))
	})
}

// RankByContribution returns the rows best first by contribution to the targets.
func RankByContribution(rows []ClusterRow) []ClusterRow {
	out := slices.Clone(rows)
	sortRows(out, func(r ClusterRow) float64 { return -r.Contribution })
	return out
}

// RankBySignedValue returns the rows best first by signed value.
func RankBySignedValue(rows []ClusterRow) []ClusterRow {
	out := slices.Clone(rows)
	sortRows(out, func(r ClusterRow) float64 { return -float64(r.Actuals.SignedValue) })
	return out
}
