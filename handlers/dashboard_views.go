package handlers

import "duijie/service/dashboard"

// dashboardView is the data of dashboard, each role's first screen; the booleans say which
// parts the caller has and which pages exist to link to.
type dashboardView struct {
	Page
	D                                *dashboard.Dashboard
	Member, Staff, Admin             bool
	NewEvent, TriagePage, VerifyPage bool
}
