package handlers

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/intake"
)

// pageLeads lists the leads the caller may see, filtered by cluster, status and "mine".
func (h *Handler) pageLeads(c *fiber.Ctx) error {
	if t := c.Query("triage"); (t == "1" || t == "true") && canTriage(currentUser(c)) {
		return c.Redirect("/leads/triage", fiber.StatusSeeOther) // the queue has its own page, with the confirm forms
	}
	f, err := leadFilter(c)
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	page.Limit = min(page.Limit, 30)
	ls, next, total, err := h.leads.List(c.UserContext(), callerOf(c), f, page)
	if err != nil {
		return err
	}
	u, lang := currentUser(c), currentLocale(c)
	views := make([]leadPageView, len(ls))
	for i := range ls {
		views[i] = leadPageView{ls[i], lang}
	}
	q := url.Values{}
	for _, k := range []string{"q", "cluster", "status", "mine"} {
		if v := c.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	base := "/leads?" + q.Encode()
	nextURL, first := "", ""
	if next != "" {
		nextURL = base + "&cursor=" + url.QueryEscape(next)
	}
	if page.Cursor != "" {
		first = base
	}
	return h.render(c, fiber.StatusOK, "leads/list", &leadListView{
		Page:  Page{Form: map[string]string{"q": c.Query("q"), "cluster": f.Cluster, "status": string(f.Status), "mine": c.Query("mine")}},
		Leads: views, Total: total, Next: nextURL, First: first, Statuses: domain.LeadStatuses,
		CanPost: u.Role != domain.RoleMember || u.EnterpriseID != "",
	})
}

// pageLead shows one lead; the buyer and its contact only to those the privacy rule allows.
func (h *Handler) pageLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, false)
	if err != nil {
		return err
	}
	u := currentUser(c)
	understood, err := h.understoodForTriage(c, u, l)
	if err != nil {
		return err
	}
	return h.render(c, fiber.StatusOK, "leads/detail", &leadDetailView{
		Lead: leadPageView{h.leadView(c, l), currentLocale(c)}, CanEdit: domain.CanEditLead(u, l),
		Outcomes: closeOutcomes(l), Matches: hasGetRoute(c, "/leads/:id/matches"),
		CanTriage: domain.CanTriageLead(u, l), Understood: understood,
	})
}

// understoodForTriage is what the platform read from l, for whoever confirms its inferred
// clusters on the lead's page (as the triage queue shows it); nil for anyone else.
func (h *Handler) understoodForTriage(c *fiber.Ctx, u *domain.User, l *domain.Lead) (*intake.Analysis, error) {
	if !l.ClustersInferred || !domain.CanTriageLead(u, l) {
		return nil, nil
	}
	_, cls, err := h.clusterIndex(c.UserContext())
	if err != nil {
		return nil, err
	}
	a := h.intakeSvc().Analyse(analyseInputOf(l), cls, currentLocale(c))
	return &a, nil
}

// closeOutcomes are the outcomes the close form offers for l: a draft was never offered to
// anyone, so it can only be cancelled.
func closeOutcomes(l *domain.Lead) []domain.LeadOutcome {
	if l.Status == domain.LeadDraft {
		return []domain.LeadOutcome{domain.OutcomeCancelled}
	}
	return domain.LeadOutcomes
}

// leadFormOf fills the lead form from l.
func leadFormOf(l *domain.Lead, loc *time.Location) map[string]string {
	j := func(s []string) string { return strings.Join(s, ", ") }
	f := map[string]string{
		"title": l.Title, "description": l.Description, "industryCodes": j(l.IndustryCodes), "hsCodes": j(l.HSCodes),
		"unit": l.Unit, "currency": l.Currency, "deliveryRegion": l.DeliveryRegion, "exportMarket": l.ExportMarket,
		"requiredCertifications": j(l.RequiredCertifications), "buyerName": l.BuyerName,
		"contact.name": l.Contact.Name, "contact.email": l.Contact.Email, "contact.phone": l.Contact.Phone,
	}
	if l.Quantity > 0 {
		f["quantity"] = strconv.FormatFloat(l.Quantity, 'f', -1, 64)
	}
	if l.BudgetMin > 0 {
		f["budgetMin"] = strconv.FormatInt(l.BudgetMin, 10)
	}
	if l.BudgetMax > 0 {
		f["budgetMax"] = strconv.FormatInt(l.BudgetMax, 10)
	}
	if l.Deadline != nil {
		f["deadline"] = l.Deadline.In(loc).Format("2006-01-02")
	}
	return f
}

var leadFormFields = []string{"title", "description", "industryCodes", "hsCodes", "quantity", "unit", "budgetMin",
	"budgetMax", "currency", "deliveryRegion", "exportMarket", "requiredCertifications", "deadline", "buyerName",
	"buyerUscc", "contact.name", "contact.email", "contact.phone"}

