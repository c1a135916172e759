package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
)

// createLead stores a new lead from in for the caller: a member posts for its own enterprise;
// an organiser or admin posts for a registered buyer (buyerUscc) or an outside buyer
// (buyerName, e.g. an overseas buyer met at a fair). "status":"open" opens it at once.
func (h *Handler) createLead(c *fiber.Ctx, in *leadInput) (*domain.Lead, error) {
	ctx, u, now := c.UserContext(), currentUser(c), h.now()
	l := &domain.Lead{PostedBy: u.ID, Status: domain.LeadDraft, CreatedAt: now, UpdatedAt: now}
	in.applyContent(l)
	v := in.problems()
	contactOf := "" // a registered buyer whose contact the new lead carries back to staff
	switch u.Role {
	case domain.RoleMember:
		buyer, err := h.myEnterprise(c)
		if errors.Is(err, domain.ErrNotFound) {
			return nil, withMessage(fiber.StatusForbidden, "leads.error.noEnterprise")
		}
		if err != nil {
			return nil, err
		}
		l.BuyerEnterpriseID, l.BuyerName = buyer.ID, buyer.Name
		if l.Contact == (domain.Contact{}) {
			l.Contact = buyer.Contact
		}
	default:
		if uscc := domain.NormalizeUSCC(in.BuyerUSCC); uscc != "" {
			buyer, err := h.deps.Store.Enterprises.GetByUSCC(ctx, uscc)
			switch {
			case errors.Is(err, domain.ErrNotFound):
				v.Add("buyerUscc", "buyer_unknown")
			case err != nil:
				return nil, err
			case !domain.CanNameBuyer(u, buyer):
				// Naming a firm outside one's clusters would publish a lead in its name and hand
				// back its contact: refused like a firm one cannot see.
				v.Add("buyerUscc", "trust.field.buyer_scope")
			default:
				l.BuyerEnterpriseID, l.BuyerName = buyer.ID, buyer.Name
				if l.Contact == (domain.Contact{}) {
					l.Contact = buyer.Contact
					contactOf = buyer.ID
				}
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
	if err := h.inferClusters(c, l); err != nil {
		return nil, err
	}
	if err := h.validateLead(c, l, nil, true, v); err != nil {
		return nil, err
	}
	if in.Status == string(domain.LeadOpen) {
		if err := l.Open(now); err != nil {
			return nil, err
		}
	}
	if err := h.deps.Store.Leads.Create(ctx, l); err != nil {
		return nil, fmt.Errorf("create lead: %w", err)
	}
	h.auditLead(c, "lead.create", l)
	if contactOf != "" {
		h.audit(ctx, u.ID, "enterprise.contact.view", "enterprise:"+contactOf, "lead:"+l.ID, clientIP(c))
	}
	h.deps.Matches.LeadChanged(ctx, *l)
	return l, nil
}

// validateLead checks l against the current clusters, merges problems found earlier (v) and
// keeps an organiser to its clusters: a new lead (before nil) in one of them, a changed one per
// domain.LeadClustersProblem on the clusters before and after the change.
func (h *Handler) validateLead(c *fiber.Ctx, l *domain.Lead, before []string, checkDeadline bool, v *domain.ValidationError) error {
	ci, _, err := h.clusterIndex(c.UserContext())
	if err != nil {
		return err
	}
	if err := l.Validate(ci, h.now(), checkDeadline); err != nil {
		var ve *domain.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		for f, p := range ve.Fields {
			v.Add(f, p.Key, p.Args...)
		}
	}
	u := currentUser(c)
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

func managesAnyCluster(u *domain.User, clusters []string) bool {
	for _, c := range clusters {
		if u.CanManageCluster(c) {
			return true
		}
	}
	return false
}

// updateLead replaces the content of an editable lead with in.
func (h *Handler) updateLead(c *fiber.Ctx, l *domain.Lead, in *leadInput) error {
	if !l.Editable() {
		return withMessage(fiber.StatusConflict, "leads.error.notEditable")
	}
	prev := l.Status
	oldDeadline := l.Deadline
	before := append([]string{}, l.Clusters...)
	inferred, oldClusters := l.ClustersInferred, l.Clusters
	in.applyContent(l)
	if inferred && sameClusters(l.Clusters, oldClusters) {
		l.Clusters = nil // still the platform's guess: guess again from the new text
	}
	if err := h.inferClusters(c, l); err != nil {
		return err
	}
	if l.BuyerEnterpriseID == "" && currentUser(c).Role != domain.RoleMember {
		l.BuyerName = in.BuyerName // an outside buyer's name may be corrected
	}
	changed := (oldDeadline == nil) != (l.Deadline == nil) || (l.Deadline != nil && !l.Deadline.Equal(*oldDeadline))
	if err := h.validateLead(c, l, before, changed, in.problems()); err != nil {
		return err
	}
	l.UpdatedAt = h.now()
	if err := h.deps.Store.Leads.Update(c.UserContext(), l, prev); err != nil {
		return err
	}
	h.auditLead(c, "lead.update", l)
	h.deps.Matches.LeadChanged(c.UserContext(), *l)
	return nil
}

// moveLead applies a lifecycle step (open, close) and stores it conditionally on the status the
// step started from, so two people acting at once cannot both win.
func (h *Handler) moveLead(c *fiber.Ctx, l *domain.Lead, action string, step func(*domain.Lead) error) error {
	prev := l.Status
	if err := step(l); err != nil {
		return err
	}
	if err := h.deps.Store.Leads.Update(c.UserContext(), l, prev); err != nil {
		return err
	}
	h.auditLead(c, action, l)
	h.deps.Matches.LeadChanged(c.UserContext(), *l)
	return nil
}

func (h *Handler) auditLead(c *fiber.Ctx, action string, l *domain.Lead) {
	detail, _ := json.Marshal(map[string]any{"status": l.Status, "outcome": l.Outcome, "clusters": l.Clusters,
		"buyer": strings.TrimSpace(l.BuyerEnterpriseID + " " + l.BuyerName)})
	h.audit(c.UserContext(), currentUser(c).ID, action, "lead:"+l.ID, string(detail), clientIP(c))
}
