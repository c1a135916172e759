package handlers

import (
	"duijie/service/dashboard"
	"duijie/service/intake"
)

// dashboardView is the data of dashboard, each role's first screen; the booleans say which
// parts the caller has and which pages exist to link to.
type dashboardView struct {
	Page
	D                                *dashboard.Dashboard
	Member, Staff, Admin             bool
	NewEvent, TriagePage, VerifyPage bool
}

// triageRow is one lead waiting for its clusters, with what the platform read of it.
type triageRow struct {
	Lead     leadPageView
	Analysis intake.Analysis
}

// triageView is the data of leads/triage.
type triageView struct {
	Page
	Rows        []triageRow
	Total       int
	Next, First string // pagination links, "" when there is none
}
