package handlers

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/locales"
	"duijie/service/deals"
)

// dealPanel fills the deal state of a lead's ranking page (shortlist, quotes, invitations) and
// returns the panel for the template.
func (h *Handler) dealPanel(c *fiber.Ctx, l *domain.Lead, items []buyerItem) (*deals.Panel, error) {
	p, err := h.deps.Deals.Panel(c.UserContext(), currentUser(c), l, c.Query("invite_q"))
	if err != nil {
		return nil, err
	}
	for i := range items {
		items[i].Shortlisted = p.Shortlisted[items[i].EnterpriseID]
		items[i].Quoted = items[i].ID != "" && p.Quoted[items[i].ID]
		items[i].Invited = items[i].Match.Invited()
	}
	return p, nil
}

// matchesPage is where the buyer actions return to, with the card in view.
func matchesPage(leadID, anchor string) string {
	p := "/leads/" + url.PathEscape(leadID) + "/matches"
	if anchor != "" {
		p += "#" + anchor
	}
	return p
}

// dealFlash turns a refused buyer action into the flash key that explains it; other errors
// are left to the error page.
func dealFlash(err error) (string, bool) {
	var ve *domain.ValidationError
	var ce *domain.ConflictError
	switch {
	case errors.As(err, &ve):
		for _, p := range ve.Fields {
			return "errors.field." + p.Key, true
		}
	case errors.As(err, &ce):
		return "errors.field." + ce.Key, true
	}
	return "", false
}

// formShortlist adds (action=add) or removes a supplier from the lead's shortlist.
func (h *Handler) formShortlist(c *fiber.Ctx) error {
	id, ent := c.Params("id"), strings.TrimSpace(c.FormValue("enterpriseId"))
	var err error
	if c.FormValue("action") == "remove" {
		err = h.deps.Deals.Unshortlist(c.UserContext(), currentUser(c), id, ent)
	} else {
		err = h.deps.Deals.Shortlist(c.UserContext(), currentUser(c), id, ent)
	}
	back := matchesPage(id, "match-"+c.FormValue("matchId"))
	if c.FormValue("back") == "quotes" { // shortlisted from the comparison: stay there
		back = "/leads/" + id + "/quotes"
	}
	if key, ok := dealFlash(err); ok {
		return h.redirectWithFlash(c, back, "error", key)
	}
	if err != nil {
		return err
	}
	if c.FormValue("action") == "remove" {
		return h.redirectWithFlash(c, back, "success", "deal.flash.unshortlisted")
	}
	return h.redirectWithFlash(c, back, "success", "deal.flash.shortlisted")
}

// formInvite invites a supplier found by the search box to quote.
func (h *Handler) formInvite(c *fiber.Ctx) error {
	id := c.Params("id")
	m, err := h.deps.Deals.Invite(c.UserContext(), currentUser(c), id, strings.TrimSpace(c.FormValue("enterpriseId")),
		strings.TrimSpace(c.FormValue("note")))
	if key, ok := dealFlash(err); ok {
		return h.redirectWithFlash(c, matchesPage(id, "invite"), "error", key)
	}
	if err != nil {
		return err
	}
	return h.redirectWithFlash(c, matchesPage(id, "match-"+m.ID), "success", "deal.flash.invited")
}

// quoteRow is a quote as the comparison table prints it.
type quoteRow struct {
	deals.QuoteView
	UnitText, TotalText string
}

