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

// resubmitView is the data of ops/resubmit: a form whose CSRF token went stale, kept to be
// sent again (passwords and files aside).
type resubmitView struct {
	Page
	Action          string
	Kept            []keptField
	DroppedPassword bool
	DroppedFile     bool
	BackURL         string
}

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
