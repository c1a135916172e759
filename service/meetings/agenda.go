package meetings

import (
	"context"
	"sort"

	"duijie/domain"
	"duijie/store"
)

// Agenda is one enterprise's published meetings at an event, in time order, with the attendees
// of its registration: what its agenda mail shows and whom it reaches beside its members.
type Agenda struct {
	EnterpriseID string
	Attendees    []domain.Attendee
	Meetings     []domain.Meeting
}

// Agendas are the agendas of every enterprise with a published meeting at e, by enterprise ID
// order so that mails go out in a stable order.
func (s *Service) Agendas(ctx context.Context, e *domain.Event) ([]Agenda, error) {
	ms, err := s.meetings.List(ctx, store.MeetingFilter{EventID: e.ID, Statuses: []domain.MeetingStatus{domain.MeetingAccepted}})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i].SlotStart, ms[j].SlotStart
		if a == nil || b == nil {
			return b != nil
		}
		return a.Before(*b)
	})
	byFirm := map[string]*Agenda{}
	var ids []string
	for _, m := range ms {
		if m.PublishedAt == nil || !m.Scheduled() {
			continue
		}
		for _, id := range []string{m.RequesterID, m.RecipientID} {
			a := byFirm[id]
			if a == nil {
				a = &Agenda{EnterpriseID: id}
				byFirm[id] = a
				ids = append(ids, id)
			}
			a.Meetings = append(a.Meetings, m)
		}
	}
	sort.Strings(ids)
	out := make([]Agenda, 0, len(ids))
	for _, id := range ids {
		a := byFirm[id]
		r, err := s.registrationOf(ctx, e.ID, id)
		if err != nil {
			return nil, err
		}
		if r != nil && r.Status == domain.RegConfirmed {
			a.Attendees = r.Attendees
		}
		out = append(out, *a)
	}
	return out, nil
}
