package domain

import "strings"

// ClusterIndex resolves what people write for a cluster (its code "L1" or its name "物联网")
// to the code. Clusters are data, so validation takes the current list rather than an enum.
type ClusterIndex struct {
	byKey map[string]string
}

// NewClusterIndex indexes clusters by code (case-insensitive) and by Chinese and English name.
func NewClusterIndex(cs []Cluster) ClusterIndex {
	ci := ClusterIndex{byKey: make(map[string]string, 3*len(cs))}
	for _, c := range cs {
		ci.byKey[strings.ToUpper(c.Code)] = c.Code
		if c.NameZh != "" {
			ci.byKey[c.NameZh] = c.Code
		}
		if c.NameEn != "" {
			ci.byKey[strings.ToUpper(c.NameEn)] = c.Code
		}
	}
	return ci
}

// Resolve returns the code of the cluster s names and whether there is one.
func (ci ClusterIndex) Resolve(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if c, ok := ci.byKey[s]; ok {
		return c, true
	}
	c, ok := ci.byKey[strings.ToUpper(s)]
	return c, ok
}

// resolveClusters maps every item to a code, reporting the first unknown one on field.
func (ci ClusterIndex) resolveClusters(v *ValidationError, field string, items []string) []string {
	items = normalizeList(items)
	out := make([]string, 0, len(items))
	for _, it := range items {
		c, ok := ci.Resolve(it)
		if !ok {
			v.Add(field, "cluster_unknown", it)
			continue
		}
		out = append(out, c)
	}
	return dedupe(out)
}
