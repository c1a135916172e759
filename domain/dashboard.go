package domain

import "time"

// Why an organiser's event needs attention, in the order the dashboard shows them.
const (
	EventNeedsPublishing = "draft"    // still a draft, and not over
	EventFillingUp       = "filling"  // at least FillingShare of the seats are taken
	EventStartingSoon    = "soon"     // starts within StartingSoon
	EventAgendaChanged   = "changed"  // time, place or agenda changed within ChangedRecently
	EventFullWaitlist    = "waitlist" // full, with enterprises waiting
)

// Dashboard thresholds.
const (
	FillingShare    = 0.8
	StartingSoon    = 48 * time.Hour
	ChangedRecently = 72 * time.Hour
)

// EventActions says why an organiser should look at e at now (nothing: it can wait). lastChange
// is when its time, place or agenda last changed (zero: never).
func EventActions(e *Event, now, lastChange time.Time) []string {
	if !e.EndsAt.IsZero() && e.EndsAt.Before(now) {
		return nil
	}
	var out []string
	switch e.Status {
	case EventDraft:
		return []string{EventNeedsPublishing}
	case EventPublished:
	default:
		return nil
	}
	if e.Capacity > 0 && float64(e.SeatsTaken) >= FillingShare*float64(e.Capacity) {
		out = append(out, EventFillingUp)
	}
	if e.Capacity > 0 && e.SeatsTaken >= e.Capacity && e.WaitlistedCount > 0 {
		out = append(out, EventFullWaitlist)
	}
	if e.StartsAt.After(now) && e.StartsAt.Sub(now) <= StartingSoon {
		out = append(out, EventStartingSoon)
	}
	if !lastChange.IsZero() && now.Sub(lastChange) <= ChangedRecently {
		out = append(out, EventAgendaChanged)
	}
	return out
}
