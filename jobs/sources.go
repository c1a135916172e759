package jobs

import (
	"context"
	"time"

	"duijie/domain"
	"duijie/mail"
)

// The digest asks other areas for its content through these small interfaces; each may be
// nil, and the digest then simply has no such section. Items are already translated into
// locale and carry absolute links.

// LeadSource lists leads newly matched to the user's enterprise in [since, until).
type LeadSource interface {
	MatchedLeads(ctx context.Context, u *domain.User, since, until time.Time, locale string) ([]mail.DigestLead, error)
}

// EventSource lists the events the user's enterprise registered for: those starting within
// horizon after now, and changes of time or place recorded in [since, until).
type EventSource interface {
	UpcomingEvents(ctx context.Context, u *domain.User, now time.Time, horizon time.Duration, locale string) ([]mail.DigestEvent, error)
	EventChanges(ctx context.Context, u *domain.User, since, until time.Time, locale string) ([]mail.DigestChange, error)
}

// AnswerSource lists what the user owes an answer to that became pending in [since, until)
// (a match to respond to, a meeting request).
type AnswerSource interface {
	PendingAnswers(ctx context.Context, u *domain.User, since, until time.Time, locale string) ([]mail.DigestAnswer, error)
}

// Sources are the digest's content providers.
type Sources struct {
	Leads   LeadSource
	Events  EventSource
	Answers AnswerSource
}
