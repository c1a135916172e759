package handlers

import "duijie/domain"

// adminJobsView is the data of admin/jobs: the jobs, the run history (of Job, "" for all) and
// the result of a "run now" just asked for.
type adminJobsView struct {
	Page
	Jobs              []jobRow
	Runs              []domain.JobRun
	Job               string
	Scheduler         bool // this instance runs the scheduler
	Result            *runResult
	NextURL, FirstURL string
}

// importView is the data of enterprises/import; Report is nil until a file was sent.
type importView struct {
	Page
	CanEnterprises bool
	MaxRows        int
	Kind           string // "enterprises" or "leads", of the file just sent
	Report         *reportView
	Summary        string // the sentence above a refused file's report
}

// errorView is the data of the error page.
type errorView struct {
	Page
	Status    int
	Message   string
	RequestID string
	BackURL   string // the same-site page the visitor came from, "" when none
}
