package domain

import "time"

// LeadStatuses lists the statuses in lifecycle order.
var LeadStatuses = []LeadStatus{LeadDraft, LeadOpen, LeadClosed, LeadExpired}

// LeadOutcomes lists the closing outcomes.
var LeadOutcomes = []LeadOutcome{OutcomeSigned, OutcomeLost, OutcomeCancelled}

// ParseLeadOutcome accepts an outcome code.
func ParseLeadOutcome(s string) (LeadOutcome, bool) {
	for _, o := range LeadOutcomes {
		if LeadOutcome(s) == o {
			return o, true
		}
	}
	return "", false
}

// Editable reports whether the lead's content may still change: once closed or expired it is
// the record of what was asked.
func (l *Lead) Editable() bool { return l.Status == LeadDraft || l.Status == LeadOpen }

// Open publishes a draft so that matching may send it to suppliers. A lead whose deadline has
// passed cannot be opened: nobody could answer in time.
func (l *Lead) Open(now time.Time) error {
	if l.Status != LeadDraft {
		return Invalid("status", "lead_transition", string(l.Status), string(LeadOpen))
	}
	if l.Deadline != nil && !l.Deadline.After(now) {
		return Invalid("deadline", "deadline_past")
	}
	t := now
	l.Status, l.OpenedAt, l.UpdatedAt = LeadOpen, &t, now
	return nil
}

// Close ends a lead with its outcome. A draft can only be withdrawn (cancelled), since nothing
// could have been signed or lost on it; an expired lead may still record a late outcome.
func (l *Lead) Close(outcome LeadOutcome, now time.Time) error {
	if _, ok := ParseLeadOutcome(string(outcome)); !ok {
		return Invalid("outcome", "one_of", "signed, lost, cancelled")
	}
	switch l.Status {
	case LeadOpen, LeadExpired:
	case LeadDraft:
		if outcome != OutcomeCancelled {
			return Invalid("outcome", "lead_draft_cancel_only")
		}
	default:
		return Invalid("status", "lead_transition", string(l.Status), string(LeadClosed))
	}
	t := now
	l.Status, l.Outcome, l.ClosedAt, l.UpdatedAt = LeadClosed, outcome, &t, now
	return nil
}

// Expired reports whether an open lead's deadline has passed at now; the expiry job then stores
// the move with a conditional update.
func (l *Lead) Expired(now time.Time) bool {
	return l.Status == LeadOpen && l.Deadline != nil && !l.Deadline.After(now)
}

// Expire moves an open lead past its deadline to expired.
func (l *Lead) Expire(now time.Time) error {
	if !l.Expired(now) {
		return Invalid("status", "lead_transition", string(l.Status), string(LeadExpired))
	}
	l.Status, l.UpdatedAt = LeadExpired, now
	return nil
}

// CanViewLead says who may read a lead at all: admins; organisers of one of its clusters or who
// posted it; members of the buyer, and other members once it is open (the lead board).
func CanViewLead(viewer *User, l *Lead) bool {
	if viewer == nil || viewer.Disabled || l == nil {
		return false
	}
	switch viewer.Role {
	case RoleAdmin:
		return true
	case RoleOrganiser:
		return l.PostedBy == viewer.ID || managesAny(viewer, l.Clusters)
	case RoleMember:
		return (viewer.EnterpriseID != "" && viewer.EnterpriseID == l.BuyerEnterpriseID) || l.Status == LeadOpen
	}
	return false
}

// CanEditLead says who may change or close a lead: admins, organisers of its clusters or who
// posted it, and members of the buyer enterprise.
func CanEditLead(viewer *User, l *Lead) bool {
	if viewer == nil || viewer.Disabled || l == nil {
		return false
	}
	switch viewer.Role {
	case RoleAdmin:
		return true
	case RoleOrganiser:
		return l.PostedBy == viewer.ID || managesAny(viewer, l.Clusters)
	case RoleMember:
		return viewer.EnterpriseID != "" && viewer.EnterpriseID == l.BuyerEnterpriseID
	}
	return false
}

// ForViewer returns the lead as viewer may see it: without contact, and with the buyer's name
// masked and its enterprise ID hidden, unless CanSeeLeadContact allows them.
func (l Lead) ForViewer(viewer *User, mutual bool) Lead {
	if CanSeeLeadContact(viewer, &l, mutual) {
		return l
	}
	l.Contact = Contact{}
	l.BuyerName = MaskName(l.BuyerName)
	l.BuyerEnterpriseID = ""
	return l
}
