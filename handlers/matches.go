package handlers

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/matchsvc"
)

// matchView is a match as the API shows it: the record with its explanation summary in the
// caller's language, and what the caller may see of the other side.
type matchView struct {
	domain.Match
	Mutual  bool            `json:"mutual"`            // both sides interested
	Contact *domain.Contact `json:"contact,omitempty"` // the supplier's, for the buyer side once contacts are open
	Lead    *domain.Lead    `json:"lead,omitempty"`    // for the supplier, its buyer masked until contacts are open
	// SupplierVerified tells the buyer side which interested suppliers the office verified.
	SupplierVerified bool `json:"supplierVerified"`
	// ContactsOpen: mutual interest between two verified enterprises (domain.ContactsOpen).
	ContactsOpen bool `json:"contactsOpen"`
	// ContactsLocked says why a mutual match shows no contact to a member: "verify" (the
	// caller's own enterprise is not verified yet) or "counterpart" (the other side is not).
	ContactsLocked string `json:"contactsLocked,omitempty"`
}

// lockReason words why contacts stay closed on a mutual match for a member on one side.
func lockReason(mutual, open, ownVerified bool) string {
	switch {
	case !mutual || open:
		return ""
	case !ownVerified:
		return "verify"
	default:
		return "counterpart"
	}
}

// matches returns the matching service, or 503 on an instance built without one.
func (h *Handler) matches() (*matchsvc.Service, error) {
	if h.deps.Matches == nil {
		return nil, withMessage(fiber.StatusServiceUnavailable, "matches.unavailable")
	}
	return h.deps.Matches, nil
}

// rankLimit reads ?limit= of a ranking: absent means the default, numbers are clamped to
// 1..100 (limit=0 and limit=100000 are answered, not refused).
func rankLimit(c *fiber.Ctx) (int, error) {
	s := c.Query("limit")
	if s == "" {
		return matchsvc.DefaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badRequest("limit", "positive_integer")
	}
	return matchsvc.ClampLimit(n), nil
}

// buyerViews prepares a lead's ranking for its buyer side: summaries in the caller's language
// and, for mutual matches, the supplier's contact as the privacy rule allows. Staff views of a
// contact are audited, as on the enterprise record.
func (h *Handler) buyerViews(c *fiber.Ctx, svc *matchsvc.Service, u *domain.User, l *domain.Lead,
	ms []domain.Match) ([]matchView, error) {
	ctx, lang := c.UserContext(), currentLocale(c)
	out := make([]matchView, len(ms))
	buyerVerified, err := svc.Verified(ctx, l.BuyerEnterpriseID)
	if err != nil {
		return nil, err
	}
	for i := range ms {
		m := ms[i]
		m.Explanation.Summary = svc.Explain(m.Explanation, lang)
		v := matchView{Match: m, Mutual: m.Mutual()}
		if v.Mutual {
			e, err := svc.Supplier(ctx, m.EnterpriseID)
			if err != nil {
				return nil, err
			}
			v.SupplierVerified = e.IsVerified()
			v.ContactsOpen = domain.ContactsOpen(&m, l, v.SupplierVerified, buyerVerified)
			if u.Role == domain.RoleMember {
				v.ContactsLocked = lockReason(true, v.ContactsOpen, buyerVerified)
			}
			if ct := m.SupplierContact(u, l, e, buyerVerified); ct != (domain.Contact{}) {
				v.Contact = &ct
				if u.Role != domain.RoleMember {
					h.audit(ctx, u.ID, "enterprise.contact.view", "enterprise:"+e.ID, "match:"+m.ID, clientIP(c))
				}
			}
		}
		out[i] = v
	}
	return out, nil
}

// supplierView prepares a match for its supplier.
func supplierView(svc *matchsvc.Service, sm matchsvc.SupplierMatch, lang string) matchView {
	m := sm.Match.ForSupplier()
	m.Explanation.Summary = svc.Explain(m.Explanation, lang)
	l := sm.Lead
	return matchView{Match: m, Mutual: m.Mutual(), Lead: &l, SupplierVerified: sm.SupplierVerified,
		ContactsOpen: sm.ContactsOpen, ContactsLocked: lockReason(m.Mutual(), sm.ContactsOpen, sm.SupplierVerified)}
}

// apiLeadMatches answers a lead's ranked suppliers to its buyer side, its organisers and admins.
func (h *Handler) apiLeadMatches(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	limit, err := rankLimit(c)
	if err != nil {
		return err
	}
	ctx, u := c.UserContext(), currentUser(c)
	ms, l, err := svc.ForLead(ctx, u, c.Params("id"), limit)
	if err != nil {
		return err
	}
	views, err := h.buyerViews(c, svc, u, l, ms)
	if err != nil {
		return err
	}
	return sendList(c, views, "", len(views))
}

// matchStatuses reads ?status=sent,interested; empty means all.
func matchStatuses(c *fiber.Ctx) ([]domain.MatchStatus, error) {
	var out []domain.MatchStatus
	for _, s := range splitCSV(c.Query("status")) {
		ok := false
		for _, st := range domain.MatchStatuses {
			ok = ok || string(st) == s
		}
		if !ok {
			return nil, badRequest("status", "one_of", "sent, interested, declined, contacted, negotiating, intent, signed, lost")
		}
		out = append(out, domain.MatchStatus(s))
	}
	return out, nil
}

