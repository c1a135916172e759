package mail

// TemplateAgenda is a firm's personal meeting agenda at an event, sent when the organiser
// publishes the schedule; its data is AgendaData.
const TemplateAgenda = "agenda"

// AgendaData is one firm's meetings at an event, in time order, as the recipient reads them.
type AgendaData struct {
	Event    string
	When     string // the event's start, formatted in its zone with the zone named
	Venue    string
	Zone     string // the zone every time below is in, e.g. "UTC+08:00"
	Meetings []AgendaItem
	Calendar bool // the meetings' .ics is attached
	Link     string
}

// AgendaItem is one meeting on an agenda.
type AgendaItem struct {
	Day       string // 2026-12-16
	Time      string // 14:20–14:40
	Table     int    // 0: no table (an online meeting may have none)
	With      string // the other enterprise
	VideoLink string
}
