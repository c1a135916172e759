package meetings

import (
	"context"
	"errors"
	"time"

	"duijie/domain"
)

// RequestInput is a member's request to meet another participant.
type RequestInput struct {
	With      string
	MatchID   string
	Message   string
	SlotStart *time.Time // nil leaves the slot to the scheduler
	VideoLink string     // set for an online meeting
}

// Request stores u's enterprise's request to meet in.With at e: both hold a confirmed
// registration, the recipient takes part in meetings, the pair has no open request, the
// requester has quota left, and a proposed slot is one of the event's, in the future, free for
// both. The slot is booked only when the recipient accepts.
func (s *Service) Request(ctx context.Context, u *domain.User, e *domain.Event, in RequestInput) (*domain.Meeting, error) {
	if u.EnterpriseID == "" {
		return nil, domain.Invalid("enterpriseId", "meeting_no_enterprise")
	}
	m := &domain.Meeting{EventID: e.ID, RequesterID: u.EnterpriseID, RecipientID: in.With, MatchID: in.MatchID,
		Message: in.Message, VideoLink: in.VideoLink, Status: domain.MeetingRequested, CreatedBy: u.ID}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	requester, err := s.enterprises.Get(ctx, m.RequesterID)
	if err != nil {
		return nil, err
	}
	recipient, err := s.enterprises.Get(ctx, m.RecipientID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, domain.Invalid("with", "meeting_unknown_enterprise")
	}
	if err != nil {
		return nil, err
	}
	mine, err := s.registrationOf(ctx, e.ID, requester.ID)
	if err != nil {
		return nil, err
	}
	theirs, err := s.registrationOf(ctx, e.ID, recipient.ID)
	if err != nil {
		return nil, err
	}
	if err := domain.CheckMeetingParties(e, mine, theirs, s.now()); err != nil {
		return nil, err
	}
	optedIn, err := s.meetings.OptedIn(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	if !optedIn[recipient.ID] {
		return nil, domain.Invalid("with", "meet2_not_opted_in")
	}
	if in.SlotStart != nil {
		slot, err := s.checkSlot(ctx, e, *in.SlotStart, requester.ID, recipient.ID)
		if err != nil {
			return nil, err
		}
		m.RequestedSlot = &slot.Start
	}
	if m.MatchID != "" {
		if m.Score, err = s.matchScore(ctx, m.MatchID, requester.ID, recipient.ID); err != nil {
			return nil, err
		}
	}
	m.RequesterName, m.RecipientName = requester.Name, recipient.Name
	m.CreatedAt = s.now()
	m.UpdatedAt = m.CreatedAt
	if err := s.meetings.Create(ctx, m, domain.MeetingQuota); err != nil {
		return nil, err
	}
	return m, nil
}

// matchScore is the score of the match that led to the request, the scheduler's priority. The
// match must pair the two enterprises, as buyer and supplier either way round.
func (s *Service) matchScore(ctx context.Context, matchID, a, b string) (float64, error) {
	mt, err := s.matches.Get(ctx, matchID)
	if errors.Is(err, domain.ErrNotFound) {
		return 0, domain.Invalid("matchId", "meeting_match_mismatch")
	}
	if err != nil {
		return 0, err
	}
	l, err := s.leads.Get(ctx, mt.LeadID)
	if err != nil {
		return 0, err
	}
	pair := (mt.EnterpriseID == a && l.BuyerEnterpriseID == b) || (mt.EnterpriseID == b && l.BuyerEnterpriseID == a)
	if !pair {
		return 0, domain.Invalid("matchId", "meeting_match_mismatch")
	}
	return mt.Score, nil
}

// AnswerInput carries what the recipient may add when accepting: another slot than the one
// proposed, and a video link.
type AnswerInput struct {
	SlotStart *time.Time
	VideoLink *string
}

// Act applies "accept", "decline" or "cancel" of u's enterprise to meeting id. Accepting a
// meeting with a slot (proposed, or chosen now) books that slot and a table for both sides at
// once, or fails whole; without one the meeting waits for the scheduler. A meeting of other
// enterprises does not exist for u. changed is false for a repeated answer, which changes nothing.
func (s *Service) Act(ctx context.Context, u *domain.User, id, act string, in AnswerInput) (m *domain.Meeting, changed bool, err error) {
	m, err = s.act(ctx, u, id, act, in, &changed)
	return m, changed && err == nil, err
}

func (s *Service) act(ctx context.Context, u *domain.User, id, act string, in AnswerInput, moved *bool) (*domain.Meeting, error) {
	if !domain.ValidID(id) || u.EnterpriseID == "" {
		return nil, domain.ErrNotFound
	}
	m, err := s.meetings.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !m.Involves(u.EnterpriseID) {
		return nil, domain.ErrNotFound
	}
	from, now := m.Status, s.now()
	var changed bool
	switch act {
	case "accept":
		changed, err = m.Accept(u.EnterpriseID, now)
	case "decline":
		changed, err = m.Decline(u.EnterpriseID, now)
	default:
		changed, err = m.Cancel(u.EnterpriseID, now)
	}
	if err != nil || !changed {
		return m, err
	}
	*moved = true
	if act == "accept" {
		if in.VideoLink != nil {
			m.VideoLink = *in.VideoLink
			if !domain.ValidVideoLink(m.VideoLink) {
				return nil, domain.Invalid("videoLink", "meet2_video_link")
			}
		}
		start := m.RequestedSlot
		if in.SlotStart != nil {
			start = in.SlotStart
		}
		if start != nil {
			ev, err := s.events.Get(ctx, m.EventID)
			if err != nil {
				return nil, err
			}
			return m, s.book(ctx, ev, m, *start, from)
		}
	}
	if err := s.meetings.Update(ctx, m, from); err != nil {
		return nil, err
	}
	return m, nil
}

// book places the accepted m at start with a table, published at once: both sides agreed on it.
func (s *Service) book(ctx context.Context, e *domain.Event, m *domain.Meeting, start time.Time, from domain.MeetingStatus) error {
	slot, err := s.checkSlot(ctx, e, start, m.RequesterID, m.RecipientID)
	if err != nil {
		return err
	}
	now := s.now()
	m.SlotStart, m.SlotEnd, m.PublishedAt = &slot.Start, &slot.End, &now
	return s.meetings.Book(ctx, m, from, slot.Tables)
}

// SetOptIn records whether u's enterprise takes part in 1:1 meetings at e; it needs a
// registration that is not cancelled.
func (s *Service) SetOptIn(ctx context.Context, u *domain.User, e *domain.Event, in bool) error {
	if u.EnterpriseID == "" {
		return domain.Invalid("enterpriseId", "meeting_no_enterprise")
	}
	r, err := s.registrationOf(ctx, e.ID, u.EnterpriseID)
	if err != nil {
		return err
	}
	if r == nil || r.Status == domain.RegCancelled {
		return domain.Invalid("meetingsOptIn", "meeting_not_registered")
	}
	return s.meetings.SetOptIn(ctx, e.ID, u.EnterpriseID, in, s.now())
}

// OptIn records the choice made on the registration form, before the registration itself is
// stored: a stray opt-in of a registration that then fails shows nobody, since participants
// need a confirmed registration.
func (s *Service) OptIn(ctx context.Context, eventID, enterpriseID string, in bool) error {
	return s.meetings.SetOptIn(ctx, eventID, enterpriseID, in, s.now())
}

// OptedIn reports whether the enterprise takes part in meetings at the event.
func (s *Service) OptedIn(ctx context.Context, eventID, enterpriseID string) (bool, error) {
	in, err := s.meetings.OptedIn(ctx, eventID)
	return in[enterpriseID], err
}
