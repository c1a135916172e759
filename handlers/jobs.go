package handlers

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/jobs"
	"duijie/jobs/catalog"
	"duijie/locales"
	"duijie/store"
)

// JobControl is what the admin Jobs page needs of the scheduler (jobs.Scheduler).
type JobControl interface {
	Infos() []jobs.JobInfo
	RunNow(name string) error
}

// jobRow is one job on the admin page: its schedule, its lease and its last run.
type jobRow struct {
	Name string `json:"name"`
	Spec string `json:"spec"`
	// SpecText reads Spec for a person ("每天 08:30"); empty when Spec has no simple reading.
	SpecText string `json:"specText,omitempty"`
	// Does says what a run does, from the job table (jobs/catalog), in the page's language.
	Does    string         `json:"does,omitempty"`
	Next    *time.Time     `json:"next,omitempty"`
	Running bool           `json:"running"`
	Lease   *domain.Lease  `json:"lease,omitempty"`
	Last    *domain.JobRun `json:"lastRun,omitempty"`
}

// jobRows lists the jobs this instance schedules, or (web-only instance) the jobs known from
// leases and run history, each with its live lease and last run.
func (h *Handler) jobRows(c *fiber.Ctx) ([]jobRow, error) {
	ctx := c.UserContext()
	st := h.deps.Store
	now := h.now()
	rows := map[string]*jobRow{}
	if h.deps.Jobs != nil {
		for _, in := range h.deps.Jobs.Infos() {
			r := &jobRow{Name: in.Name, Spec: in.Spec, Running: in.Running}
			if !in.Next.IsZero() {
				next := in.Next
				r.Next = &next
			}
			rows[in.Name] = r
		}
	} else {
		for _, j := range catalog.Jobs {
			rows[j.Name] = &jobRow{Name: j.Name, Spec: j.Spec}
		}
	}
	leases, err := st.Leases.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("jobs: leases: %w", err)
	}
	for i := range leases {
		l := leases[i]
		r, ok := rows[l.Name]
		if !ok {
			r = &jobRow{Name: l.Name}
			rows[l.Name] = r
		}
		if l.Live(now) {
			r.Lease = &l
		}
	}
	out := make([]jobRow, 0, len(rows))
	for _, r := range rows {
		last, _, err := st.JobRuns.List(ctx, r.Name, store.Page{Limit: 1})
		if err != nil {
			return nil, fmt.Errorf("jobs: last run of %s: %w", r.Name, err)
		}
		if len(last) > 0 {
			r.Last = &last[0]
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	loc := currentLocale(c)
	for i := range out {
		out[i].SpecText = specText(loc, out[i].Spec)
		if j, ok := catalog.Lookup(out[i].Name); ok {
			out[i].Does = j.Does
			if loc != "en" {
				out[i].Does = j.DoesZh
			}
		}
	}
	return out, nil
}

// pageAdminJobs shows every job with its schedule, lease and last run, "run now" buttons, and
// the run history.
func (h *Handler) pageAdminJobs(c *fiber.Ctx) error {
	rows, err := h.jobRows(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	job := c.Query("job")
	runs, next, err := h.deps.Store.JobRuns.List(c.UserContext(), job, page)
	if err != nil {
		return fmt.Errorf("jobs: runs: %w", err)
	}
	q := url.Values{}
	if job != "" {
		q.Set("job", job)
	}
	data := &adminJobsView{
		Page:      Page{Title: locales.T(currentLocale(c), "admin.jobs.title")},
		Jobs:      rows,
		Runs:      runs,
		Job:       job,
		Scheduler: h.deps.Jobs != nil,
		Result:    h.jobResult(c),
	}
	if page.Cursor != "" {
		data.FirstURL = "/admin/jobs?" + q.Encode()
	}
	if next != "" {
		q.Set("cursor", next)
		data.NextURL = "/admin/jobs?" + q.Encode()
	}
	return h.render(c, fiber.StatusOK, "admin/jobs", data)
}

// startJob asks the scheduler to run name now; the answer is a message key and, when the
// scheduler can say, the ID of the run (waited for up to runNowWait).
func (h *Handler) startJob(c *fiber.Ctx, name string) (string, string, error) {
	if h.deps.Jobs == nil {
		return "", "", withMessage(fiber.StatusConflict, "admin.jobs.disabled")
	}
	known := false
	for _, in := range h.deps.Jobs.Infos() {
		known = known || in.Name == name
	}
	if !known {
		return "", "", domain.ErrNotFound
	}
	var runID string
	var err error
	if l, ok := h.deps.Jobs.(jobLauncher); ok {
		runID, err = launchJob(c.UserContext(), l, name)
	} else {
		err = h.deps.Jobs.RunNow(name)
	}
	switch {
	case errors.Is(err, jobs.ErrBusy):
		return "admin.jobs.busy", "", nil
	case err != nil:
		return "", "", fmt.Errorf("run job %s: %w", name, err)
	}
	if u := currentUser(c); u != nil {
		h.audit(c.UserContext(), u.ID, "job.run", "job:"+name, "", clientIP(c))
	}
	return "admin.jobs.started", runID, nil
}

// formRunJob is the "run now" button.
func (h *Handler) formRunJob(c *fiber.Ctx) error {
	key, runID, err := h.startJob(c, c.Params("name"))
	if err != nil {
		return err
	}
	if runID != "" {
		// The page answers with what the run did (jobResult) instead of a generic flash.
		return c.Redirect("/admin/jobs?run="+runID, fiber.StatusSeeOther)
	}
	kind := "success"
	if key == "admin.jobs.busy" {
		kind = "warning"
	}
	return h.redirectWithFlash(c, "/admin/jobs", kind, key)
}

// apiListJobs answers the jobs with their schedule, lease and last run.
func (h *Handler) apiListJobs(c *fiber.Ctx) error {
	rows, err := h.jobRows(c)
	if err != nil {
		return err
	}
	return sendList(c, rows, "", len(rows))
}

// apiListJobRuns answers the run history, newest first (?job= narrows it).
func (h *Handler) apiListJobRuns(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	runs, next, err := h.deps.Store.JobRuns.List(c.UserContext(), c.Query("job"), page)
	if err != nil {
		return fmt.Errorf("job runs: %w", err)
	}
	return sendList(c, runs, next, -1)
}

// apiRunJob starts a job now: 202 when started, 409 when it is already running.
func (h *Handler) apiRunJob(c *fiber.Ctx) error {
	key, runID, err := h.startJob(c, c.Params("name"))
	if err != nil {
		return err
	}
	if key == "admin.jobs.busy" {
		return withMessage(fiber.StatusConflict, key)
	}
	out := fiber.Map{"job": c.Params("name"), "started": true}
	if runID != "" {
		out["runId"] = runID
		if r, err := h.deps.Store.JobRuns.Get(c.UserContext(), runID); err == nil {
			out["run"], out["summary"] = r, describeRun(currentLocale(c), r, h.now())
		}
	}
	return sendData(c, fiber.StatusAccepted, out)
}
