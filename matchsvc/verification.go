package matchsvc

import (
	"context"
	"errors"

	"duijie/domain"
)

// Verified reports whether the enterprise id is verified; a missing one is not.
func (s *Service) Verified(ctx context.Context, id string) (bool, error) {
	if id == "" {
		return false, nil
	}
	e, err := s.st.Enterprises.Get(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return e.IsVerified(), nil
}

// ContactsOpen applies domain.ContactsOpen to a match and its lead, loading both sides'
// verification; it also says whether the supplier is verified, for "verify to see contacts".
func (s *Service) ContactsOpen(ctx context.Context, m *domain.Match, l *domain.Lead) (open, supplierVerified bool, err error) {
	supplierVerified, err = s.Verified(ctx, m.EnterpriseID)
	if err != nil {
		return false, false, err
	}
	if !m.Mutual() {
		return false, supplierVerified, nil
	}
	buyerVerified, err := s.Verified(ctx, l.BuyerEnterpriseID)
	if err != nil {
		return false, false, err
	}
	return domain.ContactsOpen(m, l, supplierVerified, buyerVerified), supplierVerified, nil
}
