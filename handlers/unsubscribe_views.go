package handlers

// unsubscribeView is the data of unsubscribe; Known when the link's token belongs to someone.
type unsubscribeView struct {
	Page
	Kind       string
	KindName   string
	Token      string
	Known      bool
	Subscribed bool
	Email      string // masked
	Done       bool   // unsubscribed just now
	Already    bool   // was not subscribed
}
