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
