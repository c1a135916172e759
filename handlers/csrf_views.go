package handlers

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
