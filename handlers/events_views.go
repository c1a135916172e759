package handlers

import (
	"duijie/domain"
	evsvc "duijie/service/events"
	"duijie/store"
)

// eventListView is the data of events/list; Filter holds the query's filters by name.
type eventListView struct {
	Page
	Events      []domain.Event
	Total       int
	First, Next string // pagination links, "" when there is none
	Filter      map[string]string
	Statuses    []domain.EventStatus
	Kinds       []domain.EventKind
	CanCreate   bool
}

// eventDetailView is the data of events/detail. RegistrationClosed says why one cannot
// register ("" while one can); MyRegistration is the caller's active registration, if any.
type eventDetailView struct {
	Page
	Event              *domain.Event
	Days               []agendaDayView
	CanManage          bool
	SeatsLeft          int
	Paragraphs         []string
	Ended, ShowSeats   bool
	RegistrationClosed string
	MyRegistration     *domain.Registration
}

// eventFormView is the data of events/form, the new and edit form; Event is nil for a new
// event, and the agenda and question editors are shown only for an existing one. A refused
// post sets Form and Errors, and the rows as submitted with their problems.
type eventFormView struct {
	Page
	Event            *domain.Event
	Clusters         []domain.Cluster // those the caller manages
	Kinds            []domain.EventKind
	SessionKinds     []domain.SessionKind
	Rows             []agendaRow
	QuestionRows     []questionRow
	QuestionKinds    []domain.QuestionKind
	BlankRow         agendaRow
	BlankQuestion    questionRow
	AgendaProblems   []formProblem
	QuestionProblems []formProblem
	AgendaErrors     bool // a refused agenda or questions post: open the editors on the problems
}

// eventConsoleView is the data of events/console, the organiser's registrations and walk-in form.
type eventConsoleView struct {
	Page
	Event         *domain.Event
	Counts        store.RegistrationCounts
	Registrations []domain.Registration
	Total         int
	First, Next   string
	Filter        map[string]string
	RegStatuses   []domain.RegistrationStatus
	WalkinRows    []int // the walk-in form's attendee rows
	WalkinOpen    bool  // a refused walk-in: the form is shown open
}

// eventBadgesView is the data of events/badges, the printable badge sheet.
type eventBadgesView struct {
	Page
	Event  *domain.Event
	Badges []badge
}

// checkinView is the data of events/checkin, the door's page; Outcome is the last scan's.
type checkinView struct {
	Page
	Event   *domain.Event
	Counts  store.RegistrationCounts
	Scans   []domain.Checkin
	Outcome *checkinOutcome
	Device  string
}

// registerView is the data of events/register; Closed says why registration is closed.
type registerView struct {
	Page
	Event  *domain.Event
	Rows   []int // the attendee rows
	Closed string
}

// myRegistrationsView is the data of events/mine.
type myRegistrationsView struct {
	Page
	Registrations []evsvc.MyRegistration
	FeedURL       string
}