// leadFormInput reads the lead form. Numbers and the date that cannot be read are reported on
// their field; the rest is the domain's to check.
func (h *Handler) leadFormInput(c *fiber.Ctx) (leadInput, map[string]string, []string, *domain.ValidationError) {
	form := map[string]string{}
	for _, k := range leadFormFields {
		form[k] = strings.TrimSpace(c.FormValue(k))
	}
	clusters, tiers := formValues(c, "clusters"), formValues(c, "preferredTiers")
	v := &domain.ValidationError{}
	in := leadInput{
		Title: form["title"], Description: form["description"], Clusters: clusters,
		IndustryCodes: domain.SplitList(form["industryCodes"]), HSCodes: domain.SplitList(form["hsCodes"]),
		Unit: form["unit"], Currency: form["currency"], DeliveryRegion: resolveRegion(form["deliveryRegion"]),
		ExportMarket: form["exportMarket"], RequiredCertifications: domain.SplitList(form["requiredCertifications"]),
		BuyerName: form["buyerName"], BuyerUSCC: form["buyerUscc"], Status: c.FormValue("status"),
		Contact: domain.Contact{Name: form["contact.name"], Email: form["contact.email"], Phone: form["contact.phone"]},
	}
	for _, t := range tiers {
		in.PreferredTiers = append(in.PreferredTiers, domain.EnterpriseTier(t))
	}
	if s := form["quantity"]; s != "" {
		q, err := strconv.ParseFloat(s, 64)
		if err != nil {
			v.Add("quantity", "number_format")
		}
		in.Quantity = q
	}
	for _, b := range []struct {
		k   string
		dst *int64
	}{{"budgetMin", &in.BudgetMin}, {"budgetMax", &in.BudgetMax}} {
		if s := form[b.k]; s != "" {
			// 元 by default; "12万" is read as 120,000 (domain.ParseMoney).
			n, ok := domain.ParseMoney(s, domain.Yuan)
			if !ok {
				v.Add(b.k, "number_format")
			}
			*b.dst = n
		}
	}
	if s := form["deadline"]; s != "" {
		// A buyer who names a day means offers are welcome all that day, Beijing time.
		d, err := domain.ParseDeadline(s)
		if err != nil {
			v.Add("deadline", "date_format")
		} else {
			in.Deadline = &deadlineInput{at: d}
		}
	}
	return in, form, clusters, v
}

// moreLeadProblems adds what the lead rules find wrong in the rest of the form to the fields
// that could not be read (a quantity of "十"), so one submission shows every problem at once.
// base is the lead being edited, nil for a new one; nothing is stored.
func (h *Handler) moreLeadProblems(c *fiber.Ctx, base *domain.Lead, in *leadInput, v *domain.ValidationError) {
	u := currentUser(c)
	probe := domain.Lead{PostedBy: u.ID}
	var before []string
	if base != nil {
		probe = *base
		before = append([]string{}, base.Clusters...)
	}
	oldDeadline := probe.Deadline
	content := in.content()
	probe.TakeContent(&content)
	switch {
	case base != nil:
		if probe.BuyerEnterpriseID == "" && u.Role != domain.RoleMember {
			probe.BuyerName = in.BuyerName
		}
	case u.Role == domain.RoleMember || in.BuyerUSCC != "":
		probe.BuyerEnterpriseID = "buyer" // the member's firm, or the firm service/leads looks up
	default:
		probe.BuyerName = in.BuyerName
	}
	checkDeadline := base == nil || (oldDeadline == nil) != (probe.Deadline == nil) ||
		(oldDeadline != nil && !oldDeadline.Equal(*probe.Deadline))
	if err := h.leads.Check(c.UserContext(), u, &probe, before, checkDeadline, v); err != nil && !errors.As(err, new(*domain.ValidationError)) {
		h.web.log.Warn("lead form: checking the other fields", "err", err)
	}
}

// regionExplained is v with an ambiguous delivery region named as such.
func regionExplained(v *domain.ValidationError, form map[string]string) *domain.ValidationError {
	explainAmbiguousRegion(v, "deliveryRegion", form["deliveryRegion"])
	return v
}

func (h *Handler) renderLeadForm(c *fiber.Ctx, status int, l *domain.Lead, form map[string]string, clusters, tiers []string, errs map[string]string, understood ...*intake.Analysis) error {
	u := currentUser(c)
	onBehalf := u.Role != domain.RoleMember
	data := &leadFormView{
		Page: Page{Form: form, Errors: errs}, SelectedClusters: clusters, SelectedTiers: tiers,
		Tiers: domain.EnterpriseTiers, OnBehalf: onBehalf,
		// An outside buyer's name stays editable (service/leads takes it from the form); a
		// registered buyer is chosen by its credit code once, when the lead is posted.
		BuyerNameField: onBehalf && (l == nil || l.BuyerEnterpriseID == ""),
		BuyerUsccField: onBehalf && l == nil,
		RegionHint:     deliveryRegionHint(currentLocale(c), form["deliveryRegion"]),
	}
	if l != nil {
		data.Lead = &leadPageView{*l, currentLocale(c)}
	}
	for _, a := range understood {
		data.Understood = a
	}
	return h.render(c, status, "leads/form", data)
}

