package domain

import (
	"strings"
	"unicode/utf8"
)

// CanSeeEnterpriseContact is the privacy rule for a firm's contact details: admins see all,
// organisers see firms of their clusters, members see their own firm's and, once both sides
// have shown interest in a match (mutual), the counterpart's. Everyone else sees none.
func CanSeeEnterpriseContact(viewer *User, e *Enterprise, mutual bool) bool {
	if viewer == nil || viewer.Disabled || e == nil {
		return false
	}
	switch viewer.Role {
	case RoleAdmin:
		return true
	case RoleOrganiser:
		return managesAny(viewer, e.Clusters)
	case RoleMember:
		return (viewer.EnterpriseID != "" && viewer.EnterpriseID == e.ID) || mutual
	}
	return false
}

// CanSeeLeadContact is the same rule for a lead's buyer: the buyer's own members, the organiser
// who posted it or runs one of its clusters, admins, and a supplier after mutual interest.
func CanSeeLeadContact(viewer *User, l *Lead, mutual bool) bool {
	if viewer == nil || viewer.Disabled || l == nil {
		return false
	}
	switch viewer.Role {
	case RoleAdmin:
		return true
	case RoleOrganiser:
		return l.PostedBy == viewer.ID || managesAny(viewer, l.Clusters)
	case RoleMember:
		return (viewer.EnterpriseID != "" && viewer.EnterpriseID == l.BuyerEnterpriseID) || mutual
	}
	return false
}

func managesAny(u *User, clusters []string) bool {
	for _, c := range clusters {
		if u.CanManageCluster(c) {
			return true
		}
	}
	return false
}

// WithoutContact returns a copy of e that a viewer without contact rights may see.
func (e Enterprise) WithoutContact() Enterprise {
	e.Contact = Contact{}
	return e
}

// MaskName shows the first few characters of a buyer's name and stars for the rest
// ("上海太平洋贸易有限公司" → "上海太*****"), the way B2B boards show a buyer before contact is allowed:
// enough to tell it is a real firm from the region, not enough to go round the platform.
func MaskName(name string) string {
	name = strings.TrimSpace(name)
	n := utf8.RuneCountInString(name)
	if n == 0 {
		return ""
	}
	keep := 3
	if n <= 4 {
		keep = 1
	}
	r := []rune(name)
	return string(r[:keep]) + "*****"
}
