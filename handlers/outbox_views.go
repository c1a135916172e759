package handlers

import "duijie/domain"

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
