package leads

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"duijie/domain"
)

// Input is a lead as its author writes it: the content (the fields domain.Lead.TakeContent
// copies), the status to start in ("" or draft, open) and, for staff, the buyer — a registered
// firm by credit code or an outside buyer by name.
type Input struct {
	Content   domain.Lead
	Status    string
	BuyerName string
	BuyerUSCC string
	// Problems are what reading the input found wrong but let through (a deadline that is not
	// a date), so that they are reported with every other bad field at once; may be nil.
	Problems *domain.ValidationError
}

// problems is a fresh set holding in's earlier problems.
func (in *Input) problems() *domain.ValidationError {
	v := &domain.ValidationError{}
	if in.Problems != nil {
		for f, p := range in.Problems.Fields {
			v.Add(f, p.Key, p.Args...)
		}
	}
	return v
}

// Get loads a lead the actor may see, and may change when edit is set. A lead the actor may
// not see is "not found", so IDs do not reveal other buyers' drafts.
func (s *Service) Get(ctx context.Context, a Actor, id string, edit bool) (*domain.Lead, error) {
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	l, err := s.Leads.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !domain.CanViewLead(a.User, l) {
		return nil, domain.ErrNotFound
	}
	if edit && !domain.CanEditLead(a.User, l) {
		return nil, domain.ErrForbidden
	}
	return l, nil
}

// Create stores a new lead for the actor: a member posts for its own enterprise; an organiser
// or admin for a registered buyer (BuyerUSCC) or an outside buyer (BuyerName, e.g. an overseas
// buyer met at a fair). Status "open" opens it at once.
func (s *Service) Create(ctx context.Context, a Actor, in Input) (*domain.Lead, error) {
	u, now := a.User, s.Now()
	if u == nil {
		return nil, domain.ErrForbidden
	}
	l := &domain.Lead{PostedBy: u.ID, Status: domain.LeadDraft, CreatedAt: now, UpdatedAt: now}
	l.TakeContent(&in.Content)
	v := in.problems()
	contactOf := "" // a registered buyer whose contact the new lead carries back to staff
	switch u.Role {
	case domain.RoleMember:
		if err := s.ownBuyer(ctx, u, l); err != nil {
			return nil, err
		}
	default:
		if uscc := domain.NormalizeUSCC(in.BuyerUSCC); uscc != "" {
			var err error
			if contactOf, err = s.namedBuyer(ctx, u, uscc, l, v); err != nil {
				return nil, err
			}
		} else {
			l.BuyerName = in.BuyerName
		}
	}
	switch in.Status {
	case "", string(domain.LeadDraft), string(domain.LeadOpen):
	default:
		v.Add("status", "one_of", "draft, open")
	}
	ci, all, err := s.clusters(ctx)
	if err != nil {
		return nil, err
	}
	s.infer(l, all)
	if err := s.check(ci, u, l, nil, true, v); err != nil {
		return nil, err
	}
	if in.Status == string(domain.LeadOpen) {
		if err := l.Open(now); err != nil {
			return nil, err
		}
	}
	if err := s.Leads.Create(ctx, l); err != nil {
		return nil, fmt.Errorf("create lead: %w", err)
	}
	s.auditLead(ctx, a, "lead.create", l)
	if contactOf != "" {
		s.audit(ctx, a, "enterprise.contact.view", "enterprise:"+contactOf, "lead:"+l.ID)
	}
	s.changed(ctx, l)
	return l, nil
}

// ownBuyer makes the member's enterprise the buyer of l, its contact the lead's by default.
func (s *Service) ownBuyer(ctx context.Context, u *domain.User, l *domain.Lead) error {
	noFirm := domain.WithMessage(domain.ErrForbidden, "leads.error.noEnterprise")
	if u.EnterpriseID == "" {
		return noFirm
	}
	buyer, err := s.Buyers.Get(ctx, u.EnterpriseID)
	if errors.Is(err, domain.ErrNotFound) {
		return noFirm
	}
	if err != nil {
		return err
	}
	l.BuyerEnterpriseID, l.BuyerName = buyer.ID, buyer.Name
	if l.Contact == (domain.Contact{}) {
		l.Contact = buyer.Contact
	}
	return nil
}

