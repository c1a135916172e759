package meetings

import (
	"context"
	"time"

	"duijie/domain"
	"duijie/matching"
	"duijie/store"
)

// DraftResult is what a draft run reports.
type DraftResult struct {
	Placed   int                  `json:"placed"`
	Slots    []domain.MeetingSlot `json:"slots"`
	Unplaced []string             `json:"unplaced"`
	Rounds   int                  `json:"rounds"`
}

// DraftSchedule places the event's accepted meetings that have no slot yet, and stores the
// draft; booked and published meetings keep their places. With meeting windows the windows
// decide rounds and tables; without, the agenda's matchmaking sessions are cut into rounds of
// minutes at tables (the organiser's form), as before windows existed.
func (s *Service) DraftSchedule(ctx context.Context, e *domain.Event, tables, minutes int) (*DraftResult, error) {
	ms, err := s.meetings.List(ctx, store.MeetingFilter{EventID: e.ID, Statuses: []domain.MeetingStatus{domain.MeetingAccepted}})
	if err != nil {
		return nil, err
	}
	ws, err := s.Windows(ctx, e)
	if err != nil {
		return nil, err
	}
	var slots []matching.TimeSlot
	if len(ws) > 0 {
		for _, t := range domain.Slots(ws) {
			slots = append(slots, matching.TimeSlot{Start: t.Start, End: t.End, Tables: t.Tables})
		}
	} else {
		slots = matching.MeetingSlots(e.Sessions, time.Duration(minutes)*time.Minute)
	}
	now := s.now()
	future := slots[:0]
	for _, t := range slots {
		if now.Before(t.Start) {
			future = append(future, t)
		}
	}
	draft := matching.ScheduleMeetings(ms, future, tables)
	placed, err := s.meetings.Schedule(ctx, e.ID, draft.Slots, now)
	if err != nil {
		return nil, err
	}
	return &DraftResult{Placed: placed, Slots: draft.Slots, Unplaced: draft.Unplaced, Rounds: len(future)}, nil
}

// Publish shows the drafted slots to the members and says how many.
func (s *Service) Publish(ctx context.Context, e *domain.Event) (int, error) {
	return s.meetings.Publish(ctx, e.ID, s.now())
}
