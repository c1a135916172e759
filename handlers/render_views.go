package handlers

// errorView is the data of the error page.
type errorView struct {
	Page
	Status    int
	Message   string
	RequestID string
	BackURL   string // the same-site page the visitor came from, "" when none
}