// namedBuyer makes the registered firm uscc the buyer of l when staff u may name it, and says
// whose contact the lead took (to audit), or records on v why not.
func (s *Service) namedBuyer(ctx context.Context, u *domain.User, uscc string, l *domain.Lead, v *domain.ValidationError) (string, error) {
	buyer, err := s.Buyers.GetByUSCC(ctx, uscc)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		v.Add("buyerUscc", "buyer_unknown")
	case err != nil:
		return "", err
	case !domain.CanNameBuyer(u, buyer):
		// Naming a firm outside one's clusters would publish a lead in its name and hand back
		// its contact: refused like a firm one cannot see.
		v.Add("buyerUscc", "trust.field.buyer_scope")
	default:
		l.BuyerEnterpriseID, l.BuyerName = buyer.ID, buyer.Name
		if l.Contact == (domain.Contact{}) {
			l.Contact = buyer.Contact
			return buyer.ID, nil
		}
	}
	return "", nil
}

// Check validates l for actor u as Create and Update would, merging problems found earlier
// (v), without storing anything: a form shows every problem of one submission at once. before
// is the lead's clusters before the change, nil for a new lead.
func (s *Service) Check(ctx context.Context, u *domain.User, l *domain.Lead, before []string, checkDeadline bool, v *domain.ValidationError) error {
	ci, _, err := s.clusters(ctx)
	if err != nil {
		return err
	}
	return s.check(ci, u, l, before, checkDeadline, v)
}

// check keeps an organiser to its clusters: a new lead (before nil) in one of them, a changed
// one per domain.LeadClustersProblem on the clusters before and after the change.
func (s *Service) check(ci domain.ClusterIndex, u *domain.User, l *domain.Lead, before []string, checkDeadline bool, v *domain.ValidationError) error {
	if err := l.Validate(ci, s.Now(), checkDeadline); err != nil {
		var ve *domain.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		for f, p := range ve.Fields {
			v.Add(f, p.Key, p.Args...)
		}
	}
	switch {
	case v.Has("clusters"):
	case before == nil:
		// A new lead: an organiser posts into one of its clusters, unless the platform inferred
		// them (an organiser then confirms them in triage).
		if u.Role == domain.RoleOrganiser && !l.ClustersInferred && !managesAnyCluster(u, l.Clusters) {
			v.Add("clusters", "cluster_scope")
		}
	default:
		if p := domain.LeadClustersProblem(u, l, before, l.Clusters); p != "" {
			v.Add("clusters", p)
		}
	}
	return v.Err()
}

func managesAnyCluster(u *domain.User, clusters []string) bool {
	for _, c := range clusters {
		if u.CanManageCluster(c) {
			return true
		}
	}
	return false
}

func sameClusters(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(strings.TrimSpace(a[i]), b[i]) {
			return false
		}
	}
	return true
}