// pageNewLead is the form to post a lead.
func (h *Handler) pageNewLead(c *fiber.Ctx) error {
	return h.renderLeadForm(c, fiber.StatusOK, nil, map[string]string{"currency": domain.DefaultCurrency}, nil, nil, nil)
}

// formCreateLead posts the form: "save as draft" or "publish".
func (h *Handler) formCreateLead(c *fiber.Ctx) error {
	in, form, clusters, v := h.leadFormInput(c)
	tiers := formValues(c, "preferredTiers")
	lang := currentLocale(c)
	if wantsUnderstanding(c) {
		return h.renderUnderstood(c, nil, form, clusters, tiers) // the no-JS "我们理解为"
	}
	if v.Err() != nil {
		h.moreLeadProblems(c, nil, &in, v)
		return h.renderLeadForm(c, fiber.StatusUnprocessableEntity, nil, form, clusters, tiers, translateFields(lang, regionExplained(v, form)))
	}
	l, err := h.leads.Create(c.UserContext(), callerOf(c), in.service())
	if err != nil {
		var ve *domain.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		return h.renderLeadForm(c, fiber.StatusUnprocessableEntity, nil, form, clusters, tiers, translateFields(lang, regionExplained(ve, form)))
	}
	return h.redirectWithFlash(c, "/leads/"+l.ID, "success", "leads.created")
}

// pageEditLead is the form to change a draft or open lead.
func (h *Handler) pageEditLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, true)
	if err != nil {
		return err
	}
	if !l.Editable() {
		return withMessage(fiber.StatusConflict, "leads.error.notEditable")
	}
	tiers := make([]string, len(l.PreferredTiers))
	for i, t := range l.PreferredTiers {
		tiers[i] = string(t)
	}
	return h.renderLeadForm(c, fiber.StatusOK, l, leadFormOf(l, h.loadZone("")), l.Clusters, tiers, nil)
}

// formUpdateLead saves the edit form.
func (h *Handler) formUpdateLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, true)
	if err != nil {
		return err
	}
	in, form, clusters, v := h.leadFormInput(c)
	tiers := formValues(c, "preferredTiers")
	lang := currentLocale(c)
	if wantsUnderstanding(c) {
		return h.renderUnderstood(c, l, form, clusters, tiers) // the no-JS "我们理解为"
	}
	if v.Err() != nil {
		h.moreLeadProblems(c, l, &in, v)
		return h.renderLeadForm(c, fiber.StatusUnprocessableEntity, l, form, clusters, tiers, translateFields(lang, regionExplained(v, form)))
	}
	if err := h.leads.Update(c.UserContext(), callerOf(c), l, in.service()); err != nil {
		var ve *domain.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		return h.renderLeadForm(c, fiber.StatusUnprocessableEntity, l, form, clusters, tiers, translateFields(lang, regionExplained(ve, form)))
	}
	return h.redirectWithFlash(c, "/leads/"+l.ID, "success", "leads.saved")
}

// formOpenLead publishes a draft from its page.
func (h *Handler) formOpenLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, true)
	if err != nil {
		return err
	}
	if err := h.leads.Open(c.UserContext(), callerOf(c), l); err != nil {
		return h.leadActionError(c, l, err)
	}
	return h.redirectWithFlash(c, "/leads/"+l.ID, "success", "leads.opened")
}

// formCloseLead closes a lead with the chosen outcome.
func (h *Handler) formCloseLead(c *fiber.Ctx) error {
	l, err := h.leadFor(c, true)
	if err != nil {
		return err
	}
	outcome := domain.LeadOutcome(c.FormValue("outcome"))
	if outcome == "" {
		// The form starts on "choose an outcome", so that nobody records a signed order by accident.
		return h.leadActionError(c, l, domain.Invalid("outcome", "required"))
	}
	if err := h.leads.Close(c.UserContext(), callerOf(c), l, outcome); err != nil {
		return h.leadActionError(c, l, err)
	}
	return h.redirectWithFlash(c, "/leads/"+l.ID, "success", "leads.closed")
}

// leadActionError shows a refused lifecycle step on the lead's page instead of an error page.
func (h *Handler) leadActionError(c *fiber.Ctx, l *domain.Lead, err error) error {
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	fresh, gerr := h.leads.Get(c.UserContext(), callerOf(c), l.ID, false)
	if gerr != nil {
		return gerr
	}
	u := currentUser(c)
	c.Path("/leads/" + l.ID) // the lead's page: its language switch must not point at the form's address
	return h.render(c, fiber.StatusUnprocessableEntity, "leads/detail", &leadDetailView{
		Page: Page{Errors: translateFields(currentLocale(c), ve)},
		Lead: leadPageView{h.leadView(c, fresh), currentLocale(c)}, CanEdit: domain.CanEditLead(u, fresh),
		Outcomes: closeOutcomes(fresh), Matches: hasGetRoute(c, "/leads/:id/matches"),
		CanTriage: domain.CanTriageLead(u, fresh),
	})
}
