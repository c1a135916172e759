package mail

// DigestData is what one member's digest shows. Every list may be empty. Leads, changes and
// answers are news; upcoming events are context shown beside news, so a digest with only
// those is not sent (Empty).
type DigestData struct {
	Name        string // greeting name
	Period      string // "daily" or "weekly"
	PeriodLabel string // the period's date (daily) or first day (weekly), as people read it
	Leads       []DigestLead
	Events      []DigestEvent
	Changes     []DigestChange
	Answers     []DigestAnswer
}

// Empty reports whether the digest has no news.
func (d *DigestData) Empty() bool { return d.Count() == 0 }

// Count is how many news items the digest holds, for the subject line.
func (d *DigestData) Count() int { return len(d.Leads) + len(d.Changes) + len(d.Answers) }

// DigestLead is a lead newly matched to the member's enterprise.
type DigestLead struct {
	Title string
	Why   string // the match explanation's summary
	Link  string // absolute URL
}

// DigestEvent is an upcoming event the member's enterprise registered for.
type DigestEvent struct {
	Title  string
	When   string // formatted in the event's zone, with the zone named
	Venue  string
	Status string // registration status, already translated
	Link   string
}

// DigestChange is a change to the time or place of an event the enterprise registered for.
type DigestChange struct {
	Event string
	Field string // already translated
	Old   string
	New   string
	Link  string
}

// DigestAnswer is something the member owes an answer to (a match to respond to, a meeting
// request to accept or decline).
type DigestAnswer struct {
	Title string
	Kind  string // already translated
	Link  string
}

// ReminderData is an event reminder at T-24h or T-2h.
type ReminderData struct {
	Name    string
	Event   string
	When    string
	Venue   string
	Address string
	Lead    string // "24h" or "2h"
	Link    string
	Code    string // check-in code, when the registration has one
}

// ChangeData tells registrants that an event's time or place changed, or that it was
// cancelled.
type ChangeData struct {
	Name      string
	Event     string
	Changes   []DigestChange
	Link      string
	Cancelled bool // the event will not take place: the mail says so first
}
