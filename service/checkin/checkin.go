// Package checkin is the use case of the event's door: one scan from a scanner, a camera or a
// typed code, and batches of scans a device queued while it was offline. It decides what may
// be applied (the code's form, the event's check-in window, the scan's time) and leaves the
// stamping to the store, which applies domain.DecideCheckin atomically.
package checkin

import (
	"context"
	"sort"
	"time"

	"duijie/domain"
)

// Store is what the door needs from storage.
type Store interface {
	CheckInMany(ctx context.Context, eventID string, scans []domain.CheckinScan) ([]domain.CheckinOutcome, error)
}

// MaxBatch bounds one sync; a device with more queued sends several batches.
const MaxBatch = 5000

// Service runs check-ins. OpensBefore is how long before the start the door opens
// (<= 0: domain.DefaultCheckinOpensBefore).
type Service struct {
	Store       Store
	OpensBefore time.Duration
	Now         func() time.Time
}

// Scan is one scan as a device reports it: the code as read or typed, when it was made (nil:
// now) and the device's name.
type Scan struct {
	Code      string     `json:"code"`
	ScannedAt *time.Time `json:"scannedAt"`
	Device    string     `json:"device"`
}

// Result kinds of a batch, as the API reports them.
const (
	ResultCheckedIn    = "checked_in"
	ResultAlready      = "already"
	ResultUnknown      = "unknown"
	ResultNotConfirmed = "not_confirmed"
	ResultInvalid      = "invalid" // the code cannot be a code
	ResultRefused      = "refused" // outside the check-in window or dated in the future
)

// Result is what became of one scan of a batch. Problem (a domain message key, with Args) says
// why a scan was invalid or refused. A conflict (already) carries the time that stands.
type Result struct {
	Code          string                `json:"code"`
	Result        string                `json:"result"`
	Message       string                `json:"message,omitempty"` // Problem in the caller's words, set by the handler
	Problem       string                `json:"-"`
	Args          []any                 `json:"-"`
	Outcome       domain.CheckinOutcome `json:"-"`
	Attendee      string                `json:"attendee,omitempty"`
	Enterprise    string                `json:"enterprise,omitempty"`
	CheckedInAt   *time.Time            `json:"checkedInAt,omitempty"`
	Registration  string                `json:"registrationId,omitempty"`
	AttendeeIndex *int                  `json:"attendeeIndex,omitempty"`
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// One checks in a single scan. A malformed code or a scan outside the window is a
// *domain.ValidationError; otherwise the outcome says what the scan did.
func (s *Service) One(ctx context.Context, e *domain.Event, by string, in Scan) (*Result, error) {
	if in.Code == "" {
		return nil, domain.Invalid("code", "required")
	}
	res, err := s.Batch(ctx, e, by, []Scan{in})
	if err != nil {
		return nil, err
	}
	r := &res[0]
	switch r.Result {
	case ResultInvalid:
		return nil, domain.Invalid("code", r.Problem, r.Args...)
	case ResultRefused:
		field := "event"
		if r.Problem == "eventday_scan_future" {
			field = "scannedAt"
		}
		return nil, domain.Invalid(field, r.Problem, r.Args...)
	}
	return r, nil
}

// Batch applies scans queued by a device. Each scan gets a result in the order sent; nothing
// about one scan stops the others. Scans are applied oldest first, so of two scans of one badge
// the earlier one is the check-in and the later one answers "already" — sending the same batch
// again changes nothing.
func (s *Service) Batch(ctx context.Context, e *domain.Event, by string, scans []Scan) ([]Result, error) {
	if len(scans) == 0 {
		return nil, domain.Invalid("scans", "required")
	}
	if len(scans) > MaxBatch {
		return nil, domain.Invalid("scans", "eventday_batch_too_large", MaxBatch)
	}
	if e.Status != domain.EventPublished && e.Status != domain.EventCompleted {
		return nil, domain.Invalid("event", "checkin_event_not_open")
	}
	now := s.now()
	out := make([]Result, len(scans))
	var apply []domain.CheckinScan
	var index []int
	for i, sc := range scans {
		r := &out[i]
		r.Code = sc.Code
		code := domain.NormalizeCheckinCode(sc.Code)
		if code == "" {
			r.Result, r.Problem = ResultInvalid, "checkin_code_format"
			continue
		}
		r.Code = code
		at := now
		if sc.ScannedAt != nil {
			at = *sc.ScannedAt
		}
		if err := e.CheckinWindow(at, now, s.OpensBefore); err != nil {
			r.Result = ResultRefused
			r.Problem, r.Args = firstProblem(err)
			continue
		}
		apply = append(apply, domain.CheckinScan{Code: code, By: by, Device: domain.CleanDevice(sc.Device), At: at})
		index = append(index, i)
	}
	// Oldest first: the earliest scan of a badge is its check-in, whatever order the device kept.
	order := make([]int, len(apply))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return apply[order[a]].At.Before(apply[order[b]].At) })
	sorted := make([]domain.CheckinScan, len(apply))
	for k, j := range order {
		sorted[k] = apply[j]
	}
	outcomes, err := s.Store.CheckInMany(ctx, e.ID, sorted)
	if err != nil {
		return nil, err
	}
	for k, j := range order {
		fill(&out[index[j]], outcomes[k])
	}
	return out, nil
}

func fill(r *Result, o domain.CheckinOutcome) {
	r.Outcome = o
	switch o.Scan.Result {
	case domain.CheckinOK:
		r.Result = ResultCheckedIn
	case domain.CheckinAlready:
		r.Result = ResultAlready
	case domain.CheckinNotConfirmed:
		r.Result = ResultNotConfirmed
	default:
		r.Result = ResultUnknown
	}
	if reg := o.Registration; reg != nil {
		r.Registration, r.Enterprise = reg.ID, reg.EnterpriseName
		if o.Attendee >= 0 && o.Attendee < len(reg.Attendees) {
			a := reg.Attendees[o.Attendee]
			i := o.Attendee
			r.Attendee, r.CheckedInAt, r.AttendeeIndex = a.Name, a.CheckedInAt, &i
		}
	}
}

// firstProblem returns the message key and arguments of a single-field validation error.
func firstProblem(err error) (string, []any) {
	if v, ok := err.(*domain.ValidationError); ok {
		for _, p := range v.Fields {
			return p.Key, p.Args
		}
	}
	return "invalid", nil
}