// amount prints a major-unit amount with two decimals and thousands separators.
func amount(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

// pageLeadQuotes compares the lead's quotes side by side.
func (h *Handler) pageLeadQuotes(c *fiber.Ctx) error {
	key, desc := c.Query("sort"), c.Query("desc") == "1"
	cmp, err := h.deps.Deals.Compare(c.UserContext(), currentUser(c), c.Params("id"), key, desc)
	if err != nil {
		return err
	}
	lang := currentLocale(c)
	rows := make([]quoteRow, len(cmp.Quotes))
	for i, q := range cmp.Quotes {
		rows[i] = quoteRow{QuoteView: q, UnitText: amount(q.UnitPrice), TotalText: amount(q.Total)}
	}
	totals := make([]quoteTotal, len(cmp.Currencies))
	for i, t := range cmp.Currencies {
		totals[i] = quoteTotal{Currency: t.Currency, Count: t.Count, Lowest: amount(t.Lowest), Highest: amount(t.Highest)}
	}
	// Each column header sorts by it; the current one flips direction. The supplier comes first,
	// so a phone that scrolls the table sideways still shows whose quote a row is.
	keys := append([]string{"supplier"}, slices.DeleteFunc(slices.Clone(deals.SortKeys), func(k string) bool { return k == "supplier" })...)
	sorts := make([]quoteSort, 0, len(keys))
	for _, k := range keys {
		d := "0"
		if k == cmp.Sort && !cmp.Desc {
			d = "1"
		}
		sorts = append(sorts, quoteSort{Key: k, URL: fmt.Sprintf("?sort=%s&desc=%s", k, d),
			Active: k == cmp.Sort, Desc: cmp.Desc})
	}
	return h.render(c, fiber.StatusOK, "deals/quotes", &quotesView{
		Page: Page{Title: locales.T(lang, "deal.quotes.title", cmp.Lead.Title)}, Lead: cmp.Lead, Rows: rows,
		Totals: totals, Sorts: sorts, Sort: cmp.Sort, Desc: cmp.Desc,
		CanShortlist: domain.CanEditLead(currentUser(c), cmp.Lead) && domain.CheckBuyerAction(cmp.Lead) == nil,
	})
}

// pageQuoteForm is the supplier's quote form for a match it answered interested.
func (h *Handler) pageQuoteForm(c *fiber.Ctx) error {
	return h.renderQuoteForm(c, fiber.StatusOK, nil, nil)
}

func (h *Handler) renderQuoteForm(c *fiber.Ctx, status int, form map[string]string, errs map[string]string) error {
	svc, err := h.matches()
	if err != nil {
		return err
	}
	u := currentUser(c)
	m, l, err := svc.Get(c.UserContext(), u, c.Params("id"))
	if err != nil {
		return err
	}
	if !domain.IsMatchSupplier(u, m) {
		return domain.ErrNotFound
	}
	open, _, err := svc.ContactsOpen(c.UserContext(), m, l)
	if err != nil {
		return err
	}
	lead := m.LeadFor(u, *l, open)
	if form == nil {
		form = map[string]string{"currency": l.Currency, "quantity": strconv.FormatFloat(l.Quantity, 'f', -1, 64)}
		if q, err := h.deps.Store.Quotes.ByMatch(c.UserContext(), m.ID); err == nil {
			form = map[string]string{"unitPrice": strconv.FormatFloat(domain.MajorUnits(q.UnitPrice), 'f', -1, 64),
				"currency": q.Currency, "quantity": strconv.FormatInt(q.Quantity, 10), "moq": strconv.FormatInt(q.MOQ, 10),
				"leadTimeDays": strconv.Itoa(q.LeadTimeDays), "validUntil": q.ValidUntil.In(domain.Beijing).Format("2006-01-02"),
				"note": q.Note}
		}
	}
	lang := currentLocale(c)
	return h.render(c, status, "deals/quote", &quoteFormView{
		Page:  Page{Title: locales.T(lang, "deal.quote.title", lead.Title), Form: form, Errors: errs},
		Match: m, Lead: lead, CanQuote: m.CanQuote() && l.Status == domain.LeadOpen,
	})
}

// formQuote saves the supplier's quote; refused input shows the form again with the problems.
func (h *Handler) formQuote(c *fiber.Ctx) error {
	form := map[string]string{}
	for _, k := range []string{"unitPrice", "currency", "quantity", "moq", "leadTimeDays", "validUntil", "note"} {
		form[k] = strings.TrimSpace(c.FormValue(k))
	}
	in := quoteInput{Currency: form["currency"], ValidUntil: form["validUntil"], Note: form["note"]}
	bad := &domain.ValidationError{}
	parse := func(k string, dst any) {
		s := strings.ReplaceAll(form[k], ",", "")
		if s == "" {
			return
		}
		var err error
		switch d := dst.(type) {
		case *float64:
			*d, err = strconv.ParseFloat(s, 64)
		case *int64:
			*d, err = strconv.ParseInt(s, 10, 64)
		case *int:
			*d, err = strconv.Atoi(s)
		}
		if err != nil {
			bad.Add(k, "invalid")
		}
	}
	parse("unitPrice", &in.UnitPrice)
	parse("quantity", &in.Quantity)
	parse("moq", &in.MOQ)
	parse("leadTimeDays", &in.LeadTimeDays)
	lang := currentLocale(c)
	if bad.Err() != nil {
		return h.renderQuoteForm(c, fiber.StatusUnprocessableEntity, form, translateFields(lang, bad))
	}
	qi, err := in.toDomain()
	if err == nil {
		_, err = h.deps.Deals.Quote(c.UserContext(), currentUser(c), c.Params("id"), qi)
	}
	var ve *domain.ValidationError
	var ce *domain.ConflictError
	switch {
	case errors.As(err, &ve):
		return h.renderQuoteForm(c, fiber.StatusUnprocessableEntity, form, translateFields(lang, ve))
	case errors.As(err, &ce):
		return h.renderQuoteForm(c, fiber.StatusConflict, form, map[string]string{ce.Field: locales.T(lang, "errors.field."+ce.Key)})
	case err != nil:
		return err
	}
	return h.redirectWithFlash(c, "/me/matches#match-"+url.PathEscape(c.Params("id")), "success", "deal.flash.quoted")
}
