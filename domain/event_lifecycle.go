package domain

import "time"

// CanTransition reports whether an event may move from one status to another.
func CanTransition(from, to EventStatus) bool {
	switch from {
	case EventDraft:
		return to == EventPublished || to == EventCancelled
	case EventPublished:
		return to == EventCompleted || to == EventCancelled
	}
	return false
}

// Transition moves e to status to at now, enforcing the lifecycle. Publishing needs a valid
// event and agenda; completing needs the event to be over. The store repeats the move as a
// conditional update, so two organisers clicking at once cannot both win.
func (e *Event) Transition(to EventStatus, now time.Time) error {
	if !CanTransition(e.Status, to) {
		return Invalid("status", "event_transition", string(e.Status), string(to))
	}
	switch to {
	case EventPublished:
		if err := e.Validate(); err != nil {
			return err
		}
		if err := ValidateAgenda(e, e.Sessions); err != nil {
			return err
		}
		t := now
		e.PublishedAt = &t
	case EventCompleted:
		if now.Before(e.EndsAt) {
			return Invalid("status", "event_not_ended")
		}
	case EventCancelled:
		t := now
		e.CancelledAt = &t
	}
	e.Status = to
	e.UpdatedAt = now
	return nil
}

// EventChange records that a published event's time or place changed, so that registrants can
// be told. The jobs issue sends pending changes and sets NotifiedAt.
type EventChange struct {
	ID         string     `json:"id"`
	EventID    string     `json:"eventId"`
	Field      string     `json:"field"`
	Old        string     `json:"old"`
	New        string     `json:"new"`
	At         time.Time  `json:"at"`
	By         string     `json:"by,omitempty"`
	NotifiedAt *time.Time `json:"notifiedAt,omitempty"`
}

// EventChangeStatus is the field of the change that records a published event's cancellation:
// registrants are told through the same notice as a move of time or place.
const EventChangeStatus = "status"

// CancellationNotice is the change registrants must be told when e, published before (from),
// is now cancelled; nil for any other transition (a draft had nobody registered).
func CancellationNotice(e *Event, from EventStatus, by string, at time.Time) []EventChange {
	if from != EventPublished || e.Status != EventCancelled {
		return nil
	}
	return []EventChange{{ID: NewID(), EventID: e.ID, Field: EventChangeStatus, Old: string(from),
		New: string(EventCancelled), At: at, By: by}}
}

// Cancels reports whether the change is an event's cancellation.
func (c EventChange) Cancels() bool {
	return c.Field == EventChangeStatus && c.New == string(EventCancelled)
}

// NoticeChanges lists what registrants must be told when old becomes updated: the time and place
// of a published event. Drafts change freely, since nobody has registered yet.
func NoticeChanges(old, updated *Event, by string, at time.Time) []EventChange {
	if old.Status != EventPublished {
		return nil
	}
	var out []EventChange
	add := func(field, o, n string) {
		if o != n {
			out = append(out, EventChange{ID: NewID(), EventID: old.ID, Field: field, Old: o, New: n, At: at, By: by})
		}
	}
	stamp := func(t time.Time, e *Event) string { return t.In(e.Location()).Format(time.RFC3339) }
	add("startsAt", stamp(old.StartsAt, old), stamp(updated.StartsAt, updated))
	add("endsAt", stamp(old.EndsAt, old), stamp(updated.EndsAt, updated))
	add("timezone", old.Timezone, updated.Timezone)
	add("venue", old.Venue, updated.Venue)
	add("address", old.Address, updated.Address)
	return out
}
