package domain

import "time"

// Invited reports whether the buyer side put the match in front of its supplier (an invitation
// to quote) rather than the engine: the step that sent it names who did.
func (m *Match) Invited() bool {
	for _, s := range m.History {
		if s.Status == MatchSent {
			return s.By != ""
		}
	}
	return false
}

// CanQuote reports whether the supplier of m may quote: it answered interested, and the match
// is neither lost nor signed.
func (m *Match) CanQuote() bool {
	return m.Decision() == MatchInterested && m.Status != MatchLost && m.Status != MatchSigned
}

// CheckBuyerAction refuses a buyer action (shortlist, invite) on a lead that no longer takes
// suppliers: only an open lead does.
func CheckBuyerAction(l *Lead) error {
	if l.Status != LeadOpen {
		return Conflict("status", "deal_lead_closed")
	}
	return nil
}

// CheckInvite refuses inviting the buyer itself or a blocked enterprise to quote on l.
func CheckInvite(l *Lead, e *Enterprise) error {
	switch {
	case e.ID == l.BuyerEnterpriseID:
		return Invalid("enterpriseId", "deal_own_enterprise")
	case e.Status == EnterpriseBlocked:
		return Invalid("enterpriseId", "deal_blocked")
	}
	return nil
}

// Invite sends a match to its supplier on the buyer's initiative: a proposal the engine ranked
// but did not send, or a new pair outside the ranking. Anything already sent is a conflict: the
// supplier has the lead.
func (m *Match) Invite(by, note string, now time.Time) error {
	if m.Status != MatchProposed {
		return Conflict("enterpriseId", "deal_already_matched")
	}
	t := now
	m.Status, m.SentAt, m.UpdatedAt = MatchSent, &t, now
	m.History = append(m.History, MatchStep{Status: MatchSent, At: now, By: by, Note: note})
	return nil
}
