package domain

// CanTriageLead says who may confirm or correct the clusters of a lead: admins, and organisers
// of a cluster the lead is in (inferred or not). A member never routes leads.
func CanTriageLead(u *User, l *Lead) bool {
	if u == nil || u.Disabled || l == nil {
		return false
	}
	switch u.Role {
	case RoleAdmin:
		return true
	case RoleOrganiser:
		return managesAny(u, l.Clusters)
	}
	return false
}

// ConfirmClusters sets the clusters an organiser confirmed or chose for l and clears the
// inferred mark. At least one known cluster is required; a closed or expired lead is not
// re-routed.
func (l *Lead) ConfirmClusters(clusters []string, ci ClusterIndex) error {
	if l.Status == LeadClosed || l.Status == LeadExpired {
		return Conflict("status", "intake_lead_closed")
	}
	v := &ValidationError{}
	cs := ci.resolveClusters(v, "clusters", clusters)
	if len(cs) == 0 && !v.Has("clusters") {
		v.Add("clusters", "required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	l.Clusters, l.ClustersInferred = cs, false
	return nil
}
