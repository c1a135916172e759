package handlers

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/matchsvc"
	"duijie/service/intake"
)

// matchTabs are the filters of "leads for you": what waits for an answer, what was answered.
var matchTabs = map[string][]domain.MatchStatus{
	"pending": {domain.MatchSent},
	"answered": {domain.MatchInterested, domain.MatchDeclined, domain.MatchContacted, domain.MatchNegotiating,
		domain.MatchIntent, domain.MatchSigned, domain.MatchLost},
	"all": nil,
}

// pageMyMatches is "leads for you": the leads sent to the member's enterprise with why they fit
// and the answer buttons, then more open leads the engine ranks for it.
func (h *Handler) pageMyMatches(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	tab := c.Query("show", "all")
	statuses, ok := matchTabs[tab]
	if !ok {
		tab, statuses = "all", nil
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	page.Limit = 20
	ctx, u, lang := c.UserContext(), currentUser(c), currentLocale(c)
	sms, next, total, err := svc.ForSupplier(ctx, u, statuses, page)
	if err != nil {
		return err
	}
	items := make([]matchView, len(sms))
	for i, sm := range sms {
		items[i] = supplierView(svc, sm, lang)
	}
	sug, err := svc.Recommend(ctx, u, 10)
	if err != nil {
		return err
	}
	weakSug := 0
	for i := range sug {
		sug[i].Explanation.Summary = svc.Explain(sug[i].Explanation, lang)
		if sug[i].Weak {
			weakSug++
		}
	}
	first, nextURL := "", ""
	if page.Cursor != "" {
		first = "/me/matches?show=" + tab
	}
	if next != "" {
		nextURL = "/me/matches?" + url.Values{"show": {tab}, "cursor": {next}}.Encode()
	}
	return h.render(c, fiber.StatusOK, "matches/mine", &matchesMineView{
		Items: items, Suggestions: sug, WeakSuggestions: weakSug, Tab: tab, Tabs: []string{"all", "pending", "answered"},
		Total: total, First: first, Next: nextURL, LeadPages: hasGetRoute(c, "/leads/:id"),
	})
}

// buyerItem is one supplier on a lead's ranking page.
type buyerItem struct {
	matchView
	Next         []domain.MatchStatus // outcome stages the caller may record now
	Problem      string               // why the outcome just sent for this match was refused
	ValueProblem bool                 // the problem is the value's
	Form         map[string]string    // what was sent, to fill the form again
	// Deal state: on the buyer's shortlist, quoted, invited by the buyer.
	Shortlisted, Quoted, Invited bool
}

// outcomeProblem is an outcome form that was refused, shown again on its match's card: the
// page is long and a message at its top would be out of sight.
type outcomeProblem struct {
	MatchID string
	Key     string // message key
	Form    map[string]string
}

// pageLeadMatches shows a lead's ranked suppliers to its buyer side and organisers: why each
// fits, what each answered, contacts once the interest is mutual, and the outcome form.
func (h *Handler) pageLeadMatches(c *fiber.Ctx) error {
	return h.renderLeadMatches(c, c.Params("id"), fiber.StatusOK, nil)
}

// renderLeadMatches renders the ranking of lead leadID, with p on its match's card when an
// outcome was refused.
func (h *Handler) renderLeadMatches(c *fiber.Ctx, leadID string, status int, p *outcomeProblem) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	limit, err := rankLimit(c)
	if err != nil {
		return err
	}
	ctx, u, lang := c.UserContext(), currentUser(c), currentLocale(c)
	ms, l, err := svc.ForLead(ctx, u, leadID, limit)
	if err != nil {
		return err
	}
	views, err := h.buyerViews(c, svc, u, l, ms)
	if err != nil {
		return err
	}
	canOutcome := domain.CanRecordOutcome(u, l)
	items := make([]buyerItem, len(views))
	shown := p == nil
	for i, v := range views {
		items[i] = buyerItem{matchView: v}
		if canOutcome && v.ID != "" {
			items[i].Next = v.NextOutcomes()
		}
		if p != nil && v.ID == p.MatchID {
			items[i].Problem, items[i].Form, shown = locales.T(lang, p.Key), p.Form, true
			items[i].ValueProblem = p.Key == "matches.flash.value"
		}
	}
	if !shown {
		// The match is beyond the ranks shown: say it at the top of the page instead.
		h.setFlash(c, "error", p.Key)
		return c.Redirect("/leads/"+url.PathEscape(leadID)+"/matches", fiber.StatusSeeOther)
	}
	funnel, err := svc.Funnel(ctx, u, matchsvc.FunnelScope{LeadID: l.ID})
	if err != nil {
		return err
	}
	deal, err := h.dealPanel(c, l, items)
	if err != nil {
		return err
	}
	unread, weaker := "", 0
	for _, it := range items {
		if it.Weak {
			weaker++
		}
	}
	if len(items) == 0 {
		if places, ok := svc.Unread(l); ok {
			unread = intake.UnreadMessage(places, lang)
		}
	}
	return h.render(c, status, "matches/lead", &matchesLeadView{
		Page: Page{Title: locales.T(lang, "matches.lead.title", l.Title)}, Lead: l, Items: items, Funnel: funnel, Unread: unread, Weaker: weaker,
		Limit: limit, More: limit < matchsvc.MaxLimit && len(items) >= limit, MoreLimit: min(limit*2, matchsvc.MaxLimit),
		LeadPage: hasGetRoute(c, "/leads/:id"), CanOutcome: canOutcome, Deal: deal,
	})
}

