package handlers

import (
	"duijie/domain"
)

// quoteTotal is one currency's line under the quote comparison.
type quoteTotal struct {
	Currency        string
	Count           int
	Lowest, Highest string
}

// quoteSort is one sortable column header of the quote comparison.
type quoteSort struct {
	Key, URL     string
	Active, Desc bool
}

// quotesView is the data of deals/quotes, a lead's quotes side by side.
type quotesView struct {
	Page
	Lead         *domain.Lead
	Rows         []quoteRow
	Totals       []quoteTotal
	Sorts        []quoteSort
	Sort         string
	Desc         bool
	CanShortlist bool
}

// quoteFormView is the data of deals/quote, the supplier's quote form.
type quoteFormView struct {
	Page
	Match    *domain.Match
	Lead     domain.Lead // as the supplier may see it
	CanQuote bool
}

// outboxView is the data of admin/outbox; Status, Kind and To are the filters.
type outboxView struct {
	Page
	Messages          []domain.OutboxMessage
	Total             int
	Counts            map[domain.OutboxStatus]int
	Statuses          []domain.OutboxStatus
	Kinds             []domain.MailKind
	Status, Kind, To  string
	Relay             string // the SMTP relay, "" when mail stays in the outbox
	NextURL, FirstURL string
}

// outboxMessageView is the data of admin/outbox_message.
type outboxMessageView struct {
	Page
	Message *domain.OutboxMessage
	Headers []mailHeader
}

// preferencesView is the data of account/preferences; Wants is by mail kind.
type preferencesView struct {
	Page
	Prefs       *domain.Preferences
	Frequencies []domain.DigestFrequency
	Kinds       []domain.MailKind
	Wants       map[string]bool
}
