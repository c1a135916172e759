package store

import (
	"context"

	"duijie/domain"
)

// TriageRepo keeps what the cluster office taught the platform: each correction of inferred
// clusters (append-only) and the learned links someone switched off.
type TriageRepo interface {
	// AddCorrection stores c; an empty ID is assigned.
	AddCorrection(ctx context.Context, c *domain.TriageCorrection) error
	// Corrections returns the latest limit corrections (by At, then ID), oldest first; limit
	// outside 1..domain.MaxCorrections is an error.
	Corrections(ctx context.Context, limit int) ([]domain.TriageCorrection, error)
	// SwitchOff records the link (term, cluster) switched off, replacing who and when if it
	// was already off. Terms compare by domain.LessonKey.
	SwitchOff(ctx context.Context, o *domain.LessonOff) error
	// SwitchOn forgets that the link was switched off; on is false when it was not off.
	SwitchOn(ctx context.Context, term, cluster string) (on bool, err error)
	// Off lists the links switched off, oldest first.
	Off(ctx context.Context) ([]domain.LessonOff, error)
}