// pageFunnel shows organisers how far the matches of their clusters got, cluster by cluster.
func (h *Handler) pageFunnel(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	ctx, u := c.UserContext(), currentUser(c)
	cluster := strings.ToUpper(strings.TrimSpace(c.Query("cluster")))
	total, err := svc.Funnel(ctx, u, matchsvc.FunnelScope{Cluster: cluster})
	if err != nil {
		return err
	}
	rows, err := svc.FunnelByCluster(ctx, u)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "matches/funnel", &matchesFunnelView{
		Funnel: total, Rows: rows, Cluster: cluster,
	})
}

// formRespond is the supplier's answer button on "leads for you".
func (h *Handler) formRespond(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	id := c.Params("id")
	decision := domain.MatchStatus(c.FormValue("decision"))
	m, err := svc.Respond(c.UserContext(), currentUser(c), id, decision, c.FormValue("note"))
	if err == nil {
		h.afterMatchMove(c.UserContext(), m)
	}
	back := "/me/matches#match-" + url.PathEscape(id)
	if key, ok := matchFormProblem(err); ok {
		return h.redirectWithFlash(c, back, "error", key)
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, back, "success", "matches.flash."+string(decision))
}

// formOutcome is the buyer side's outcome form on a lead's ranking page.
func (h *Handler) formOutcome(c *fiber.Ctx) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	var value int64
	if s := strings.TrimSpace(c.FormValue("value")); s != "" {
		var ok bool
		if value, ok = domain.ParseMoney(s, domain.Yuan); !ok { // 元, or "12万"
			value = -1 // refused by the domain rules as a bad value, like any other
		}
	}
	m, err := svc.RecordOutcome(c.UserContext(), currentUser(c), c.Params("id"), domain.Outcome{
		Stage: domain.MatchStatus(c.FormValue("stage")), Value: value, Currency: c.FormValue("currency"),
		Note: c.FormValue("note")})
	key, fixable := matchFormProblem(err)
	if err != nil && (!fixable || m == nil) {
		return err
	}
	if fixable {
		// The page shown is the ranking's: its menu and language switch must point there, not
		// at this form's address, which has no page.
		c.Path("/leads/" + m.LeadID + "/matches")
		return h.renderLeadMatches(c, m.LeadID, fiber.StatusUnprocessableEntity, &outcomeProblem{
			MatchID: m.ID, Key: key,
			Form: map[string]string{"stage": c.FormValue("stage"), "value": c.FormValue("value"), "note": c.FormValue("note")},
		})
	}
	h.afterMatchMove(c.UserContext(), m)
	back := "/leads/" + url.PathEscape(m.LeadID) + "/matches#match-" + url.PathEscape(m.ID)
	return h.redirectWithFlash(c, back, "success", "matches.flash.outcome")
}

// matchFormProblem turns what a person can fix or retry into a flash message; other errors
// (forbidden, not found) are answered with the error page.
func matchFormProblem(err error) (string, bool) {
	var ve *domain.ValidationError
	switch {
	case err == nil:
		return "", false
	case errors.As(err, &ve):
		if ve.Has("value") {
			return "matches.flash.value", true
		}
		return "matches.flash.invalid", true
	case errors.Is(err, domain.ErrConflict):
		return "matches.flash.conflict", true
	}
	return "", false
}
