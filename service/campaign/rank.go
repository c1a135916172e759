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

// activity breaks ties between clusters of equal contribution (a tenth of a percent is coarse
// when the year has just begun): signed value, then enterprises and leads.
func activity(a, b ClusterRow) int {
	return cmp.Or(cmp.Compare(b.Actuals.SignedValue, a.Actuals.SignedValue),
		cmp.Compare(b.Actuals.Enterprises+b.Actuals.Leads, a.Actuals.Enterprises+a.Actuals.Leads),
		cmp.Compare(a.Cluster.Code, b.Cluster.Code))
}

// RankByContribution returns the rows best first by contribution to the targets.
func RankByContribution(rows []ClusterRow) []ClusterRow {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b ClusterRow) int {
		return cmp.Or(cmp.Compare(b.Contribution, a.Contribution), activity(a, b))
	})
	return out
}

// RankBySignedValue returns the rows best first by signed value.
func RankBySignedValue(rows []ClusterRow) []ClusterRow {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b ClusterRow) int {
		return cmp.Or(cmp.Compare(b.Actuals.SignedValue, a.Actuals.SignedValue), cmp.Compare(b.Contribution, a.Contribution),
			activity(a, b))
	})
	return out
}