// Update replaces the content of an editable lead l (loaded with Get(…, edit)) with in.
func (s *Service) Update(ctx context.Context, a Actor, l *domain.Lead, in Input) error {
	if !l.Editable() {
		return domain.WithMessage(domain.ErrConflict, "leads.error.notEditable")
	}
	prev := l.Status
	oldDeadline := l.Deadline
	before := append([]string{}, l.Clusters...)
	inferred, oldClusters := l.ClustersInferred, l.Clusters
	l.TakeContent(&in.Content)
	if inferred && sameClusters(l.Clusters, oldClusters) {
		l.Clusters = nil // still the platform's guess: guess again from the new text
	}
	ci, all, err := s.clusters(ctx)
	if err != nil {
		return err
	}
	s.infer(l, all)
	if l.BuyerEnterpriseID == "" && a.User.Role != domain.RoleMember {
		l.BuyerName = in.BuyerName // an outside buyer's name may be corrected
	}
	changed := (oldDeadline == nil) != (l.Deadline == nil) || (l.Deadline != nil && !l.Deadline.Equal(*oldDeadline))
	if err := s.check(ci, a.User, l, before, changed, in.problems()); err != nil {
		return err
	}
	l.UpdatedAt = s.Now()
	if err := s.Leads.Update(ctx, l, prev); err != nil {
		return err
	}
	s.auditLead(ctx, a, "lead.update", l)
	s.changed(ctx, l)
	return nil
}

// Open publishes the draft l.
func (s *Service) Open(ctx context.Context, a Actor, l *domain.Lead) error {
	now := s.Now()
	return s.move(ctx, a, l, "lead.open", func(l *domain.Lead) error { return l.Open(now) })
}

// Close ends l with an outcome (signed, lost, cancelled); "" is refused on the outcome.
func (s *Service) Close(ctx context.Context, a Actor, l *domain.Lead, outcome domain.LeadOutcome) error {
	now := s.Now()
	return s.move(ctx, a, l, "lead.close", func(l *domain.Lead) error { return l.Close(outcome, now) })
}

// move applies a lifecycle step and stores it conditionally on the status the step started
// from, so two people acting at once cannot both win.
func (s *Service) move(ctx context.Context, a Actor, l *domain.Lead, action string, step func(*domain.Lead) error) error {
	prev := l.Status
	if err := step(l); err != nil {
		return err
	}
	if err := s.Leads.Update(ctx, l, prev); err != nil {
		return err
	}
	s.auditLead(ctx, a, action, l)
	s.changed(ctx, l)
	return nil
}

// ExpireDue moves the open leads past their deadline to expired (the lead-expiry job) and takes
// them out of this process's index; other instances' followers read the change from the store.
func (s *Service) ExpireDue(ctx context.Context) (int, error) {
	now := s.Now()
	n, err := s.Leads.ExpireDue(ctx, now)
	if err != nil {
		return n, fmt.Errorf("expire leads: %w", err)
	}
	if ix := s.index(); ix != nil && n > 0 {
		ix.LeadsExpired(now)
	}
	return n, nil
}

// ConfirmClusters is an organiser's answer in the triage queue (service/intake): the lead's
// clusters become those given, no longer inferred; the change is audited and indexed.
func (s *Service) ConfirmClusters(ctx context.Context, a Actor, id string, clusters []string) (*domain.Lead, error) {
	if s.Intake == nil {
		return nil, domain.ErrForbidden
	}
	_, all, err := s.clusters(ctx)
	if err != nil {
		return nil, err
	}
	l, err := s.Intake.ConfirmClusters(ctx, a.User, id, clusters, all)
	if err != nil {
		return nil, err
	}
	s.auditLead(ctx, a, "lead.clusters", l)
	return l, nil
}

// SwitchLesson turns a link learned from triage off (the platform no longer routes by it) or on
// again (service/intake); the change is audited.
func (s *Service) SwitchLesson(ctx context.Context, a Actor, term, cluster string, off bool) (*domain.LearnedLink, error) {
	if s.Intake == nil {
		return nil, domain.ErrForbidden
	}
	_, all, err := s.clusters(ctx)
	if err != nil {
		return nil, err
	}
	l, err := s.Intake.Switch(ctx, a.User, term, cluster, off, all)
	if err != nil {
		return nil, err
	}
	action := "lesson.on"
	if off {
		action = "lesson.off"
	}
	detail, _ := json.Marshal(map[string]any{"term": l.Term, "cluster": l.Cluster})
	s.audit(ctx, a, action, "lesson:"+l.Cluster, string(detail))
	return l, nil
}
