package handlers

import (
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"duijie/domain"
	"duijie/service/intake"
)

// The lead form's "我们理解为：…" works without JavaScript too. With it, intake.js asks
// POST /api/v1/leads/analyse as the buyer types and shows chips to accept or remove. Without it,
// the form offers a button (inside <noscript>) that posts the form with understand=1: the page
// comes back with the same understanding written out, and what was understood filled into the
// fields the buyer left empty (clusters, export market, certifications), where the buyer keeps,
// changes or clears it before publishing. Nothing is stored by this step.

// wantsUnderstanding reports whether the form was posted by the "understand" button.
func wantsUnderstanding(c *fiber.Ctx) bool { return c.FormValue("understand") != "" }

// renderUnderstood re-renders the lead form (new when l is nil) with what the platform read
// from it.
func (h *Handler) renderUnderstood(c *fiber.Ctx, l *domain.Lead, form map[string]string, clusters, tiers []string) error {
	_, cls, err := h.clusterIndex(c.UserContext())
	if err != nil {
		return err
	}
	in := intake.AnalyseInput{Title: form["title"], Description: form["description"],
		HSCodes: domain.SplitList(form["hsCodes"]), IndustryCodes: domain.SplitList(form["industryCodes"])}
	a := h.intakeSvc().Analyse(in, cls, currentLocale(c))
	if len(clusters) == 0 {
		probe := domain.Lead{Title: in.Title, Description: in.Description, HSCodes: in.HSCodes, IndustryCodes: in.IndustryCodes}
		h.intakeSvc().Infer(&probe, cls)
		clusters = probe.Clusters
	}
	// Only the clusters a lead would get are shown: the weak guesses of the analysis would read
	// as claims (intake.js hides them the same way).
	shown := a.Clusters[:0:0]
	for _, c := range a.Clusters {
		if slices.Contains(clusters, c.Code) {
			shown = append(shown, c)
		}
	}
	a.Clusters = shown
	if strings.TrimSpace(form["exportMarket"]) == "" {
		form["exportMarket"] = a.ExportMarket
	}
	if strings.TrimSpace(form["requiredCertifications"]) == "" && len(a.Certifications) > 0 {
		form["requiredCertifications"] = strings.Join(a.Certifications, ", ")
	}
	return h.renderLeadForm(c, fiber.StatusOK, l, form, clusters, tiers, nil, &a)
}

// canTriage reports whether u has a triage queue (organisers and admins).
func canTriage(u *domain.User) bool {
	return u != nil && (u.Role == domain.RoleOrganiser || u.Role == domain.RoleAdmin)
}
