package enterprises

import (
	"context"
	"time"

	"duijie/domain"
	"duijie/service/accounts"
	"duijie/store"
)

// Records is the enterprise repository as other use cases write through it (service/accounts:
// sign-up, an admin's correction, verification): each write also keeps the matching index in
// step.
type Records struct{ s *Service }

// Records returns the writing view of the repository.
func (s *Service) Records() Records { return Records{s} }

func (r Records) Get(ctx context.Context, id string) (*domain.Enterprise, error) {
	return r.s.Enterprises.Get(ctx, id)
}

func (r Records) List(ctx context.Context, f store.EnterpriseFilter, page store.Page) ([]domain.Enterprise, string, int, error) {
	return r.s.Enterprises.List(ctx, f, page)
}

// Update stores e and indexes it.
func (r Records) Update(ctx context.Context, e *domain.Enterprise) error {
	if err := r.s.Enterprises.Update(ctx, e); err != nil {
		return err
	}
	r.s.changed(ctx, e)
	return nil
}

// SetVerification moves e through verification and indexes the result.
func (r Records) SetVerification(ctx context.Context, id string, to domain.Verification, note string, at time.Time,
	from ...domain.Verification) (*domain.Enterprise, error) {
	e, err := r.s.Enterprises.SetVerification(ctx, id, to, note, at, from...)
	if err != nil {
		return nil, err
	}
	r.s.changed(ctx, e)
	return e, nil
}

// Register stores a sign-up's enterprise with its first member (accounts.Registrar): e is
// created, member runs, and e is removed again when member fails; only a whole sign-up enters
// matching, so no ranking ever names a firm that was undone.
func (r Records) Register(ctx context.Context, e *domain.Enterprise, member func(ctx context.Context) error) error {
	if err := accounts.Register(ctx, r.s.Enterprises, e, member, r.s.Log); err != nil {
		return err
	}
	r.s.changed(ctx, e)
	return nil
}
