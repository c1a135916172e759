package handlers

import (
	"time"

	"duijie/domain"
	meetsvc "duijie/service/meetings"
)

// meetingsMineView is the data of meetings/mine, a member's agenda and requests.
type meetingsMineView struct {
	Page
	Agenda   []agendaDay
	Requests []meetingRow
	Open     []meetingEventRow
}

// meetingsEventsView is the data of meetings/events, the organiser's list of events.
type meetingsEventsView struct {
	Page
	Events []domain.Event
}

// meetingAnswerView is the data of meetings/answer; Checked is the slot (RFC 3339) ticked first.
type meetingAnswerView struct {
	Page
	Meeting      *domain.Meeting
	Event        *domain.Event
	Days         []slotDay
	Checked      string
	ProposedFree bool
}

// meetingRequestView is the data of meetings/request.
type meetingRequestView struct {
	Page
	Event    *domain.Event
	Other    *domain.Enterprise
	Days     []slotDay
	AnySlots bool
	MatchID  string
}

// meetingScheduleView is the data of meetings/schedule, the organiser's schedule of an event.
type meetingScheduleView struct {
	Page
	Event            *domain.Event
	Placed, Unplaced []scheduleRow
	Counts           map[string]int
	Drafts           int
	Statuses         []domain.MeetingStatus
	Rounds           int
	Windows          []domain.MeetingWindow
}

// meetingWindowsView is the data of meetings/windows; Errors are keyed by row number.
type meetingWindowsView struct {
	Page
	Event *domain.Event
	Rows  []windowRow
	Days  []time.Time
}

// meetingReportView is the data of meetings/report.
type meetingReportView struct {
	Page
	Event        *domain.Event
	Report       *meetsvc.Report
	Outcomes     []domain.MeetingOutcome
	ClusterNames map[string]string
}

// meetingParticipantsView is the data of meetings/participants; NotRegistered when a member
// is not confirmed for the event (then the directory is not shown).
type meetingParticipantsView struct {
	Page
	Event         *domain.Event
	Filter        meetsvc.ParticipantFilter
	ClusterNames  map[string]string
	IsMember      bool
	NotRegistered bool
	Participants  []meetsvc.Participant
	OptedIn       bool
	Open          bool
}

// meetingFeedbackView is the data of meetings/feedback.
type meetingFeedbackView struct {
	Page
	Row      meetingRow
	Event    *domain.Event
	Outcomes []domain.MeetingOutcome
	Ratings  []int
}
