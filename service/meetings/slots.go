package meetings

import (
	"context"
	"time"

	"duijie/domain"
	"duijie/matching"
)

// Windows returns the event's meeting windows, in the event's zone.
func (s *Service) Windows(ctx context.Context, e *domain.Event) ([]domain.MeetingWindow, error) {
	ws, err := s.meetings.Windows(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	loc := e.Location()
	for i := range ws {
		ws[i].From, ws[i].Until = ws[i].From.In(loc), ws[i].Until.In(loc)
		for j := range ws[i].Breaks {
			b := &ws[i].Breaks[j]
			b.From, b.Until = b.From.In(loc), b.Until.In(loc)
		}
	}
	return ws, nil
}

// SetWindows validates and stores the event's meeting windows (the caller has checked that u
// runs the event). Meetings already booked keep their place.
func (s *Service) SetWindows(ctx context.Context, e *domain.Event, ws []domain.MeetingWindow) ([]domain.MeetingWindow, error) {
	if ws == nil {
		ws = []domain.MeetingWindow{}
	}
	if err := domain.ValidateMeetingWindows(e, ws); err != nil {
		return nil, err
	}
	if err := s.meetings.SetWindows(ctx, e.ID, ws, s.now()); err != nil {
		return nil, err
	}
	return s.Windows(ctx, e)
}

// Slots are the event's meeting rounds: cut from its windows, or, for an event that has none
// yet, from the agenda's matchmaking sessions at the default length and tables.
func (s *Service) Slots(ctx context.Context, e *domain.Event) ([]domain.SlotTime, error) {
	ws, err := s.Windows(ctx, e)
	if err != nil {
		return nil, err
	}
	if len(ws) > 0 {
		return domain.Slots(ws), nil
	}
	var out []domain.SlotTime
	for _, t := range matching.MeetingSlots(e.Sessions, domain.DefaultSlotMinutes*time.Minute) {
		out = append(out, domain.SlotTime{Start: t.Start.In(e.Location()), End: t.End.In(e.Location()),
			Tables: domain.DefaultMeetingTables})
	}
	return out, nil
}

// FreeSlots are the event's future slots where neither enterprise sits yet and a table is left.
func (s *Service) FreeSlots(ctx context.Context, e *domain.Event, a, b string) ([]domain.SlotTime, error) {
	slots, err := s.Slots(ctx, e)
	if err != nil {
		return nil, err
	}
	busy, err := s.meetings.Busy(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	return domain.FreeSlots(slots, s.now(), a, b, busy), nil
}

// checkSlot decides whether a and b may meet at start, from the store's view of the slot.
func (s *Service) checkSlot(ctx context.Context, e *domain.Event, start time.Time, a, b string) (domain.SlotTime, error) {
	slots, err := s.Slots(ctx, e)
	if err != nil {
		return domain.SlotTime{}, err
	}
	busy, err := s.meetings.Busy(ctx, e.ID)
	if err != nil {
		return domain.SlotTime{}, err
	}
	return domain.CheckSlotRequest(slots, start, s.now(), a, b, busy[start.UnixMilli()])
}
