package notify

import (
	"context"
	"errors"
	"fmt"

	"duijie/domain"
	"duijie/mail"
)

// Meeting actions, as mails name them.
const (
	MeetingRequested = "requested"
	MeetingAccepted  = "accepted"
	MeetingDeclined  = "declined"
	MeetingCancelled = "cancelled"
)

// Meeting tells the other side of m what actor's enterprise just did (action: one of the
// Meeting… constants): a request goes to the recipient's members, an answer to the requester's,
// a cancellation to whichever side did not cancel. Each mail is queued once per meeting,
// action and person. It returns how many mails were newly queued.
func (s *Service) Meeting(ctx context.Context, m *domain.Meeting, action, actorEnterpriseID string) (int, error) {
	if s == nil || m == nil {
		return 0, nil
	}
	to, other := m.RecipientID, m.RequesterName
	if actorEnterpriseID == m.RecipientID {
		to, other = m.RequesterID, m.RecipientName
	}
	e, err := s.events.Get(ctx, m.EventID)
	if errors.Is(err, domain.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("event of meeting %s: %w", m.ID, err)
	}
	people, err := s.members(ctx, to)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, p := range people {
		d := &mail.MeetingData{Action: action, Other: other, Event: e.DisplayTitle(p.lang), When: when(e, e.StartsAt),
			Message: m.Message, Link: s.r.Link("/meetings")}
		if action != MeetingRequested {
			d.Message = ""
		}
		if action == MeetingRequested || action == MeetingAccepted {
			d.VideoLink = m.VideoLink
		}
		if m.SlotStart != nil && m.PublishedAt != nil {
			d.Slot = when(e, *m.SlotStart)
			if m.Table > 0 {
				d.Slot += fmt.Sprintf(" · #%d", m.Table)
			}
		}
		created, err := s.send(ctx, domain.MailMeeting, mail.TemplateMeeting, p, d, "meeting:"+action+":"+m.ID, nil)
		if err != nil {
			return n, err
		}
		if created {
			n++
		}
	}
	return n, nil
}
