package accounts

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"duijie/domain"
	"duijie/store"
)

// Verification is what the service needs to move an enterprise through verification.
type Verification interface {
	Get(ctx context.Context, id string) (*domain.Enterprise, error)
	SetVerification(ctx context.Context, id string, to domain.Verification, note string, at time.Time,
		from ...domain.Verification) (*domain.Enterprise, error)
	List(ctx context.Context, f store.EnterpriseFilter, page store.Page) ([]domain.Enterprise, string, int, error)
}

// SubmitLicence stores the business licence of the member's enterprise and puts it in the queue
// (pending). The file must be a PDF, JPG or PNG (judged by its content) of at most 5 MB. A
// verified enterprise may replace its licence on file without losing its verification.
func (s *Service) SubmitLicence(ctx context.Context, a Actor, fileName string, data []byte) (*domain.Enterprise, error) {
	if a.User == nil || a.User.Role != domain.RoleMember || a.User.EnterpriseID == "" {
		return nil, domain.ErrForbidden
	}
	switch {
	case len(data) == 0:
		return nil, domain.Invalid("file", "required")
	case len(data) > domain.MaxLicenceBytes:
		return nil, domain.Invalid("file", "trust.field.licence_size")
	}
	ct := domain.LicenceType(data)
	if ct == "" {
		return nil, domain.Invalid("file", "trust.field.licence_type")
	}
	e, err := s.Verifier.Get(ctx, a.User.EnterpriseID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if len(fileName) > 200 || !utf8.ValidString(fileName) {
		fileName = "licence"
	}
	l := &domain.Licence{EnterpriseID: e.ID, FileName: fileName, ContentType: ct, Data: data, UploadedBy: a.User.ID,
		UploadedAt: now}
	if err := s.Licences.Put(ctx, l); err != nil {
		return nil, fmt.Errorf("store licence: %w", err)
	}
	if e.Verification == domain.VerificationVerified {
		s.audit(ctx, a, "enterprise.licence_replaced", "enterprise:"+e.ID, "")
		return e, nil
	}
	e, err = s.Verifier.SetVerification(ctx, e.ID, domain.VerificationPending, "", now,
		domain.VerificationUnverified, domain.VerificationRejected, domain.VerificationPending)
	if err != nil {
		return nil, err
	}
	s.audit(ctx, a, "enterprise.verification_requested", "enterprise:"+e.ID, ct)
	return e, nil
}

// Licence returns the licence of enterprise id for a caller who may decide its verification
// (an organiser of its clusters, an admin), and records the view: a licence carries the legal
// representative's name and the registered address.
func (s *Service) Licence(ctx context.Context, a Actor, id string) (*domain.Licence, error) {
	e, err := s.decidable(ctx, a, id)
	if err != nil {
		return nil, err
	}
	l, err := s.Licences.Get(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	s.audit(ctx, a, "enterprise.licence_view", "enterprise:"+e.ID, "")
	return l, nil
}

// decidable loads enterprise id if the caller may decide its verification; one it may not is
// "not found", as elsewhere for records out of scope.
func (s *Service) decidable(ctx context.Context, a Actor, id string) (*domain.Enterprise, error) {
	if !domain.ValidID(id) {
		return nil, domain.ErrNotFound
	}
	e, err := s.Verifier.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !domain.CanDecideVerification(a.User, e) {
		return nil, domain.ErrNotFound
	}
	return e, nil
}

// Verify marks enterprise id verified (from pending, unverified or rejected: the office may
// vouch for a firm it knows without a licence) and tells its members.
func (s *Service) Verify(ctx context.Context, a Actor, id string) (*domain.Enterprise, error) {
	e, err := s.decidable(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if e.Verification == domain.VerificationVerified {
		return e, nil // verifying twice changes nothing and mails no one
	}
	e, err = s.Verifier.SetVerification(ctx, e.ID, domain.VerificationVerified, "", s.now(),
		domain.VerificationPending, domain.VerificationUnverified, domain.VerificationRejected)
	if err != nil {
		return nil, err
	}
	s.audit(ctx, a, "enterprise.verified", "enterprise:"+e.ID, "")
	s.tellMembers(ctx, e, "verified", "/enterprises/me", e.Name)
	return e, nil
}

// Reject refuses enterprise id's verification with a reason the enterprise reads (required, at
// most 500 characters) and tells its members; a verified firm may be rejected too (revoked).
func (s *Service) Reject(ctx context.Context, a Actor, id, reason string) (*domain.Enterprise, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return nil, domain.Invalid("reason", "required")
	case utf8.RuneCountInString(reason) > domain.MaxRejectReason:
		return nil, domain.Invalid("reason", "too_long", domain.MaxRejectReason)
	}
	e, err := s.decidable(ctx, a, id)
	if err != nil {
		return nil, err
	}
	e, err = s.Verifier.SetVerification(ctx, e.ID, domain.VerificationRejected, reason, s.now(),
		domain.VerificationPending, domain.VerificationUnverified, domain.VerificationVerified, domain.VerificationRejected)
	if err != nil {
		return nil, err
	}
	s.audit(ctx, a, "enterprise.verification_rejected", "enterprise:"+e.ID, reason)
	s.tellMembers(ctx, e, "rejected", "/enterprises/me", e.Name, reason)
	return e, nil
}

// tellMembers mails every active member of e about a decision; a failure is logged, since the
// decision stands and the member sees it on the enterprise page.
func (s *Service) tellMembers(ctx context.Context, e *domain.Enterprise, key, path string, args ...any) {
	us, err := s.Users.ByEnterprise(ctx, e.ID)
	if err != nil {
		s.Log.Warn("verification mail: members", "enterprise_id", e.ID, "err", err)
		return
	}
	stamp := s.now().UnixMilli()
	for i := range us {
		if us[i].Disabled {
			continue
		}
		if err := s.send(ctx, s.recipient(ctx, &us[i]), key, path, fmt.Sprintf("verification:%s:%s:%d", e.ID, us[i].ID, stamp),
			args...); err != nil {
			s.Log.Warn("verification mail", "enterprise_id", e.ID, "user_id", us[i].ID, "err", err)
		}
	}
}

// QueueCounts counts the enterprises in each verification state within the caller's scope
// (an organiser's clusters, everything for an admin).
func (s *Service) QueueCounts(ctx context.Context, a Actor) (map[domain.Verification]int, error) {
	out := map[domain.Verification]int{}
	f := ScopeFilter(a.User)
	for _, v := range domain.Verifications {
		f.Verification = v
		_, _, n, err := s.Verifier.List(ctx, f, store.Page{Limit: 1})
		if err != nil {
			return nil, err
		}
		out[v] = n
	}
	return out, nil
}

// ScopeFilter is the directory filter of what the user may see: an organiser its clusters.
func ScopeFilter(u *domain.User) store.EnterpriseFilter {
	if u != nil && u.Role == domain.RoleOrganiser {
		return store.EnterpriseFilter{Clusters: append([]string{"-"}, u.Clusters...)}
	}
	return store.EnterpriseFilter{}
}
