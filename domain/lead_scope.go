package domain

import "slices"

// CanNameBuyer says whether staff may post or import a lead in the name of enterprise e: admins
// may name any firm, organisers only a firm of their clusters, i.e. one whose record (and so
// whose contact) they may read directly. Members post for their own enterprise only.
func CanNameBuyer(viewer *User, e *Enterprise) bool {
	if viewer == nil || viewer.Disabled || e == nil {
		return false
	}
	switch viewer.Role {
	case RoleAdmin:
		return true
	case RoleOrganiser:
		return managesAny(viewer, e.Clusters)
	}
	return false
}

// LeadClustersProblem checks a change of a lead's clusters from before to after by viewer and
// returns "" when allowed, else a field problem key. It is checked on every change, whoever
// posted the lead, so that an organiser cannot move a lead out of its own reach into another
// cluster's: an organiser must manage one of the clusters before (or have posted it) and one
// after, and may add only clusters it manages. Admins change anything; members choose the
// clusters of their own enterprise's leads.
func LeadClustersProblem(viewer *User, l *Lead, before, after []string) string {
	if viewer == nil || viewer.Role != RoleOrganiser {
		return ""
	}
	if !managesAny(viewer, before) && l.PostedBy != viewer.ID {
		return "cluster_scope"
	}
	if !managesAny(viewer, after) {
		return "cluster_scope"
	}
	for _, c := range after {
		if !slices.Contains(before, c) && !viewer.CanManageCluster(c) {
			return "trust.field.cluster_foreign"
		}
	}
	return ""
}
