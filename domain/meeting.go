package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// MeetingStatus is where a 1:1 meeting request stands.
type MeetingStatus string

// Meeting statuses: a request is answered by its recipient; either side may cancel an open one.
const (
	MeetingRequested MeetingStatus = "requested"
	MeetingAccepted  MeetingStatus = "accepted"
	MeetingDeclined  MeetingStatus = "declined"
	MeetingCancelled MeetingStatus = "cancelled"
)

// MeetingStatuses lists the statuses in lifecycle order.
var MeetingStatuses = []MeetingStatus{MeetingRequested, MeetingAccepted, MeetingDeclined, MeetingCancelled}

// MeetingQuota is how many requests one enterprise may send per event. Every request sent counts,
// answered or not, as on b2match, so that cancelling and re-sending cannot flood recipients.
const MeetingQuota = 10

// MaxMeetingMessage bounds the note sent with a request.
const MaxMeetingMessage = 500

// Meeting is a 1:1 meeting between two enterprises registered for one event. The organiser's
// scheduler gives accepted meetings a slot and a table; members see them once published.
type Meeting struct {
	ID            string        `json:"id"`
	EventID       string        `json:"eventId"`
	RequesterID   string        `json:"requesterId"`
	RequesterName string        `json:"requesterName"`
	RecipientID   string        `json:"recipientId"`
	RecipientName string        `json:"recipientName"`
	MatchID       string        `json:"matchId,omitempty"`
	Score         float64       `json:"score"` // the match score, the scheduler's priority
	Message       string        `json:"message,omitempty"`
	Status        MeetingStatus `json:"status"`
	SlotStart     *time.Time    `json:"slotStart,omitempty"`
	SlotEnd       *time.Time    `json:"slotEnd,omitempty"`
	Table         int           `json:"table,omitempty"`
	// RequestedSlot is the slot the requester proposed; accepting books it (and a table) at once.
	RequestedSlot *time.Time `json:"requestedSlot,omitempty"`
	// VideoLink makes the meeting an online one (云洽谈) for a firm that cannot travel.
	VideoLink         string           `json:"videoLink,omitempty"`
	RequesterFeedback *MeetingFeedback `json:"requesterFeedback,omitempty"`
	RecipientFeedback *MeetingFeedback `json:"recipientFeedback,omitempty"`
	PublishedAt       *time.Time       `json:"publishedAt,omitempty"`
	RespondedAt       *time.Time       `json:"respondedAt,omitempty"`
	CancelledBy       string           `json:"cancelledBy,omitempty"` // enterprise ID
	CreatedBy         string           `json:"createdBy,omitempty"`   // user ID
	CreatedAt         time.Time        `json:"createdAt"`
	UpdatedAt         time.Time        `json:"updatedAt"`
}

// MeetingSlot places one meeting at a time and table of the event.
type MeetingSlot struct {
	MeetingID string    `json:"meetingId"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Table     int       `json:"table"`
}

// Open reports whether the meeting still stands (requested or accepted).
func (m *Meeting) Open() bool { return m.Status == MeetingRequested || m.Status == MeetingAccepted }

// Scheduled reports whether the meeting has a slot.
func (m *Meeting) Scheduled() bool { return m.SlotStart != nil && m.SlotEnd != nil }

// Involves reports whether enterprise is one side of the meeting.
func (m *Meeting) Involves(enterprise string) bool {
	return enterprise != "" && (m.RequesterID == enterprise || m.RecipientID == enterprise)
}

// Counterpart is the other side's ID and name, seen from enterprise.
func (m *Meeting) Counterpart(enterprise string) (id, name string) {
	if m.RequesterID == enterprise {
		return m.RecipientID, m.RecipientName
	}
	return m.RequesterID, m.RequesterName
}

// OpenKey is unique among stored meetings: the event and the unordered pair while the meeting is
// open, its own ID once closed. A unique index on it refuses a second open request between the
// same two enterprises at one event, whichever side sends it.
func (m *Meeting) OpenKey() string {
	if !m.Open() {
		return m.ID
	}
	a, b := m.RequesterID, m.RecipientID
	if b < a {
		a, b = b, a
	}
	return m.EventID + ":" + a + ":" + b
}

// Validate normalises and checks a new request.
func (m *Meeting) Validate() error {
	v := &ValidationError{}
	m.RecipientID = strings.TrimSpace(m.RecipientID)
	m.MatchID = strings.TrimSpace(m.MatchID)
	m.Message = strings.TrimSpace(m.Message)
	switch {
	case m.RecipientID == "":
		v.Add("with", "required")
	case !ValidID(m.RecipientID):
		v.Add("with", "meeting_unknown_enterprise")
	case m.RecipientID == m.RequesterID:
		v.Add("with", "meeting_self")
	}
	if m.RequesterID == "" {
		v.Add("enterpriseId", "required")
	}
	if m.MatchID != "" && !ValidID(m.MatchID) {
		v.Add("matchId", "invalid")
	}
	m.VideoLink = strings.TrimSpace(m.VideoLink)
	if !ValidVideoLink(m.VideoLink) {
		v.Add("videoLink", "meet2_video_link")
	}
	if utf8.RuneCountInString(m.Message) > MaxMeetingMessage {
		v.Add("message", "too_long", MaxMeetingMessage)
	}
	return v.Err()
}

// CheckMeetingParties checks that a request may be made at ev now: the event is published and
// not over, and both enterprises hold a confirmed registration (nil when they have none).
func CheckMeetingParties(ev *Event, requester, recipient *Registration, now time.Time) error {
	if ev.Status != EventPublished || !now.Before(ev.EndsAt) {
		return Invalid("eventId", "meeting_event_closed")
	}
	if requester == nil || requester.Status != RegConfirmed {
		return Invalid("eventId", "meeting_not_registered")
	}
	if recipient == nil || recipient.Status != RegConfirmed {
		return Invalid("with", "meeting_recipient_not_registered")
	}
	return nil
}
