package domain

// Mutual reports whether both sides of a match have shown interest: the buyer by posting the
// lead the platform sent to this supplier, the supplier by answering interested. From then on,
// whatever the outcome, each side may see the other's contact.
func (m *Match) Mutual() bool { return m.Decision() == MatchInterested }

// IsMatchSupplier reports whether viewer speaks for the match's supplier: a member of it.
func IsMatchSupplier(viewer *User, m *Match) bool {
	return viewer != nil && !viewer.Disabled && viewer.Role == RoleMember &&
		viewer.EnterpriseID != "" && viewer.EnterpriseID == m.EnterpriseID
}

// CanViewMatch says who may read a match: its supplier once it was sent to them, and everyone
// who may manage the lead (its buyer's members, organisers of its clusters or who posted it,
// admins).
func CanViewMatch(viewer *User, m *Match, l *Lead) bool {
	if IsMatchSupplier(viewer, m) {
		return m.Status != MatchProposed
	}
	return CanEditLead(viewer, l)
}

// CanRespondMatch says who answers interested or declined: the matched supplier only.
func CanRespondMatch(viewer *User, m *Match) bool { return IsMatchSupplier(viewer, m) }

// CanRecordOutcome says who records how a match went: the buyer side or the lead's organisers.
func CanRecordOutcome(viewer *User, l *Lead) bool { return CanEditLead(viewer, l) }

// SupplierContact returns the supplier's contact as viewer may see it in this match: nothing
// before mutual interest; afterwards what the enterprise privacy rule allows, with the buyer
// side counting as the mutual counterpart. A member of the buyer sees it only when ContactsOpen
// (both enterprises verified); staff see what their own rights allow.
func (m *Match) SupplierContact(viewer *User, l *Lead, e *Enterprise, buyerVerified bool) Contact {
	if !m.Mutual() || e == nil {
		return Contact{}
	}
	if viewer != nil && viewer.Role == RoleMember && !ContactsOpen(m, l, e.IsVerified(), buyerVerified) {
		return Contact{}
	}
	if CanSeeEnterpriseContact(viewer, e, CanEditLead(viewer, l)) {
		return e.Contact
	}
	return Contact{}
}

// LeadFor returns the lead as viewer may see it through this match: the supplier sees the
// buyer's name and contact once contacts are open (ContactsOpen: mutual interest between two
// verified enterprises), and a masked buyer before.
func (m *Match) LeadFor(viewer *User, l Lead, contactsOpen bool) Lead {
	return l.ForViewer(viewer, contactsOpen && m.Mutual() && IsMatchSupplier(viewer, m))
}

// ForSupplier returns the match as its supplier sees it: without the buyer side's own notes
// and without who on that side recorded each step.
func (m Match) ForSupplier() Match {
	m.BuyerNote = ""
	steps := make([]MatchStep, len(m.History))
	for i, s := range m.History {
		if s.Status != MatchInterested && s.Status != MatchDeclined {
			s.Note, s.By = "", ""
		}
		steps[i] = s
	}
	m.History = steps
	return m
}
