package mail

// RegistrationData is a registration mail: confirmed, waitlisted, seat offered, offer expiring
// or offer expired (Status names which, and picks the wording).
type RegistrationData struct {
	Status       string // confirmed, waitlisted, offered, offer_expiring, offer_expired
	Event        string
	When         string // formatted in the event's zone, with the zone named
	Venue        string
	Address      string
	Position     int    // waitlist place
	OfferExpires string // when an offer lapses, formatted like When
	Attendees    []string
	Code         string // check-in code, when the registration has one
	QR           bool   // the code's QR image is attached (an attendee's own code)
	Calendar     bool   // the event's .ics is attached
	Link         string
}

// MeetingData is a meeting mail: requested, accepted, declined or cancelled.
type MeetingData struct {
	Action  string // requested, accepted, declined, cancelled
	Other   string // the other enterprise
	Event   string
	When    string
	Slot    string // time and table, once published
	Message string
	Link    string
	// VideoLink makes the meeting online (云洽谈): shown on a request and an acceptance.
	VideoLink string
}

// InstantData is one grouped instant mail: everything that happened on the member's deals
// since the last one.
type InstantData struct {
	Items []InstantItem
}

// InstantItem is one notice in an instant mail.
type InstantItem struct {
	Kind   string // match, answer, contact, invite, quote
	Title  string
	Detail string
	Link   string // absolute URL
}
