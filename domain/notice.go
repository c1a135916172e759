package domain

import "time"

// NoticeKind is what an instant notice is about.
type NoticeKind string

// Instant notice kinds: each names something that happened on a deal the member takes part in.
const (
	NoticeMatch   NoticeKind = "match"   // a strong new match for my enterprise
	NoticeAnswer  NoticeKind = "answer"  // a supplier answered interested on my lead
	NoticeContact NoticeKind = "contact" // the buyer opened contact on a lead I answered
	NoticeInvite  NoticeKind = "invite"  // a buyer invited my enterprise to quote
	NoticeQuote   NoticeKind = "quote"   // a supplier quoted on my lead
)

// Notice is one item waiting for a member's next instant mail. Key is unique per user (for
// example "answer:<matchID>"), so recording the same happening twice keeps one notice.
// QueuedAt and MailKey are set once the notice went into a queued mail.
type Notice struct {
	ID        string     `json:"id"`
	UserID    string     `json:"userId"`
	Key       string     `json:"key"`
	Kind      NoticeKind `json:"kind"`
	Title     string     `json:"title"`  // what it concerns: the lead's title
	Detail    string     `json:"detail"` // who did it, or why it matched
	Link      string     `json:"link"`   // site path
	CreatedAt time.Time  `json:"createdAt"`
	QueuedAt  *time.Time `json:"queuedAt,omitempty"`
	MailKey   string     `json:"mailKey,omitempty"`
}
