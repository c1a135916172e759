package leads

import (
	"context"
	"io"

	"duijie/domain"
	"duijie/importer"
	"duijie/store"
)

// Records is the lead repository as other use cases write through it (the triage of
// service/intake, the importer): each write also keeps the matching index in step.
type Records struct{ s *Service }

// Records returns the writing view of the repository.
func (s *Service) Records() Records { return Records{s} }

func (r Records) Get(ctx context.Context, id string) (*domain.Lead, error) {
	return r.s.Leads.Get(ctx, id)
}

func (r Records) GetByRef(ctx context.Context, key string) (*domain.Lead, error) {
	return r.s.Leads.GetByRef(ctx, key)
}

// List lists leads as stored (the triage queue read again by service/intake).
func (r Records) List(ctx context.Context, f store.LeadFilter, page store.Page) ([]domain.Lead, string, int, error) {
	return r.s.Leads.List(ctx, f, page)
}

// Update stores l if its status is still expect, and indexes it.
func (r Records) Update(ctx context.Context, l *domain.Lead, expect domain.LeadStatus) error {
	if err := r.s.Leads.Update(ctx, l, expect); err != nil {
		return err
	}
	r.s.changed(ctx, l)
	return nil
}

// SaveImport stores one import's new and re-imported leads, then indexes them (the open ones
// are ranked and sent).
func (r Records) SaveImport(ctx context.Context, creates []domain.Lead, updates []store.LeadChange) error {
	if err := r.s.Leads.SaveImport(ctx, creates, updates); err != nil {
		return err
	}
	if ix := r.s.index(); ix != nil {
		ls := append([]domain.Lead{}, creates...)
		for _, u := range updates {
			ls = append(ls, u.Lead)
		}
		ix.LeadsChanged(ctx, ls)
	}
	return nil
}

// Import reads a lead file (docs/contract.md §Import) for the actor: every row is checked
// before anything is written, a row with the ref of a lead imported before updates it. Problems
// of the file are in the report, not in the error.
func (s *Service) Import(ctx context.Context, a Actor, name string, src io.Reader, opt importer.Options) (*importer.Report, error) {
	data, err := io.ReadAll(src)
	if err != nil {
		return nil, err
	}
	_, all, err := s.clusters(ctx)
	if err != nil {
		return nil, err
	}
	if opt.InferClusters == nil && s.Intake != nil {
		opt.InferClusters = func(l *domain.Lead) { s.Intake.Infer(l, all) }
	}
	by := a.User
	if by == nil {
		by = &domain.User{ID: "cli", Role: domain.RoleAdmin} // the operator at the command line
	}
	rep, _, err := importer.Leads(ctx, all, s.Buyers, s.Records(), by, name, data, opt)
	if err != nil {
		return nil, err
	}
	s.auditImport(ctx, a, rep)
	return rep, nil
}

// auditImport records an import, applied, refused or checked; the command line's imports are
// recorded as by "cli".
func (s *Service) auditImport(ctx context.Context, a Actor, rep *importer.Report) {
	s.audit(ctx, a, "import."+rep.Kind, rep.Kind, rep.AuditDetail())
}
