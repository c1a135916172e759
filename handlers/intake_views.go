package handlers

import "duijie/service/intake"

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
	Lessons     int    // learned links in use the caller may see (lessons.go)
}
