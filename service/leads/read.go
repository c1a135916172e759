package leads

import (
	"context"
	"errors"

	"duijie/domain"
	"duijie/store"
)

// Matches is what showing a lead needs of the match records: whether the viewer's enterprise
// and the buyer have both shown interest.
type Matches interface {
	ByLead(ctx context.Context, leadID string) ([]domain.Match, error)
}

// List lists a page of the leads f selects, newest first, each as the actor may see it: other
// buyers are masked, and no contact but the actor's own is shown (a contact is read one lead
// at a time, audited, View).
func (s *Service) List(ctx context.Context, a Actor, f store.LeadFilter, page store.Page) ([]domain.Lead, string, int, error) {
	ls, next, total, err := s.Leads.List(ctx, f, page)
	if err != nil {
		return nil, "", 0, err
	}
	for i := range ls {
		own := ownContact(a.User, &ls[i])
		ls[i] = ls[i].ForViewer(a.User, false)
		if !own {
			ls[i].Contact = domain.Contact{}
		}
	}
	return ls, next, total, nil
}

// View is lead l (loaded with Get) as the actor may see it: the buyer and its contact only to
// those the privacy rule allows (a supplier after mutual interest between verified firms).
// Showing someone else's contact is audited.
func (s *Service) View(ctx context.Context, a Actor, l *domain.Lead) domain.Lead {
	u := a.User
	own := ownContact(u, l)
	v := l.ForViewer(u, !own && s.mutual(ctx, u, l))
	if !own && v.Contact != (domain.Contact{}) {
		s.audit(ctx, a, "lead.view_contact", "lead:"+l.ID, "")
	}
	return v
}

// ownContact reports whether the lead's contact is the viewer's own: its enterprise's, or an
// outside buyer's that the viewer collected and typed in. Any other contact shown is audited, a
// registered buyer's included when staff posted the lead in its name.
func ownContact(u *domain.User, l *domain.Lead) bool {
	if u.EnterpriseID != "" && u.EnterpriseID == l.BuyerEnterpriseID {
		return true
	}
	return l.PostedBy == u.ID && l.BuyerEnterpriseID == ""
}

// mutual reports whether the member's enterprise and the lead's buyer have both shown interest
// through a match and are both verified (domain.ContactsOpen), which is what lets a supplier
// see the buyer's contact.
func (s *Service) mutual(ctx context.Context, u *domain.User, l *domain.Lead) bool {
	if u == nil || u.Role != domain.RoleMember || u.EnterpriseID == "" || s.Matches == nil {
		return false
	}
	ms, err := s.Matches.ByLead(ctx, l.ID)
	if err != nil {
		s.Log.Warn("lead contact: matches of lead", "lead", l.ID, "err", err)
		return false
	}
	for i := range ms {
		if ms[i].EnterpriseID != u.EnterpriseID || !ms[i].Mutual() {
			continue
		}
		supplier, err1 := s.verified(ctx, u.EnterpriseID)
		buyer, err2 := s.verified(ctx, l.BuyerEnterpriseID)
		if err := errors.Join(err1, err2); err != nil {
			s.Log.Warn("lead contact: verification", "lead", l.ID, "err", err)
			return false
		}
		return domain.ContactsOpen(&ms[i], l, supplier, buyer)
	}
	return false
}

// verified reports whether the enterprise id is verified; none or a missing one is not.
func (s *Service) verified(ctx context.Context, id string) (bool, error) {
	if id == "" {
		return false, nil
	}
	e, err := s.Buyers.Get(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return e.IsVerified(), nil
}
