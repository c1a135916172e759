package domain

import "time"

// Accept records the recipient's yes. Accepting an accepted meeting changes nothing and reports
// false, so a retried request is harmless; only the recipient may answer.
func (m *Meeting) Accept(by string, now time.Time) (bool, error) {
	return m.answer(MeetingAccepted, by, now)
}

// Decline records the recipient's no, with the same rules as Accept.
func (m *Meeting) Decline(by string, now time.Time) (bool, error) {
	return m.answer(MeetingDeclined, by, now)
}

func (m *Meeting) answer(to MeetingStatus, by string, now time.Time) (bool, error) {
	if by != m.RecipientID {
		return false, ErrForbidden
	}
	switch m.Status {
	case to:
		return false, nil
	case MeetingRequested:
	default:
		return false, Conflict("status", "meeting_transition")
	}
	t := now
	m.Status, m.RespondedAt, m.UpdatedAt = to, &t, now
	return true, nil
}

// Cancel withdraws an open meeting; either side may. A scheduled slot is freed. Cancelling a
// cancelled meeting changes nothing and reports false.
func (m *Meeting) Cancel(by string, now time.Time) (bool, error) {
	if !m.Involves(by) {
		return false, ErrForbidden
	}
	return m.cancel(by, now)
}

// CancelWithEvent cancels a requested or accepted meeting because its event was cancelled: no
// side cancelled it (CancelledBy stays empty) and the slot and table are freed.
func (m *Meeting) CancelWithEvent(now time.Time) (bool, error) {
	return m.cancel("", now)
}

func (m *Meeting) cancel(by string, now time.Time) (bool, error) {
	switch m.Status {
	case MeetingCancelled:
		return false, nil
	case MeetingRequested, MeetingAccepted:
	default:
		return false, Conflict("status", "meeting_transition")
	}
	m.Status, m.CancelledBy, m.UpdatedAt = MeetingCancelled, by, now
	m.SlotStart, m.SlotEnd, m.Table, m.PublishedAt = nil, nil, 0, nil
	return true, nil
}