// apiMyMatches lists the leads matched to the member's enterprise ("leads for you").
func (h *Handler) apiMyMatches(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	statuses, err := matchStatuses(c)
	if err != nil {
		return err
	}
	sms, next, total, err := svc.ForSupplier(c.UserContext(), currentUser(c), statuses, page)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	views := make([]matchView, len(sms))
	for i, sm := range sms {
		views[i] = supplierView(svc, sm, lang)
	}
	return sendList(c, views, next, total)
}

// suggestionView is an open lead ranked for the member's enterprise that was not sent to it.
type suggestionView struct {
	Lead        domain.Lead             `json:"lead"`
	Score       float64                 `json:"score"`
	Explanation domain.MatchExplanation `json:"explanation"`
}

// apiMySuggestions ranks more open leads for the member's enterprise, live.
func (h *Handler) apiMySuggestions(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	limit, err := rankLimit(c)
	if err != nil {
		return err
	}
	sug, err := svc.Recommend(c.UserContext(), currentUser(c), limit)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	out := make([]suggestionView, len(sug))
	for i, s := range sug {
		s.Explanation.Summary = svc.Explain(s.Explanation, lang)
		out[i] = suggestionView{Lead: s.Lead, Score: s.Score, Explanation: s.Explanation}
	}
	return sendList(c, out, "", len(out))
}

// matchFor shows one match to whichever side the caller is on.
func (h *Handler) matchFor(c *fiber.Ctx, svc *matchsvc.Service, u *domain.User, m *domain.Match,
	l *domain.Lead) (matchView, error) {
	if domain.IsMatchSupplier(u, m) {
		open, verified, err := svc.ContactsOpen(c.UserContext(), m, l)
		if err != nil {
			return matchView{}, err
		}
		return supplierView(svc, matchsvc.SupplierMatch{Match: *m, Lead: m.LeadFor(u, *l, open), ContactsOpen: open,
			SupplierVerified: verified}, currentLocale(c)), nil
	}
	vs, err := h.buyerViews(c, svc, u, l, []domain.Match{*m})
	if err != nil {
		return matchView{}, err
	}
	return vs[0], nil
}

// apiGetMatch answers one match to its supplier and to those who manage its lead.
func (h *Handler) apiGetMatch(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	ctx, u := c.UserContext(), currentUser(c)
	m, l, err := svc.Get(ctx, u, c.Params("id"))
	if err != nil {
		return err
	}
	v, err := h.matchFor(c, svc, u, m, l)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, v)
}

type respondInput struct {
	Decision string `json:"decision" validate:"max=20"`
	Note     string `json:"note" validate:"max=2000"`
}

// apiRespond records the matched supplier's answer; answering twice the same way is harmless.
func (h *Handler) apiRespond(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	var in respondInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx, u := c.UserContext(), currentUser(c)
	m, err := svc.Respond(ctx, u, c.Params("id"), domain.MatchStatus(strings.TrimSpace(in.Decision)), in.Note)
	if err != nil {
		return err
	}
	h.afterMatchMove(ctx, m)
	return h.sendMatch(c, svc, u, m)
}

type outcomeInput struct {
	Stage    string `json:"stage" validate:"max=20"`
	Value    int64  `json:"value" validate:"gte=0"`
	Currency string `json:"currency" validate:"max=3"`
	Note     string `json:"note" validate:"max=2000"`
}

// apiOutcome records how a match went, for the buyer side and the lead's organisers.
func (h *Handler) apiOutcome(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	var in outcomeInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx, u := c.UserContext(), currentUser(c)
	m, err := svc.RecordOutcome(ctx, u, c.Params("id"), domain.Outcome{Stage: domain.MatchStatus(strings.TrimSpace(in.Stage)),
		Value: in.Value, Currency: in.Currency, Note: in.Note})
	if err != nil {
		return err
	}
	h.afterMatchMove(ctx, m)
	return h.sendMatch(c, svc, u, m)
}

// sendMatch answers a match just moved, as its mover sees it.
func (h *Handler) sendMatch(c *fiber.Ctx, svc *matchsvc.Service, u *domain.User, m *domain.Match) error {
	ctx := c.UserContext()
	_, l, err := svc.Get(ctx, u, m.ID)
	if err != nil {
		return err
	}
	v, err := h.matchFor(c, svc, u, m, l)
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, v)
}

// apiFunnel counts how far matches got: ?lead= for one lead, ?cluster= for one cluster, else
// every cluster the caller runs.
func (h *Handler) apiFunnel(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	f, err := svc.Funnel(c.UserContext(), currentUser(c), matchsvc.FunnelScope{
		LeadID: c.Query("lead"), Cluster: strings.ToUpper(strings.TrimSpace(c.Query("cluster")))})
	if err != nil {
		return err
	}
	return sendData(c, fiber.StatusOK, f)
}
